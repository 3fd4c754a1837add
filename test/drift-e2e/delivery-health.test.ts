/**
 * Delivery health end to end, on loopback: an integration deployed through Terraform from a
 * CDKTF app delivers order.paid to a receiver this test starts; a receiver answering 500 shows
 * up in the logs endpoints, in `drift --health` (exit 2 with --fail-on-unhealthy) and in a
 * Terraform `check` block over the elasticpath_integration_logs data source. Without --health
 * the drift command reads no log.
 */
import { ElasticPathClient } from '../../api/elasticpath';
import { verifyElasticPathWebhook, type ElasticPathWebhookEvent } from '../../src';
import { TerraformWorkspace, requiredProviders } from '../helpers/workspace';
import { startReceiver, type TestReceiver } from '../helpers/receiver';
import {
  type DriftEmulators,
  DriftApp,
  type ProcessResult,
  admin,
  epIntegrationNamed,
  expectNoSecrets,
  runDriftCli,
  startDriftEmulators,
  uniqueSecret,
} from './support';

const STACK = 'health';
const webhookSecret = uniqueSecret('webhook-secret');
let emulators: DriftEmulators;
let receiver: TestReceiver;
let app: DriftApp;
let env: Record<string, string>;
let integrationId: string;

beforeAll(async () => {
  receiver = await startReceiver();
  emulators = await startDriftEmulators({ delivery: { maxAttempts: 3, timeScale: 0.001 } });
  env = { ...emulators.env, TF_VAR_webhook_secret: webhookSecret };
  app = DriftApp.create({
    stacks: [
      {
        name: STACK,
        elasticpath: [
          {
            id: 'orders',
            name: 'Order paid webhook',
            observes: ['order.paid'],
            type: 'webhook',
            configuration: { url: `${receiver.url}/orders`, secretKey: { variable: 'webhook_secret' } },
          },
        ],
        sendcloud: [],
      },
    ],
  });
  await app.deploy(env, [STACK]);
  integrationId = (await epIntegrationNamed(emulators, 'Order paid webhook')).id;
}, 600_000);

afterAll(async () => {
  app?.cleanup();
  await emulators?.close();
  await receiver?.close();
});

async function drift(args: string[]): Promise<ProcessResult> {
  const result = await runDriftCli(['--app-dir', app.dir, '--skip-synth', ...args], env);
  const secrets = [...emulators.credentialSecrets, webhookSecret];
  expectNoSecrets(result.stdout, secrets, `the stdout of drift ${args.join(' ')}`);
  expectNoSecrets(result.stderr, secrets, `the stderr of drift ${args.join(' ')}`);
  return result;
}

async function fireOrderPaid(): Promise<void> {
  await admin(emulators.elasticpath.url, 'POST', '/events', { event: 'order.paid', wait: true });
}

test('the deployed webhook delivers order.paid with the right headers and body', async () => {
  await fireOrderPaid();
  const [request] = await receiver.waitFor(1);
  expect(request.path).toBe('/orders');
  expect(request.headers['x-moltin-integration-trigger']).toBe('order.paid');
  expect(verifyElasticPathWebhook(request.headers, webhookSecret)).toBe(true);
  expect(verifyElasticPathWebhook(request.headers, 'some-other-secret')).toBe(false);
  const event = request.json as ElasticPathWebhookEvent;
  expect(event).toMatchObject({
    triggered_by: 'order.paid',
    attempt: 1,
    integration: { id: integrationId, integration_type: 'webhook', name: 'Order paid webhook' },
    payload: { data: { type: 'order', payment: 'paid' } },
    store_id: 'default',
    // As both of the spec's payload examples carry it.
    configuration: { url: `${receiver.url}/orders`, secret_key: webhookSecret },
  });
  // The emulator's own record of the delivery keeps the secret out.
  const deliveries = await admin<{ message: { configuration: { secret_key: string } } }[]>(emulators.elasticpath.url, 'GET', '/deliveries');
  expect(deliveries[0].message.configuration).toEqual({ url: `${receiver.url}/orders`, secret_key: '[REDACTED]' });
  expectNoSecrets(JSON.stringify(deliveries), [webhookSecret], 'GET /__admin/deliveries');
  expectNoSecrets(JSON.stringify(await admin(emulators.elasticpath.url, 'GET', '/requests')), [webhookSecret], 'GET /__admin/requests');

  const healthy = await drift(['--health', '--fail-on-unhealthy']);
  expect(healthy.code).toBe(0);
  expect(healthy.stdout).toContain('In sync');
  expect(healthy.stdout).toMatch(/✓ health\/elasticpath_integration\.orders_\w+ \(Order paid webhook\)\s+1 delivery, no failures/);
  expect(healthy.stdout).toContain('Healthy: no failed deliveries.');
});

