/**
 * Events fired in the Elastic Path emulator: real webhook POSTs to a receiver on 127.0.0.1 with
 * the documented body and headers, retries, queue deliveries recorded, and the four logs/jobs
 * endpoints (per store, paged) validated against integrations.yaml.
 */
import { ElasticPathClient } from '../../api/elasticpath';
import { startElasticPathEmulator, type RunningElasticPathEmulator } from '../../src/emulators';
import { startReceiver, type TestReceiver } from '../helpers/receiver';
import { admin, ContractClient, elasticPathToken } from './support/clients';

let emulator: RunningElasticPathEmulator;
let receiver: TestReceiver;
let token: string;

function logsTemplate(path: string): string {
  if (path === '/integrations/logs') return '/integrations/logs';
  if (/^\/integrations\/[^/]+\/logs$/.test(path)) return '/integrations/{integration_uuid}/logs';
  if (/^\/integrations\/[^/]+\/jobs$/.test(path)) return '/integrations/{integration_uuid}/jobs';
  if (/^\/integrations\/[^/]+\/jobs\/[^/]+\/logs$/.test(path)) return '/integrations/{integration_uuid}/jobs/{job_uuid}/logs';
  return path === '/integrations' ? '/integrations' : '/integrations/{integration_uuid}';
}

function api(store?: string): ContractClient {
  return new ContractClient(emulator.url, 'elasticpath', '/v2', logsTemplate, () => ({
    authorization: `Bearer ${token}`,
    ...(store ? { 'EP-Store-ID': store } : {}),
  }));
}

async function createWebhook(options: { store?: string; url?: string; secret?: string; observes?: string[]; enabled?: boolean; name?: string } = {}): Promise<string> {
  const configuration: Record<string, string> = { url: options.url ?? `${receiver.url}/hooks/orders` };
  if (options.secret !== undefined) configuration.secret_key = options.secret;
  const created = await api(options.store).call('POST', '/integrations', {
    data: {
      type: 'integration',
      name: options.name ?? 'Order paid notification',
      description: 'Fire an event on order paid',
      enabled: options.enabled ?? true,
      integration_type: 'webhook',
      observes: options.observes ?? ['order.paid'],
      configuration,
    },
  });
  expect(created.status).toBe(201);
  return created.json.data.id as string;
}

async function fire(body: Record<string, unknown>, store?: string) {
  const result = await admin(emulator.url, 'POST', `/events${store ? `?store=${store}` : ''}`, { wait: true, ...body });
  expect(result.status).toBe(200);
  return result.json;
}

beforeEach(async () => {
  receiver = await startReceiver();
  emulator = await startElasticPathEmulator({ delivery: { maxAttempts: 3, timeScale: 0.001, timeoutMs: 2000 } });
  token = await elasticPathToken(emulator.url, emulator.clientId, emulator.clientSecret);
});

afterEach(async () => {
  await emulator.close();
  await receiver.close();
});

test('order.paid reaches the receiver with the documented headers and body', async () => {
  const id = await createWebhook({ secret: 'whsec-receiver-check' });
  const fired = await fire({ event: 'order.paid' });
  expect(fired.deliveries).toEqual([expect.objectContaining({ integration_id: id, state: 'delivered', attempts: 1 })]);

  expect(receiver.received).toHaveLength(1);
  const [request] = receiver.received;
  expect(request.method).toBe('POST');
  expect(request.path).toBe('/hooks/orders');
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.headers['x-moltin-secret-key']).toBe('whsec-receiver-check');
  expect(request.headers['x-moltin-integration-trigger']).toBe('order.paid');
  expect(request.json).toEqual({
    id: expect.any(String),
    triggered_by: 'order.paid',
    attempt: 1,
    integration: { id, integration_type: 'webhook', name: 'Order paid notification', description: 'Fire an event on order paid' },
    resources: JSON.stringify(request.json.payload),
    payload: { data: expect.objectContaining({ type: 'order', payment: 'paid', status: 'complete' }) },
    store_id: 'default',
    org_id: expect.any(String),
    // As both payload examples of integrations.yaml carry it.
    configuration: { url: `${receiver.url}/hooks/orders`, secret_key: 'whsec-receiver-check' },
  });
  // The admin view of the delivery keeps the secret out.
  const deliveries = (await (await fetch(`${emulator.url}/__admin/deliveries`)).json()) as { message: { configuration: unknown } }[];
  expect(deliveries[0].message.configuration).toEqual({ url: `${receiver.url}/hooks/orders`, secret_key: '[REDACTED]' });
});

test('no X-MOLTIN-SECRET-KEY without a secret; a given payload is sent as is; deletions carry type and id only', async () => {
  await createWebhook({ observes: ['order.paid', 'product.deleted'] });
  await fire({ event: 'order.paid', payload: { data: { type: 'order', id: 'order-1' } } });
  await fire({ event: 'product.deleted' });
  expect(receiver.received[0].headers['x-moltin-secret-key']).toBeUndefined();
  expect(receiver.received[0].json.configuration).toEqual({ url: expect.stringContaining('/hooks/') });
  expect(receiver.received[0].json.payload).toEqual({ data: { type: 'order', id: 'order-1' } });
  expect(receiver.received[1].json.payload).toEqual({ type: 'product', id: expect.any(String) });
});

