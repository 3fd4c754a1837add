/**
 * Sendcloud exception logs and shop order statuses, client and emulator together: every
 * exchange goes through a proxy that validates the query, the request body and the answer
 * against the v3 or v2 spec.
 */
import { ApiError } from '../../api/errors';
import { SendcloudClient } from '../../api/sendcloud';
import { nextLink, SENDCLOUD_PRESTASHOP_V2_TYPE } from '../../api/sendcloud-shop';
import { startSendcloudEmulator, type RunningSendcloudEmulator } from '../../src/emulators';
import { admin, basicAuth, http, ManualClock } from './support/clients';
import { startSendcloudValidatingProxy, type ValidatingProxy } from './support/validating-proxy';

const clock = new ManualClock(Date.UTC(2025, 0, 10, 12, 0, 0));
let emulator: RunningSendcloudEmulator;
let proxy: ValidatingProxy;
const PRESTASHOP = 1004;

function client(apiVersion: 'v3' | 'v2'): SendcloudClient {
  return new SendcloudClient({ baseUrl: proxy.url, publicKey: emulator.publicKey, secretKey: emulator.secretKey, apiVersion, maxAttempts: 1 });
}

function minutesAgo(minutes: number): string {
  return new Date(clock.nowMs - minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

beforeAll(async () => {
  emulator = await startSendcloudEmulator({ clock: clock.now });
  proxy = await startSendcloudValidatingProxy(emulator.url);
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
});
beforeEach(async () => {
  await admin(emulator.url, 'POST', '/reset');
  proxy.violations.length = 0;
  proxy.exchanges.length = 0;
});
afterEach(() => {
  expect(proxy.violations).toEqual([]);
});

describe('exception logs', () => {
  test('the admin route records a log in the integration-log shape, filling in id and created_at', async () => {
    const recorded = await admin(emulator.url, 'POST', '/exception-logs', {
      integration_id: 1002,
      base_url: 'https://emulator-store.example.com',
      full_url: 'https://emulator-store.example.com/admin/api/orders.json',
      method: 'GET',
      response_code: 401,
      exception: 'API credentials are no longer valid',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.json).toMatchObject({ id: 1, integration_id: 1002, created_at: '2025-01-10T12:00:00Z', protected: false, response_code: 401 });
    expect((await admin(emulator.url, 'POST', '/exception-logs', { integration_id: 99, base_url: 'https://x.example.com' })).status).toBe(400);
    expect((await admin(emulator.url, 'POST', '/exception-logs', { integration_id: 1002 })).json.error).toMatch(/base_url/);
  });

  test('v3 pages with a Link header and the client follows it; v2 pages with next in the body', async () => {
    for (let index = 0; index < 23; index++) {
      const integration = index % 4 === 0 ? 1003 : 1002;
      await admin(emulator.url, 'POST', '/exception-logs', { integration_id: integration, base_url: 'https://shop.example.com', response_code: 500, exception: `failure ${index}`, created_at: minutesAgo(index * 10) });
    }
    const auth = { authorization: basicAuth(emulator.publicKey, emulator.secretKey) };
    const first = await http(`${proxy.url}/api/v3/integrations/logs?page_size=10`, { headers: auth });
    expect(first.json.data).toHaveLength(10);
    expect(first.json.data[0].exception).toBe('failure 0');
    const link = first.headers.get('link')!;
    expect(link).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/v3\/integrations\/logs\?cursor=[^>]+&page_size=10>; rel="next"$/);
    expect(nextLink(link)).toContain('cursor=');

    for (const version of ['v3', 'v2'] as const) {
      proxy.exchanges.length = 0;
      const all = await client(version).shop.listLogs({ pageSize: 10 });
      expect(all.map((log) => log.exception)).toEqual(Array.from({ length: 23 }, (_, index) => `failure ${index}`));
      expect(proxy.exchanges).toEqual([
        `GET ${version}/integrations/logs 200`,
        `GET ${version}/integrations/logs 200`,
        `GET ${version}/integrations/logs 200`,
      ]);
      const one = await client(version).shop.listLogs({ integrationId: 1003, pageSize: 2 });
      expect(one.map((log) => log.exception)).toEqual(['failure 0', 'failure 4', 'failure 8', 'failure 12', 'failure 16', 'failure 20']);
      // Paging stops at the first page that reaches logs older than `since`.
      proxy.exchanges.length = 0;
      const recent = await client(version).shop.listLogs({ integrationId: 1002, sinceMs: clock.nowMs - 65 * 60_000, pageSize: 3 });
      expect(recent.map((log) => log.exception)).toEqual(['failure 1', 'failure 2', 'failure 3', 'failure 5', 'failure 6']);
      expect(proxy.exchanges).toHaveLength(2);
    }
  });

  test('the last page has no Link header and v2 leaves next out', async () => {
    await admin(emulator.url, 'POST', '/exception-logs', { integration_id: 1001, base_url: 'https://shop.example.com' });
    const auth = { authorization: basicAuth(emulator.publicKey, emulator.secretKey) };
    const v3 = await http(`${proxy.url}/api/v3/integrations/1001/logs`, { headers: auth });
    expect(v3.headers.get('link')).toBeNull();
    expect(v3.json.data).toHaveLength(1);
    const v2 = await http(`${proxy.url}/api/v2/integrations/1001/logs`, { headers: auth });
    expect(v2.json).toEqual({ results: [expect.objectContaining({ integration_id: 1001, base_url: 'https://shop.example.com' })] });
  });

  test('an integration that does not exist is a 404 in each version\'s error shape; a bad page_size a 400', async () => {
    for (const version of ['v3', 'v2'] as const) {
      await expect(client(version).shop.listLogs({ integrationId: 4242 })).rejects.toMatchObject({ status: 404 });
    }
    const auth = { authorization: basicAuth(emulator.publicKey, emulator.secretKey) };
    const tooBig = await http(`${emulator.url}/api/v3/integrations/logs?page_size=101`, { headers: auth });
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.errors[0].source).toEqual({ parameter: 'page_size' });
  });

  test('the documented v3 create records a log that the lists then show', async () => {
    const auth = { authorization: basicAuth(emulator.publicKey, emulator.secretKey), 'content-type': 'application/json' };
    const created = await http(`${proxy.url}/api/v3/integrations/1001/logs`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ base_url: 'https://shop.example.com', method: 'POST', response_code: 495, exception_type: 'requests.exceptions.SSLError', exception: 'An SSL error occurred' }),
    });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ integration_id: 1001, exception: 'An SSL error occurred' });
    const extra = await http(`${emulator.url}/api/v3/integrations/1001/logs`, { method: 'POST', headers: auth, body: JSON.stringify({ base_url: 'https://x.example.com', user_id: 3 }) });
    expect(extra.status).toBe(400);
    expect(extra.json.errors[0].source).toEqual({ pointer: 'body/user_id' });
    expect((await client('v3').shop.listLogs()).map((log) => log.id)).toEqual([created.json.data.id]);
  });
});

