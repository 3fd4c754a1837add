/**
 * The built command a GitOps job runs, `node dist/cli.js drift`, on a copy of
 * examples/quickstart deployed to the emulators: exit codes (0 in sync, 2 drift, 1 error),
 * the exact JSON shape, the "Done when" scenario (drift, PATCH out of band, drift,
 * --reconcile, drift), a rotated secret, and no secret in anything the command prints.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

const STACK = 'quickstart';

/** With --json a failed run still writes one JSON object, holding the error (so `drift merge` sees a failed shard). */
function expectErrorReport(result: ProcessResult): void {
  const lines = result.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const report = JSON.parse(lines[0]) as { inSync: boolean; stacks: unknown[]; error: string };
  expect(report).toEqual({ schemaVersion: 1, inSync: false, stacks: [], error: expect.any(String) });
  expect(result.stderr).toContain(report.error.split('\n')[0]);
}
const secrets = {
  webhook: uniqueSecret('webhook-secret'),
  sqs: uniqueSecret('sqs-secret-access-key'),
  stomp: uniqueSecret('stomp-password'),
};
const rotatedStompPassword = `${uniqueSecret('rotated-stomp')}-out-of-band`;
// The example values written in examples/quickstart/main.ts, overridden here through TF_VAR_*.
const quickstartDefaults = ['example-only-webhook-secret', 'example-only-aws-secret-access-key', 'example-only-stomp-password'];

let emulators: DriftEmulators;
let app: DriftApp;
let env: Record<string, string>;
const everySecret = () => [...emulators.credentialSecrets, ...Object.values(secrets), rotatedStompPassword, ...quickstartDefaults];

beforeAll(async () => {
  emulators = await startDriftEmulators();
  env = {
    ...emulators.env,
    TF_VAR_order_webhook_secret: secrets.webhook,
    TF_VAR_sqs_secret_access_key: secrets.sqs,
    TF_VAR_stomp_password: secrets.stomp,
  };
  app = DriftApp.copyQuickstart();
  await app.deploy(env, [STACK]);
});

afterAll(async () => {
  app?.cleanup();
  await emulators?.close();
});

/** Runs the CLI and checks that no secret appears in what it printed, whatever the outcome. */
async function drift(args: string[], runEnv: NodeJS.ProcessEnv = env): Promise<ProcessResult> {
  const result = await runDriftCli(args, runEnv);
  expectNoSecrets(result.stdout, everySecret(), `the stdout of drift ${args.join(' ')}`);
  expectNoSecrets(result.stderr, everySecret(), `the stderr of drift ${args.join(' ')}`);
  return result;
}

/** The JSON report has exactly these keys (a stack may add `reconciliation`). */
function expectReportShape(report: unknown): void {
  const keys = (value: unknown) => Object.keys(value as object).sort();
  expect(keys(report)).toEqual(['inSync', 'schemaVersion', 'stacks']);
  expect((report as { schemaVersion: unknown }).schemaVersion).toBe(1);
  const { inSync, stacks } = report as { inSync: unknown; stacks: unknown[] };
  expect(typeof inSync).toBe('boolean');
  expect(Array.isArray(stacks)).toBe(true);
  for (const stack of stacks as Record<string, unknown>[]) {
    expect(keys(stack).filter((key) => key !== 'reconciliation')).toEqual(['name', 'resources']);
    expect(typeof stack.name).toBe('string');
    for (const resource of stack.resources as Record<string, unknown>[]) {
      expect(keys(resource)).toEqual(['address', 'constructPath', 'fields', 'kind']);
      expect(typeof resource.address).toBe('string');
      expect(['string', 'object']).toContain(typeof resource.constructPath);
      expect(['changed', 'deleted', 'not-created', 'config-changed']).toContain(resource.kind);
      for (const field of resource.fields as object[]) expect(keys(field)).toEqual(['declared', 'path', 'remote']);
    }
  }
}

function parseReport(result: ProcessResult): { inSync: boolean; stacks: { name: string; resources: any[]; reconciliation?: any }[] } {
  const { schemaVersion, ...report } = JSON.parse(result.stdout);
  expectReportShape({ schemaVersion, ...report });
  return report;
}

