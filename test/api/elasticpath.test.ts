import { ElasticPathClient, findCreatedIntegration, type ElasticPathClientOptions, type EpIntegration, type EpIntegrationAttributes } from '../../api/elasticpath';
import { AuthenticationError, NotFoundError, OutcomeUnknownError, ValidationError, isNotFound } from '../../api/errors';
import { startFakeElasticPath, seedIntegrations, type FakeElasticPath, type FakeElasticPathOptions } from './fake-elasticpath';
import { FakeClock, sendJson, startServer } from './helpers';

const CLIENT_SECRET = 'client-secret-XYZ987';

let fake: FakeElasticPath | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(serverOptions: FakeElasticPathOptions = {}, clientOptions: Partial<ElasticPathClientOptions> = {}) {
  fake = await startFakeElasticPath({ clientSecret: CLIENT_SECRET, ...serverOptions });
  const lines: string[] = [];
  const client = new ElasticPathClient({
    baseUrl: fake.url,
    clientId: 'client-id-1',
    clientSecret: CLIENT_SECRET,
    requestsPerSecond: 1000,
    logger: (line) => lines.push(line),
    ...clientOptions,
  });
  return { fake, client, lines };
}

const webhook: EpIntegrationAttributes = {
  name: 'Order created',
  description: 'notify the ERP',
  enabled: true,
  integration_type: 'webhook',
  observes: ['order.created', 'order.paid'],
  configuration: { url: 'https://erp.example.com/hooks', secret_key: 'whsec-abcdef123456' },
};

describe('construction', () => {
  test('region selects the host; baseUrl wins', () => {
    expect(new ElasticPathClient({ clientId: 'a', clientSecret: 'b' }).baseUrl).toBe('https://useast.api.elasticpath.com');
    expect(new ElasticPathClient({ clientId: 'a', clientSecret: 'b', region: 'euwest' }).baseUrl).toBe('https://euwest.api.elasticpath.com');
    expect(new ElasticPathClient({ clientId: 'a', clientSecret: 'b', region: 'euwest', baseUrl: 'http://127.0.0.1:9/' }).baseUrl).toBe('http://127.0.0.1:9');
  });

  test('fails when credentials or region are wrong', () => {
    expect(() => new ElasticPathClient({ clientId: '', clientSecret: 'b' })).toThrow(/client_id is required/);
    expect(() => new ElasticPathClient({ clientId: 'a', clientSecret: '' })).toThrow(/client_secret is required/);
    expect(() => new ElasticPathClient({ clientId: 'a', clientSecret: 'b', region: 'mars' as 'useast' })).toThrow(/region must be one of useast, euwest/);
  });
});

