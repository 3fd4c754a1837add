import { DOCUMENTED_EVENTS } from '../../api/elasticpath-events';
import { EMULATOR_CREDENTIALS, startElasticPathEmulator, type RunningElasticPathEmulator } from '../../src/emulators';
import {
  assertResponseMatchesSpec,
  ContractClient,
  elasticPathTemplate,
  elasticPathToken,
  form,
  http,
  ManualClock,
  requestSpecErrors,
} from './support/clients';

const clock = new ManualClock();
let emulator: RunningElasticPathEmulator;
let token: string;
let api: ContractClient;

const webhook = (overrides: Record<string, unknown> = {}) => ({
  data: {
    type: 'integration',
    name: 'Order paid notification',
    integration_type: 'webhook',
    observes: ['order.paid'],
    configuration: { url: 'https://hooks.example.com/orders', secret_key: 'whsec-emulator-1234' },
    ...overrides,
  },
});

const sqs = {
  data: {
    type: 'integration',
    name: 'Orders to SQS',
    integration_type: 'aws_sqs',
    enabled: true,
    observes: ['order.created', 'order.paid'],
    configuration: {
      url: 'https://sqs.eu-west-1.amazonaws.com/123456789/epcc-external-queue',
      aws_access_key_id: 'AKIAEMULATOREXAMJIMB',
      aws_secret_access_key: 'emulatorSecretAccessKeyValueForTests/HK4o',
      region: 'eu-west-1',
    },
  },
};

const stomp = {
  data: {
    type: 'integration',
    name: 'Carts to Amazon MQ',
    integration_type: 'stomp',
    observes: ['cart.updated'],
    configuration: {
      addresses: ['stomp+ssl://b-1.mq.us-west-2.example.com:61614', 'stomp+ssl://b-2.mq.us-west-2.example.com:61614'],
      destination: '/queue/epcc-integrations.cart-updated',
      username: 'epcc-integration-1',
      password: 'stomp-password-CDKn',
    },
  },
};

beforeAll(async () => {
  emulator = await startElasticPathEmulator({ clock: clock.now, tokenTtlSeconds: 600 });
  api = new ContractClient(emulator.url, 'elasticpath', '/v2', elasticPathTemplate, () => ({ authorization: `Bearer ${token}` }));
});

afterAll(() => emulator.close());

beforeEach(async () => {
  await emulator.admin.reset();
  token = await elasticPathToken(emulator.url, emulator.clientId, emulator.clientSecret);
});

/** The clock's time in the API's timestamp form (seconds, `Z`). */
function isoNow(): string {
  return new Date(clock.nowMs).toISOString().replace('.000Z', 'Z');
}

async function stored(): Promise<any[]> {
  return (await emulator.admin.send('GET', '/integrations')).json;
}

describe('authentication', () => {
  test('issues a client_credentials token with the documented fields', async () => {
    const result = await http(`${emulator.url}/oauth/access_token`, form({
      grant_type: 'client_credentials',
      client_id: EMULATOR_CREDENTIALS.elasticpath.clientId,
      client_secret: EMULATOR_CREDENTIALS.elasticpath.clientSecret,
    }));
    assertResponseMatchesSpec('elasticpath-auth', 'POST', '/oauth/access_token', result.status, result.text);
    expect(requestSpecErrors('elasticpath-auth', 'POST', '/oauth/access_token', {
      grant_type: 'client_credentials', client_id: 'a', client_secret: 'b',
    })).toEqual([]);
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]{40}$/),
      token_type: 'Bearer',
      expires_in: 600,
      expires: Math.floor(clock.nowMs / 1000) + 600,
      identifier: 'client_credentials',
    });
  });

  test.each([
    ['a wrong secret', { grant_type: 'client_credentials', client_id: 'emulator-client-id', client_secret: 'nope' }, 401],
    ['an unknown client', { grant_type: 'client_credentials', client_id: 'someone-else', client_secret: 'emulator-client-secret' }, 401],
    ['no grant_type', { client_id: 'emulator-client-id', client_secret: 'emulator-client-secret' }, 400],
    ['the implicit grant', { grant_type: 'implicit', client_id: 'emulator-client-id' }, 400],
    ['no client_id', { grant_type: 'client_credentials', client_secret: 'emulator-client-secret' }, 400],
  ])('fails with %s', async (_case, fields, status) => {
    const result = await http(`${emulator.url}/oauth/access_token`, form(fields as Record<string, string>));
    assertResponseMatchesSpec('elasticpath-auth', 'POST', '/oauth/access_token', result.status, result.text);
    expect(result.status).toBe(status);
    // authentication.yaml types the error status as a string.
    expect(result.json.errors[0].status).toBe(String(status));
    expect(result.text).not.toContain('emulator-client-secret');
  });

  test('fails without a bearer token, with an unknown one, and with an expired one', async () => {
    expect((await api.call('GET', '/integrations', undefined, { headers: { authorization: '' } })).status).toBe(401);
    const unknown = await api.call('GET', '/integrations', undefined, { headers: { authorization: 'Bearer 0123456789abcdef' } });
    expect(unknown.status).toBe(401);
    expect(unknown.json.errors[0]).toMatchObject({ status: 401, title: 'Unauthorized' });

    expect((await api.call('GET', '/integrations')).status).toBe(200);
    clock.advanceSeconds(599);
    expect((await api.call('GET', '/integrations')).status).toBe(200);
    clock.advanceSeconds(1);
    expect((await api.call('GET', '/integrations')).status).toBe(401);
  });

  test('admin token expiry invalidates every issued token', async () => {
    expect((await api.call('GET', '/integrations')).status).toBe(200);
    expect((await emulator.admin.send('POST', '/tokens/expire')).status).toBe(204);
    expect((await api.call('GET', '/integrations')).status).toBe(401);
    token = await elasticPathToken(emulator.url, emulator.clientId, emulator.clientSecret);
    expect((await api.call('GET', '/integrations')).status).toBe(200);
  });
});

