/**
 * Contract tests of the Sendcloud exception-log and shop-order-status client calls against the
 * spec documents themselves (the emulator's side is in test/emulators/sendcloud-shop.test.ts):
 * the documented examples are served back to the client, paged with the documented `Link`
 * header (v3) and `next` URL (v2), and what the client sends is validated against the request
 * schemas and query parameters.
 */
import { SendcloudClient } from '../../api/sendcloud';
import { nextLink } from '../../api/sendcloud-shop';
import { sendJson, startServer, type RecordedRequest, type TestServer } from './helpers';
import { examplesOf, loadSpec, pointerGet, schemaAt, validate, type JsonObject } from './spec';

const v3Spec = loadSpec('sendcloud/v3-integrations.yaml');
const v2Spec = loadSpec('sendcloud/v2-integrations.yaml');
const JSON_BODY = 'content/application~1json';
const V3_LOGS = '#/paths/~1integrations~1logs/get';
const V2_LOGS = '#/paths/~1integrations~1logs/get';

const example = (spec: JsonObject, pointer: string, name: string) => examplesOf(pointerGet(spec, pointer) as JsonObject)[name] as JsonObject;
const v3LogsExample = example(v3Spec, `${V3_LOGS}/responses/200/${JSON_BODY}`, 'RetrieveIntegrationLogs');
const v2LogsExample = example(v2Spec, `${V2_LOGS}/responses/200/${JSON_BODY}`, 'RetrieveIntegrationLogs');
const v3LogsSchema = schemaAt(v3Spec, `${V3_LOGS}/responses/200/${JSON_BODY}/schema`);
const v2LogsSchema = schemaAt(v2Spec, `${V2_LOGS}/responses/200/${JSON_BODY}/schema`);

let server: TestServer;
let answer: (request: RecordedRequest) => { status: number; body?: unknown; headers?: Record<string, string> };
beforeEach(async () => {
  server = await startServer((request, response) => {
    const { status, body, headers } = answer(request);
    if (body === undefined) {
      response.writeHead(status, headers ?? {});
      response.end();
      return;
    }
    sendJson(response, status, body, headers);
  });
});
afterEach(() => server.close());

function client(apiVersion: 'v3' | 'v2'): SendcloudClient {
  return new SendcloudClient({ baseUrl: server.url, publicKey: 'public', secretKey: 'secret-key-123', apiVersion, maxAttempts: 1 });
}

/** The query parameters an operation documents, each value checked against its schema. */
function queryProblems(spec: JsonObject, pointer: string, query: URLSearchParams): string[] {
  const parameters = ((pointerGet(spec, pointer) as JsonObject).parameters ?? []) as JsonObject[];
  const resolved = parameters.map((parameter) => (typeof parameter.$ref === 'string' ? (pointerGet(spec, parameter.$ref) as JsonObject) : parameter));
  const problems: string[] = [];
  for (const key of query.keys()) {
    const parameter = resolved.find((candidate) => candidate.name === key && candidate.in === 'query');
    if (!parameter) {
      problems.push(`${key} is not documented`);
      continue;
    }
    const schema = parameter.schema as JsonObject;
    const raw = query.get(key)!;
    const value = schema.type === 'integer' ? Number(raw) : schema.type === 'boolean' ? raw === 'true' : raw;
    problems.push(...validate(schema, value).map((problem) => `${key}: ${problem}`));
  }
  for (const parameter of resolved) if (parameter.required && !query.has(String(parameter.name))) problems.push(`${String(parameter.name)} is required`);
  return problems;
}