test('only enabled integrations of the store that observe the event get a delivery', async () => {
  await createWebhook({ name: 'observes paid' });
  await createWebhook({ name: 'disabled', enabled: false });
  await createWebhook({ name: 'observes created', observes: ['order.created'] });
  await createWebhook({ name: 'other store', store: 'store-b' });
  const fired = await fire({ event: 'order.paid' });
  expect(fired.deliveries).toHaveLength(1);
  expect(receiver.received.map((r) => r.json.integration.name)).toEqual(['observes paid']);

  await fire({ event: 'order.paid', store: 'store-b' });
  expect(receiver.received.map((r) => [r.json.integration.name, r.json.store_id])).toEqual([
    ['observes paid', 'default'],
    ['other store', 'store-b'],
  ]);
});

test('a receiver answering 500 gets bounded retries, each a failed log of one job, in all four endpoints', async () => {
  const id = await createWebhook();
  receiver.answer = 500;
  const fired = await fire({ event: 'order.paid' });
  expect(fired.deliveries[0]).toMatchObject({ state: 'failed', attempts: 3 });
  expect(receiver.received.map((r) => r.json.attempt)).toEqual([1, 2, 3]);
  expect(new Set(receiver.received.map((r) => r.json.id)).size).toBe(1);

  const logs = await api().call('GET', `/integrations/${id}/logs`);
  expect(logs.status).toBe(200);
  expect(logs.json.data).toHaveLength(3);
  expect(logs.json.data.map((log: any) => log.attempt)).toEqual([3, 2, 1]);
  for (const log of logs.json.data) {
    expect(log).toMatchObject({
      type: 'integration',
      succeeded: false,
      status_code: 500,
      body: 'receiver is broken',
      error_detail: 'Received a status code outside of 2xx range - treating webhook as a fail',
      relationships: { integration: { data: { id, type: 'integration' } } },
    });
  }

  const jobs = await api().call('GET', `/integrations/${id}/jobs`);
  expect(jobs.json.data).toEqual([expect.objectContaining({ id: fired.deliveries[0].job_id, type: 'integration-job' })]);
  const jobLogs = await api().call('GET', `/integrations/${id}/jobs/${fired.deliveries[0].job_id}/logs`);
  expect(jobLogs.json.data).toHaveLength(3);
  const storeLogs = await api().call('GET', '/integrations/logs');
  expect(storeLogs.json.data).toHaveLength(3);

  receiver.answer = 200;
  await fire({ event: 'order.paid' });
  const after = await api().call('GET', `/integrations/${id}/logs`);
  expect(after.json.data[0]).toMatchObject({ succeeded: true, status_code: 200, attempt: 1 });
});

test('logs are per store, and unknown integrations and jobs are 404s in the error format', async () => {
  const id = await createWebhook({ store: 'store-b' });
  await fire({ event: 'order.paid' }, 'store-b');
  expect((await api('store-b').call('GET', '/integrations/logs')).json.data).toHaveLength(1);
  expect((await api().call('GET', '/integrations/logs')).json.data).toEqual([]);
  expect((await api().call('GET', `/integrations/${id}/logs`)).status).toBe(404);
  expect((await api('store-b').call('GET', `/integrations/${id}/jobs/no-such-job/logs`)).status).toBe(404);
  expect((await api('store-b').call('GET', '/integrations/00000000-0000-4000-8000-000000000000/jobs')).status).toBe(404);
});

test('logs are paged newest first with first/prev/next links; bad paging is a 400', async () => {
  await createWebhook();
  for (let i = 0; i < 5; i++) await fire({ event: 'order.paid' });
  const first = await api().call('GET', '/integrations/logs?page[limit]=2');
  expect(first.json.data).toHaveLength(2);
  expect(first.json.links.next).toMatch(/\/v2\/integrations\/logs\?page\[offset\]=2&page\[limit\]=2$/);
  expect(first.json.links.first).toBeUndefined();
  const last = await api().call('GET', '/integrations/logs?page[limit]=2&page[offset]=4');
  expect(last.json.data).toHaveLength(1);
  expect(last.json.links).toEqual({ first: expect.stringContaining('page[offset]=0'), prev: expect.stringContaining('page[offset]=2') });
  expect((await api().call('GET', '/integrations/logs?page[limit]=0')).status).toBe(400);
});

test('AWS SQS and STOMP deliveries are recorded as the documented queue message, not sent', async () => {
  const created = await admin(emulator.url, 'POST', '/integrations', {
    name: 'Orders to SQS',
    enabled: true,
    integration_type: 'aws_sqs',
    observes: ['order.paid'],
    configuration: { url: 'https://sqs.eu-west-1.amazonaws.com/123456789/queue', region: 'eu-west-1' },
  });
  const fired = await fire({ event: 'order.paid' });
  expect(fired.deliveries[0]).toMatchObject({
    integration_type: 'aws_sqs',
    state: 'recorded',
    message: { type: 'order.paid', integrationid: created.json.id, storeid: 'default', specversion: '1.0', data: expect.objectContaining({ type: 'order' }) },
  });
  const logs = await api().call('GET', `/integrations/${created.json.id}/logs`);
  expect(logs.json.data[0]).toMatchObject({ succeeded: true, body: expect.stringContaining('not sent') });
  const deliveries = await admin(emulator.url, 'GET', '/deliveries');
  expect(deliveries.json).toHaveLength(1);
});

