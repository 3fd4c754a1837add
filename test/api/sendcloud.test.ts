import { AuthenticationError, NotFoundError, UnsupportedFieldError, ValidationError } from '../../api/errors';
import { SendcloudClient, fromV2, type SendcloudClientOptions } from '../../api/sendcloud';
import { FakeClock, ScriptedTransport, sendJson, startServer, type RecordedRequest, type TestServer } from './helpers';

const PUBLIC_KEY = 'pub-key-1';
const SECRET_KEY = 'sendcloud-secret-key-ABC123';
const OAUTH_SECRET = 'oauth-client-secret-QWE456';

interface StoredIntegration {
  id: number;
  shop_name: string;
  shop_url: string | null;
  type: string;
  started_failing_at: string | null;
  last_fetched_at: string | null;
  created_at: string;
  updated_at: string;
  service_point_enabled: boolean;
  service_point_carriers: string[];
  webhook_active: boolean;
  webhook_url: string | null;
  feedback_type: 'eager' | 'delayed' | 'none';
}

function v2View(i: StoredIntegration) {
  return {
    id: i.id,
    shop_name: i.shop_name,
    shop_url: i.shop_url,
    system: i.type,
    failing_since: i.started_failing_at,
    last_fetch: i.last_fetched_at,
    last_updated_at: i.updated_at,
    service_point_enabled: i.service_point_enabled,
    service_point_carriers: i.service_point_carriers,
    webhook_active: i.webhook_active,
    webhook_url: i.webhook_url,
  };
}

interface FakeSendcloud {
  server: TestServer;
  store: Map<number, StoredIntegration>;
  tokensIssued: number;
  apiRequests(): RecordedRequest[];
}

