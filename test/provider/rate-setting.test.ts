/**
 * max_requests_per_second: Elastic Path allows 25 requests/s on development stores and 100 on
 * production stores. The provider block (or $ELASTICPATH_MAX_REQUESTS_PER_SECOND) sets the
 * client's budget; a bad value is refused naming the setting; a 429 still backs off.
 */
import { Diagnostics } from '../../provider/framework/types';
import { elasticPathProvider } from '../../provider/elasticpath/provider';
import { PROVIDER_SCHEMA } from '../../provider/elasticpath/schema';
import { type RunningElasticPathEmulator, startElasticPathEmulator } from '../../src/emulators';

const rate = PROVIDER_SCHEMA.attributes.max_requests_per_second;
const ENV = 'ELASTICPATH_MAX_REQUESTS_PER_SECOND';

function providerConfig(values: Record<string, unknown>) {
  const config: Record<string, unknown> = Object.fromEntries(Object.keys(PROVIDER_SCHEMA.attributes).map((name) => [name, null]));
  return { config: { ...config, ...values } as never, terraformVersion: '1.11.4' };
}

let emulator: RunningElasticPathEmulator;
afterEach(async () => {
  delete process.env[ENV];
  await emulator?.close();
});

test('the setting is declared as a number documenting both store limits and the variable', () => {
  expect(rate.type).toBe('number');
  expect(rate.description).toMatch(/25 requests\/s on development stores, 100 on production stores/);
  expect(rate.description).toContain(`$${ENV}`);
  expect(rate.validate?.(100)).toBeUndefined();
  expect(rate.validate?.(0)).toMatch(/not a request rate: give a number above 0, e\.g\. 25 for a development store or 100/);
  expect(rate.validate?.(-5)).toMatch(/not a request rate/);
});

test('a malformed environment value is refused naming the variable, before any request', async () => {
  process.env[ENV] = 'fast';
  const diagnostics = new Diagnostics();
  const data = await elasticPathProvider.configure!(
    providerConfig({ client_id: 'id', client_secret: 'secret', api_base_url: 'http://127.0.0.1:9' }),
    diagnostics,
  );
  expect(data).toBeUndefined();
  expect(diagnostics.items).toEqual([
    expect.objectContaining({ summary: `Invalid environment variable ${ENV}`, attribute: ['max_requests_per_second'] }),
  ]);
  expect(diagnostics.items[0].detail).toMatch(/"fast" is not a number/);
});

test('at 100 requests/s against a development store limited to 25, the client meets 429s, backs off, and every call succeeds', async () => {
  emulator = await startElasticPathEmulator({ requestsPerSecond: 25 });
  const diagnostics = new Diagnostics();
  const data = (await elasticPathProvider.configure!(
    providerConfig({ client_id: emulator.clientId, client_secret: emulator.clientSecret, api_base_url: emulator.url, max_requests_per_second: 100 }),
    diagnostics,
  )) as { api: { listIntegrations(): Promise<unknown[]> } };
  expect(diagnostics.items).toEqual([]);
  const lists = await Promise.all(Array.from({ length: 60 }, () => data.api.listIntegrations()));
  expect(lists).toHaveLength(60);
  const log = await emulator.admin.requests();
  // More than 25 in the first second is only possible with the budget raised above the default.
  expect(log.filter((entry) => entry.status === 429).length).toBeGreaterThan(0);
  expect(log.filter((entry) => entry.status === 200).length).toBeGreaterThanOrEqual(60);
}, 60_000);

test('the environment variable sets the budget when the block leaves it out', async () => {
  emulator = await startElasticPathEmulator({ requestsPerSecond: 25 });
  process.env[ENV] = '100';
  const diagnostics = new Diagnostics();
  const data = (await elasticPathProvider.configure!(
    providerConfig({ client_id: emulator.clientId, client_secret: emulator.clientSecret, api_base_url: emulator.url }),
    diagnostics,
  )) as { api: { listIntegrations(): Promise<unknown[]> } };
  expect(diagnostics.items).toEqual([]);
  await Promise.all(Array.from({ length: 60 }, () => data.api.listIntegrations()));
  const log = await emulator.admin.requests();
  expect(log.filter((entry) => entry.status === 429).length).toBeGreaterThan(0);
}, 60_000);