describe('access token', () => {
  test('one token request serves many sequential and concurrent calls', async () => {
    const { fake, client } = await setup();
    seedIntegrations(fake, 3);
    const ids = [...fake.integrations.keys()];
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.getIntegration(ids[i % 3]!)));
    for (let i = 0; i < 5; i++) await client.listIntegrations();
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.apiRequests()).toHaveLength(15);
  });

  test('the token request is form-encoded client_credentials', async () => {
    const { fake, client } = await setup();
    await client.listIntegrations();
    const [tokenRequest] = fake.tokenRequests();
    expect(tokenRequest!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenRequest!.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-id-1',
      client_secret: CLIENT_SECRET,
    });
    expect(tokenRequest!.headers.authorization).toBeUndefined();
  });

  test('the token is renewed 60 s before `expires`, not earlier', async () => {
    const clock = new FakeClock();
    const { fake, client } = await setup({ now: () => clock.now(), tokenLifetimeSeconds: 3600 }, { clock });
    await client.listIntegrations();
    clock.advance((3600 - 61) * 1000);
    await client.listIntegrations();
    expect(fake.tokensIssued).toBe(1);
    clock.advance(2000);
    await client.listIntegrations();
    expect(fake.tokensIssued).toBe(2);
  });

  test('a 401 on an API call renews the token once and retries once', async () => {
    const { fake, client } = await setup();
    seedIntegrations(fake, 1);
    await client.listIntegrations();
    fake.revokeAllTokens();
    const list = await client.listIntegrations();
    expect(list).toHaveLength(1);
    expect(fake.tokensIssued).toBe(2);
    expect(fake.apiRequests()).toHaveLength(3);
  });

  test('concurrent 401s share one renewal', async () => {
    const { fake, client } = await setup();
    seedIntegrations(fake, 1);
    const [id] = [...fake.integrations.keys()];
    await client.getIntegration(id!);
    fake.revokeAllTokens();
    await Promise.all(Array.from({ length: 6 }, () => client.getIntegration(id!)));
    expect(fake.tokensIssued).toBe(2);
  });

  test('wrong credentials give one clear AuthenticationError and no retry storm', async () => {
    const { fake, client, lines } = await setup({}, { clientSecret: 'wrong-secret-value' });
    const err = await client.listIntegrations().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as Error).message).toBe(
      'POST /oauth/access_token failed with 401 Unauthorized: Unauthorized; check the Elastic Path client_id and client_secret',
    );
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.apiRequests()).toHaveLength(0);
    expect(JSON.stringify(err) + (err as Error).message + lines.join('\n')).not.toContain('wrong-secret-value');
  });

  test('store and organization headers are sent with the bearer token', async () => {
    const { fake, client } = await setup({}, { storeId: 'store-1', orgId: 'org-1' });
    await client.listIntegrations();
    const [request] = fake.apiRequests();
    expect(request!.headers['ep-store-id']).toBe('store-1');
    expect(request!.headers['ep-org-id']).toBe('org-1');
    expect(request!.headers.authorization).toMatch(/^Bearer tok-1-/);
  });
});

