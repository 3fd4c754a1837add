/**
 * An app with two stacks: both are planned at once and both reported; `--stack NAME`
 * checks one. One stack declares a LocalBackend whose state file lives in another
 * folder than the app and its stack: drift is found (not "not-created") and
 * reconciliation writes there, which shows detectDrift goes through the declared backend.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type DriftProgress, detectDrift } from '../../src/drift/detect';
import { type AppSpec, type DriftEmulators, DriftApp, epIntegrationNamed, runDriftCli, startDriftEmulators, uniqueSecret } from './support';

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-e2e-state-'));
const alphaStatePath = path.join(stateDir, 'team-state', 'alpha.tfstate');

const spec: AppSpec = {
  stacks: [
    {
      name: 'alpha',
      localBackendPath: alphaStatePath,
      elasticpath: [
        {
          id: 'alpha-hook',
          name: 'Alpha hook',
          observes: ['order.paid'],
          type: 'webhook',
          configuration: { url: 'https://hooks.example.com/alpha', secretKey: { variable: 'webhook_secret' } },
        },
      ],
      sendcloud: [],
    },
    {
      name: 'beta',
      elasticpath: [
        {
          id: 'beta-hook',
          name: 'Beta hook',
          observes: ['order.created', 'order.cancelled'],
          type: 'webhook',
          configuration: { url: 'https://hooks.example.com/beta' },
        },
      ],
      sendcloud: [{ id: 'shop', props: { integrationId: 1002, shopName: 'Beta shop', webhookActive: false } }],
    },
  ],
};

let emulators: DriftEmulators;
let app: DriftApp;
let env: Record<string, string>;

beforeAll(async () => {
  emulators = await startDriftEmulators();
  env = { ...emulators.env, TF_VAR_webhook_secret: uniqueSecret('webhook-secret') };
  app = DriftApp.create(spec);
  await app.deploy(env, ['alpha', 'beta']);
});

afterAll(async () => {
  app?.cleanup();
  fs.rmSync(stateDir, { recursive: true, force: true });
  await emulators?.close();
});

function stateSerial(file: string): number {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { serial: number }).serial;
}

test('the alpha stack keeps its state where its LocalBackend says, outside the app and the stack folder', () => {
  const synthesized = JSON.parse(fs.readFileSync(path.join(app.stackDir('alpha'), 'cdk.tf.json'), 'utf8'));
  expect(synthesized.terraform.backend).toEqual({ local: { path: alphaStatePath } });
  const state = JSON.parse(fs.readFileSync(alphaStatePath, 'utf8')) as { resources: { type: string }[] };
  expect(state.resources.map((r) => r.type)).toEqual(['elasticpath_integration']);
  expect(fs.existsSync(path.join(app.stackDir('alpha'), 'terraform.tfstate'))).toBe(false);
  expect(fs.existsSync(path.join(app.dir, 'terraform.alpha.tfstate'))).toBe(false);
});

describe('drift in both stacks', () => {
  beforeAll(async () => {
    const alpha = await epIntegrationNamed(emulators, 'Alpha hook');
    await emulators.elasticpath.admin.patchIntegration(alpha.id, { name: 'Alpha hook (edited)' });
    const beta = await epIntegrationNamed(emulators, 'Beta hook');
    await emulators.elasticpath.admin.patchIntegration(beta.id, { observes: ['order.created'] });
  });

  test('both stacks are planned at once and both are reported, alpha through its own backend', async () => {
    const events: DriftProgress[] = [];
    const report = await detectDrift({ appDir: app.dir, env, onProgress: (event) => events.push(event) });

    expect(report.inSync).toBe(false);
    expect(report.stacks.map((stack) => stack.name)).toEqual(['alpha', 'beta']);
    const [alpha, beta] = report.stacks;
    // "changed", not "not-created": the refreshed state came from the file the backend names.
    expect(alpha.resources).toEqual([
      {
        address: expect.stringMatching(/^elasticpath_integration\.alpha-hook_/),
        constructPath: 'alpha/alpha-hook/Resource',
        kind: 'changed',
        fields: [{ path: 'name', declared: 'Alpha hook', remote: 'Alpha hook (edited)' }],
      },
    ]);
    expect(beta.resources).toEqual([
      {
        address: expect.stringMatching(/^elasticpath_integration\.beta-hook_/),
        constructPath: 'beta/beta-hook/Resource',
        kind: 'changed',
        fields: [{ path: 'observes', declared: ['order.cancelled', 'order.created'], remote: ['order.created'] }],
      },
    ]);

    // Both stacks start (init) before either reaches its plan: they run side by side, not one after the other.
    const phases = events.map((event) => `${event.stack ?? '-'}:${event.phase}`);
    const firstPlan = phases.findIndex((phase) => phase.endsWith(':plan'));
    expect(phases.slice(0, firstPlan).sort()).toEqual(['-:synth', 'alpha:init', 'beta:init']);
    expect(phases.filter((phase) => phase.endsWith(':plan')).sort()).toEqual(['alpha:plan', 'beta:plan']);
  });

  test('--stack NAME checks only that stack (CLI and API)', async () => {
    const cli = await runDriftCli(['--app-dir', app.dir, '--stack', 'beta', '--json'], env);
    expect(cli.code).toBe(2);
    const report = JSON.parse(cli.stdout) as { stacks: { name: string; resources: { constructPath: string }[] }[] };
    expect(report.stacks.map((stack) => [stack.name, stack.resources.map((r) => r.constructPath)])).toEqual([['beta', ['beta/beta-hook/Resource']]]);
    expect(cli.stderr).not.toMatch(/\[alpha\]/);

    const alphaOnly = await detectDrift({ appDir: app.dir, env, stacks: ['alpha'], skipSynth: true });
    expect(alphaOnly.stacks.map((stack) => stack.name)).toEqual(['alpha']);
    expect(alphaOnly.stacks[0].resources.map((r) => r.constructPath)).toEqual(['alpha/alpha-hook/Resource']);
  });

  test('reconciling both stacks writes alpha\'s state through its backend, and a following check of both exits 0', async () => {
    const serialBefore = stateSerial(alphaStatePath);
    const reconciled = await detectDrift({ appDir: app.dir, env, skipSynth: true, reconcile: true });
    expect(reconciled.stacks.map((stack) => [stack.name, stack.reconciliation?.verifiedClean])).toEqual([
      ['alpha', true],
      ['beta', true],
    ]);
    expect(stateSerial(alphaStatePath)).toBeGreaterThan(serialBefore);
    expect(fs.existsSync(path.join(app.stackDir('alpha'), 'terraform.tfstate'))).toBe(false);

    const cli = await runDriftCli(['--app-dir', app.dir, '--json'], env);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual({
      schemaVersion: 1,
      inSync: true,
      stacks: [
        { name: 'alpha', resources: [] },
        { name: 'beta', resources: [] },
      ],
    });
  });
});

/** Processes whose working directory is inside `dir` (terraform runs in the stack folders). */
function processesWorkingIn(dir: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) found.push(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
    } catch {
      // The process ended meanwhile, or is not ours to inspect.
    }
  }
  return found;
}

