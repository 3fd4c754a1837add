import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  OutcomeUnknownError,
  RateLimitError,
  ServerError,
  ValidationError,
  createApiError,
  isNotFound,
  parseProblems,
  toPointer,
} from '../../api/errors';
import { redactSecrets } from '../../api/redact';

const base = { method: 'POST', path: '/v2/integrations' };

describe('createApiError maps statuses to classes', () => {
  test.each([
    [400, ValidationError],
    [422, ValidationError],
    [401, AuthenticationError],
    [403, AuthenticationError],
    [404, NotFoundError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
  ])('%i -> %p', (status, cls) => {
    const err = createApiError({ ...base, status, body: undefined });
    expect(err).toBeInstanceOf(cls);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe((cls as { name: string }).name);
  });

  test('other statuses are plain ApiError', () => {
    const err = createApiError({ ...base, status: 409, body: undefined });
    expect(err.constructor).toBe(ApiError);
  });

  test('isNotFound recognises only NotFoundError', () => {
    expect(isNotFound(createApiError({ ...base, status: 404, body: undefined }))).toBe(true);
    expect(isNotFound(createApiError({ ...base, status: 400, body: undefined }))).toBe(false);
    expect(isNotFound(new Error('404'))).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
  });
});

describe('error formats', () => {
  test('Elastic Path errors with integer status and a pointer', () => {
    const err = createApiError({
      ...base,
      status: 422,
      body: { errors: [{ status: 422, title: 'Validation Error', detail: 'url must be a valid URI', source: { pointer: '/data/configuration/url' } }] },
    });
    expect(err.message).toBe('POST /v2/integrations failed with 422 Validation Error: url must be a valid URI (at /data/configuration/url)');
    expect(err).toMatchObject({ status: 422, title: 'Validation Error', detail: 'url must be a valid URI', pointer: '/data/configuration/url' });
    expect(err.problems[0]!.status).toBe(422);
  });

  test('Elastic Path errors with string status (authentication spec)', () => {
    const err = createApiError({ method: 'POST', path: '/oauth/access_token', status: 401, body: { errors: [{ title: 'Unauthorized', status: '401', detail: 'Unauthorized' }] } });
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.problems[0]!.status).toBe(401);
    expect(err.message).toBe('POST /oauth/access_token failed with 401 Unauthorized: Unauthorized');
  });

  test('a source given as a dotted string becomes a JSON pointer', () => {
    const err = createApiError({ ...base, status: 400, body: { errors: [{ status: '400', title: 'Bad Request', detail: 'required', source: 'data.configuration.url' }] } });
    expect(err.pointer).toBe('/data/configuration/url');
  });

  test('several problems: the first fills the fields, all appear in the message', () => {
    const err = createApiError({
      ...base,
      status: 422,
      body: {
        errors: [
          { status: 422, title: 'Validation Error', detail: 'name is required', source: { pointer: '/data/name' } },
          { status: 422, title: 'Validation Error', detail: 'observes is required', source: { pointer: '/data/observes' } },
        ],
      },
    });
    expect(err.pointer).toBe('/data/name');
    expect(err.problems).toHaveLength(2);
    expect(err.message).toContain('also: Validation Error: observes is required (at /data/observes)');
  });

  test('Sendcloud v3 errors with a code and a non-pointer source', () => {
    const err = createApiError({
      method: 'PATCH',
      path: '/api/v3/integrations/1',
      status: 400,
      body: { errors: [{ status: 400, code: 'extra_forbidden', title: 'Extra Forbidden', detail: 'Extra inputs are not permitted', source: { pointer: 'body/unknown_field' } }] },
    });
    expect(err).toMatchObject({ code: 'extra_forbidden', pointer: '/body/unknown_field' });
  });

  test('Sendcloud v3 `errors` as a single object (quirk)', () => {
    const err = createApiError({
      method: 'GET',
      path: '/api/v3/integrations/9',
      status: 404,
      body: { errors: { status: 404, code: 'not_found', title: 'Not Found', detail: 'The Integration could not be found' } },
    });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ code: 'not_found', title: 'Not Found', detail: 'The Integration could not be found' });
  });

  test('`errors` as a field -> messages map', () => {
    const problems = parseProblems({ errors: { webhook_url: ['Enter a valid URL.'], shop_name: 'too long' } });
    expect(problems).toEqual([
      { title: 'Invalid', detail: 'Enter a valid URL.', pointer: '/webhook_url' },
      { title: 'Invalid', detail: 'too long', pointer: '/shop_name' },
    ]);
  });

  test('Sendcloud v2 {"error":{code,request,message}}', () => {
    const err = createApiError({
      method: 'GET',
      path: '/api/v2/integrations/5',
      status: 404,
      body: { error: { code: 404, request: 'api/v2/integrations/', message: 'No Integration matches the given query.' } },
    });
    expect(err.message).toBe('GET /api/v2/integrations/5 failed with 404 Not Found: No Integration matches the given query.');
    expect(err.problems[0]!.status).toBe(404);
  });

  test('OAuth2 token errors', () => {
    const err = createApiError({ method: 'POST', path: '/oauth2/token', status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
    expect(err.message).toBe('POST /oauth2/token failed with 401 invalid_client: Client authentication failed');
  });

  test('{"detail": ...} bodies', () => {
    const err = createApiError({ method: 'GET', path: '/api/v2/integrations', status: 401, body: { detail: 'Authentication credentials were not provided.' } });
    expect(err.detail).toBe('Authentication credentials were not provided.');
    expect(err.title).toBe('Unauthorized');
  });

  test('plain text and HTML bodies are kept short', () => {
    const html = `<html>${'x'.repeat(5000)}</html>`;
    const err = createApiError({ ...base, status: 502, body: html });
    expect(err.title).toBe('Bad Gateway');
    expect(err.detail.length).toBeLessThanOrEqual(303);
  });

  test('an empty body gives the HTTP status text', () => {
    const err = createApiError({ ...base, status: 503, body: undefined });
    expect(err.message).toBe('POST /v2/integrations failed with 503 Service Unavailable');
  });

  test('the request id is taken from the response headers', () => {
    const err = createApiError({ ...base, status: 500, body: undefined, headers: { 'x-request-id': 'req-123' } });
    expect(err.requestId).toBe('req-123');
  });

  test('the raw body is available but not enumerable', () => {
    const body = { errors: [{ title: 'Bad', detail: 'd' }] };
    const err = createApiError({ ...base, status: 400, body });
    expect(err.responseBody).toBe(body);
    expect(Object.keys(err)).not.toContain('responseBody');
  });
});

