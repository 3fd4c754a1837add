import {
  startElasticPathEmulator,
  startSendcloudEmulator,
  type RunningElasticPathEmulator,
  type RunningSendcloudEmulator,
} from '../../src/emulators';
import {
  admin,
  basicAuth,
  ContractClient,
  elasticPathTemplate,
  elasticPathToken,
  form,
  http,
  ManualClock,
  sendcloudTemplate,
} from './support/clients';

const epClock = new ManualClock();
const scClock = new ManualClock();
let ep: RunningElasticPathEmulator;
let sc: RunningSendcloudEmulator;
let epApi: ContractClient;
let scV3: ContractClient;
let scV2: ContractClient;
let epToken: string;

const webhookBody = (name = 'Faulty') => ({
  data: {
    type: 'integration',
    name,
    integration_type: 'webhook',
    observes: ['order.paid'],
    configuration: { url: 'https://hooks.example.com/faults' },
  },
});

beforeAll(async () => {
  ep = await startElasticPathEmulator({ clock: epClock.now });
  sc = await startSendcloudEmulator({ clock: scClock.now });
  epApi = new ContractClient(ep.url, 'elasticpath', '/v2', elasticPathTemplate, () => ({ authorization: `Bearer ${epToken}` }));
  const scAuth = () => ({ authorization: basicAuth(sc.publicKey, sc.secretKey) });
  scV3 = new ContractClient(sc.url, 'sendcloud-v3', '/api/v3', sendcloudTemplate, scAuth);
  scV2 = new ContractClient(sc.url, 'sendcloud-v2', '/api/v2', sendcloudTemplate, scAuth);
});

afterAll(async () => {
  await Promise.all([ep.close(), sc.close()]);
});

beforeEach(async () => {
  await admin(ep.url, 'POST', '/reset');
  await admin(sc.url, 'POST', '/reset');
  epToken = await elasticPathToken(ep.url, ep.clientId, ep.clientSecret);
});

/** A call whose connection the emulator drops; resolves to the thrown error. */
async function dropped(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the connection to be dropped');
}

describe('admin integrations', () => {
  test('Elastic Path: seed, read unmasked, change out of band, delete', async () => {
    const inserted = await admin(ep.url, 'POST', '/integrations', {
      name: 'Out of band',
      integration_type: 'aws_sqs',
      observes: ['order.paid'],
      configuration: { url: 'https://sqs.example.com/q', aws_access_key_id: 'AKIAADMINSEEDED12345', aws_secret_access_key: 'seeded-secret-9876', region: 'eu-west-1' },
    });
    expect(inserted.status).toBe(201);
    const id = inserted.json.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const viaApi = await epApi.call('GET', `/integrations/${id}`);
    expect(viaApi.json.data.configuration.aws_secret_access_key).toBe('**************9876');
    const raw = (await admin(ep.url, 'GET', '/integrations')).json;
    expect(raw[0].configuration.aws_secret_access_key).toBe('seeded-secret-9876');

    epClock.advanceSeconds(10);
    // No validation: an out-of-band change may leave the integration in any state.
    const patched = await admin(ep.url, 'PATCH', `/integrations/${id}`, { enabled: true, observes: ['a', 'b', 'c', 'd', 'e', 'f'] });
    expect(patched.status).toBe(200);
    const drifted = (await epApi.call('GET', `/integrations/${id}`)).json.data;
    expect(drifted.enabled).toBe(true);
    expect(drifted.observes).toHaveLength(6);
    expect(drifted.meta.timestamps.updated_at).not.toBe(drifted.meta.timestamps.created_at);

    expect((await admin(ep.url, 'DELETE', `/integrations/${id}`)).status).toBe(204);
    expect((await epApi.call('GET', `/integrations/${id}`)).status).toBe(404);
    expect((await admin(ep.url, 'PATCH', `/integrations/${id}`, {})).status).toBe(404);
  });

  test('Elastic Path: seeding keeps a given id', async () => {
    const id = '2da46671-b4c2-44ac-b133-d1221aafc77b';
    await admin(ep.url, 'POST', '/integrations', { id, name: 'Known id', integration_type: 'webhook', observes: [], configuration: { url: 'https://x.example.com' } });
    expect((await epApi.call('GET', `/integrations/${id}`)).json.data.name).toBe('Known id');
    expect((await admin(ep.url, 'POST', '/integrations', { id })).status).toBe(409);
  });

  test('Sendcloud: seed one, change it out of band, delete it', async () => {
    const inserted = await admin(sc.url, 'POST', '/integrations', { shop_name: 'Admin seeded', shop_url: 'https://admin.example.com/', type: 'magento' });
    expect(inserted.status).toBe(201);
    expect(inserted.json.id).toBe(1005);
    expect((await scV2.call('GET', '/integrations/1005')).json.system).toBe('magento');

    scClock.advanceSeconds(10);
    await admin(sc.url, 'PATCH', '/integrations/1005', { webhook_active: true, webhook_url: null });
    const drifted = (await scV3.call('GET', '/integrations/1005')).json.data;
    expect(drifted.webhook_active).toBe(true);
    expect(drifted.updated_at).toBe(new Date(scClock.nowMs).toISOString().replace('.000Z', 'Z'));

    expect((await admin(sc.url, 'DELETE', '/integrations/1005')).status).toBe(204);
    expect((await scV3.call('GET', '/integrations/1005')).status).toBe(404);
    expect((await admin(sc.url, 'POST', '/integrations', { id: 1001, shop_name: 'dup' })).status).toBe(409);
  });

  test('unknown admin routes are 404', async () => {
    expect((await admin(ep.url, 'GET', '/nothing')).status).toBe(404);
    expect((await admin(sc.url, 'PUT', '/integrations')).status).toBe(404);
  });
});

