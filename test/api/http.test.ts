import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  AuthenticationError,
  ConnectionError,
  OutcomeUnknownError,
  RateLimitError,
  RateLimitTimeoutError,
  ServerError,
  ValidationError,
} from '../../api/errors';
import { HttpClient, type AuthProvider, type RequestEvent } from '../../api/http';
import { PER_SECOND_LIMIT_ADAPTATION, RateBudget, TokenBucket } from '../../api/rate-limit';
import { MAX_CREDENTIAL_RENEWALS } from '../../api/retry';
import { TransportError, createAxiosTransport } from '../../api/transport';
import { FakeClock, ScriptedTransport, sendJson, startServer, type ScriptStep } from './helpers';

function client(steps: ScriptStep[], extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  const clock = new FakeClock();
  const transport = new ScriptedTransport(steps);
  const lines: string[] = [];
  const http = new HttpClient({
    name: 'test',
    baseUrl: 'http://api.test',
    transport,
    clock,
    random: () => 0.5,
    logger: (line) => lines.push(line),
    ...extra,
  });
  return { http, transport, clock, lines };
}

describe('HttpClient requests', () => {
  test('sends JSON with content type, default headers and the query string', async () => {
    const { http, transport } = client([{ status: 200, body: { ok: true } }]);
    const res = await http.request({ method: 'PUT', path: '/v2/x', json: { a: 1 }, query: { 'page[limit]': 10, skip: undefined } });
    expect(res.body).toEqual({ ok: true });
    const sent = transport.sent[0]!;
    expect(sent.url).toBe('http://api.test/v2/x?page[limit]=10');
    expect(sent.body).toBe('{"a":1}');
    expect(sent.headers).toMatchObject({ 'Content-Type': 'application/json', Accept: 'application/json' });
    expect(sent.timeoutMs).toBe(30_000);
  });

  test('sends forms url-encoded', async () => {
    const { http, transport } = client([{ status: 200, body: {} }]);
    await http.request({ method: 'POST', path: '/oauth', form: { grant_type: 'client_credentials', client_secret: 'a b&c' } });
    expect(transport.sent[0]!.body).toBe('grant_type=client_credentials&client_secret=a+b%26c');
    expect(transport.sent[0]!.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
  });

  test('an empty 204 answer has an undefined body', async () => {
    const { http } = client([{ status: 204 }]);
    expect((await http.request({ method: 'DELETE', path: '/x' })).body).toBeUndefined();
  });

  test('an unparsable JSON success is an error, not garbage', async () => {
    const { http } = client([{ status: 200, body: '{"data": [' }]);
    await expect(http.request({ method: 'GET', path: '/x' })).rejects.toThrow(/not valid JSON/);
  });

  test('absolute URLs bypass the base URL (token endpoints on another host)', async () => {
    const { http, transport } = client([{ status: 200, body: {} }]);
    await http.request({ method: 'POST', path: 'https://account.test/oauth2/token', form: {} });
    expect(transport.sent[0]!.url).toBe('https://account.test/oauth2/token');
  });

  test('the timeout is passed to the transport per attempt', async () => {
    const { http, transport } = client([{ status: 200 }], { timeoutMs: 1234 });
    await http.request({ method: 'GET', path: '/x' });
    expect(transport.sent[0]!.timeoutMs).toBe(1234);
  });
});

describe('HttpClient retries', () => {
  test('retries 503 and 502 on a GET with jittered exponential backoff, then succeeds', async () => {
    const { http, clock, transport } = client([{ status: 503 }, { status: 502 }, { status: 200, body: { ok: 1 } }]);
    const res = await http.request({ method: 'GET', path: '/x' });
    expect(res.status).toBe(200);
    expect(transport.sent).toHaveLength(3);
    // random 0.5 of ceilings 500 and 1000 ms.
    expect(clock.sleeps).toEqual([250, 500]);
  });

  test('honours Retry-After in seconds, plus jitter', async () => {
    const { http, clock } = client([{ status: 429, headers: { 'retry-after': '3' } }, { status: 200 }]);
    await http.request({ method: 'GET', path: '/x' });
    // random 0.5 of a fifth of 3 s.
    expect(clock.sleeps).toEqual([3300]);
  });

  test('honours Retry-After as an HTTP date', async () => {
    const clock = new FakeClock(Date.parse('2025-01-01T00:00:00Z'));
    const { http } = client([{ status: 503, headers: { 'retry-after': 'Wed, 01 Jan 2025 00:00:12 GMT' } }, { status: 200 }], { clock, random: () => 0 });
    await http.request({ method: 'GET', path: '/x' });
    expect(clock.sleeps).toEqual([12_000]);
  });

  test('429 on a create is retried: the server refused it before doing anything', async () => {
    const { http, transport } = client([{ status: 429, headers: { 'retry-after': '1' } }, { status: 201, body: { data: {} } }]);
    await http.request({ method: 'POST', path: '/x', json: {} });
    expect(transport.sent).toHaveLength(2);
  });

  test('gives up after maxAttempts (default 5) with the last error', async () => {
    const { http, transport, lines } = client([], {});
    (transport as unknown as { steps: ScriptStep[] }).steps.push(...Array(10).fill({ status: 503 }));
    const err = await http.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).attempt).toBe(5);
    expect(transport.sent).toHaveLength(5);
    expect(lines.some((l) => l.includes('giving up'))).toBe(true);
  });

  test('gives up when the next retry after an error would start past the time budget', async () => {
    const { http, transport } = client(Array(10).fill({ status: 502 }), { retry: { maxRetryTimeMs: 1_000, maxAttempts: 10 } });
    const err = await http.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    // Backoffs 250, 500 ms; the next (1000 ms) would start at 1750 ms, past the 1 s budget.
    expect(transport.sent).toHaveLength(3);
  });

  test('maxAttempts 1 disables retries', async () => {
    const { http, transport } = client([{ status: 503 }, { status: 200 }], { retry: { maxAttempts: 1 } });
    await expect(http.request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(ServerError);
    expect(transport.sent).toHaveLength(1);
  });

  test('does not retry 400, 404, 409 or 422', async () => {
    for (const status of [400, 404, 409, 422]) {
      const { http, transport } = client([{ status }, { status: 200 }]);
      await expect(http.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ status });
      expect(transport.sent).toHaveLength(1);
    }
  });

  test('a create that reached the server and lost its connection is not re-sent', async () => {
    const { http, transport } = client([{ networkError: 'ECONNRESET', requestSent: true }, { status: 201 }]);
    const err = await http.request({ method: 'POST', path: '/v2/integrations', json: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect((err as OutcomeUnknownError).cause).toBeInstanceOf(ConnectionError);
    expect(transport.sent).toHaveLength(1);
  });

  test('a create that timed out after being sent is not re-sent', async () => {
    const { http, transport } = client([{ networkError: 'ETIMEDOUT', requestSent: true }, { status: 201 }]);
    await expect(http.request({ method: 'POST', path: '/x', json: {} })).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(transport.sent).toHaveLength(1);
  });

  test('a create answered 500 has an unknown outcome; 503 is retried', async () => {
    const a = client([{ status: 500 }, { status: 201 }]);
    await expect(a.http.request({ method: 'POST', path: '/x', json: {} })).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(a.transport.sent).toHaveLength(1);
    const b = client([{ status: 503 }, { status: 201 }]);
    await b.http.request({ method: 'POST', path: '/x', json: {} });
    expect(b.transport.sent).toHaveLength(2);
  });

  test('a create whose connection was refused (never sent) is retried', async () => {
    const { http, transport } = client([{ networkError: 'ECONNREFUSED', requestSent: false }, { networkError: 'ECONNRESET', requestSent: false }, { status: 201 }]);
    await http.request({ method: 'POST', path: '/x', json: {} });
    expect(transport.sent).toHaveLength(3);
  });

  test('idempotent requests are retried after a reset, and a later 404 is marked as following an unknown outcome', async () => {
    const { http, transport } = client([{ networkError: 'ECONNRESET', requestSent: true }, { status: 404 }]);
    const err = await http.request({ method: 'DELETE', path: '/x/1' }).catch((e: unknown) => e);
    expect(transport.sent).toHaveLength(2);
    expect(err).toMatchObject({ status: 404, followsUnknownOutcome: true });
  });

  test('connection failures end as ConnectionError after the attempts', async () => {
    const { http } = client(Array(5).fill({ networkError: 'ECONNREFUSED', requestSent: false }));
    const err = await http.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).errorCode).toBe('ECONNREFUSED');
  });
});