describe('exception logs', () => {
  test('the spec examples validate against their own schemas (so serving them back is fair)', () => {
    expect(validate(v3LogsSchema, v3LogsExample)).toEqual([]);
    expect(validate(v2LogsSchema, v2LogsExample)).toEqual([]);
  });

  test('v3: the client follows the documented Link header, sending only documented parameters', async () => {
    const [log] = v3LogsExample.data as JsonObject[];
    const cursor = '2023-03-01T02:02:00';
    answer = (request) => {
      if (!request.query.has('cursor')) {
        // The header exactly as the spec's example writes it, with this server's host.
        return {
          status: 200,
          body: { data: [{ ...log, id: 124, created_at: '2023-03-01T03:00:00+01:00' }] },
          headers: { link: `<${server.url}/api/v3/integrations/logs?cursor=${cursor}&page_size=25>; rel="next"` },
        };
      }
      return { status: 200, body: v3LogsExample };
    };
    const logs = await client('v3').shop.listLogs({ pageSize: 25 });
    expect(logs.map((entry) => entry.id)).toEqual([124, 123]);
    expect(logs[1]).toMatchObject({ exception_type: 'requests.exceptions.SSLError', response_code: 495, base_url: 'https://example.com' });
    const requests = server.requests;
    expect(requests.map((request) => `${request.path}?${request.query.toString()}`)).toEqual([
      '/api/v3/integrations/logs?page_size=25',
      `/api/v3/integrations/logs?cursor=${encodeURIComponent(cursor)}&page_size=25`,
    ]);
    // Only the first query is the client's; the next one is the server's URL, followed as given (the
    // spec's own Link example carries a cursor without a UTC offset, which its `date-time` format refuses).
    expect(queryProblems(v3Spec, V3_LOGS, requests[0]!.query)).toEqual([]);
  });

  test('v3 per integration: the 404 example becomes a not-found error', async () => {
    const notFound = example(v3Spec, `#/paths/~1integrations~1{id}~1logs/get/responses/404/${JSON_BODY}`, 'IntegrationDoesNotExist');
    answer = () => ({ status: 404, body: notFound });
    await expect(client('v3').shop.listLogs({ integrationId: 5 })).rejects.toMatchObject({ status: 404, detail: (notFound.errors as JsonObject[])[0]!.detail });
    expect(server.requests[0]!.path).toBe('/api/v3/integrations/5/logs');
  });

  test('v2: the client follows `next` in the body; both example logs are read', async () => {
    answer = (request) =>
      request.query.has('cursor')
        ? { status: 200, body: { results: [] } }
        : { status: 200, body: { ...v2LogsExample, next: `${server.url}/api/v2/integrations/logs?cursor=2023-03-01T01%3A00%3A00Z` } };
    const logs = await client('v2').shop.listLogs();
    expect(logs.map((entry) => [entry.id, entry.response_code, entry.exception])).toEqual([
      [124, 404, 'PageNotFound'],
      [123, 495, 'An SSL error occurred'],
    ]);
    expect(server.requests.map((request) => request.path)).toEqual(['/api/v2/integrations/logs', '/api/v2/integrations/logs']);
  });

  test('nextLink reads rel="next" among other relations', () => {
    expect(nextLink('<https://a.example/p?cursor=1>; rel="prev", <https://a.example/n?cursor=2>; rel="next"')).toBe('https://a.example/n?cursor=2');
    expect(nextLink('<https://a.example/n>; rel=next')).toBe('https://a.example/n');
    expect(nextLink('<https://a.example/p>; rel="prev"')).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });
});

describe('shop order statuses', () => {
  const STATUSES = '#/paths/~1shop-order-statuses';
  const MAPPING = '#/paths/~1shop-order-statuses~1mapping';

  test('GET examples are read; the integration_id query is sent as documented', async () => {
    const statuses = example(v3Spec, `${STATUSES}/get/responses/200/${JSON_BODY}`, 'Response');
    const mapping = example(v3Spec, `${MAPPING}/get/responses/200/${JSON_BODY}`, 'Response');
    answer = (request) => ({ status: 200, body: request.path.endsWith('/mapping') ? mapping : statuses });
    const api = client('v3');
    const read = await api.shop.getShopOrderStatuses(23452345, { showDeleted: true });
    expect(read.map((status) => [status.external_id, status.deleted_at, status.translations.length])).toEqual([
      ['17-B', null, 3],
      ['14-A', '2023-11-04T14:15:22Z', 3],
    ]);
    expect(await api.shop.getStatusMapping(23452345)).toEqual((mapping.data as JsonObject).mapping);
    expect(queryProblems(v3Spec, `${STATUSES}/get`, server.requests[0]!.query)).toEqual([]);
    expect(queryProblems(v3Spec, `${MAPPING}/get`, server.requests[1]!.query)).toEqual([]);
  });

  test('the writes send bodies the request schemas accept (every category, left-out ones null)', async () => {
    answer = () => ({ status: 200, body: null });
    const api = client('v3');
    await api.shop.putShopOrderStatuses(23452345, [
      { external_id: 'Send-4', translations: [{ status: 'Sent', language: 'en-gb' }, { status: 'Verzonden', language: 'nl-nl' }] },
      { external_id: '15', translations: [{ status: 'Delivered', language: 'en-gb' }] },
    ]);
    await api.shop.putStatusMapping(23452345, { READY_TO_SEND: 'Send-4', DELIVERED: '15' });
    const [statuses, mapping] = server.requests.map((request) => JSON.parse(request.body) as JsonObject);
    expect(validate(schemaAt(v3Spec, `${STATUSES}/post/requestBody/${JSON_BODY}/schema`), statuses)).toEqual([]);
    expect(validate(schemaAt(v3Spec, `${MAPPING}/post/requestBody/${JSON_BODY}/schema`), mapping)).toEqual([]);
    expect(mapping.mapping).toEqual([
      { status_category: 'READY_TO_SEND', external_id: 'Send-4' },
      { status_category: 'IN_TRANSIT', external_id: null },
      { status_category: 'DELIVERED', external_id: '15' },
      { status_category: 'CANCEL', external_id: null },
    ]);
  });

  test('the 400 example (missing integration ID) becomes a validation error with the API\'s words', async () => {
    const invalid = example(v3Spec, `${STATUSES}/get/responses/400/${JSON_BODY}`, 'InvalidRequest');
    answer = () => ({ status: 400, body: invalid });
    await expect(client('v3').shop.getShopOrderStatuses(1)).rejects.toMatchObject({ status: 400, detail: 'Integration ID is a required GET parameter' });
  });
});
