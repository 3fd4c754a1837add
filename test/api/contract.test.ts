/**
 * Contract tests: what the clients send is validated against the request schemas of the
 * vendors' OpenAPI documents, and the documents' own example responses are fed back to
 * the clients. Quirks of the documents (listed in specs/README.md) are tolerated
 * explicitly, each in one named place below.
 */
import { ElasticPathClient, type EpIntegrationAttributes, type IntegrationType } from '../../api/elasticpath';
import { AuthenticationError, NotFoundError, ServerError, ValidationError, type ApiError } from '../../api/errors';
import { SendcloudClient, fromV2, fromV3 } from '../../api/sendcloud';
import { sendJson, startServer, type RecordedRequest, type TestServer } from './helpers';
import { examplesOf, exampleFromSchema, loadSpec, pointerGet, schemaAt, undeclaredKeys, validate, type Json, type JsonObject } from './spec';

const epSpec = loadSpec('elasticpath/integrations.yaml');
const epAuthSpec = loadSpec('elasticpath/authentication.yaml');
const v3Spec = loadSpec('sendcloud/v3-integrations.yaml');
const v2Spec = loadSpec('sendcloud/v2-integrations.yaml');

const JSON_BODY = 'content/application~1json';

/** A server that answers from a table keyed "METHOD /path" and records every request. */
interface Playback {
  server: TestServer;
  routes: Map<string, { status: number; body?: unknown; headers?: Record<string, string> }>;
  requests(filter?: (r: RecordedRequest) => boolean): RecordedRequest[];
}

let playback: Playback;
beforeEach(async () => {
  const routes: Playback['routes'] = new Map();
  const server = await startServer((req, res) => {
    const route = routes.get(`${req.method} ${req.path}`);
    if (!route) return sendJson(res, 599, { errors: [{ title: `no playback for ${req.method} ${req.path}` }] });
    if (route.body === undefined) {
      res.writeHead(route.status, route.headers ?? {});
      return res.end();
    }
    return sendJson(res, route.status, route.body, route.headers);
  });
  playback = { server, routes, requests: (filter = () => true) => server.requests.filter(filter) };
});
afterEach(async () => {
  await playback.server.close();
});

// ---------------------------------------------------------------------------------------
// Elastic Path
// ---------------------------------------------------------------------------------------

const TOKEN_EXAMPLE = examplesOf(pointerGet(epAuthSpec, `#/components/responses/AccessToken/${JSON_BODY}`) as JsonObject)['Client Credentials'] as JsonObject;

const CONFIGURATION_SCHEMAS: Record<IntegrationType, string> = {
  webhook: '#/components/schemas/WebhookConfigurationObject',
  aws_sqs: '#/components/schemas/AWSSQSConfigurationObject',
  stomp: '#/components/schemas/STOMPConfigurationObject',
};

/**
 * The `data` schema of a create or update request, with the documented quirks handled:
 * - IntegrationCreate requires "observers" (a typo); the property is "observes".
 * - `configuration` is a oneOf whose branches overlap (a webhook configuration also
 *   satisfies the STOMP branch), so oneOf can never pass for it; the branch is chosen by
 *   integration_type instead and validated separately (see configurationSchema).
 */
function epDataSchema(operation: 'post' | 'put'): JsonObject {
  const path = operation === 'post' ? '/integrations' : '/integrations/{integration_uuid}';
  const body = schemaAt(epSpec, `#/paths/${path.replace(/\//g, '~1')}/${operation}/requestBody/${JSON_BODY}/schema`);
  const data = structuredClone((body.properties as JsonObject).data as JsonObject);
  if (Array.isArray(data.required)) data.required = data.required.map((name) => (name === 'observers' ? 'observes' : name));
  const properties = data.properties as JsonObject;
  const configuration = { ...(properties.configuration as JsonObject) };
  delete configuration.oneOf;
  properties.configuration = configuration;
  return data;
}