/** v3, v2 and an OAuth token endpoint on one 127.0.0.1 server. */
async function startFakeSendcloud(options: { v2PatchAnswer?: 'full' | 'settings-only' } = {}): Promise<FakeSendcloud> {
  const store = new Map<number, StoredIntegration>();
  store.set(7, {
    id: 7,
    shop_name: 'Shop Seven',
    shop_url: 'https://shop7.example.com/',
    type: 'api',
    started_failing_at: null,
    last_fetched_at: '2023-11-10T16:15:09Z',
    created_at: '2023-11-04T14:15:22Z',
    updated_at: '2023-11-08T12:23:56Z',
    service_point_enabled: false,
    service_point_carriers: [],
    webhook_active: false,
    webhook_url: null,
    feedback_type: 'eager',
  });
  const tokens = new Set<string>();
  const state = { tokensIssued: 0 };
  const basic = `Basic ${Buffer.from(`${PUBLIC_KEY}:${SECRET_KEY}`).toString('base64')}`;
  const oauthBasic = `Basic ${Buffer.from(`oauth-client:${OAUTH_SECRET}`).toString('base64')}`;
  const server = await startServer((req, res) => {
    if (req.path === '/oauth2/token') {
      const form = new URLSearchParams(req.body);
      if (req.headers.authorization !== oauthBasic || form.get('grant_type') !== 'client_credentials' || form.get('scope') !== 'api') {
        return sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      state.tokensIssued++;
      const token = `ory_at_${state.tokensIssued}_token`;
      tokens.add(token);
      return sendJson(res, 200, { access_token: token, expires_in: 3599, scope: 'api', token_type: 'bearer' });
    }
    const auth = req.headers.authorization ?? '';
    if (auth !== basic && !(auth.startsWith('Bearer ') && tokens.has(auth.slice(7)))) {
      return sendJson(res, 401, { errors: [{ status: '401', code: 'authentication_failed', title: 'Invalid username/password.', detail: 'The username or password provided is incorrect.' }] });
    }
    const v3 = /^\/api\/v3\/integrations(?:\/(\d+))?$/.exec(req.path);
    const v2 = /^\/api\/v2\/integrations(?:\/(\d+))?$/.exec(req.path);
    const match = v3 ?? v2;
    if (!match) return sendJson(res, 404, {});
    const id = match[1] ? Number(match[1]) : undefined;
    const item = id !== undefined ? store.get(id) : undefined;
    if (id === undefined && req.method === 'GET') {
      const all = [...store.values()];
      return v3 ? sendJson(res, 200, { data: all }) : sendJson(res, 200, all.map(v2View));
    }
    if (!item) {
      return v3
        ? sendJson(res, 404, { errors: [{ status: 404, code: 'not_found', title: 'Not Found', detail: 'The Integration could not be found with the search criteria given' }] })
        : sendJson(res, 404, { error: { code: 404, request: 'api/v2/integrations/', message: 'No Integration matches the given query.' } });
    }
    if (req.method === 'GET') return v3 ? sendJson(res, 200, { data: item }) : sendJson(res, 200, v2View(item));
    if (req.method === 'DELETE') {
      store.delete(item.id);
      res.writeHead(204);
      return res.end();
    }
    const changes = JSON.parse(req.body) as Partial<StoredIntegration>;
    if (v2 && changes.webhook_url === null) {
      return sendJson(res, 400, { error: { code: 400, request: 'api/v2/integrations/', message: "{'settings': ['webhook_url: This field may not be null.']}" } });
    }
    Object.assign(item, changes, { updated_at: '2024-02-02T00:00:00Z' });
    if (v3) {
      res.writeHead(204);
      return res.end();
    }
    const view = v2View(item);
    if (options.v2PatchAnswer === 'settings-only') {
      const { id: _id, system: _system, failing_since: _f, last_fetch: _l, ...settings } = view;
      return sendJson(res, 200, settings);
    }
    return sendJson(res, 200, view);
  });
  return {
    server,
    store,
    get tokensIssued() {
      return state.tokensIssued;
    },
    apiRequests: () => server.requests.filter((r) => r.path !== '/oauth2/token'),
  };
}

let fake: FakeSendcloud | undefined;
afterEach(async () => {
  await fake?.server.close();
  fake = undefined;
});

async function setup(clientOptions: Partial<SendcloudClientOptions> = {}, fakeOptions: Parameters<typeof startFakeSendcloud>[0] = {}) {
  fake = await startFakeSendcloud(fakeOptions);
  const lines: string[] = [];
  const client = new SendcloudClient({ baseUrl: fake.server.url, publicKey: PUBLIC_KEY, secretKey: SECRET_KEY, logger: (l) => lines.push(l), ...clientOptions });
  return { fake, client, lines };
}

describe('construction', () => {
  test('defaults to v3 on panel.sendcloud.sc', () => {
    const client = new SendcloudClient({ publicKey: 'a', secretKey: 'b' });
    expect(client.apiVersion).toBe('v3');
    expect(client.baseUrl).toBe('https://panel.sendcloud.sc');
  });

  test('fails without credentials or with an unknown version', () => {
    expect(() => new SendcloudClient({})).toThrow(/publicKey and secretKey, or oauth/);
    expect(() => new SendcloudClient({ publicKey: 'a' })).toThrow(/credentials are required/);
    expect(() => new SendcloudClient({ publicKey: 'a', secretKey: 'b', apiVersion: 'v4' as 'v3' })).toThrow(/apiVersion must be "v3" or "v2"/);
  });
});

describe('v3', () => {
  test('sends HTTP Basic credentials and unwraps `data`', async () => {
    const { fake, client } = await setup();
    const list = await client.listIntegrations();
    expect(list).toEqual([fake.store.get(7)]);
    const [request] = fake.apiRequests();
    expect(request!.path).toBe('/api/v3/integrations');
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${PUBLIC_KEY}:${SECRET_KEY}`).toString('base64')}`);
    expect(await client.getIntegration(7)).toMatchObject({ id: 7, type: 'api', feedback_type: 'eager', started_failing_at: null });
  });

  test('update PATCHes only the given fields (204), then GETs the object', async () => {
    const { fake, client } = await setup();
    const updated = await client.updateIntegration(7, { webhook_active: true, webhook_url: 'https://hooks.example.com/sc', shop_name: undefined });
    const requests = fake.apiRequests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /api/v3/integrations/7', 'GET /api/v3/integrations/7']);
    expect(JSON.parse(requests[0]!.body)).toEqual({ webhook_active: true, webhook_url: 'https://hooks.example.com/sc' });
    expect(updated).toMatchObject({ id: 7, webhook_active: true, webhook_url: 'https://hooks.example.com/sc', updated_at: '2024-02-02T00:00:00Z' });
  });

  test('an update with no changes only reads', async () => {
    const { fake, client } = await setup();
    await client.updateIntegration(7, {});
    expect(fake.apiRequests().map((r) => r.method)).toEqual(['GET']);
  });

  test('a missing integration is NotFoundError with the v3 error text', async () => {
    const { client } = await setup();
    const err = await client.getIntegration(99).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ code: 'not_found', status: 404 });
    expect((err as Error).message).toBe('GET /api/v3/integrations/99 failed with 404 Not Found: The Integration could not be found with the search criteria given');
  });

  test('delete answers 204; deleting again is NotFoundError', async () => {
    const { fake, client } = await setup();
    await client.deleteIntegration(7);
    expect(fake.store.size).toBe(0);
    await expect(client.deleteIntegration(7)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('ids must be positive integers', async () => {
    const { client } = await setup();
    await expect(client.getIntegration(0)).rejects.toThrow(/positive integer/);
    await expect(client.getIntegration(1.5)).rejects.toThrow(/positive integer/);
  });
});

describe('v2', () => {
  test('normalizes the bare list and v2 names to v3 names', async () => {
    const { client } = await setup({ apiVersion: 'v2' });
    const [item] = await client.listIntegrations();
    expect(item).toEqual({
      id: 7,
      type: 'api',
      shop_name: 'Shop Seven',
      shop_url: 'https://shop7.example.com/',
      started_failing_at: null,
      last_fetched_at: '2023-11-10T16:15:09Z',
      updated_at: '2023-11-08T12:23:56Z',
      service_point_enabled: false,
      service_point_carriers: [],
      webhook_active: false,
      webhook_url: null,
    });
  });

  test('fromV2 renames system, failing_since, last_fetch and last_updated_at', () => {
    expect(fromV2({ id: 1, system: 'shopify', failing_since: 'a', last_fetch: 'b', last_updated_at: 'c', unknown_field: 1 })).toEqual({
      id: 1,
      type: 'shopify',
      started_failing_at: 'a',
      last_fetched_at: 'b',
      updated_at: 'c',
    });
  });

  test('patch (default) sends the changes and uses the object PATCH returns', async () => {
    const { fake, client } = await setup({ apiVersion: 'v2' });
    const updated = await client.updateIntegration(7, { service_point_enabled: true, service_point_carriers: ['ups', 'dhl'] });
    expect(fake.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /api/v2/integrations/7']);
    expect(JSON.parse(fake.apiRequests()[0]!.body)).toEqual({ service_point_enabled: true, service_point_carriers: ['ups', 'dhl'] });
    expect(updated).toMatchObject({ id: 7, type: 'api', service_point_enabled: true, service_point_carriers: ['ups', 'dhl'] });
  });

  test('patch reads the object back when the answer lacks id and system (as the spec documents it)', async () => {
    const { fake, client } = await setup({ apiVersion: 'v2' }, { v2PatchAnswer: 'settings-only' });
    const updated = await client.updateIntegration(7, { shop_name: 'Renamed' });
    expect(fake.apiRequests().map((r) => r.method)).toEqual(['PATCH', 'GET']);
    expect(updated).toMatchObject({ id: 7, type: 'api', shop_name: 'Renamed' });
  });

  test('put GETs the current object and PUTs every writable field, leaving out nulls', async () => {
    const { fake, client } = await setup({ apiVersion: 'v2' });
    const updated = await client.updateIntegration(7, { webhook_active: true, webhook_url: 'https://hooks.example.com/v2' }, { v2Method: 'put' });
    const requests = fake.apiRequests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v2/integrations/7', 'PUT /api/v2/integrations/7']);
    expect(JSON.parse(requests[1]!.body)).toEqual({
      shop_name: 'Shop Seven',
      shop_url: 'https://shop7.example.com/',
      service_point_enabled: false,
      service_point_carriers: [],
      webhook_active: true,
      webhook_url: 'https://hooks.example.com/v2',
    });
    expect(updated).toMatchObject({ id: 7, type: 'api', webhook_active: true, webhook_url: 'https://hooks.example.com/v2' });
  });

  test('fails when feedback_type is asked for under v2, before any request', async () => {
    const { fake, client } = await setup({ apiVersion: 'v2' });
    for (const v2Method of ['patch', 'put'] as const) {
      const err = await client.updateIntegration(7, { feedback_type: 'none' }, { v2Method }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedFieldError);
      expect((err as Error).message).toBe('feedback_type is not supported by the Sendcloud v2 API: remove feedback_type, or use apiVersion "v3"');
    }
    expect(fake.server.requests).toHaveLength(0);
  });

  test('v2 errors {"error":{code,request,message}} become ApiErrors', async () => {
    const { client } = await setup({ apiVersion: 'v2' });
    const missing = await client.getIntegration(99).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as Error).message).toBe('GET /api/v2/integrations/99 failed with 404 Not Found: No Integration matches the given query.');
    const invalid = await client.updateIntegration(7, { webhook_url: null }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as Error).message).toContain("webhook_url: This field may not be null.");
  });

  test('low-level v2 list/get/patch/put/delete', async () => {
    const { fake, client } = await setup();
    expect(await client.v2.list()).toHaveLength(1);
    expect((await client.v2.get(7)).system).toBe('api');
    expect((await client.v2.patch(7, { shop_name: 'A' })).shop_name).toBe('A');
    expect((await client.v2.put(7, { shop_name: 'B', service_point_enabled: false })).shop_name).toBe('B');
    await client.v2.delete(7);
    expect(fake.store.size).toBe(0);
  });
});