describe('errors exit 1 with a message saying what failed and where', () => {
  test('--app-dir without cdktf.json', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-e2e-empty-'));
    try {
      const result = await drift(['--app-dir', empty, '--json']);
      expect(result.code).toBe(1);
      expectErrorReport(result);
      expect(result.stderr).toContain(`${empty} has no cdktf.json`);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('an unknown option', async () => {
    const result = await drift(['--app-dir', app.dir, '--colour']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown option --colour/);
  });

  test('an unknown --stack names it and the stacks the app has', async () => {
    const result = await drift(['--app-dir', app.dir, '--stack', 'production', '--json']);
    expect(result.code).toBe(1);
    expectErrorReport(result);
    expect(result.stderr).toMatch(/no stack named production: the app has quickstart/);
  });

  test('wrong credentials: the stack is reported with the failing terraform command and the API answer, without the secret', async () => {
    const wrongSecret = uniqueSecret('wrong-client-secret');
    const result = await drift(['--app-dir', app.dir, '--json'], { ...env, ELASTICPATH_CLIENT_SECRET: wrongSecret });
    expectNoSecrets(result.stdout + result.stderr, [wrongSecret], 'the output of a check with a wrong client secret');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { schemaVersion: number; inSync: boolean; stacks: { name: string; resources: unknown[]; error: { command: string; message: string } }[] };
    expect(report).toMatchObject({ schemaVersion: 1, inSync: false, stacks: [{ name: STACK, resources: [] }] });
    const { command, message } = report.stacks[0].error;
    expect(command).toBe('terraform plan -input=false -no-color -detailed-exitcode -lock-timeout=120s -out=<plan file>');
    expect(message).toMatch(/Elastic Path refused the credentials|Could not read Elastic Path integration/);
    expect(message).toMatch(/401 Unauthorized.*\s+.*check the Elastic Path client_id and client_secret/);
    expect(result.stderr).toContain(`stack ${STACK} could not be checked (\`${command}\`): exit 1: `);
  });
});

describe('the "Done when" scenario: quickstart deployed to the emulators', () => {
  test('drift exits 0 on the freshly deployed app', async () => {
    const text = await drift(['--app-dir', app.dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/stack quickstart: in sync/);
    expect(text.stdout).toMatch(/In sync: remote objects match the code\./);

    const json = await drift(['--app-dir', app.dir, '--json', '--skip-synth']);
    expect(json.code).toBe(0);
    expect(parseReport(json)).toEqual({ inSync: true, stacks: [{ name: STACK, resources: [] }] });
  });

  test('after PATCH /__admin/integrations/{id} it exits 2 and the JSON names the field with both values', async () => {
    const webhook = await epIntegrationNamed(emulators, 'Order webhook');
    await admin(emulators.elasticpath.url, 'PATCH', `/integrations/${webhook.id}`, {
      configuration: { ...webhook.configuration, url: 'https://changed-by-hand.example.com/hook' },
    });

    const result = await drift(['--app-dir', app.dir, '--json']);
    expect(result.code).toBe(2);
    expect(parseReport(result)).toEqual({
      inSync: false,
      stacks: [
        {
          name: STACK,
          resources: [
            {
              address: expect.stringMatching(/^elasticpath_integration\.order-webhook_[0-9A-F]{8}$/),
              constructPath: 'quickstart/order-webhook/Resource',
              kind: 'changed',
              fields: [
                { path: 'configuration.url', declared: 'https://hooks.example.com/elasticpath/orders', remote: 'https://changed-by-hand.example.com/hook' },
              ],
            },
          ],
        },
      ],
    });
  });

  test('the text report shows the same field and values for people', async () => {
    const result = await drift(['--app-dir', app.dir, '--skip-synth']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/elasticpath_integration\.order-webhook_\w+\s+changed out of band\s+\(quickstart\/order-webhook\/Resource\)/);
    expect(result.stdout).toMatch(/configuration\.url\s+https:\/\/hooks\.example\.com\/elasticpath\/orders\s+https:\/\/changed-by-hand\.example\.com\/hook/);
    expect(result.stdout).toMatch(/^Drift found\.$/m);
  });

  test('drift --reconcile restores it (exit 0, reconciliation verified) and a following drift exits 0', async () => {
    const reconciled = await drift(['--app-dir', app.dir, '--json', '--reconcile']);
    expect(reconciled.code).toBe(0);
    const report = parseReport(reconciled);
    expect(report.inSync).toBe(false); // what was found, before the repair
    expect(report.stacks[0].resources.map((r) => r.fields.map((f: { path: string }) => f.path))).toEqual([['configuration.url']]);
    expect(report.stacks[0].reconciliation).toEqual({ applied: true, verifiedClean: true, remaining: [] });
    expect((await epIntegrationNamed(emulators, 'Order webhook')).configuration.url).toBe('https://hooks.example.com/elasticpath/orders');

    const after = await drift(['--app-dir', app.dir, '--json']);
    expect(after.code).toBe(0);
    expect(parseReport(after)).toEqual({ inSync: true, stacks: [{ name: STACK, resources: [] }] });
  });
});

test('a STOMP password rotated out of band: exit 2, both values "(sensitive)", neither value printed; --reconcile restores it', async () => {
  const broker = await epIntegrationNamed(emulators, 'Customer broker');
  await admin(emulators.elasticpath.url, 'PATCH', `/integrations/${broker.id}`, {
    configuration: { ...broker.configuration, password: rotatedStompPassword },
  });

  const json = await drift(['--app-dir', app.dir, '--json']);
  expect(json.code).toBe(2);
  expect(parseReport(json).stacks[0].resources).toEqual([
    {
      address: expect.stringMatching(/^elasticpath_integration\.customer-broker_/),
      constructPath: 'quickstart/customer-broker/Resource',
      kind: 'changed',
      fields: [{ path: 'configuration.password', declared: '(sensitive)', remote: '(sensitive)' }],
    },
  ]);
  const text = await drift(['--app-dir', app.dir, '--skip-synth']);
  expect(text.code).toBe(2);
  expect(text.stdout).toMatch(/configuration\.password\s+\(sensitive\)\s+\(sensitive\)/);

  const reconciled = await drift(['--app-dir', app.dir, '--skip-synth', '--reconcile']);
  expect(reconciled.code).toBe(0);
  expect(reconciled.stdout).toMatch(/reconciled: applied, and a new plan is clean/);
  expect((await epIntegrationNamed(emulators, 'Customer broker')).configuration.password).toBe(secrets.stomp);
});
