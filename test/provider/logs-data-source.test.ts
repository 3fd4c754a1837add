/** data "elasticpath_integration_logs" read against the emulator: one integration or the store, failures only, since. */
import { Diagnostics } from '../../provider/framework/types';
import { integrationLogsDataSource, LOGS_DATA_SOURCE_SCHEMA } from '../../provider/elasticpath/logs-data-source';
import { LOGS_DATA_SOURCE_SCHEMA as SENDCLOUD_LOGS_DATA_SOURCE_SCHEMA } from '../../provider/sendcloud/logs-data-source';
import type { ElasticPathProviderData } from '../../provider/elasticpath/provider-data';
import { ElasticPathClient } from '../../api/elasticpath';
import { startElasticPathEmulator, type RunningElasticPathEmulator } from '../../src/emulators';
import { startReceiver, type TestReceiver } from '../helpers/receiver';

let emulator: RunningElasticPathEmulator;
let receiver: TestReceiver;
let client: ElasticPathProviderData;
const ids: Record<string, string> = {};

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startElasticPathEmulator({ delivery: { maxAttempts: 2, timeScale: 0.001 } });
  for (const name of ['healthy', 'broken']) {
    const created = await emulator.admin.seed({
      name,
      enabled: true,
      integration_type: 'webhook',
      observes: [name === 'healthy' ? 'order.paid' : 'order.created'],
      configuration: { url: `${receiver.url}/${name}` },
    });
    ids[name] = created.id;
  }
  await emulator.admin.events('order.paid', { wait: true });
  receiver.answer = 502;
  await emulator.admin.events('order.created', { wait: true });
  const api = new ElasticPathClient({ baseUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
  client = { api, reads: undefined as never, storeId: 'default' };
});

afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

async function read(config: Record<string, unknown>) {
  const diagnostics = new Diagnostics();
  const full = { integration_id: null, failures_only: null, since: null, failure_count: null, logs: null, ...config };
  const state = await integrationLogsDataSource.read({ config: full as never, client }, diagnostics);
  return { state: state as any, diagnostics };
}

test('the whole store, and one integration', async () => {
  const store = await read({});
  expect(store.state.logs).toHaveLength(3);
  expect(store.state.failure_count).toBe(2);
  const healthy = await read({ integration_id: ids.healthy });
  expect(healthy.state.logs).toEqual([
    expect.objectContaining({ integration_id: ids.healthy, succeeded: true, status_code: 200, attempt: 1, error_detail: null }),
  ]);
  expect(healthy.state.failure_count).toBe(0);
});

test('failures only, since a time', async () => {
  const failures = await read({ integration_id: ids.broken, failures_only: true, since: '1h' });
  expect(failures.state.logs.map((log: any) => [log.attempt, log.status_code, log.succeeded])).toEqual([
    [2, 502, false],
    [1, 502, false],
  ]);
  expect((await read({ since: '2099-01-01T00:00:00Z' })).state.logs).toEqual([]);
});

test('an unknown integration is an error naming it; a bad since is refused by the schema', async () => {
  const missing = await read({ integration_id: '00000000-0000-4000-8000-000000000000' });
  expect(missing.state).toBeNull();
  expect(missing.diagnostics.items[0].summary).toContain('00000000-0000-4000-8000-000000000000');
  expect(LOGS_DATA_SOURCE_SCHEMA.attributes.since.validate?.('last week')).toMatch(/neither a duration nor a time/);
  expect(LOGS_DATA_SOURCE_SCHEMA.attributes.since.validate?.('30m')).toBeUndefined();
});

test('the since description of both logs data sources says what happens to logs that carry no time', () => {
  for (const schema of [LOGS_DATA_SOURCE_SCHEMA, SENDCLOUD_LOGS_DATA_SOURCE_SCHEMA]) {
    expect(schema.attributes.since!.description).toMatch(/carry no time .*listed whatever their age.*warning/);
  }
  expect(LOGS_DATA_SOURCE_SCHEMA.attributes.since!.description).toMatch(/Elastic Path's API gives its logs no time/);
});