describe('OAuth2 client credentials', () => {
  const oauthOptions = () => ({ publicKey: undefined, secretKey: undefined, oauth: { clientId: 'oauth-client', clientSecret: OAUTH_SECRET, tokenUrl: `${fake!.server.url}/oauth2/token` } });

  test('gets one token with Basic client auth and a form body, then sends it as bearer', async () => {
    fake = await startFakeSendcloud();
    const client = new SendcloudClient({ baseUrl: fake.server.url, ...oauthOptions() });
    await Promise.all([client.listIntegrations(), client.getIntegration(7), client.getIntegration(7)]);
    await client.updateIntegration(7, { shop_name: 'X' });
    expect(fake.tokensIssued).toBe(1);
    const tokenRequest = fake.server.requests.find((r) => r.path === '/oauth2/token')!;
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({ grant_type: 'client_credentials', scope: 'api' });
    expect(fake.apiRequests().every((r) => r.headers.authorization === 'Bearer ory_at_1_token')).toBe(true);
  });

  test('the token is renewed shortly before expires_in runs out', async () => {
    fake = await startFakeSendcloud();
    const clock = new FakeClock();
    const client = new SendcloudClient({ baseUrl: fake.server.url, clock, ...oauthOptions() });
    await client.getIntegration(7);
    clock.advance((3599 - 61) * 1000);
    await client.getIntegration(7);
    expect(fake.tokensIssued).toBe(1);
    clock.advance(2000);
    await client.getIntegration(7);
    expect(fake.tokensIssued).toBe(2);
  });

  test('wrong client credentials: one token request, one AuthenticationError without the secret', async () => {
    fake = await startFakeSendcloud();
    const lines: string[] = [];
    const client = new SendcloudClient({
      baseUrl: fake.server.url,
      logger: (l) => lines.push(l),
      oauth: { clientId: 'oauth-client', clientSecret: 'not-the-secret-999', tokenUrl: `${fake.server.url}/oauth2/token` },
    });
    const err = await client.getIntegration(7).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as Error).message).toBe(
      'POST /oauth2/token failed with 401 invalid_client: Client authentication failed; check the Sendcloud OAuth client id and client secret',
    );
    expect(fake.server.requests).toHaveLength(1);
    expect((err as Error).message + JSON.stringify(err) + lines.join('\n')).not.toContain('not-the-secret-999');
  });
});