describe('listIntegrations paging', () => {
  test('250 integrations with limit 100: 3 list requests and 1 token request', async () => {
    const { fake, client } = await setup();
    seedIntegrations(fake, 250);
    const all = await client.listIntegrations();
    expect(all).toHaveLength(250);
    expect(new Set(all.map((i) => i.id)).size).toBe(250);
    const lists = fake.apiRequests();
    expect(lists.map((r) => [r.query.get('page[limit]'), r.query.get('page[offset]')])).toEqual([
      ['100', '0'],
      ['100', '100'],
      ['100', '200'],
    ]);
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  test('stops on the reported total without an extra empty page', async () => {
    const { fake, client } = await setup();
    seedIntegrations(fake, 200);
    expect(await client.listIntegrations()).toHaveLength(200);
    expect(fake.apiRequests()).toHaveLength(2);
  });

  test('without a total, stops on the first short (here empty) page', async () => {
    const { fake, client } = await setup({ omitTotals: true });
    seedIntegrations(fake, 200);
    expect(await client.listIntegrations()).toHaveLength(200);
    expect(fake.apiRequests()).toHaveLength(3);
  });

  test('an endpoint that ignores paging neither loops nor duplicates', async () => {
    const { fake, client } = await setup({ ignorePaging: true, omitTotals: true });
    seedIntegrations(fake, 130);
    const all = await client.listIntegrations();
    expect(all).toHaveLength(130);
    expect(new Set(all.map((i) => i.id)).size).toBe(130);
    expect(fake.apiRequests()).toHaveLength(2);
  });

  test('a smaller page limit pages accordingly; the limit is capped at 100', async () => {
    const { fake, client } = await setup();
    seedIntegrations(fake, 25);
    expect(await client.listIntegrations({ pageLimit: 10 })).toHaveLength(25);
    expect(fake.apiRequests()).toHaveLength(3);
    await client.listIntegrations({ pageLimit: 500 });
    expect(fake.apiRequests()[3]!.query.get('page[limit]')).toBe('100');
  });
});

describe('create, read, update, delete', () => {
  test('create sends {"data":{"type":"integration",...}} without empty configuration fields and accepts 201', async () => {
    const { fake, client } = await setup();
    const created = await client.createIntegration({ ...webhook, description: '', configuration: { url: webhook.configuration.url!, secret_key: '' } });
    const [post] = fake.apiRequests();
    expect(post!.method).toBe('POST');
    expect(post!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post!.body)).toEqual({
      data: { type: 'integration', name: 'Order created', description: '', enabled: true, integration_type: 'webhook', observes: ['order.created', 'order.paid'], configuration: { url: 'https://erp.example.com/hooks' } },
    });
    expect(created).toMatchObject({ type: 'integration', name: 'Order created', integration_type: 'webhook' });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.meta?.timestamps?.created_at).toBeDefined();
  });

  test('create accepts 200 as the spec documents', async () => {
    const { client } = await setup({ createStatus: 200 });
    expect((await client.createIntegration(webhook)).name).toBe('Order created');
  });

  test('get returns the object; a missing one is NotFoundError', async () => {
    const { client } = await setup();
    const created = await client.createIntegration(webhook);
    expect(await client.getIntegration(created.id)).toEqual(created);
    const err = await client.getIntegration('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(isNotFound(err)).toBe(true);
    expect((err as Error).message).toBe('GET /v2/integrations/00000000-0000-0000-0000-000000000000 failed with 404 Not Found: The resource could not be found');
  });

  test('update PUTs only the given fields; an empty description is sent to clear it', async () => {
    const { fake, client } = await setup();
    const created = await client.createIntegration(webhook);
    const updated = await client.updateIntegration(created.id, { enabled: false, description: '', observes: ['order.paid'] });
    const put = fake.apiRequests().find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/v2/integrations/${created.id}`);
    expect(JSON.parse(put.body)).toEqual({ data: { type: 'integration', enabled: false, description: '', observes: ['order.paid'] } });
    expect(updated).toMatchObject({ id: created.id, enabled: false, observes: ['order.paid'], description: '' });
  });

  test.each([204, 200] as const)('delete accepts %i', async (deleteStatus) => {
    const { fake, client } = await setup({ deleteStatus });
    const created = await client.createIntegration(webhook);
    await client.deleteIntegration(created.id);
    expect(fake.integrations.size).toBe(0);
    await expect(client.deleteIntegration(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('a create whose response is lost', () => {
  test('committed then connection destroyed: the client finds the object by listing and returns it', async () => {
    const { fake, client, lines } = await setup({ onCreate: (n) => (n === 1 ? 'commit-then-drop' : 'answer') });
    const created = await client.createIntegration(webhook);
    expect(fake.integrations.size).toBe(1);
    expect(created.id).toBe([...fake.integrations.keys()][0]);
    const methods = fake.apiRequests().map((r) => r.method);
    expect(methods).toEqual(['POST', 'GET']);
    expect(lines.some((l) => l.includes('found the created integration'))).toBe(true);
  });

  test('dropped before commit: nothing matches, so the create is sent again once', async () => {
    const { fake, client } = await setup({ onCreate: (n) => (n === 1 ? 'drop' : 'answer') });
    await client.createIntegration(webhook);
    expect(fake.integrations.size).toBe(1);
    expect(fake.apiRequests().map((r) => r.method)).toEqual(['POST', 'GET', 'POST']);
  });

  test('always dropped: gives up with OutcomeUnknownError after 3 sends, no duplicates', async () => {
    const { fake, client } = await setup({ onCreate: () => 'drop' });
    const err = await client.createIntegration(webhook).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(fake.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(3);
    expect(fake.integrations.size).toBe(0);
  });

  test('matching prefers same name and type, then same observes and url, then newest', () => {
    const make = (id: string, over: Partial<EpIntegration>): EpIntegration => ({
      id,
      type: 'integration',
      name: webhook.name,
      integration_type: 'webhook',
      observes: webhook.observes,
      configuration: { url: webhook.configuration.url! },
      ...over,
    });
    const candidates = [
      make('other-name', { name: 'x' }),
      make('other-type', { integration_type: 'stomp' }),
      make('old-same', { meta: { timestamps: { created_at: '2024-01-01T00:00:00Z' } } }),
      make('new-same', { observes: ['order.paid', 'order.created'], meta: { timestamps: { created_at: '2025-01-01T00:00:00Z' } } }),
      make('newest-different-url', { configuration: { url: 'https://elsewhere' }, meta: { timestamps: { created_at: '2026-01-01T00:00:00Z' } } }),
    ];
    expect(findCreatedIntegration(candidates, webhook)?.id).toBe('new-same');
    expect(findCreatedIntegration(candidates.slice(0, 2), webhook)).toBeUndefined();
  });
});

describe('a delete whose response is lost', () => {
  test('the retried DELETE meets 404, which counts as our own success', async () => {
    const seen: string[] = [];
    const server = await startServer((req, res, raw) => {
      seen.push(req.method);
      if (req.path === '/oauth/access_token') return sendJson(res, 200, { access_token: 'token-abcdef', expires_in: 3600 });
      if (seen.filter((m) => m === 'DELETE').length === 1) return raw.socket.destroy();
      return sendJson(res, 404, { errors: [{ title: 'Not Found', status: 404 }] });
    });
    try {
      const client = new ElasticPathClient({ baseUrl: server.url, clientId: 'cid', clientSecret: CLIENT_SECRET, random: () => 0 });
      await expect(client.deleteIntegration('gone')).resolves.toBeUndefined();
      expect(seen).toEqual(['POST', 'DELETE', 'DELETE']);
      // Without the lost first answer, a 404 is a real NotFoundError.
      await expect(client.deleteIntegration('gone')).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      await server.close();
    }
  });
});

describe('secrets stay out of errors and logs', () => {
  test('a validation error echoing the request keeps no secret value', async () => {
    const accessToken = 'access-token-0123456789';
    const server = await startServer((req, res) => {
      if (req.path === '/oauth/access_token') return sendJson(res, 200, { access_token: accessToken, expires_in: 3600 });
      // A careless server that quotes the whole request body and headers back.
      sendJson(res, 422, {
        errors: [{ status: 422, title: 'Validation Error', detail: `invalid: ${req.body} ${JSON.stringify(req.headers)}`, source: { pointer: '/data/configuration/url' } }],
      });
    });
    const lines: string[] = [];
    const client = new ElasticPathClient({ baseUrl: server.url, clientId: 'cid', clientSecret: CLIENT_SECRET, logger: (l) => lines.push(l) });
    const secrets = {
      aws_access_key_id: 'AKIAEXAMPLEKEY1234',
      aws_secret_access_key: 'aws-secret-wJalrXUtnFEMI',
      password: 'stomp-password-5678',
      secret_key: 'whsec-abcdef123456',
    };
    try {
      const errors: unknown[] = [];
      errors.push(await client.createIntegration({ ...webhook, integration_type: 'aws_sqs', configuration: { url: 'https://sqs', region: 'eu-west-1', ...secrets } }).catch((e: unknown) => e));
      errors.push(await client.updateIntegration('id-1', { configuration: { ...secrets } }).catch((e: unknown) => e));
      for (const err of errors) {
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).pointer).toBe('/data/configuration/url');
        const visible = [(err as Error).message, JSON.stringify(err), String(err), (err as Error).stack ?? ''].join('\n');
        for (const value of [CLIENT_SECRET, accessToken, ...Object.values(secrets)]) expect(visible).not.toContain(value);
        expect(visible).toContain('[REDACTED]');
      }
      const log = lines.join('\n');
      for (const value of [CLIENT_SECRET, accessToken, ...Object.values(secrets)]) expect(log).not.toContain(value);
      expect(lines.some((l) => /^elasticpath POST \/v2\/integrations -> 422 \(attempt 1, \d+ ms\)$/.test(l))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