describe('create and read', () => {
  test('creates a webhook integration with 201, server fields and defaults', async () => {
    const created = await api.call('POST', '/integrations', webhook());
    expect(created.status).toBe(201);
    const data = created.json.data;
    expect(data).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'integration',
      name: 'Order paid notification',
      description: '',
      enabled: false,
      integration_type: 'webhook',
      observes: ['order.paid'],
      // The spec shows the webhook secret_key unmasked.
      configuration: { url: 'https://hooks.example.com/orders', secret_key: 'whsec-emulator-1234' },
      links: { self: `${emulator.url}/v2/integrations/${data.id}` },
      meta: { timestamps: { created_at: isoNow(), updated_at: isoNow() } },
    });
    const fetched = await http(data.links.self, { headers: { authorization: `Bearer ${token}` } });
    expect(fetched.json.data).toEqual(data);
  });

  test('masks AWS keys to their last 4 characters, one * per hidden character', async () => {
    const created = await api.call('POST', '/integrations', sqs);
    expect(created.json.data.configuration).toEqual({
      url: sqs.data.configuration.url,
      aws_access_key_id: '****************JIMB',
      aws_secret_access_key: `${'*'.repeat(sqs.data.configuration.aws_secret_access_key.length - 4)}HK4o`,
      region: 'eu-west-1',
    });
    const fetched = await api.call('GET', `/integrations/${created.json.data.id}`);
    expect(fetched.json.data.configuration.aws_secret_access_key).toMatch(/^\*+HK4o$/);
    expect(fetched.text).not.toContain(sqs.data.configuration.aws_secret_access_key);
    const [raw] = await stored();
    expect(raw.configuration.aws_secret_access_key).toBe(sqs.data.configuration.aws_secret_access_key);
  });

  test('masks the STOMP password and keeps the other STOMP fields', async () => {
    const created = await api.call('POST', '/integrations', stomp);
    expect(created.status).toBe(201);
    expect(created.json.data.configuration).toEqual({ ...stomp.data.configuration, password: '***************CDKn' });
  });

  test('drops configuration keys the integration type does not define', async () => {
    const body = webhook({ configuration: { url: 'https://hooks.example.com/x', region: 'eu-west-1' } });
    const created = await api.call('POST', '/integrations', body);
    expect(created.json.data.configuration).toEqual({ url: 'https://hooks.example.com/x' });
  });

  test('answers 404 in the API error format for an unknown id', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const result = await api.call(method, '/integrations/2da46671-b4c2-44ac-b133-d1221aafc77b',
        method === 'PUT' ? { data: { type: 'integration', name: 'x' } } : undefined);
      expect(result.status).toBe(404);
      expect(result.json).toEqual({ errors: [{ status: 404, title: 'Not Found', detail: 'The resource could not be found' }] });
    }
  });
});