describe('rate budget', () => {
  test('writes: 15 pass at once, then they are spaced; reads are not held back', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport([], { status: 204 });
    const client = new SendcloudClient({ publicKey: PUBLIC_KEY, secretKey: SECRET_KEY, transport, clock });
    for (let i = 0; i < 20; i++) await client.v3.patch(7, { shop_name: `n${i}` });
    expect(clock.sleeps).toHaveLength(5);
    // One token per 1000/15 = 66.7 ms, rounded up to whole milliseconds.
    expect(clock.sleeps.every((ms) => ms >= 66 && ms <= 67)).toBe(true);
    const before = clock.sleeps.length;
    const reads = new ScriptedTransport([], { status: 200, body: { data: { id: 7 } } });
    const reader = new SendcloudClient({ publicKey: PUBLIC_KEY, secretKey: SECRET_KEY, transport: reads, clock });
    for (let i = 0; i < 50; i++) await reader.v3.get(7);
    expect(clock.sleeps).toHaveLength(before);
  });

  test('writesPerMinute and writeBurstPerSecond are configurable', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport([], { status: 204 });
    const client = new SendcloudClient({ publicKey: PUBLIC_KEY, secretKey: SECRET_KEY, transport, clock, writesPerMinute: 2, writeBurstPerSecond: 10 });
    for (let i = 0; i < 3; i++) await client.v3.delete(7);
    expect(clock.sleeps).toEqual([30_000]);
  });
});

describe('secrets', () => {
  test('the secret key never reaches errors or logs, even when a server echoes headers', async () => {
    const server = await startServer((req, res) => sendJson(res, 400, { errors: [{ status: '400', code: 'invalid', title: 'Invalid', detail: `bad request ${JSON.stringify(req.headers)}` }] }));
    const lines: string[] = [];
    const client = new SendcloudClient({ baseUrl: server.url, publicKey: PUBLIC_KEY, secretKey: SECRET_KEY, logger: (l) => lines.push(l) });
    try {
      const err = await client.updateIntegration(7, { shop_name: 'x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      const basic = Buffer.from(`${PUBLIC_KEY}:${SECRET_KEY}`).toString('base64');
      const visible = [(err as Error).message, JSON.stringify(err), lines.join('\n')].join('\n');
      expect(visible).not.toContain(SECRET_KEY);
      expect(visible).not.toContain(basic);
    } finally {
      await server.close();
    }
  });
});
