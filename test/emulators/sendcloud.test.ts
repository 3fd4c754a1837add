import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EMULATOR_CREDENTIALS, startSendcloudEmulator, type RunningSendcloudEmulator } from '../../src/emulators';
import { admin, basicAuth, ContractClient, form, http, ManualClock, sendcloudTemplate } from './support/clients';

const clock = new ManualClock();
let emulator: RunningSendcloudEmulator;
let v3: ContractClient;
let v2: ContractClient;
let authorization: string;

beforeAll(async () => {
  emulator = await startSendcloudEmulator({ clock: clock.now, tokenTtlSeconds: 300 });
  v3 = new ContractClient(emulator.url, 'sendcloud-v3', '/api/v3', sendcloudTemplate, () => ({ authorization }));
  v2 = new ContractClient(emulator.url, 'sendcloud-v2', '/api/v2', sendcloudTemplate, () => ({ authorization }));
});

afterAll(() => emulator.close());

beforeEach(async () => {
  await admin(emulator.url, 'POST', '/reset');
  authorization = basicAuth(emulator.publicKey, emulator.secretKey);
});

function isoNow(): string {
  return new Date(clock.nowMs).toISOString().replace('.000Z', 'Z');
}

async function storedIntegration(id: number): Promise<any> {
  const all = (await admin(emulator.url, 'GET', '/integrations')).json as any[];
  return all.find((entry) => entry.id === id);
}

async function oauthToken(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const init = form(fields);
  init.headers = { ...(init.headers as Record<string, string>), ...headers };
  return http(emulator.tokenUrl, init);
}

describe('authentication', () => {
  test('accepts HTTP Basic with the public and secret key on v3 and v2', async () => {
    expect(emulator.publicKey).toBe(EMULATOR_CREDENTIALS.sendcloud.publicKey);
    expect((await v3.call('GET', '/integrations')).status).toBe(200);
    expect((await v2.call('GET', '/integrations')).status).toBe(200);
  });

  test('fails without credentials, in each version\'s error format', async () => {
    authorization = '';
    const missing3 = await v3.call('GET', '/integrations');
    expect(missing3.status).toBe(401);
    expect(missing3.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(missing3.json).toEqual({
      errors: [{ status: '401', code: 'authentication_failed', title: 'No credentials', detail: 'Authentication credentials were not provided.' }],
    });
    const missing2 = await v2.call('GET', '/integrations/1001');
    expect(missing2.status).toBe(401);
    expect(missing2.json).toEqual({
      error: { code: 401, request: 'api/v2/integrations/1001', message: 'Authentication credentials were not provided.' },
    });
  });

  test('fails with a wrong secret key', async () => {
    authorization = basicAuth(emulator.publicKey, 'wrong-secret');
    const wrong3 = await v3.call('GET', '/integrations/1001');
    expect(wrong3.status).toBe(401);
    expect(wrong3.json.errors[0]).toMatchObject({ code: 'authentication_failed', title: 'Invalid username/password.' });
    const wrong2 = await v2.call('GET', '/integrations');
    expect(wrong2.json.error).toEqual({ code: 401, request: 'api/v2/integrations', message: 'Invalid username/password.' });
    expect(wrong3.text + wrong2.text).not.toContain('wrong-secret');
  });

  test('issues OAuth2 client-credentials tokens that work on both versions', async () => {
    const issued = await oauthToken({
      grant_type: 'client_credentials',
      client_id: emulator.oauthClientId,
      client_secret: emulator.oauthClientSecret,
      scope: 'api',
    });
    expect(issued.status).toBe(200);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    expect(issued.json).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 300, scope: 'api' });
    authorization = `Bearer ${issued.json.access_token}`;
    expect((await v3.call('GET', '/integrations/1002')).status).toBe(200);
    expect((await v2.call('GET', '/integrations/1002')).status).toBe(200);
  });

  test('accepts the OAuth2 client credentials as HTTP Basic (RFC 6749 2.3.1)', async () => {
    const issued = await oauthToken({ grant_type: 'client_credentials' }, { authorization: basicAuth(emulator.oauthClientId, emulator.oauthClientSecret) });
    expect(issued.status).toBe(200);
  });

  test.each([
    ['a wrong client secret', { grant_type: 'client_credentials', client_id: 'emulator-oauth-client-id', client_secret: 'nope' }, 401, 'invalid_client'],
    ['the API keys instead of the OAuth client', { grant_type: 'client_credentials', client_id: 'emulator-public-key', client_secret: 'emulator-secret-key' }, 401, 'invalid_client'],
    ['no grant_type', { client_id: 'emulator-oauth-client-id', client_secret: 'emulator-oauth-client-secret' }, 400, 'invalid_request'],
    ['the password grant', { grant_type: 'password', client_id: 'emulator-oauth-client-id', client_secret: 'emulator-oauth-client-secret' }, 400, 'unsupported_grant_type'],
    ['an unknown scope', { grant_type: 'client_credentials', client_id: 'emulator-oauth-client-id', client_secret: 'emulator-oauth-client-secret', scope: 'admin' }, 400, 'invalid_scope'],
  ])('token request fails with %s', async (_case, fields, status, error) => {
    const result = await oauthToken(fields);
    expect(result.status).toBe(status);
    expect(result.json).toEqual({ error, error_description: expect.any(String) });
  });

  test('fails with an expired or revoked bearer token', async () => {
    const issue = async () =>
      (await oauthToken({ grant_type: 'client_credentials', client_id: emulator.oauthClientId, client_secret: emulator.oauthClientSecret })).json.access_token;
    authorization = `Bearer ${await issue()}`;
    clock.advanceSeconds(299);
    expect((await v3.call('GET', '/integrations')).status).toBe(200);
    clock.advanceSeconds(1);
    const expired = await v3.call('GET', '/integrations');
    expect(expired.status).toBe(401);
    expect(expired.json.errors[0].title).toBe('Invalid token');

    authorization = `Bearer ${await issue()}`;
    expect((await admin(emulator.url, 'POST', '/tokens/expire')).status).toBe(204);
    expect((await v2.call('GET', '/integrations')).status).toBe(401);
  });
});