describe('validation', () => {
  const cases: Array<[string, unknown, string, string | RegExp, 'invalid' | 'unchecked']> = [
    ['name is missing', { data: { ...webhook().data, name: undefined } }, '/data/name', 'name is required', 'invalid'],
    ['integration_type is unknown', webhook({ integration_type: 'email' }), '/data/integration_type', /must be one of webhook, aws_sqs, stomp/, 'invalid'],
    ['type is not integration', webhook({ type: 'integrations' }), '/data/type', 'type must be integration', 'invalid'],
    ['observes has six events', webhook({ observes: ['order.created', 'order.paid', 'order.updated', 'order.fulfilled', 'order.cancelled', 'order.refunded'] }),
      '/data/observes', 'You have reached the integration event limit of 5', 'unchecked'],
    ['observes is missing', { data: { ...webhook().data, observes: undefined } }, '/data/observes', 'observes is required', 'invalid'],
    ['a webhook has no url', webhook({ configuration: { secret_key: 'abc' } }), '/data/configuration/url', /url is required/, 'unchecked'],
    ['a webhook url is not a URL', webhook({ configuration: { url: 'not a url' } }), '/data/configuration/url', /absolute http or https URL/, 'unchecked'],
    ['an aws_sqs integration has no region', { data: { ...sqs.data, configuration: { ...sqs.data.configuration, region: undefined } } },
      '/data/configuration/region', /region is required/, 'unchecked'],
    ['an aws_sqs integration has no secret key', { data: { ...sqs.data, configuration: { ...sqs.data.configuration, aws_secret_access_key: undefined } } },
      '/data/configuration/aws_secret_access_key', /aws_secret_access_key is required/, 'unchecked'],
    ['a stomp integration has no password', { data: { ...stomp.data, configuration: { ...stomp.data.configuration, password: undefined } } },
      '/data/configuration/password', /password is required/, 'unchecked'],
    ['a stomp integration has no addresses', { data: { ...stomp.data, configuration: { ...stomp.data.configuration, addresses: undefined } } },
      '/data/configuration/addresses', /addresses is required/, 'unchecked'],
    ['a stomp address is not a URI', { data: { ...stomp.data, configuration: { ...stomp.data.configuration, addresses: ['b-1 mq'] } } },
      '/data/configuration/addresses', /absolute URIs/, 'invalid'],
    ['enabled is not a boolean', webhook({ enabled: 'yes' }), '/data/enabled', 'enabled must be a boolean', 'invalid'],
  ];

  test.each(cases)('fails when %s (422, nothing stored)', async (_case, body, pointer, detail, expectation) => {
    const result = await api.call('POST', '/integrations', JSON.parse(JSON.stringify(body)), { request: expectation });
    expect(result.status).toBe(422);
    const error = result.json.errors.find((entry: any) => entry.source?.pointer === pointer);
    expect(error).toBeDefined();
    expect(error.status).toBe(422);
    expect(error.title).toBe('Validation Error');
    expect(error.detail).toEqual(typeof detail === 'string' ? detail : expect.stringMatching(detail));
    expect(await stored()).toEqual([]);
  });

  test('fails with 400 on malformed JSON', async () => {
    const result = await api.call('POST', '/integrations', undefined, { rawBody: '{"data": ' });
    expect(result.status).toBe(400);
    expect(await stored()).toEqual([]);
  });

  test('error messages never quote secrets', async () => {
    const body = { data: { ...sqs.data, integration_type: 'stomp' } };
    const result = await api.call('POST', '/integrations', body, { request: 'unchecked' });
    expect(result.status).toBe(422);
    expect(result.text).not.toContain(sqs.data.configuration.aws_secret_access_key);
  });
});