describe('shop order statuses (v3)', () => {
  test('the seed has a Prestashop v2 integration with statuses; POST overwrites them and marks left-out ones deleted', async () => {
    const api = client('v3');
    expect((await api.getIntegration(PRESTASHOP)).type).toBe(SENDCLOUD_PRESTASHOP_V2_TYPE);
    const seeded = await api.shop.getShopOrderStatuses(PRESTASHOP);
    expect(seeded.map((status) => status.external_id)).toEqual(['2', '3', '4', '5', '6']);
    expect(seeded[0]).toMatchObject({ status: 'Payment accepted', deleted_at: null });

    clock.advanceSeconds(60);
    await api.shop.putShopOrderStatuses(PRESTASHOP, [
      { external_id: '4', translations: [{ status: 'Sent', language: 'en-gb' }, { status: 'Versandt', language: 'de-de' }] },
      { external_id: '9', translations: [{ status: 'Expédiée', language: 'fr-fr' }] },
    ]);
    const now = await api.shop.getShopOrderStatuses(PRESTASHOP);
    expect(now).toEqual([
      { external_id: '4', status: 'Sent', deleted_at: null, translations: [{ status: 'Sent', language: 'en-gb' }, { status: 'Versandt', language: 'de-de' }] },
      // Neither the asked language nor en-gb: the first language alphabetically.
      { external_id: '9', status: 'Expédiée', deleted_at: null, translations: [{ status: 'Expédiée', language: 'fr-fr' }] },
    ]);
    const history = await api.shop.getShopOrderStatuses(PRESTASHOP, { showDeleted: true });
    expect(history.filter((status) => status.deleted_at !== null).map((status) => [status.external_id, status.deleted_at])).toEqual([
      ['2', '2025-01-10T12:01:00Z'],
      ['3', '2025-01-10T12:01:00Z'],
      ['5', '2025-01-10T12:01:00Z'],
      ['6', '2025-01-10T12:01:00Z'],
    ]);
  });

  test('the mapping is upserted whole (left-out categories null) and reads back with is_valid', async () => {
    const api = client('v3');
    expect(await api.shop.getStatusMapping(PRESTASHOP)).toEqual([
      { status_category: 'READY_TO_SEND', external_id: null, is_valid: true },
      { status_category: 'IN_TRANSIT', external_id: null, is_valid: true },
      { status_category: 'DELIVERED', external_id: null, is_valid: true },
      { status_category: 'CANCEL', external_id: null, is_valid: true },
    ]);
    await api.shop.putStatusMapping(PRESTASHOP, { IN_TRANSIT: '4', DELIVERED: '5' });
    // Deleting status 5 leaves the mapping onto it, now invalid.
    await api.shop.putShopOrderStatuses(PRESTASHOP, [{ external_id: '4', translations: [{ status: 'Shipped', language: 'en-gb' }] }]);
    expect(await api.shop.getStatusMapping(PRESTASHOP)).toEqual([
      { status_category: 'READY_TO_SEND', external_id: null, is_valid: true },
      { status_category: 'IN_TRANSIT', external_id: '4', is_valid: true },
      { status_category: 'DELIVERED', external_id: '5', is_valid: false },
      { status_category: 'CANCEL', external_id: null, is_valid: true },
    ]);
  });

  test('refusals: another integration type, an unknown id, a missing integration_id, a bad language', async () => {
    const api = client('v3');
    const other = await api.shop.getShopOrderStatuses(1002).catch((error: unknown) => error);
    expect(other).toBeInstanceOf(ApiError);
    expect((other as ApiError).status).toBe(400);
    expect((other as ApiError).message).toMatch(/only the Prestashop V2 integration is supported/);
    await expect(api.shop.putStatusMapping(PRESTASHOP, { CANCEL: '77' })).rejects.toMatchObject({ status: 400 });
    await expect(api.shop.getStatusMapping(4242)).rejects.toMatchObject({ status: 404 });
    const auth = { authorization: basicAuth(emulator.publicKey, emulator.secretKey) };
    const missing = await http(`${proxy.url}/api/v3/shop-order-statuses`, { headers: auth });
    expect(missing.json.errors[0].detail).toBe('Integration ID is a required GET parameter');
    expect(proxy.violations.splice(0)).toEqual([expect.stringMatching(/query parameter integration_id is required/)]);
    const badLanguage = await http(`${emulator.url}/api/v3/shop-order-statuses`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ integration_id: PRESTASHOP, statuses: [{ external_id: '1', translations: [{ status: 'x', language: 'pt-br' }] }] }),
    });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.json.errors[0].source).toEqual({ pointer: 'body/statuses/0/translations/0/language' });
  });

  test('an integration seeded through the admin route may bring its order statuses', async () => {
    const inserted = await admin(emulator.url, 'POST', '/integrations', {
      shop_name: 'Second Prestashop',
      type: SENDCLOUD_PRESTASHOP_V2_TYPE,
      order_statuses: [{ external_id: 'A', translations: [{ status: 'Accepted', language: 'en-us' }] }],
    });
    expect((await client('v3').shop.getShopOrderStatuses(inserted.json.id)).map((status) => [status.external_id, status.status])).toEqual([['A', 'Accepted']]);
  });

  test('v2 has no shop order statuses: the client says so before sending anything', async () => {
    await expect(client('v2').shop.getShopOrderStatuses(PRESTASHOP)).rejects.toThrow(/api_version = "v3"/);
    expect(proxy.exchanges).toEqual([]);
  });
});
