/**
 * Sendcloud's exception logs end to end: a CDKTF app declares two Sendcloud integrations; when
 * Sendcloud records exception logs for one (it could not call the shop), `drift --health`
 * reports it beside drift in text, JSON and markdown and `--fail-on-unhealthy` exits 2; a
 * Terraform `check` block over the sendcloud_integration_logs data source warns.
 */
import { TerraformWorkspace, requiredProviders } from '../helpers/workspace';
import { type DriftEmulators, DriftApp, type ProcessResult, admin, expectNoSecrets, runDriftCli, startDriftEmulators } from './support';

const STACK = 'shops';
let emulators: DriftEmulators;
let app: DriftApp;

beforeAll(async () => {
  emulators = await startDriftEmulators();
  app = DriftApp.create({
    stacks: [
      {
        name: STACK,
        elasticpath: [],
        sendcloud: [
          { id: 'shopify', props: { integrationId: 1002, shopName: 'Emulator Shopify Store' } },
          { id: 'woo', props: { integrationId: 1003 } },
        ],
      },
    ],
  });
  await app.deploy(emulators.env, [STACK]);
}, 600_000);

afterAll(async () => {
  app?.cleanup();
  await emulators?.close();
});

async function drift(args: string[]): Promise<ProcessResult> {
  const result = await runDriftCli(['--app-dir', app.dir, '--skip-synth', ...args], emulators.env);
  expectNoSecrets(result.stdout, emulators.credentialSecrets, `the stdout of drift ${args.join(' ')}`);
  expectNoSecrets(result.stderr, emulators.credentialSecrets, `the stderr of drift ${args.join(' ')}`);
  return result;
}

function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

test('drift --health reports a Sendcloud integration with exception logs in text, JSON and markdown', async () => {
  const healthy = await drift(['--health', '--fail-on-unhealthy']);
  expect(healthy.code).toBe(0);
  expect(healthy.stdout).toMatch(/✓ shops\/sendcloud_integration\.shopify_\w+ \(Emulator Shopify Store\)\s+no exception logs/);

  // One log from two days ago (outside the default 24h window) and two recent ones.
  const log = (hours: number, exception: string, responseCode: number | null) =>
    admin(emulators.sendcloud.url, 'POST', '/exception-logs', {
      integration_id: 1002,
      base_url: 'https://emulator-store.example.com',
      full_url: 'https://emulator-store.example.com/admin/api/2024-01/orders.json',
      method: 'GET',
      response_code: responseCode,
      exception_type: 'requests.exceptions.HTTPError',
      exception,
      request: { headers: { Authorization: 'Bearer shop-token-never-shown' } },
      created_at: hoursAgo(hours),
    });
  await log(48, 'an old failure', 500);
  await log(3, 'The shop did not answer', null);
  await log(1, 'API credentials are no longer valid', 401);

  const text = await drift(['--health', '--fail-on-unhealthy']);
  // What a failing Sendcloud integration looks like (kept in the test output for the docs).
  process.stdout.write(`drift --health with a failing Sendcloud integration:\n${text.stdout}`);
  expect(text.code).toBe(2);
  expect(text.stdout).toContain('In sync');
  expect(text.stdout).toMatch(/✗ shops\/sendcloud_integration\.shopify_\w+ \(Emulator Shopify Store\)\s+2 exception log\(s\)/);
  expect(text.stdout).toMatch(
    /last failure \d{4}-\d\d-\d\dT[\d:]+Z: HTTP 401, API credentials are no longer valid, GET https:\/\/emulator-store\.example\.com\/admin\/api\/2024-01\/orders\.json/,
  );
  expect(text.stdout).toMatch(/✓ shops\/sendcloud_integration\.woo_\w+ \(Emulator WooCommerce\)\s+no exception logs/);
  expect(text.stdout).toContain('Unhealthy: 1 of 2 integration(s) failed deliveries.');
  expect(text.stdout).not.toContain('shop-token-never-shown');
  expect((await drift(['--health'])).code).toBe(0);

  const json = JSON.parse((await drift(['--health', '--json'])).stdout);
  expect(json.health.healthy).toBe(false);
  expect(json.health.integrations).toEqual([
    expect.objectContaining({ provider: 'sendcloud', stack: STACK, id: '1002', name: 'Emulator Shopify Store', deliveries: null, failures: 2, undelivered: null, lastFailure: expect.objectContaining({ statusCode: 401, attempt: null }) }),
    expect.objectContaining({ provider: 'sendcloud', id: '1003', failures: 0, lastFailure: null }),
  ]);

  const markdown = await drift(['--health', '--format', 'markdown', '--since', '7d']);
  expect(markdown.stdout).toContain('**Unhealthy**: failed deliveries.');
  expect(markdown.stdout).toMatch(/\| ✗ \| `shops\/sendcloud_integration\.shopify_\w+` \(Emulator Shopify Store\) \| – \| 3 \| – \| \d{4}-[\d-]+T[\d:]+Z: HTTP 401, API credentials/);
  expect(markdown.stdout).toMatch(/\| ✓ \| `shops\/sendcloud_integration\.woo_\w+` \(Emulator WooCommerce\) \| – \| 0 \| – \| - \|/);
});

test('a check block over sendcloud_integration_logs warns about recent exception logs; a bad since is refused at plan', async () => {
  // The logs recorded by the test above.
  const workspace = new TerraformWorkspace(emulators.env);
  try {
    workspace.writeConfig({ terraform: requiredProviders() });
    workspace.writeFile(
      'check.tf',
      `
check "shop_reachable" {
  data "sendcloud_integration_logs" "shop" {
    integration_id = 1002
    since          = "24h"
  }
  assert {
    condition     = data.sendcloud_integration_logs.shop.log_count == 0
    error_message = "Sendcloud could not reach the shop \${data.sendcloud_integration_logs.shop.log_count} times in the last 24 hours: \${data.sendcloud_integration_logs.shop.logs[0].exception}"
  }
}

data "sendcloud_integration_logs" "account" {}
output "account_logs" { value = data.sendcloud_integration_logs.account.logs[*].response_code }
`,
    );
    await workspace.init();
    const plan = await workspace.run(['plan', '-input=false', '-no-color']);
    expect(plan.stdout).toMatch(/Warning: Check block assertion failed/);
    expect(plan.stdout).toMatch(/Sendcloud could not reach the shop 2 times in the last 24 hours: API\s+credentials\s+are no longer valid/);
    await workspace.apply();
    const outputs = JSON.parse((await workspace.run(['output', '-json'])).stdout);
    expect(outputs.account_logs.value).toEqual([401, null, 500]);

    workspace.writeFile('check.tf', 'data "sendcloud_integration_logs" "bad" {\n  since = "yesterday"\n}\n');
    const invalid = await workspace.attempt(['plan', '-input=false', '-no-color']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/"yesterday" is neither a duration nor a time: write a duration such as 24h/);
  } finally {
    workspace.cleanup();
  }
});