test('a URL on another host is refused without a call; a receiver that never answers times out', async () => {
  const remote = await createWebhook({ url: 'http://hooks.example.com/orders', name: 'remote' });
  await fire({ event: 'order.paid' });
  const refused = await api().call('GET', `/integrations/${remote}/logs`);
  expect(refused.json.data).toHaveLength(1);
  expect(refused.json.data[0].error_detail).toMatch(/only to loopback addresses.*allowNonLoopbackDelivery/);
  expect(refused.json.data[0].status_code).toBeUndefined();
  await admin(emulator.url, 'DELETE', `/integrations/${remote}`);

  await emulator.close();
  emulator = await startElasticPathEmulator({ delivery: { maxAttempts: 1, timeoutMs: 200 } });
  token = await elasticPathToken(emulator.url, emulator.clientId, emulator.clientSecret);
  const id = await createWebhook();
  receiver.answer = 'hang';
  await fire({ event: 'order.paid' });
  const logs = await api().call('GET', `/integrations/${id}/logs`);
  expect(logs.json.data[0]).toMatchObject({ succeeded: false, error_detail: expect.stringContaining('No answer within 0.2 seconds') });
});

test('bad event requests are refused with the field and the fix', async () => {
  const missing = await admin(emulator.url, 'POST', '/events', {});
  expect(missing.status).toBe(400);
  expect(missing.json.error).toMatch(/event must be .*order\.paid/);
  const badPayload = await admin(emulator.url, 'POST', '/events', { event: 'order.paid', payload: [1] });
  expect(badPayload.json.error).toMatch(/payload must be a JSON object/);
  const accepted = await admin(emulator.url, 'POST', '/events', { event: 'order.paid' });
  expect(accepted.status).toBe(202);
});

test('reset forgets jobs and logs', async () => {
  const id = await createWebhook();
  await fire({ event: 'order.paid' });
  await admin(emulator.url, 'POST', '/reset');
  token = await elasticPathToken(emulator.url, emulator.clientId, emulator.clientSecret);
  expect((await api().call('GET', '/integrations/logs')).json.data).toEqual([]);
  expect((await api().call('GET', `/integrations/${id}/logs`)).status).toBe(404);
});

test('the client lists logs across pages, filters by time, and lists jobs', async () => {
  const id = await createWebhook();
  receiver.answer = 503;
  await fire({ event: 'order.paid' });
  receiver.answer = 200;
  await fire({ event: 'order.paid' });
  const client = new ElasticPathClient({ baseUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
  const logs = await client.listIntegrationLogs({ integrationId: id, pageLimit: 2 });
  expect(logs).toHaveLength(4);
  expect(logs.filter((log) => !log.succeeded)).toHaveLength(3);
  expect(logs[0]).toMatchObject({ succeeded: true, status_code: 200, integration_id: id, job_id: expect.any(String), created_at: expect.any(String) });
  expect(logs[1]).toMatchObject({ succeeded: false, status_code: 503, error_detail: expect.stringContaining('2xx') });
  expect(await client.listIntegrationLogs({ sinceMs: Date.now() + 60_000 })).toEqual([]);
  expect(await client.listIntegrationJobs(id)).toHaveLength(2);
  const jobLogs = await client.listIntegrationLogs({ integrationId: id, jobId: logs[1].job_id });
  expect(jobLogs).toHaveLength(3);
});

test('with log timestamps off, logs and jobs carry no time, as the real API answers; reset restores them', async () => {
  const id = await createWebhook();
  const client = new ElasticPathClient({ baseUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
  expect(await admin(emulator.url, 'POST', '/log-timestamps', { enabled: false })).toMatchObject({ status: 200 });
  await fire({ event: 'order.paid' });
  const [log] = await client.listIntegrationLogs({ integrationId: id });
  expect(log).toMatchObject({ succeeded: true });
  expect(log.created_at).toBeUndefined();
  expect((await client.listIntegrationJobs(id))[0].created_at).toBeUndefined();
  expect(await admin(emulator.url, 'POST', '/log-timestamps', { enabled: 'no' })).toMatchObject({ status: 400 });

  await admin(emulator.url, 'POST', '/reset');
  const stored = await admin(emulator.url, 'POST', '/integrations', {
    name: 'after reset', integration_type: 'webhook', enabled: true, observes: ['order.paid'], configuration: { url: `${receiver.url}/hooks/orders` },
  });
  await fire({ event: 'order.paid' });
  const fresh = new ElasticPathClient({ baseUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
  expect((await fresh.listIntegrationLogs({ integrationId: stored.json.id }))[0].created_at).toEqual(expect.any(String));
});