async function untilNoProcessWorkingIn(dir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (processesWorkingIn(dir).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
}

test('when one stack fails, the other is still checked and reconciled; the failed one carries its error; no terraform is left running', async () => {
  const alpha = await epIntegrationNamed(emulators, 'Alpha hook');
  await emulators.elasticpath.admin.patchIntegration(alpha.id, { name: 'Alpha hook (edited again)' });
  // Alpha (Elastic Path only) is slow and has drift to reconcile; beta fails on Sendcloud's 401.
  await emulators.elasticpath.admin.faults({ rate: 1, kinds: ['latency'], latencyMs: 1000 });
  try {
    const report = await detectDrift({ appDir: app.dir, env: { ...env, SENDCLOUD_SECRET_KEY: 'not-the-secret-key' }, skipSynth: true, reconcile: true });
    // A run host (docs/run-host.md) ends within a moment of its terraform: give it that moment.
    const settled = Date.now() + 3000;
    while (processesWorkingIn(app.dir).length > 0 && Date.now() < settled) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(processesWorkingIn(app.dir)).toEqual([]);
    const stack = (name: string) => report.stacks.find((entry) => entry.name === name)!;
    expect(stack('beta').error).toEqual({ command: expect.stringMatching(/^terraform plan /), message: expect.stringMatching(/Sendcloud/) });
    expect(stack('alpha').error).toBeUndefined();
    expect(stack('alpha').reconciliation).toMatchObject({ applied: true, verifiedClean: true });
    expect(report.inSync).toBe(false);
  } finally {
    await untilNoProcessWorkingIn(app.dir, 60_000);
    await emulators.elasticpath.admin.clearFaults();
  }
});