describe('secrets', () => {
  test('secret values echoed by the server are removed from every field and the message', () => {
    const secret = 'whsec_s3cr3t-value';
    const err = createApiError({
      ...base,
      status: 422,
      secrets: [secret],
      body: { errors: [{ title: `bad ${secret}`, detail: `secret_key "${secret}" is invalid`, source: { pointer: `/x/${secret}` } }] },
    });
    for (const text of [err.message, err.title, err.detail, err.pointer ?? '', JSON.stringify(err)]) {
      expect(text).not.toContain(secret);
    }
    expect(err.detail).toBe('secret_key "[REDACTED]" is invalid');
  });

  test('redaction also catches URL-encoded secrets and prefers the longest match', () => {
    expect(redactSecrets('a=p%40ss%2Bword&b=1', ['p@ss+word'])).toBe('a=[REDACTED]&b=1');
    expect(redactSecrets('tokenABCDEF', ['ABCD', 'tokenABCDEF'])).toBe('[REDACTED]');
    // Very short values are not treated as secrets (they would mangle every message).
    expect(redactSecrets('abc', ['a'])).toBe('abc');
  });
});

describe('special errors', () => {
  test('ConnectionError names the method, path and code', () => {
    const err = new ConnectionError({ status: 0, title: 'Connection Error', detail: 'connect ECONNREFUSED 127.0.0.1:1', method: 'GET', path: '/v2/integrations', errorCode: 'ECONNREFUSED', requestSent: false });
    expect(err.message).toBe('GET /v2/integrations failed: connection error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1');
    expect(err).toBeInstanceOf(ApiError);
  });

  test('OutcomeUnknownError wraps the failure and says the request was not re-sent', () => {
    const cause = createApiError({ ...base, status: 502, body: undefined });
    const err = new OutcomeUnknownError(cause);
    expect(err.cause).toBe(cause);
    expect(err.message).toMatch(/^POST \/v2\/integrations: outcome unknown, the request may have been applied and was not re-sent/);
    expect(err.message).toContain('502 Bad Gateway');
  });

  test('toPointer leaves pointers alone and converts dotted or slashed paths', () => {
    expect(toPointer('/data/name')).toBe('/data/name');
    expect(toPointer('data.name')).toBe('/data/name');
    expect(toPointer('body/unknown_field')).toBe('/body/unknown_field');
  });
});
