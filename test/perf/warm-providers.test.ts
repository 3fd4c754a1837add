/**
 * Warm providers for this package's own commands: `cdktf-integrations drift` starts each
 * provider once for the run and hands it to Terraform, which then launches none itself
 * (counted by launchers that note each launch); the report is the one normal launches give;
 * stacks planned at once share the process, each answered from its own store; the processes
 * are gone afterwards, also when drift fails, and when the command that started them is killed.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { detectDrift } from '../../src/drift/detect';
import { ElasticPathAdmin, type RunningElasticPathEmulator, startElasticPathEmulator } from '../../src/emulators';
import {
  REPO_ROOT,
  type PerfEmulator,
  countingProviderMirror,
  deployApp,
  integrationName,
  runProcess,
  startPerfEmulator,
  warmProviderChildren,
  writeIntegrationsApp,
} from '../../scripts/bench-harness';

let perf: PerfEmulator;
let secondStore: RunningElasticPathEmulator;
let mirror: ReturnType<typeof countingProviderMirror>;
let appDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  perf = await startPerfEmulator();
  secondStore = await startElasticPathEmulator({ clientSecret: perf.emulator.clientSecret });
  mirror = countingProviderMirror();
  env = { ...perf.env, TF_CLI_CONFIG_FILE: mirror.cliConfigFile };
  // Two stacks against two stores, planned at once through one warm process: each must be answered from its own store.
  appDir = writeIntegrationsApp([
    { name: 'first', integrations: 5 },
    { name: 'second', integrations: 5, apiBaseUrl: secondStore.url },
  ]);
  await deployApp(appDir, 'first', env);
  await deployApp(appDir, 'second', env);
}, 180_000);

afterAll(async () => {
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
  mirror?.cleanup();
  await secondStore?.close();
  await perf?.close();
});

async function renameOutOfBand(storeUrl: string, index: number, name: string): Promise<void> {
  const store = new ElasticPathAdmin(storeUrl);
  const found = (await store.integrations()).find((integration) => integration.name === integrationName(index));
  if (!found) throw new Error(`no integration ${integrationName(index)} at ${storeUrl}`);
  await store.patchIntegration(found.id, { name });
}

test('a normal deploy launches the providers through Terraform', () => {
  expect(mirror.launches()).toBeGreaterThan(0);
});

test('drift with warm providers: the same report as normal launches, and Terraform launches no provider', async () => {
  await renameOutOfBand(perf.emulator.url, 1, 'renamed in the first store');
  await renameOutOfBand(secondStore.url, 2, 'renamed in the second store');

  const beforeLaunched = mirror.launches();
  const launched = await detectDrift({ appDir, env });
  const launchesOfNormalRun = mirror.launches() - beforeLaunched;

  const beforeWarm = mirror.launches();
  const warmProcesses = new Set<number>();
  const sampler = setInterval(() => warmProviderChildren().forEach((pid) => warmProcesses.add(pid)), 20);
  const warm = await detectDrift({ appDir, env, skipSynth: true, warmProviders: true }).finally(() => clearInterval(sampler));

  expect(launchesOfNormalRun).toBeGreaterThanOrEqual(2 * 3);
  expect(mirror.launches()).toBe(beforeWarm);
  expect(warm).toEqual(launched);
  // One Elastic Path process served both stacks.
  expect(warmProcesses.size).toBe(1);
  // Each stack saw its own store: one drifted integration apiece.
  const drifted = warm.stacks.map((stack) => [stack.name, stack.resources.map((resource) => `${resource.kind} ${resource.address.replace(/_[0-9A-F]{8}$/, '')}`)]);
  expect(drifted).toEqual([
    ['first', ['changed elasticpath_integration.integration-1']],
    ['second', ['changed elasticpath_integration.integration-2']],
  ]);
  expect(warmProviderChildren()).toEqual([]);
}, 180_000);

test('warm providers are stopped when every stack fails', async () => {
  // A failed stack is reported with its error (the run goes on with the others), not thrown.
  const report = await detectDrift({ appDir, env: { ...env, ELASTICPATH_CLIENT_SECRET: 'not-the-client-secret' }, skipSynth: true, warmProviders: true });
  expect(report.inSync).toBe(false);
  expect(report.stacks.map((stack) => stack.error?.command)).toEqual([expect.stringMatching(/^terraform plan/), expect.stringMatching(/^terraform plan/)]);
  expect(warmProviderChildren()).toEqual([]);
}, 120_000);

test('given TF_REATTACH_PROVIDERS, detectDrift uses those providers and starts none of its own', async () => {
  const stranger = JSON.stringify({
    'registry.terraform.io/commerce-iac/elasticpath': {
      Protocol: 'grpc',
      ProtocolVersion: 6,
      Pid: 1,
      Test: true,
      Addr: { Network: 'unix', String: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'no-provider-')), 'none.sock') },
    },
  });
  // Nothing listens on that socket: the plan fails, which shows Terraform was sent there.
  const report = await detectDrift({ appDir, env: { ...env, TF_REATTACH_PROVIDERS: stranger }, skipSynth: true, stacks: ['first'], warmProviders: true });
  expect(report.stacks[0].error?.message).toMatch(/Reattachment process not found/);
  expect(warmProviderChildren()).toEqual([]);
}, 120_000);

test('the drift command uses warm providers unless --no-warm-providers is given', async () => {
  const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
  const before = mirror.launches();
  const warm = await runProcess(process.execPath, [cli, 'drift', '--app-dir', appDir, '--skip-synth', '--json'], { env });
  expect(warm.code).toBe(2);
  expect(mirror.launches()).toBe(before);

  const cold = await runProcess(process.execPath, [cli, 'drift', '--app-dir', appDir, '--skip-synth', '--json', '--no-warm-providers'], { env });
  expect(cold.code).toBe(2);
  expect(mirror.launches()).toBeGreaterThan(before);
  expect(JSON.parse(warm.stdout)).toEqual(JSON.parse(cold.stdout));
}, 180_000);

test('warm providers end with the command that started them, even one killed with -9', async () => {
  const script = `const { startWarmProviders } = require(${JSON.stringify(path.join(REPO_ROOT, 'src', 'providers', 'warm'))});
startWarmProviders({ names: ['elasticpath', 'sendcloud'] }).then((warm) => process.stdout.write(JSON.stringify(Object.values(warm.pids)) + '\\n'));
setInterval(() => undefined, 1000);`;
  const scriptFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'warm-starter-')), 'starter.ts');
  fs.writeFileSync(scriptFile, script);
  const command = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'run-ts.js'), scriptFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pids = await new Promise<number[]>((resolve) => readline.createInterface({ input: command.stdout! }).once('line', (line) => resolve(JSON.parse(line))));
  expect(pids.every(isRunning)).toBe(true);

  command.kill('SIGKILL');
  const deadline = Date.now() + 5000;
  while (pids.some(isRunning) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  fs.rmSync(path.dirname(scriptFile), { recursive: true, force: true });
  expect(pids.filter(isRunning)).toEqual([]);
}, 60_000);

function isRunning(pid: number): boolean {
  try {
    // A zombie (exited, not yet reaped) counts as gone.
    return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