describe('HttpClient credentials', () => {
  function tokenAuth(tokens: string[]): AuthProvider & { refreshes: number } {
    let current = tokens.shift()!;
    return {
      refreshes: 0,
      async headers() {
        return { Authorization: `Bearer ${current}` };
      },
      async refresh() {
        this.refreshes++;
        current = tokens.shift() ?? current;
        return true;
      },
      secrets: () => [current],
    };
  }

  test('a 401 renews credentials once and sends once more', async () => {
    const auth = tokenAuth(['old-token', 'new-token']);
    const { http, transport } = client([{ status: 401 }, { status: 200, body: {} }], { auth });
    await http.request({ method: 'GET', path: '/x' });
    expect(auth.refreshes).toBe(1);
    expect(transport.sent.map((r) => r.headers.Authorization)).toEqual(['Bearer old-token', 'Bearer new-token']);
  });

  test('a 401 for a token renewed during the call (it expired in between) renews again', async () => {
    const auth = tokenAuth(['t1', 't2', 't3']);
    const { http, transport } = client([{ status: 401 }, { status: 401 }, { status: 200, body: {} }], { auth });
    await http.request({ method: 'GET', path: '/x' });
    expect(auth.refreshes).toBe(2);
    expect(transport.sent.map((r) => r.headers.Authorization)).toEqual(['Bearer t1', 'Bearer t2', 'Bearer t3']);
  });

  test(`renewals are bounded: after ${MAX_CREDENTIAL_RENEWALS} renewed tokens refused, the call fails with AuthenticationError`, async () => {
    const auth = tokenAuth(Array.from({ length: MAX_CREDENTIAL_RENEWALS + 1 }, (_, index) => `t${index}`));
    const { http, transport } = client(Array(MAX_CREDENTIAL_RENEWALS + 1).fill({ status: 401 }), { auth });
    await expect(http.request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(AuthenticationError);
    expect(auth.refreshes).toBe(MAX_CREDENTIAL_RENEWALS);
    expect(transport.sent).toHaveLength(MAX_CREDENTIAL_RENEWALS + 1);
  });

  test('a renewal that hands back the refused token is final: one refresh, two sends, AuthenticationError', async () => {
    const auth = tokenAuth(['t1']);
    const { http, transport } = client([{ status: 401 }, { status: 401 }, { status: 200 }], { auth });
    await expect(http.request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(AuthenticationError);
    expect(auth.refreshes).toBe(1);
    expect(transport.sent).toHaveLength(2);
  });

  test('403 does not trigger a refresh', async () => {
    const auth = tokenAuth(['t1', 't2']);
    const { http } = client([{ status: 403 }], { auth });
    await expect(http.request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(AuthenticationError);
    expect(auth.refreshes).toBe(0);
  });
});

describe('HttpClient rate refusals (429, 503 with Retry-After)', () => {
  test('refusals wait and go again without using up the attempts, which count errors only', async () => {
    const refusals = Array(12).fill({ status: 429, headers: { 'retry-after': '1' } });
    const { http, transport } = client([...refusals, { status: 503 }, { status: 503, headers: { 'retry-after': '2' } }, { status: 200 }], {
      retry: { maxAttempts: 2 },
    });
    const res = await http.request({ method: 'POST', path: '/v2/integrations', json: {} });
    expect(res.status).toBe(200);
    // 12 refusals, one error (503 without Retry-After), one more refusal, then the answer.
    expect(transport.sent).toHaveLength(15);
  });

  test('a 503 without Retry-After is an error: it uses up the attempts', async () => {
    const { http, transport } = client(Array(5).fill({ status: 503 }), { retry: { maxAttempts: 3 } });
    await expect(http.request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(ServerError);
    expect(transport.sent).toHaveLength(3);
  });

  test('time spent rate-limited does not count against the retry time of errors', async () => {
    const { http, transport } = client(
      [{ status: 429, headers: { 'retry-after': '100' } }, { status: 429, headers: { 'retry-after': '100' } }, { status: 502 }, { status: 200 }],
      { retry: { maxRetryTimeMs: 60_000 } },
    );
    await expect(http.request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
    expect(transport.sent).toHaveLength(4);
  });

  test('without Retry-After, refusals back off until the wait budget ends, then fail saying how long', async () => {
    const { http, transport, clock } = client([], { retry: { maxRateLimitWaitMs: 60_000 } });
    (transport as unknown as { steps: ScriptStep[] }).steps.push(...Array(200).fill({ status: 429, body: { errors: [{ title: 'Too Many Requests', detail: 'Rate limit exceeded, retry later' }] } }));
    const err = await http.request({ method: 'POST', path: '/v2/integrations', json: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitTimeoutError);
    const sent = transport.sent.length;
    expect((err as RateLimitTimeoutError).message).toBe(
      `POST /v2/integrations: the server stayed rate-limited for 60 s, the longest this client waits (${sent} answers 429 Too Many Requests: Rate limit exceeded, retry later)`,
    );
    // The last attempt went out when the budget ended, not earlier.
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect((err as RateLimitTimeoutError).cause).toBeInstanceOf(RateLimitError);
  });

  test('every refusal lowers the budget it drew from (once per second), every answer raises it', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget([new TokenBucket({ capacity: 5, refillPerSecond: 25 }, clock)], clock, { adaptive: PER_SECOND_LIMIT_ADAPTATION });
    const { http } = client([{ status: 429, headers: { 'retry-after': '1' } }, { status: 429, headers: { 'retry-after': '1' } }, { status: 404 }], {
      clock,
      random: () => 0,
      budgets: { read: budget },
    });
    await http.request({ method: 'GET', path: '/x' }).catch(() => undefined);
    // Two decreases a second apart (0.7 * 0.7), then one answer: 0.1 / (25 * 0.49) requests/s.
    expect(budget.share).toBeCloseTo(0.49 + PER_SECOND_LIMIT_ADAPTATION.increasePerSecond / (25 * 0.49), 6);
  });
});

describe('HttpClient budget, logging and counting', () => {
  test('every attempt draws from the rate budget', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget([new TokenBucket({ capacity: 1, refillPerSecond: 2 }, clock)], clock);
    const { http } = client([{ status: 503 }, { status: 200 }, { status: 200 }], { clock, budgets: { read: budget } });
    await http.request({ method: 'GET', path: '/x' });
    await http.request({ method: 'GET', path: '/x' });
    // Backoff 250 ms after the 503, then the budget waits: tokens at 500 ms and 1000 ms.
    expect(clock.sleeps).toEqual([250, 250, 500]);
  });

  test('reads and writes use their own budgets; "none" skips both', async () => {
    const clock = new FakeClock();
    const writes = new RateBudget([new TokenBucket({ capacity: 1, refillPerSecond: 1 }, clock)], clock);
    const { http } = client(Array(4).fill({ status: 200 }), { clock, budgets: { write: writes } });
    await http.request({ method: 'GET', path: '/x' });
    await http.request({ method: 'GET', path: '/x' });
    await http.request({ method: 'PATCH', path: '/x', json: {} });
    await http.request({ method: 'POST', path: '/token', form: {}, budget: 'none' });
    expect(clock.sleeps).toEqual([]);
  });

  test('logs method, path, status, attempt and duration, never headers, bodies or query strings', async () => {
    const secret = 'super-secret-body-value';
    const { http, lines } = client([{ status: 503, body: { errors: [{ title: secret }] } }, { status: 200, body: { echoed: secret } }], {
      auth: { headers: async () => ({ Authorization: 'Bearer tok-123456' }), secrets: () => ['tok-123456'] },
    });
    await http.request({ method: 'POST', path: '/v2/x', query: { token: 'query-token-value' }, json: { secret_key: secret }, idempotent: true });
    expect(lines[0]).toBe('test POST /v2/x -> 503 (attempt 1, 0 ms)');
    expect(lines).toContain('test POST /v2/x retrying in 250 ms after status 503 (error 1 of at most 5)');
    expect(lines[2]).toBe('test POST /v2/x -> 200 (attempt 2, 0 ms)');
    const all = lines.join('\n');
    for (const forbidden of [secret, 'tok-123456', 'query-token-value', 'Authorization']) expect(all).not.toContain(forbidden);
  });

  test('onRequest is called for every attempt and requestCount counts them', async () => {
    const events: RequestEvent[] = [];
    const { http } = client([{ status: 503 }, { networkError: 'ECONNRESET', requestSent: false }, { status: 200 }], { onRequest: (e) => events.push(e) });
    await http.request({ method: 'GET', path: '/x' });
    expect(events.map((e) => [e.attempt, e.status ?? e.errorCode])).toEqual([
      [1, 503],
      [2, 'ECONNRESET'],
      [3, 200],
    ]);
    expect(http.requestCount).toBe(3);
  });

  test('validation errors carry the redacted server text', async () => {
    const { http } = client([{ status: 422, body: { errors: [{ status: 422, title: 'Validation Error', detail: 'bad secret pw-98765' }] } }]);
    const err = await http.request({ method: 'POST', path: '/x', json: { password: 'pw-98765' }, secrets: ['pw-98765'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe('POST /x failed with 422 Validation Error: bad secret [REDACTED]');
  });
});

describe('axios transport against real sockets', () => {
  test('reports a refused connection as not sent', async () => {
    // Find a port that is closed: bind, read the port, close.
    const probe: NetServer = createNetServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const err = await createAxiosTransport()
      .send({ method: 'POST', url: `http://127.0.0.1:${port}/x`, headers: {}, body: '{}', timeoutMs: 2000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ code: 'ECONNREFUSED', requestSent: false });
  });

  test('reports a socket destroyed after the request as sent', async () => {
    const server = await startServer((_req, _res, raw) => {
      raw.socket.destroy();
    });
    try {
      const err = await createAxiosTransport()
        .send({ method: 'POST', url: `${server.url}/x`, headers: {}, body: '{"a":1}', timeoutMs: 2000 })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ECONNRESET', requestSent: true });
    } finally {
      await server.close();
    }
  });

  test('reports a timeout as ETIMEDOUT, sent', async () => {
    const server = await startServer(() => {
      /* never answers */
    });
    try {
      const err = await createAxiosTransport()
        .send({ method: 'POST', url: `${server.url}/x`, headers: {}, body: '{}', timeoutMs: 150 })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ETIMEDOUT', requestSent: true });
    } finally {
      await server.close();
    }
  });

  test('returns status, lower-case headers and raw text for any status, without following redirects', async () => {
    const server = await startServer((req, res) => {
      if (req.path === '/redirect') {
        res.writeHead(302, { Location: '/elsewhere' });
        res.end();
        return;
      }
      sendJson(res, 418, { hello: 'world' }, { 'X-Request-ID': 'abc' });
    });
    try {
      const transport = createAxiosTransport();
      const res = await transport.send({ method: 'GET', url: `${server.url}/teapot`, headers: {}, timeoutMs: 2000 });
      expect(res).toMatchObject({ status: 418, body: '{"hello":"world"}' });
      expect(res.headers['x-request-id']).toBe('abc');
      const redirect = await transport.send({ method: 'GET', url: `${server.url}/redirect`, headers: {}, timeoutMs: 2000 });
      expect(redirect.status).toBe(302);
      expect(server.requests.map((r) => r.path)).toEqual(['/teapot', '/redirect']);
    } finally {
      await server.close();
    }
  });
});