describe('update and delete', () => {
  test('PUT changes only the given top-level fields and bumps updated_at', async () => {
    const created = (await api.call('POST', '/integrations', webhook({ description: 'first' }))).json.data;
    clock.advanceSeconds(30);
    const later = isoNow();
    const updated = await api.call('PUT', `/integrations/${created.id}`, { data: { type: 'integration', name: 'Renamed' } });
    expect(updated.status).toBe(200);
    expect(updated.json.data).toEqual({
      ...created,
      name: 'Renamed',
      meta: { timestamps: { created_at: created.meta.timestamps.created_at, updated_at: later } },
    });
  });

  test('PUT replaces the configuration object as a unit', async () => {
    const created = (await api.call('POST', '/integrations', webhook())).json.data;
    const updated = await api.call('PUT', `/integrations/${created.id}`, {
      data: { type: 'integration', configuration: { url: 'https://hooks.example.com/v2' } },
    });
    expect(updated.json.data.configuration).toEqual({ url: 'https://hooks.example.com/v2' });
  });

  test('PUT with nothing to change leaves updated_at alone', async () => {
    const created = (await api.call('POST', '/integrations', webhook())).json.data;
    clock.advanceSeconds(30);
    const same = await api.call('PUT', `/integrations/${created.id}`, { data: { type: 'integration', name: created.name } });
    expect(same.json.data.meta.timestamps.updated_at).toBe(created.meta.timestamps.updated_at);
    const empty = await api.call('PUT', `/integrations/${created.id}`, { data: { type: 'integration' } });
    expect(empty.json.data).toEqual(created);
  });

  test('fails when a PUT changes the type without a configuration for it, and stores nothing', async () => {
    const created = (await api.call('POST', '/integrations', webhook())).json.data;
    const result = await api.call('PUT', `/integrations/${created.id}`, { data: { type: 'integration', integration_type: 'aws_sqs' } });
    expect(result.status).toBe(422);
    expect(result.json.errors.map((error: any) => error.source.pointer)).toEqual(
      expect.arrayContaining(['/data/configuration/aws_access_key_id', '/data/configuration/region']),
    );
    expect((await stored())[0].integration_type).toBe('webhook');
  });

  test('accepts every documented event, Subscriptions included, and custom API events', async () => {
    const documented = Object.entries(DOCUMENTED_EVENTS).flatMap(([entity, actions]) => actions.map((action) => `${entity}.${action}`));
    for (let start = 0; start < documented.length; start += 5) {
      const result = await api.call('POST', '/integrations', webhook({ observes: documented.slice(start, start + 5) }));
      expect([result.status, result.json.errors]).toEqual([201, undefined]);
    }
    expect((await api.call('POST', '/integrations', webhook({ observes: ['wishlist.created', 'loyalty_points.deleted'] }))).status).toBe(201);
  });

  test('fails with a 422 pointing at an event of an unknown entity', async () => {
    const result = await api.call('POST', '/integrations', webhook({ observes: ['order.paid', 'shipment.dispatched'] }));
    expect(result.status).toBe(422);
    expect(result.json.errors).toEqual([
      { status: 422, title: 'Validation Error', detail: 'shipment.dispatched is not an observable event', source: { pointer: '/data/observes/1' } },
    ]);
    const created = (await api.call('POST', '/integrations', webhook())).json.data;
    const update = await api.call('PUT', `/integrations/${created.id}`, { data: { type: 'integration', observes: ['order.shipped'] } });
    expect(update.status).toBe(422);
    expect(update.json.errors[0].source).toEqual({ pointer: '/data/observes/0' });
  });

  test('fails when a PUT adds a sixth observed event', async () => {
    const created = (await api.call('POST', '/integrations', webhook())).json.data;
    const observes = ['a.created', 'a.updated', 'a.deleted', 'b.created', 'b.updated', 'b.deleted'];
    const result = await api.call('PUT', `/integrations/${created.id}`, { data: { type: 'integration', observes } });
    expect(result.status).toBe(422);
    expect(result.json.errors[0].detail).toBe('You have reached the integration event limit of 5');
  });

  test('DELETE answers 200 without a body, then the integration is gone', async () => {
    const created = (await api.call('POST', '/integrations', webhook())).json.data;
    const deleted = await api.call('DELETE', `/integrations/${created.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect((await api.call('GET', `/integrations/${created.id}`)).status).toBe(404);
    expect((await api.call('DELETE', `/integrations/${created.id}`)).status).toBe(404);
  });
});

describe('listing', () => {
  async function seed(count: number): Promise<void> {
    for (let index = 0; index < count; index++) {
      await emulator.admin.send('POST', '/integrations', {
        name: `Integration ${index}`,
        integration_type: 'webhook',
        observes: ['order.paid'],
        configuration: { url: `https://hooks.example.com/${index}` },
      });
    }
  }

  test('pages with page[limit] and page[offset], with totals and links', async () => {
    await seed(23);
    const first = await api.call('GET', '/integrations?page[limit]=10');
    expect(first.json.data).toHaveLength(10);
    expect(first.json.data[0].name).toBe('Integration 0');
    expect(first.json.meta).toEqual({ page: { limit: 10, offset: 0, current: 1, total: 3 }, results: { total: 23 } });
    expect(first.json.results).toEqual({ total: 23 });
    expect(first.json.links).toEqual({
      next: `${emulator.url}/v2/integrations?page[offset]=10&page[limit]=10`,
      last: `${emulator.url}/v2/integrations?page[offset]=20&page[limit]=10`,
    });

    const last = await api.call('GET', '/integrations?page%5Boffset%5D=20&page%5Blimit%5D=10');
    expect(last.json.data.map((entry: any) => entry.name)).toEqual(['Integration 20', 'Integration 21', 'Integration 22']);
    expect(last.json.meta.page).toEqual({ limit: 10, offset: 20, current: 3, total: 3 });
    expect(Object.keys(last.json.links).sort()).toEqual(['first', 'prev']);
  });

  test('defaults to 25 per page and rejects a page[limit] above 100', async () => {
    await seed(27);
    const page = await api.call('GET', '/integrations');
    expect(page.json.data).toHaveLength(25);
    expect(page.json.meta.page.limit).toBe(25);
    expect((await api.call('GET', '/integrations?page[limit]=100')).status).toBe(200);
    const tooMany = await api.call('GET', '/integrations?page[limit]=101');
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.errors[0].detail).toMatch(/page\[limit\]/);
    expect((await api.call('GET', '/integrations?page[offset]=-1')).status).toBe(400);
  });

  test('lists an empty store with one page', async () => {
    const page = await api.call('GET', '/integrations');
    expect(page.json).toEqual({
      data: [],
      links: {},
      meta: { page: { limit: 25, offset: 0, current: 1, total: 1 }, results: { total: 0 } },
      results: { total: 0 },
    });
  });
});