describe('request log', () => {
  test('records API calls with method, path, status and time, but not admin calls or secrets', async () => {
    await admin(ep.url, 'POST', '/reset');
    await http(`${ep.url}/oauth/access_token`, form({ grant_type: 'client_credentials', client_id: ep.clientId, client_secret: 'wrong-secret' }));
    epToken = await elasticPathToken(ep.url, ep.clientId, ep.clientSecret);
    await epApi.call('POST', '/integrations', webhookBody());
    await epApi.call('GET', '/integrations?page[limit]=5&client_secret=leaked');
    await admin(ep.url, 'GET', '/integrations');

    const log = (await admin(ep.url, 'GET', '/requests')).json as any[];
    expect(log.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'POST', path: '/oauth/access_token', status: 401 },
      { method: 'POST', path: '/oauth/access_token', status: 200 },
      { method: 'POST', path: '/v2/integrations', status: 201 },
      { method: 'GET', path: '/v2/integrations?page%5Blimit%5D=5&client_secret=REDACTED', status: 200 },
    ]);
    expect(log[0].at).toBe(new Date(epClock.nowMs).toISOString());
    const text = JSON.stringify(log);
    for (const secret of [ep.clientSecret, 'wrong-secret', 'leaked', epToken]) expect(text).not.toContain(secret);
  });

  test('Sendcloud logs both versions and the token endpoint', async () => {
    await scV3.call('GET', '/integrations/1001');
    await scV2.call('PATCH', '/integrations/1001', { shop_name: 'Logged' });
    await http(sc.tokenUrl, form({ grant_type: 'client_credentials', client_id: sc.oauthClientId, client_secret: sc.oauthClientSecret }));
    const log = (await admin(sc.url, 'GET', '/requests')).json as any[];
    expect(log.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      'GET /api/v3/integrations/1001 200',
      'PATCH /api/v2/integrations/1001 200',
      'POST /oauth2/token 200',
    ]);
    expect(JSON.stringify(log)).not.toContain(sc.oauthClientSecret);
  });
});