describe('API v3', () => {
  test('lists the seed in the data envelope, ordered by last fetch and then creation', async () => {
    const list = await v3.call('GET', '/integrations');
    expect(list.status).toBe(200);
    expect(list.json.data.map((entry: any) => entry.id)).toEqual([1002, 1003, 1004, 1001]);
    expect(list.json.data.find((entry: any) => entry.id === 1002)).toEqual({
      id: 1002,
      shop_name: 'Emulator Shopify Store',
      shop_url: 'https://emulator-store.example.com/',
      type: 'shopify',
      started_failing_at: null,
      last_fetched_at: '2024-03-02T08:15:00Z',
      created_at: '2024-02-01T12:00:00Z',
      updated_at: '2024-02-20T16:45:00Z',
      service_point_enabled: true,
      service_point_carriers: ['postnl', 'dhl'],
      webhook_active: true,
      webhook_url: 'https://hooks.example.com/sendcloud/parcel-status',
      feedback_type: 'delayed',
    });
  });

  test('sorts by a documented attribute, descending with a - prefix', async () => {
    const byCreation = await v3.call('GET', '/integrations?sort=created_at');
    expect(byCreation.json.data.map((entry: any) => entry.id)).toEqual([1003, 1001, 1002, 1004]);
    const byUpdateDescending = await v3.call('GET', '/integrations?sort=-updated_at');
    expect(byUpdateDescending.json.data.map((entry: any) => entry.id)).toEqual([1002, 1004, 1001, 1003]);
  });

  test('gets one integration in the data envelope', async () => {
    const one = await v3.call('GET', '/integrations/1001/');
    expect(one.status).toBe(200);
    expect(one.json.data).toMatchObject({ id: 1001, type: 'api', webhook_url: null, feedback_type: 'eager' });
  });

  test('answers 404 for an unknown id and 400 for an id that is not a positive integer', async () => {
    const missing = await v3.call('GET', '/integrations/999999');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      errors: [{ status: '404', code: 'not_found', title: 'Not Found', detail: 'The Integration could not be found with the search criteria given' }],
    });
    const word = await v3.call('GET', '/integrations/abc');
    expect(word.status).toBe(400);
    expect(word.json.errors[0]).toMatchObject({ code: 'invalid', source: { parameter: 'id' } });
    const zero = await v3.call('PATCH', '/integrations/0', { shop_name: 'x' });
    expect(zero.status).toBe(400);
    expect(zero.json.errors[0].code).toBe('min_value');
  });

  test('PATCH answers 204 without a body; the change is visible and updated_at moves', async () => {
    clock.advanceSeconds(60);
    const patched = await v3.call('PATCH', '/integrations/1001', { shop_name: 'Renamed shop', feedback_type: 'none' });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    const after = (await v3.call('GET', '/integrations/1001')).json.data;
    expect(after).toMatchObject({ shop_name: 'Renamed shop', feedback_type: 'none', updated_at: isoNow(), created_at: '2024-01-15T09:30:00Z' });
  });

  test('PATCH that changes nothing keeps updated_at', async () => {
    clock.advanceSeconds(60);
    expect((await v3.call('PATCH', '/integrations/1002', { feedback_type: 'delayed' })).status).toBe(204);
    expect((await storedIntegration(1002)).updated_at).toBe('2024-02-20T16:45:00Z');
  });

  test('enabling the webhook works when a URL is given or already stored', async () => {
    expect((await v3.call('PATCH', '/integrations/1001', { webhook_active: true, webhook_url: 'https://hooks.example.com/a' })).status).toBe(204);
    expect((await v3.call('PATCH', '/integrations/1001', { webhook_active: false })).status).toBe(204);
    expect((await v3.call('PATCH', '/integrations/1001', { webhook_active: true })).status).toBe(204);
    expect(await storedIntegration(1001)).toMatchObject({ webhook_active: true, webhook_url: 'https://hooks.example.com/a' });
  });

  const invalid: Array<[string, number, unknown, string, string, string | undefined, 'invalid' | 'unchecked']> = [
    ['the webhook is enabled without a URL', 1001, { webhook_active: true }, 'invalid',
      'Webhook URL required when enable webhook is set to true', 'body/webhook_url', 'unchecked'],
    ['the webhook URL is cleared while the webhook is active', 1002, { webhook_url: null }, 'invalid',
      'Webhook URL required when enable webhook is set to true', 'body/webhook_url', 'unchecked'],
    ['service points are enabled without a carrier', 1001, { service_point_enabled: true }, 'invalid',
      'At least one carrier must be provided if the service point delivery is enabled.', 'body/service_point_carriers', 'unchecked'],
    ['the last carrier is removed while service points are enabled', 1002, { service_point_carriers: [] }, 'invalid',
      'At least one carrier must be provided if the service point delivery is enabled.', 'body/service_point_carriers', 'unchecked'],
    ['shop_name is empty', 1001, { shop_name: '' }, 'invalid', 'This field may not be blank.', 'body/shop_name', 'invalid'],
    ['shop_name is 251 characters', 1001, { shop_name: 'x'.repeat(251) }, 'invalid',
      'Ensure this field has no more than 250 characters.', 'body/shop_name', 'invalid'],
    ['feedback_type is not a documented choice', 1001, { feedback_type: 'sometimes' }, 'invalid_choice',
      '"sometimes" is not a valid choice.', 'body/feedback_type', 'invalid'],
    ['shop_url is not a URL', 1001, { shop_url: 'my shop' }, 'invalid', 'Enter a valid URL.', 'body/shop_url', 'invalid'],
    ['webhook_url is not an http URL', 1001, { webhook_url: 'mailto:ops@example.com' }, 'invalid', 'Enter a valid URL.', 'body/webhook_url', 'unchecked'],
    ['service_point_carriers is not a list', 1001, { service_point_carriers: 'ups' }, 'not_a_list',
      'Expected a list of items but got type "str".', 'body/service_point_carriers', 'invalid'],
    ['webhook_active is not a boolean', 1001, { webhook_active: 'yes' }, 'invalid', 'Must be a valid boolean.', 'body/webhook_active', 'invalid'],
    ['the body is not an object', 1001, ['shop_name'], 'non_field_errors', 'Wrong request format, expected object', undefined, 'invalid'],
  ];

  test.each(invalid)('PATCH fails when %s (400, nothing changes)', async (_case, id, body, code, detail, pointer, expectation) => {
    const before = await storedIntegration(id);
    const result = await v3.call('PATCH', `/integrations/${id}`, body, { request: expectation });
    expect(result.status).toBe(400);
    expect(result.json.errors).toHaveLength(1);
    expect(result.json.errors[0]).toEqual({
      status: '400',
      code,
      title: expect.any(String),
      detail,
      ...(pointer ? { source: { pointer } } : {}),
    });
    expect(await storedIntegration(id)).toEqual(before);
  });

  test('accepts a 250-character shop name', async () => {
    expect((await v3.call('PATCH', '/integrations/1003', { shop_name: 'y'.repeat(250) })).status).toBe(204);
  });

  test('DELETE answers 204, after which the integration is 404', async () => {
    const deleted = await v3.call('DELETE', '/integrations/1003');
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await v3.call('GET', '/integrations/1003')).status).toBe(404);
    expect((await v3.call('DELETE', '/integrations/1003')).status).toBe(404);
  });
});