test('a receiver answering 500 shows in the logs endpoints and in drift --health, exit 2 with --fail-on-unhealthy', async () => {
  receiver.answer = 500;
  await fireOrderPaid();

  const client = new ElasticPathClient({ baseUrl: emulators.elasticpath.url, clientId: emulators.elasticpath.clientId, clientSecret: emulators.elasticpath.clientSecret });
  const failed = (await client.listIntegrationLogs({ integrationId })).filter((log) => !log.succeeded);
  expect(failed.map((log) => [log.attempt, log.status_code])).toEqual([
    [3, 500],
    [2, 500],
    [1, 500],
  ]);
  expect((await client.listIntegrationLogs()).filter((log) => !log.succeeded)).toHaveLength(3);

  const report = await drift(['--health', '--fail-on-unhealthy']);
  // What a failing receiver looks like (kept in the test output for the docs).
  process.stdout.write(`drift --health with a failing receiver:\n${report.stdout}`);
  expect(report.code).toBe(2);
  expect(report.stdout).toContain('In sync');
  expect(report.stdout).toMatch(/✗ health\/elasticpath_integration\.orders_\w+ \(Order paid webhook\)\s+2 deliveries, 3 failed attempt\(s\), 1 not delivered/);
  expect(report.stdout).toMatch(/last failure \d{4}-\d\d-\d\dT[\d:]+Z, attempt 3: HTTP 500, Received a status code outside of 2xx range/);
  expect(report.stdout).toContain('Unhealthy: 1 of 1 integration(s) failed deliveries.');

  const withoutFlag = await drift(['--health']);
  expect(withoutFlag.code).toBe(0);

  const json = await drift(['--health', '--json']);
  const parsed = JSON.parse(json.stdout);
  expect(parsed.inSync).toBe(true);
  expect(parsed.health).toMatchObject({
    healthy: false,
    integrations: [
      {
        stack: STACK,
        id: integrationId,
        name: 'Order paid webhook',
        deliveries: 2,
        failures: 3,
        undelivered: 1,
        lastFailure: { statusCode: 500, attempt: 3, errorDetail: expect.stringContaining('2xx') },
      },
    ],
  });

  const recent = await drift(['--health', '--since', '2099-01-01T00:00:00Z', '--fail-on-unhealthy']);
  expect(recent.code).toBe(0);
  expect(recent.stdout).toContain('0 deliveries, no failures');
});

test('without --health the drift command reads no delivery log', async () => {
  const before = (await admin<unknown[]>(emulators.elasticpath.url, 'GET', '/requests')).length;
  const result = await drift([]);
  expect(result.code).toBe(0);
  const requests = (await admin<{ path: string }[]>(emulators.elasticpath.url, 'GET', '/requests')).slice(before);
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((request) => /\/(logs|jobs)/.test(request.path))).toEqual([]);
});

test('a check block over elasticpath_integration_logs warns about failed deliveries', async () => {
  // The three failed attempts of the 500 test above are within the last 24 hours.
  const workspace = new TerraformWorkspace(env);
  try {
    workspace.writeConfig({ terraform: requiredProviders() });
    workspace.writeFile(
      'check.tf',
      `
check "orders_deliver" {
  data "elasticpath_integration_logs" "orders" {
    integration_id = "${integrationId}"
    failures_only  = true
    since          = "24h"
  }
  assert {
    condition     = data.elasticpath_integration_logs.orders.failure_count == 0
    error_message = "the orders webhook failed \${data.elasticpath_integration_logs.orders.failure_count} deliveries in the last 24 hours"
  }
}
`,
    );
    await workspace.init();
    const plan = await workspace.run(['plan', '-input=false', '-no-color']);
    expect(plan.stdout).toMatch(/Warning: Check block assertion failed/);
    expect(plan.stdout).toMatch(/the orders webhook failed 3 deliveries in the last 24 hours/);

    // As the real API answers, without a time on the logs: since cannot narrow them, and the plan says so.
    await admin(emulators.elasticpath.url, 'POST', '/log-timestamps', { enabled: false });
    try {
      const untimed = await workspace.run(['plan', '-input=false', '-no-color']);
      expect(untimed.stdout).toMatch(/Warning: since could not be applied/);
      expect(untimed.stdout).toMatch(/3 of the 3 logs carry no time/);
    } finally {
      await admin(emulators.elasticpath.url, 'POST', '/log-timestamps', { enabled: true });
    }

    workspace.writeFile('check.tf', 'data "elasticpath_integration_logs" "bad" {\n  since = "yesterday"\n}\n');
    const invalid = await workspace.attempt(['plan', '-input=false', '-no-color']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/"yesterday" is neither a duration nor a time: write a duration such as 24h/);
  } finally {
    workspace.cleanup();
  }
});