describe('stores', () => {
  const inStore = (store: string) => ({ headers: { 'ep-store-id': store } });

  test('EP-Store-ID selects the store; without it the default store answers', async () => {
    const created = await api.call('POST', '/integrations', webhook({ name: 'Brand A hook' }), inStore('brand-a'));
    expect(created.status).toBe(201);
    await api.call('POST', '/integrations', webhook({ name: 'Default hook' }));

    const brandA = await api.call('GET', '/integrations', undefined, inStore('brand-a'));
    expect(brandA.json.data.map((item: any) => item.name)).toEqual(['Brand A hook']);
    const brandB = await api.call('GET', '/integrations', undefined, inStore('brand-b'));
    expect(brandB.json.data).toEqual([]);
    const fallback = await api.call('GET', '/integrations');
    expect(fallback.json.data.map((item: any) => item.name)).toEqual(['Default hook']);

    // An id from one store does not exist in another, for reads, updates and deletes alike.
    const id = created.json.data.id;
    expect((await api.call('GET', `/integrations/${id}`, undefined, inStore('brand-b'))).status).toBe(404);
    expect((await api.call('PUT', `/integrations/${id}`, { data: { type: 'integration', name: 'x' } }, inStore('brand-b'))).status).toBe(404);
    expect((await api.call('DELETE', `/integrations/${id}`, undefined, inStore('brand-b'))).status).toBe(404);
    expect((await api.call('GET', `/integrations/${id}`, undefined, inStore('brand-a'))).status).toBe(200);
  });

  test('the admin side-channel takes ?store= on every integrations route, and the request log names the store', async () => {
    const inserted = await emulator.admin.send('POST', '/integrations?store=brand-a', { name: 'Hand-made', observes: ['order.paid'] });
    expect(inserted.status).toBe(201);
    const id = inserted.json.id;
    expect((await emulator.admin.send('GET', '/integrations')).json).toEqual([]);
    expect((await emulator.admin.send('PATCH', `/integrations/${id}`, { name: 'y' })).status).toBe(404);
    expect((await emulator.admin.send('PATCH', `/integrations/${id}?store=brand-a`, { name: 'Renamed' })).status).toBe(200);
    expect((await emulator.admin.send('GET', '/integrations?store=brand-a')).json.map((item: any) => item.name)).toEqual(['Renamed']);

    await api.call('GET', `/integrations/${id}`, undefined, inStore('brand-a'));
    await api.call('GET', '/integrations');
    const log = (await emulator.admin.send('GET', '/requests')).json.filter((entry: any) => entry.path.startsWith('/v2/'));
    expect(log.map((entry: any) => [entry.path, entry.store])).toEqual([
      [`/v2/integrations/${id}`, 'brand-a'],
      ['/v2/integrations', 'default'],
    ]);
    expect((await emulator.admin.send('GET', '/requests?store=brand-a')).json).toHaveLength(1);

    expect((await emulator.admin.send('DELETE', `/integrations/${id}?store=brand-a`)).status).toBe(204);
    expect((await emulator.admin.send('GET', '/integrations?store=brand-a')).json).toEqual([]);
  });
});