describe('API v2', () => {
  test('lists a bare array with v2 field names and without feedback_type', async () => {
    const list = await v2.call('GET', '/integrations');
    expect(Array.isArray(list.json)).toBe(true);
    expect(list.json.map((entry: any) => entry.id)).toEqual([1001, 1002, 1003, 1004]);
    expect(list.json[2]).toEqual({
      id: 1003,
      shop_name: 'Emulator WooCommerce',
      shop_url: 'https://woo.example.com/',
      system: 'woocommerce',
      failing_since: '2024-03-05T22:10:00Z',
      last_fetch: '2024-03-05T21:55:00Z',
      last_updated_at: '2024-01-08T12:23:56Z',
      service_point_enabled: false,
      service_point_carriers: [],
      webhook_active: false,
      webhook_url: null,
    });
  });

  test('orders by a field with ?ordering', async () => {
    const list = await v2.call('GET', '/integrations?ordering=-shop_name');
    expect(list.json.map((entry: any) => entry.shop_name)).toEqual(['Emulator WooCommerce', 'Emulator Shopify Store', 'Emulator Prestashop', 'Emulator API Shop']);
  });

  test('gets one integration as a bare object', async () => {
    const one = await v2.call('GET', '/integrations/1002');
    expect(one.json).toMatchObject({ id: 1002, system: 'shopify', last_fetch: '2024-03-02T08:15:00Z' });
    expect(one.json).not.toHaveProperty('feedback_type');
  });

  test('PATCH answers 200 with the IntegrationUpdate object and ignores feedback_type', async () => {
    clock.advanceSeconds(5);
    const patched = await v2.call('PATCH', '/integrations/1001', { service_point_enabled: true, service_point_carriers: ['ups'] });
    expect(patched.status).toBe(200);
    expect(patched.json).toEqual({
      shop_name: 'Emulator API Shop',
      shop_url: 'https://shop.example.com/',
      last_updated_at: isoNow(),
      service_point_enabled: true,
      service_point_carriers: ['ups'],
      webhook_active: false,
      webhook_url: null,
    });
    const ignored = await v2.call('PATCH', '/integrations/1001', { feedback_type: 'none' }, { request: 'unchecked' });
    expect(ignored.status).toBe(200);
    expect((await storedIntegration(1001)).feedback_type).toBe('eager');
  });

  test('PATCH can rename the shop (the prose allows it although the schema marks it read-only)', async () => {
    expect((await v2.call('PATCH', '/integrations/1002', { shop_name: 'New name' })).json.shop_name).toBe('New name');
    expect((await v3.call('GET', '/integrations/1002')).json.data.shop_name).toBe('New name');
  });

  test('PUT replaces every field', async () => {
    const body = {
      shop_name: 'Replaced',
      shop_url: 'https://replaced.example.com/',
      service_point_enabled: false,
      service_point_carriers: [],
      webhook_active: false,
      webhook_url: 'https://hooks.example.com/idle',
    };
    const replaced = await v2.call('PUT', '/integrations/1002', body);
    expect(replaced.status).toBe(200);
    expect(replaced.json).toEqual({ ...body, last_updated_at: isoNow() });
  });

  test('PUT fails when fields are missing, with a Python-style field map in message', async () => {
    const result = await v2.call('PUT', '/integrations/1001', { shop_name: 'Only a name' });
    expect(result.status).toBe(400);
    expect(result.json.error.code).toBe(400);
    expect(result.json.error.request).toBe('api/v2/integrations/1001');
    expect(result.json.error.message).toBe(
      "{'shop_url': ['This field is required.'], 'service_point_enabled': ['This field is required.'], " +
        "'service_point_carriers': ['This field is required.'], 'webhook_active': ['This field is required.'], " +
        "'webhook_url': ['This field is required.']}",
    );
  });

  test('PATCH fails with the documented rules, in the v2 error format', async () => {
    const webhook = await v2.call('PATCH', '/integrations/1001', { webhook_active: true });
    expect(webhook.status).toBe(400);
    expect(webhook.json.error.message).toBe("{'webhook_url': ['Webhook URL required when enable webhook is set to true']}");
    const carriers = await v2.call('PATCH', '/integrations/1001', { service_point_enabled: true, service_point_carriers: [] });
    expect(carriers.json.error.message).toContain('service_point_carriers');
    const tooLong = await v2.call('PATCH', '/integrations/1001', { shop_name: 'z'.repeat(251) }, { request: 'invalid' });
    expect(tooLong.json.error.message).toBe("{'shop_name': ['Ensure this field has no more than 250 characters.']}");
    const badUrl = await v2.call('PATCH', '/integrations/1001', { shop_url: 'shop' }, { request: 'invalid' });
    expect(badUrl.json.error.message).toBe("{'shop_url': ['Enter a valid URL.']}");
  });

  test('answers 404 in the v2 format for an unknown or non-numeric id', async () => {
    for (const id of ['424242', 'abc', '0']) {
      const result = await v2.call('GET', `/integrations/${id}`);
      expect(result.status).toBe(404);
      expect(result.json).toEqual({ error: { code: 404, request: `api/v2/integrations/${id}`, message: 'No Integration matches the given query.' } });
    }
  });

  test('DELETE answers 204 and removes the integration for both versions', async () => {
    expect((await v2.call('DELETE', '/integrations/1001')).status).toBe(204);
    expect((await v3.call('GET', '/integrations/1001')).status).toBe(404);
  });
});