describe('faults', () => {
  test('rejects a bad fault configuration', async () => {
    expect((await admin(ep.url, 'POST', '/faults', { rate: 2 })).status).toBe(400);
    expect((await admin(ep.url, 'POST', '/faults', { rate: 0.5, kinds: ['explode'] })).status).toBe(400);
    expect((await admin(sc.url, 'POST', '/faults', { rate: 0.5, kinds: ['500'], retryAfterSeconds: -1 })).status).toBe(400);
  });

  test('500 and 503 answer in each API\'s error format without processing', async () => {
    await admin(ep.url, 'POST', '/faults', { rate: 1, kinds: ['500'], seed: 3 });
    const failed = await epApi.call('POST', '/integrations', webhookBody());
    expect(failed.status).toBe(500);
    expect(failed.json.errors[0]).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect((await admin(ep.url, 'GET', '/integrations')).json).toEqual([]);

    await admin(sc.url, 'POST', '/faults', { rate: 1, kinds: ['503'] });
    const v3 = await scV3.call('PATCH', '/integrations/1001', { shop_name: 'never' });
    expect(v3.status).toBe(503);
    expect(v3.json.errors[0].status).toBe('503');
    const v2 = await scV2.call('GET', '/integrations');
    expect(v2.status).toBe(503);
    expect(v2.json.error.code).toBe(503);
    const token = await http(sc.tokenUrl, form({ grant_type: 'client_credentials', client_id: sc.oauthClientId, client_secret: sc.oauthClientSecret }));
    expect(token.status).toBe(503);
    expect(token.json.error).toBe('temporarily_unavailable');
    await admin(sc.url, 'DELETE', '/faults');
    expect((await scV3.call('GET', '/integrations/1001')).json.data.shop_name).toBe('Emulator API Shop');
  });

  test('429 carries Retry-After only when configured', async () => {
    await admin(ep.url, 'POST', '/faults', { rate: 1, kinds: ['429'] });
    const bare = await epApi.call('GET', '/integrations');
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();

    await admin(ep.url, 'POST', '/faults', { rate: 1, kinds: ['429'], retryAfterSeconds: 2 });
    const hinted = await epApi.call('GET', '/integrations');
    expect(hinted.status).toBe(429);
    expect(hinted.headers.get('retry-after')).toBe('2');
    expect(hinted.json.errors[0]).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });

  test('faults also hit the token endpoint, in its own error format', async () => {
    await admin(ep.url, 'POST', '/faults', { rate: 1, kinds: ['500'] });
    const result = await http(`${ep.url}/oauth/access_token`, form({ grant_type: 'client_credentials', client_id: ep.clientId, client_secret: ep.clientSecret }));
    expect(result.status).toBe(500);
    expect(result.json.errors[0].status).toBe('500');
  });

  test('reset-before drops the connection and stores nothing', async () => {
    await admin(ep.url, 'POST', '/faults', { rate: 1, kinds: ['reset-before'] });
    const error = await dropped(epApi.call('POST', '/integrations', webhookBody()));
    expect(error.message).toMatch(/fetch failed/);
    expect((await admin(ep.url, 'GET', '/integrations')).json).toEqual([]);
    const [entry] = (await admin(ep.url, 'GET', '/requests')).json.slice(-1);
    expect(entry).toMatchObject({ method: 'POST', status: null, fault: 'reset-before' });
  });

  test('reset-after commits the write, then drops the connection', async () => {
    await admin(ep.url, 'POST', '/faults', { rate: 1, kinds: ['reset-after'] });
    await dropped(epApi.call('POST', '/integrations', webhookBody('Committed')));
    await admin(ep.url, 'DELETE', '/faults');
    const stored = (await admin(ep.url, 'GET', '/integrations')).json;
    expect(stored.map((entry: any) => entry.name)).toEqual(['Committed']);

    await admin(sc.url, 'POST', '/faults', { rate: 1, kinds: ['reset-after'] });
    await dropped(scV3.call('PATCH', '/integrations/1003', { feedback_type: 'eager' }));
    await admin(sc.url, 'POST', '/faults', { rate: 0 });
    expect((await scV3.call('GET', '/integrations/1003')).json.data.feedback_type).toBe('eager');
  });

  test('latency delays the answer by latencyMs', async () => {
    await admin(sc.url, 'POST', '/faults', { rate: 1, kinds: ['latency'], latencyMs: 150 });
    const started = performance.now();
    const result = await scV3.call('GET', '/integrations');
    expect(result.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('the same seed gives the same faults; admin calls are never faulted', async () => {
    const run = async () => {
      await admin(sc.url, 'POST', '/faults', { rate: 0.5, kinds: ['500', '503', '429'], seed: 42 });
      const statuses: number[] = [];
      for (let index = 0; index < 24; index++) {
        statuses.push((await scV3.call('GET', '/integrations/1001')).status);
        expect((await admin(sc.url, 'GET', '/integrations')).status).toBe(200);
      }
      return statuses;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(4);
    expect(first.filter((status) => status !== 200).length).toBeGreaterThan(4);
  });
});

describe('rate limits', () => {
  test('Elastic Path enforces requestsPerSecond on /v2 with 429 and Retry-After', async () => {
    expect((await admin(ep.url, 'POST', '/rate-limit', { requestsPerSecond: 3 })).json).toEqual({ requestsPerSecond: 3 });
    for (let index = 0; index < 3; index++) expect((await epApi.call('GET', '/integrations')).status).toBe(200);
    const limited = await epApi.call('GET', '/integrations');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    // The token endpoint is not limited.
    await elasticPathToken(ep.url, ep.clientId, ep.clientSecret);
    epClock.advanceSeconds(1);
    expect((await epApi.call('GET', '/integrations')).status).toBe(200);
    const log = (await admin(ep.url, 'GET', '/requests')).json as any[];
    expect(log.filter((entry) => entry.fault === 'rate-limit')).toHaveLength(1);
  });

  test('Elastic Path takes requestsPerSecond as a start option', async () => {
    const limited = await startElasticPathEmulator({ requestsPerSecond: 1, clock: epClock.now });
    try {
      const token = await elasticPathToken(limited.url, limited.clientId, limited.clientSecret);
      const call = () => http(`${limited.url}/v2/integrations`, { headers: { authorization: `Bearer ${token}` } });
      expect((await call()).status).toBe(200);
      expect((await call()).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  test('Sendcloud enforces writesPerMinute on writes only', async () => {
    await admin(sc.url, 'POST', '/rate-limit', { writesPerMinute: 2 });
    expect((await scV3.call('PATCH', '/integrations/1001', { shop_name: 'one' })).status).toBe(204);
    scClock.advanceSeconds(20);
    expect((await scV2.call('PATCH', '/integrations/1001', { shop_name: 'two' })).status).toBe(200);
    const limited = await scV3.call('PATCH', '/integrations/1001', { shop_name: 'three' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(limited.json.errors[0]).toMatchObject({ status: '429', code: 'throttled' });
    const limitedV2 = await scV2.call('DELETE', '/integrations/1002');
    expect(limitedV2.status).toBe(429);
    expect(limitedV2.json.error.code).toBe(429);
    expect((await scV3.call('GET', '/integrations/1001')).json.data.shop_name).toBe('two');
    scClock.advanceSeconds(40);
    expect((await scV3.call('PATCH', '/integrations/1001', { shop_name: 'three' })).status).toBe(204);
  });

  test('rejects a bad limit', async () => {
    expect((await admin(ep.url, 'POST', '/rate-limit', { requestsPerSecond: -1 })).status).toBe(400);
    expect((await admin(sc.url, 'POST', '/rate-limit', { writesPerMinute: 'many' })).status).toBe(400);
  });
});

describe('reset', () => {
  test('restores the seed and clears the log, faults, limits and tokens', async () => {
    await epApi.call('POST', '/integrations', webhookBody());
    await admin(ep.url, 'POST', '/rate-limit', { requestsPerSecond: 1 });
    await admin(sc.url, 'POST', '/integrations', { shop_name: 'Extra' });
    await scV3.call('PATCH', '/integrations/1001', { shop_name: 'Changed' });
    await scV3.call('DELETE', '/integrations/1002');
    await admin(sc.url, 'POST', '/faults', { rate: 1, kinds: ['500'] });

    expect((await admin(ep.url, 'POST', '/reset')).status).toBe(204);
    expect((await admin(sc.url, 'POST', '/reset')).status).toBe(204);

    expect((await admin(ep.url, 'GET', '/integrations')).json).toEqual([]);
    expect((await admin(ep.url, 'GET', '/requests')).json).toEqual([]);
    expect((await epApi.call('GET', '/integrations')).status).toBe(401);
    epToken = await elasticPathToken(ep.url, ep.clientId, ep.clientSecret);
    for (let index = 0; index < 3; index++) expect((await epApi.call('GET', '/integrations')).status).toBe(200);

    const seeded = (await scV2.call('GET', '/integrations')).json as any[];
    expect(seeded.map((entry) => `${entry.id} ${entry.shop_name}`)).toEqual([
      '1001 Emulator API Shop',
      '1002 Emulator Shopify Store',
      '1003 Emulator WooCommerce',
      '1004 Emulator Prestashop',
    ]);
  });

  test('the running handle resets like the admin route', async () => {
    await admin(sc.url, 'POST', '/integrations', { shop_name: 'Extra' });
    sc.reset();
    expect(((await admin(sc.url, 'GET', '/integrations')).json as any[]).map((entry) => entry.id)).toEqual([1001, 1002, 1003, 1004]);
  });
});