/** The configuration branch for a type. STOMP requires `url` but defines no such property: that requirement is dropped. */
function configurationSchema(type: IntegrationType): JsonObject {
  const schema = structuredClone(schemaAt(epSpec, CONFIGURATION_SCHEMAS[type]));
  const properties = schema.properties as JsonObject;
  if (Array.isArray(schema.required)) schema.required = schema.required.filter((name) => typeof name === 'string' && name in properties);
  return schema;
}

function expectValidEpData(data: JsonObject, operation: 'post' | 'put'): void {
  const dataSchema = epDataSchema(operation);
  expect(validate(dataSchema, data)).toEqual([]);
  expect(undeclaredKeys(dataSchema, data)).toEqual([]);
  if (data.configuration !== undefined) {
    const type = data.integration_type as IntegrationType;
    const schema = configurationSchema(type);
    expect(validate(schema, data.configuration)).toEqual([]);
    expect(undeclaredKeys(schema, data.configuration as JsonObject)).toEqual([]);
  }
}

const EP_EXAMPLE_RESPONSE = exampleFromSchema(schemaAt(epSpec, `#/paths/~1integrations~1{integration_uuid}/get/responses/200/${JSON_BODY}/schema`)) as JsonObject;

function epClient(extra: Partial<ConstructorParameters<typeof ElasticPathClient>[0]> = {}) {
  playback.routes.set('POST /oauth/access_token', { status: 200, body: TOKEN_EXAMPLE });
  return new ElasticPathClient({ baseUrl: playback.server.url, clientId: 'jJBrLb0q1Q7bZ5GiGttD5T1471b0IeXAVgNyOlw19q', clientSecret: 'mzr6gnvdQODSgT3mSxxWIv3y8pAp8cUzDELXa3g4fB', maxAttempts: 1, ...extra });
}

const EP_CREATES: Record<IntegrationType, EpIntegrationAttributes> = {
  webhook: {
    name: 'Order shipping notification',
    description: 'Send a shipping notification via email with discount code',
    enabled: true,
    integration_type: 'webhook',
    observes: ['order.created', 'order.paid'],
    configuration: { url: 'https://yourwebsite.com/order-created-notification', secret_key: 'secret_key_to_validate_on_your_endpoint' },
  },
  aws_sqs: {
    name: 'Orders to SQS',
    enabled: true,
    integration_type: 'aws_sqs',
    observes: ['order.created'],
    configuration: {
      url: 'https://sqs.eu-west-1.amazonaws.com/123456789/epcc-external-queue',
      aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE',
      aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'eu-west-1',
    },
  },
  stomp: {
    name: 'Orders to Amazon MQ',
    enabled: false,
    integration_type: 'stomp',
    observes: ['order.fulfilled'],
    configuration: {
      username: 'epcc-integration-1',
      password: 'stomp-password-123',
      destination: '/queue/epcc-integrations.order-created',
      addresses: ['stomp+ssl://b-1.mq.us-west-2.amazonaws.com:61614', 'stomp+ssl://b-2.mq.us-west-2.amazonaws.com:61614'],
    },
  },
};