describe('seeds', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'sendcloud-seed-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('starts from an inline seed, filling omitted fields', async () => {
    const custom = await startSendcloudEmulator({ seed: [{ id: 7, shop_name: 'Seven', shop_url: 'https://seven.example.com/' }] });
    try {
      const list = await http(`${custom.url}/api/v3/integrations`, { headers: { authorization: basicAuth(custom.publicKey, custom.secretKey) } });
      expect(list.json.data).toEqual([
        expect.objectContaining({ id: 7, shop_name: 'Seven', type: 'api', webhook_active: false, webhook_url: null, service_point_carriers: [] }),
      ]);
    } finally {
      await custom.close();
    }
  });

  test('reads a seed file, as an array or as {"integrations": [...]}', async () => {
    const asArray = path.join(directory, 'array.json');
    const asObject = path.join(directory, 'object.json');
    writeFileSync(asArray, JSON.stringify([{ id: 11, shop_name: 'Eleven', type: 'magento' }]));
    writeFileSync(asObject, JSON.stringify({ integrations: [{ id: 12, shop_name: 'Twelve' }, { id: 13, shop_name: 'Thirteen' }] }));
    for (const [file, ids] of [[asArray, [11]], [asObject, [12, 13]]] as const) {
      const custom = await startSendcloudEmulator({ seed: file });
      try {
        const stored = (await admin(custom.url, 'GET', '/integrations')).json as any[];
        expect(stored.map((entry) => entry.id)).toEqual(ids);
      } finally {
        await custom.close();
      }
    }
  });

  test('fails to start on a bad seed, naming the entry', async () => {
    await expect(startSendcloudEmulator({ seed: [{ id: -1, shop_name: 'x' }] })).rejects.toThrow(/entry 0: id must be a positive integer/);
    await expect(startSendcloudEmulator({ seed: [{ id: 1, shop_name: 'a' }, { id: 1, shop_name: 'b' }] })).rejects.toThrow(/duplicate id 1/);
    await expect(startSendcloudEmulator({ seed: path.join(directory, 'missing.json') })).rejects.toThrow(/cannot read Sendcloud seed file/);
  });
});