describe('Elastic Path requests match the spec', () => {
  test('the spec quirks handled here are really there (so the tolerance stays deliberate)', () => {
    const create = pointerGet(epSpec, '#/components/schemas/IntegrationCreate') as JsonObject;
    expect(create.required).toContain('observers');
    const stomp = pointerGet(epSpec, '#/components/schemas/STOMPConfigurationObject') as JsonObject;
    expect(stomp.required).toContain('url');
    expect(Object.keys(stomp.properties as JsonObject)).not.toContain('url');
    // Unmodified, the oneOf rejects every webhook configuration: it also matches the STOMP branch.
    const body = schemaAt(epSpec, `#/paths/~1integrations/post/requestBody/${JSON_BODY}/schema`);
    const webhookData = { data: { type: 'integration', observers: ['a'], ...EP_CREATES.webhook } };
    expect(validate(body, webhookData).join('\n')).toMatch(/oneOf/);
  });

  test.each(Object.keys(EP_CREATES) as IntegrationType[])('create (%s) body, headers and path', async (type) => {
    playback.routes.set('POST /v2/integrations', { status: 200, body: EP_EXAMPLE_RESPONSE });
    await epClient({ storeId: 'store-1' }).createIntegration(EP_CREATES[type]);
    const [post] = playback.requests((r) => r.path === '/v2/integrations');
    expect(post!.method).toBe('POST');
    expect(post!.headers['content-type']).toBe('application/json');
    expect(post!.headers.authorization).toBe(`Bearer ${TOKEN_EXAMPLE.access_token}`);
    expect(post!.headers['ep-store-id']).toBe('store-1');
    const body = JSON.parse(post!.body) as { data: JsonObject };
    expect(Object.keys(body)).toEqual(['data']);
    expect(body.data.type).toBe('integration');
    expectValidEpData(body.data, 'post');
  });

  test('update bodies (a single field, and a full configuration) match IntegrationUpdate', async () => {
    playback.routes.set('PUT /v2/integrations/abc', { status: 200, body: EP_EXAMPLE_RESPONSE });
    const client = epClient();
    await client.updateIntegration('abc', { enabled: false });
    await client.updateIntegration('abc', { name: 'Renamed', integration_type: 'aws_sqs', configuration: EP_CREATES.aws_sqs.configuration, observes: ['order.paid'] });
    const puts = playback.requests((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    for (const put of puts) expectValidEpData((JSON.parse(put.body) as { data: JsonObject }).data, 'put');
  });

  test('the token request matches CreateAccessToken (form-encoded)', async () => {
    playback.routes.set('GET /v2/integrations', { status: 200, body: { data: [] } });
    await epClient().listIntegrations();
    const [tokenRequest] = playback.requests((r) => r.path === '/oauth/access_token');
    expect(tokenRequest!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const schema = schemaAt(epAuthSpec, '#/components/requestBodies/CreateAccessToken/content/application~1x-www-form-urlencoded/schema');
    const form = Object.fromEntries(new URLSearchParams(tokenRequest!.body));
    expect(validate(schema, form)).toEqual([]);
    expect(undeclaredKeys(schema, form)).toEqual([]);
    expect(form.grant_type).toBe('client_credentials');
  });

  test('list uses page[limit] and page[offset]', async () => {
    playback.routes.set('GET /v2/integrations', { status: 200, body: { data: [] } });
    await epClient().listIntegrations();
    const [list] = playback.requests((r) => r.path === '/v2/integrations');
    expect([...list!.query.keys()]).toEqual(['page[limit]', 'page[offset]']);
  });
});

describe('Elastic Path clients read the spec examples', () => {
  test('the token example (whose `expires` lies in 2018) is used, with expires_in for the lifetime', async () => {
    playback.routes.set('GET /v2/integrations', { status: 200, body: { data: [] } });
    const client = epClient();
    await client.listIntegrations();
    await client.listIntegrations();
    expect(playback.requests((r) => r.path === '/oauth/access_token')).toHaveLength(1);
  });

  test('an integration built from the schema examples parses for get, create, update and list', async () => {
    const data = EP_EXAMPLE_RESPONSE.data as JsonObject;
    playback.routes.set('GET /v2/integrations/x', { status: 200, body: EP_EXAMPLE_RESPONSE });
    playback.routes.set('POST /v2/integrations', { status: 200, body: EP_EXAMPLE_RESPONSE });
    playback.routes.set('PUT /v2/integrations/x', { status: 200, body: { ...EP_EXAMPLE_RESPONSE, links: { self: 'x' }, meta: {} } });
    playback.routes.set('GET /v2/integrations', {
      status: 200,
      body: { data: [data], links: { first: '/integrations?page[offset]=0&page[limit]=10' }, results: { total: 1 } },
    });
    const client = epClient();
    const expected = {
      id: data.id,
      type: 'integration',
      name: data.name,
      description: data.description,
      enabled: data.enabled,
      integration_type: data.integration_type,
      observes: data.observes,
      configuration: data.configuration,
      links: data.links,
      meta: data.meta,
    };
    expect(await client.getIntegration('x')).toEqual(expected);
    expect(await client.createIntegration(EP_CREATES.webhook)).toEqual(expected);
    expect(await client.updateIntegration('x', { enabled: true })).toEqual(expected);
    expect(await client.listIntegrations()).toEqual([expected]);
  });

  const epErrorExamples = (name: string) => examplesOf(pointerGet(epSpec, `#/components/responses/${name}/${JSON_BODY}`) as JsonObject);

  test.each([
    ['ValidationError', 422, ValidationError],
    ['ValidationError', 400, ValidationError],
    ['NotFoundError', 404, NotFoundError],
    ['InternalServerError', 500, ServerError],
  ] as const)('error example %s served as %i', async (name, status, cls) => {
    for (const example of Object.values(epErrorExamples(name))) {
      playback.routes.set('GET /v2/integrations/x', { status, body: example });
      const err = (await epClient().getIntegration('x').catch((e: unknown) => e)) as ApiError;
      expect(err).toBeInstanceOf(cls);
      const item = (example as { errors: JsonObject[] }).errors[0]!;
      expect(err.title).toBe(item.title);
      expect(err.detail).toBe(item.detail ?? '');
      expect(err.problems[0]!.status).toBe(Number(item.status));
    }
  });

  test.each(['BadRequestError', 'UnauthorizedError'])('token error example %s (JSON in a string, status as a string)', async (name) => {
    const [example] = Object.values(examplesOf(pointerGet(epAuthSpec, `#/components/responses/${name}/${JSON_BODY}`) as JsonObject));
    const item = (example as { errors: JsonObject[] }).errors[0]!;
    expect(typeof item.status).toBe('string');
    const client = epClient();
    playback.routes.set('POST /oauth/access_token', { status: Number(item.status), body: example });
    const err = (await client.listIntegrations().catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.message).toBe(`POST /oauth/access_token failed with ${item.status} ${item.title}: ${item.detail}; check the Elastic Path client_id and client_secret`);
  });
});

// ---------------------------------------------------------------------------------------
// Sendcloud
// ---------------------------------------------------------------------------------------

function sendcloudClient(apiVersion: 'v3' | 'v2') {
  return new SendcloudClient({ baseUrl: playback.server.url, publicKey: 'public', secretKey: 'secret-key-123', apiVersion, maxAttempts: 1 });
}

const v3Path = '#/paths/~1integrations~1{id}';
const v3Patch = pointerGet(v3Spec, `${v3Path}/patch/requestBody/${JSON_BODY}`) as JsonObject;
const v3PatchSchema = schemaAt(v3Spec, `${v3Path}/patch/requestBody/${JSON_BODY}/schema`);
const v3GetExample = examplesOf(pointerGet(v3Spec, `${v3Path}/get/responses/200/${JSON_BODY}`) as JsonObject).Response as JsonObject;
const v3ListExample = examplesOf(pointerGet(v3Spec, `#/paths/~1integrations/get/responses/200/${JSON_BODY}`) as JsonObject).Response as JsonObject;

const v2Path = '#/paths/~1integrations~1{id}';
const v2UpdateSchema = schemaAt(v2Spec, '#/components/schemas/IntegrationUpdate');
const v2GetExample = examplesOf(pointerGet(v2Spec, `${v2Path}/get/responses/200/${JSON_BODY}`) as JsonObject).RetrieveIntegration as JsonObject;
const v2ListExample = examplesOf(pointerGet(v2Spec, `#/paths/~1integrations/get/responses/200/${JSON_BODY}`) as JsonObject).RetrieveIntegrationList as Json[];
const v2PatchExamples = examplesOf(pointerGet(v2Spec, `${v2Path}/patch/requestBody/${JSON_BODY}`) as JsonObject);
const v2PutExample = examplesOf(pointerGet(v2Spec, `${v2Path}/put/requestBody/${JSON_BODY}`) as JsonObject).UpdateIntegration as JsonObject;
const v2PatchResponse = examplesOf(pointerGet(v2Spec, `${v2Path}/patch/responses/200/${JSON_BODY}`) as JsonObject).UpdateIntegration as JsonObject;

/** Fields the v2 update schema marks readOnly; the client never sends them (shop_name is the documented exception). */
function withoutReadOnly(schema: JsonObject, value: JsonObject): JsonObject {
  const properties = schema.properties as JsonObject;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key === 'shop_name' || !(properties[key] as JsonObject | undefined)?.readOnly));
}

describe('Sendcloud requests match the spec', () => {
  test.each(Object.entries(examplesOf(v3Patch)))('v3 PATCH example %s is sent as documented, then read back', async (_name, example) => {
    playback.routes.set('PATCH /api/v3/integrations/23452345', { status: 204 });
    playback.routes.set('GET /api/v3/integrations/23452345', { status: 200, body: v3GetExample });
    const result = await sendcloudClient('v3').updateIntegration(23452345, example as JsonObject);
    const [patch, get] = playback.requests();
    expect(patch!.method).toBe('PATCH');
    expect(patch!.headers['content-type']).toBe('application/json');
    expect(patch!.headers.authorization).toBe(`Basic ${Buffer.from('public:secret-key-123').toString('base64')}`);
    const body = JSON.parse(patch!.body) as JsonObject;
    expect(body).toEqual(example);
    expect(validate(v3PatchSchema, body)).toEqual([]);
    expect(undeclaredKeys(v3PatchSchema, body)).toEqual([]);
    expect(get!.method).toBe('GET');
    expect(result).toEqual(v3GetExample.data);
  });

  test('a v3 PATCH with every setting matches integration-model', async () => {
    playback.routes.set('PATCH /api/v3/integrations/1', { status: 204 });
    playback.routes.set('GET /api/v3/integrations/1', { status: 200, body: v3GetExample });
    await sendcloudClient('v3').updateIntegration(1, {
      shop_name: 'My Webshop',
      shop_url: 'https://shop.example.com/',
      service_point_enabled: true,
      service_point_carriers: ['ups', 'dhl'],
      webhook_active: false,
      webhook_url: null,
      feedback_type: 'delayed',
    });
    const body = JSON.parse(playback.requests()[0]!.body) as JsonObject;
    expect(validate(v3PatchSchema, body)).toEqual([]);
    expect(undeclaredKeys(v3PatchSchema, body)).toEqual([]);
  });

  test.each(Object.entries(v2PatchExamples))('v2 PATCH example %s (read-only fields left out) matches IntegrationUpdate', async (_name, example) => {
    const settings = withoutReadOnly(v2UpdateSchema, example as JsonObject);
    playback.routes.set('PATCH /api/v2/integrations/123', { status: 200, body: v2PatchResponse });
    playback.routes.set('GET /api/v2/integrations/123', { status: 200, body: v2GetExample });
    await sendcloudClient('v2').updateIntegration(123, settings);
    const body = JSON.parse(playback.requests()[0]!.body) as JsonObject;
    expect(body).toEqual(settings);
    expect(validate(v2UpdateSchema, body)).toEqual([]);
    expect(undeclaredKeys(v2UpdateSchema, body)).toEqual([]);
  });

  test('v2 PUT sends exactly the documented full body, built from the GET example', async () => {
    playback.routes.set('GET /api/v2/integrations/123', { status: 200, body: v2GetExample });
    playback.routes.set('PUT /api/v2/integrations/123', { status: 200, body: v2PatchResponse });
    const result = await sendcloudClient('v2').updateIntegration(123, {}, { v2Method: 'put' });
    const put = playback.requests((r) => r.method === 'PUT')[0]!;
    const body = JSON.parse(put.body) as JsonObject;
    expect(body).toEqual(v2PutExample);
    expect(validate(v2UpdateSchema, body)).toEqual([]);
    expect(result).toEqual(fromV2(v2GetExample));
  });
});

describe('Sendcloud clients read the spec examples', () => {
  test('v3 GET (wrapped in data) and list', async () => {
    playback.routes.set('GET /api/v3/integrations/23452345', { status: 200, body: v3GetExample });
    playback.routes.set('GET /api/v3/integrations', { status: 200, body: v3ListExample });
    const client = sendcloudClient('v3');
    const expected = v3GetExample.data as JsonObject;
    expect(await client.getIntegration(23452345)).toEqual(expected);
    expect(await client.listIntegrations()).toEqual((v3ListExample.data as JsonObject[]).map(fromV3));
    expect(fromV3(expected)).toEqual(expected);
  });

  test('v2 GET and bare-array list, normalized to v3 names', async () => {
    playback.routes.set('GET /api/v2/integrations/123', { status: 200, body: v2GetExample });
    playback.routes.set('GET /api/v2/integrations', { status: 200, body: v2ListExample });
    const client = sendcloudClient('v2');
    const expected = {
      id: 123,
      shop_name: 'Integration #1',
      shop_url: 'https://example.com',
      type: 'api / amazon / magento',
      started_failing_at: '2019-08-24T14:15:22Z',
      last_fetched_at: '2019-08-24T14:15:22Z',
      updated_at: '2019-08-24T14:15:22Z',
      service_point_enabled: true,
      service_point_carriers: ['ups'],
      webhook_active: true,
      webhook_url: 'https://example.com',
    };
    expect(await client.getIntegration(123)).toEqual(expected);
    expect(await client.listIntegrations()).toEqual([expected]);
  });

  test('v2 PATCH answer without id/system (as documented) is completed with a GET', async () => {
    playback.routes.set('PATCH /api/v2/integrations/123', { status: 200, body: v2PatchResponse });
    playback.routes.set('GET /api/v2/integrations/123', { status: 200, body: v2GetExample });
    const result = await sendcloudClient('v2').updateIntegration(123, { service_point_enabled: true });
    expect(result.id).toBe(123);
    expect(result.type).toBe('api / amazon / magento');
  });

  const v3Errors: Array<[string, string, number]> = [
    [`${v3Path}/get/responses/404/${JSON_BODY}`, 'GET', 404],
    [`${v3Path}/patch/responses/400/${JSON_BODY}`, 'PATCH', 400],
    [`${v3Path}/patch/responses/404/${JSON_BODY}`, 'PATCH', 404],
    [`${v3Path}/delete/responses/404/${JSON_BODY}`, 'DELETE', 404],
    [`#/components/responses/Unauthorized/${JSON_BODY}`, 'GET', 401],
  ];

  test.each(v3Errors)('v3 error examples at %s', async (pointer, method, status) => {
    for (const example of Object.values(examplesOf(pointerGet(v3Spec, pointer) as JsonObject))) {
      playback.routes.set(`${method} /api/v3/integrations/5`, { status, body: example });
      const client = sendcloudClient('v3');
      const call = method === 'GET' ? client.getIntegration(5) : method === 'PATCH' ? client.updateIntegration(5, { shop_name: 'x' }) : client.deleteIntegration(5);
      const err = (await call.catch((e: unknown) => e)) as ApiError;
      const item = (example as { errors: JsonObject[] }).errors[0]!;
      expect(err.status).toBe(status);
      expect(err.constructor).toBe(status === 404 ? NotFoundError : status === 401 ? AuthenticationError : ValidationError);
      expect({ code: err.code, title: err.title, detail: err.detail }).toEqual({ code: item.code, title: item.title, detail: item.detail });
      expect(err.problems[0]!.status).toBe(Number(item.status));
    }
  });

  test.each([
    ['404-Integrations', 'GET', 404],
    ['400-Integration', 'PATCH', 400],
  ] as const)('v2 error example %s', async (name, method, status) => {
    for (const example of Object.values(examplesOf(pointerGet(v2Spec, `#/components/responses/${name}/${JSON_BODY}`) as JsonObject))) {
      playback.routes.set(`${method} /api/v2/integrations/5`, { status, body: example });
      const client = sendcloudClient('v2');
      const call = method === 'GET' ? client.getIntegration(5) : client.updateIntegration(5, { shop_name: 'x' });
      const err = (await call.catch((e: unknown) => e)) as ApiError;
      expect(err.status).toBe(status);
      expect(err.detail).toBe((example as { error: JsonObject }).error.message);
      expect(err.message).toBe(`${method} /api/v2/integrations/5 failed with ${status} ${err.title}: ${err.detail}`);
    }
  });
});
