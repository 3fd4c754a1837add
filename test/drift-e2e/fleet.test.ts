/**
 * A small fleet, as a platform team runs it: six stacks, each managing its own Elastic Path
 * store (EP-Store-ID) on one multi-store emulator, checked by a CI matrix of two shards
 * (`drift --shard K/2 --json`, the second reusing the first's synth with --skip-synth) whose
 * reports `drift merge` combines into one report and one exit code.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { shardOfStack } from '../../src/drift/shard';
import { terraform } from '../../src/drift/terraform';
import { type AppStack, type PerfEmulator, admin, runProcess, startPerfEmulator, writeIntegrationsApp } from '../../scripts/bench-harness';
import { runDriftCli } from './support';

const STORES: AppStack[] = Array.from({ length: 6 }, (_, index) => {
  const name = `store-${String(index).padStart(3, '0')}`;
  return { name, storeId: name, integrations: 2 };
});
const DRIFTED_STORE = 'store-004';

let perf: PerfEmulator;
let appDir: string;
let reportsDir: string;

interface Report {
  inSync: boolean;
  stacks: { name: string; resources: { address: string; kind: string; fields: { path: string; declared: unknown; remote: unknown }[] }[] }[];
  shard?: { index: number; count: number };
  errors?: { source: string; message: string }[];
}

beforeAll(async () => {
  perf = await startPerfEmulator();
  appDir = writeIntegrationsApp(STORES);
  reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-fleet-reports-'));
  const { app } = JSON.parse(fs.readFileSync(path.join(appDir, 'cdktf.json'), 'utf8')) as { app: string };
  const synth = await runProcess('sh', ['-c', app], { cwd: appDir, env: { ...process.env, ...perf.env, CDKTF_OUTDIR: path.join(appDir, 'cdktf.out') } });
  if (synth.code !== 0) throw new Error(`synth failed: ${synth.stderr}`);
  for (const stack of STORES) {
    const run = { cwd: path.join(appDir, 'cdktf.out', 'stacks', stack.name), env: perf.env };
    await terraform(['init', '-input=false', '-no-color'], run);
    await terraform(['apply', '-input=false', '-no-color', '-auto-approve'], run);
  }
}, 600_000);

afterAll(async () => {
  for (const dir of [appDir, reportsDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  await perf?.close();
});

const reportFile = (name: string) => path.join(reportsDir, name);

async function shardRun(index: number, extra: string[] = []): Promise<{ code: number; report: Report }> {
  const result = await runDriftCli(['--app-dir', appDir, '--shard', `${index}/2`, '--json', ...extra], perf.env);
  fs.writeFileSync(reportFile(`drift-${index}.json`), result.stdout);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

test('each store keeps its own integrations: the deploy went to six stores', async () => {
  for (const stack of STORES) {
    const stored = (await admin(perf.emulator.url, 'GET', `/integrations?store=${stack.storeId}`)) as { name: string }[];
    expect(stored.map((integration) => integration.name).sort()).toEqual(['perf integration 000', 'perf integration 001']);
  }
});

test('two shards plan disjoint halves of the fleet; merged, they report the one drifted store and exit 2', async () => {
  const stored = (await admin(perf.emulator.url, 'GET', `/integrations?store=${DRIFTED_STORE}`)) as { id: string; name: string }[];
  const target = stored.find((integration) => integration.name === 'perf integration 001')!;
  await admin(perf.emulator.url, 'PATCH', `/integrations/${target.id}?store=${DRIFTED_STORE}`, { enabled: false });

  const first = await shardRun(1);
  const second = await shardRun(2, ['--skip-synth']);
  const expectedNames = (index: number) => STORES.map((s) => s.name).filter((name) => shardOfStack(name, 2) === index);
  expect(first.report.stacks.map((s) => s.name)).toEqual(expectedNames(1));
  expect(second.report.stacks.map((s) => s.name)).toEqual(expectedNames(2));
  expect([...first.report.stacks, ...second.report.stacks].map((s) => s.name).sort()).toEqual(STORES.map((s) => s.name));
  expect(first.report.shard).toEqual({ index: 1, count: 2 });
  const drifted = shardOfStack(DRIFTED_STORE, 2);
  expect([first.code, second.code]).toEqual(drifted === 1 ? [2, 0] : [0, 2]);

  const merged = await runDriftCli(['merge', '--json', reportFile('drift-1.json'), reportFile('drift-2.json')], perf.env);
  expect(merged.code).toBe(2);
  const report = JSON.parse(merged.stdout) as Report;
  expect(report.errors).toEqual([]);
  expect(report.stacks.map((s) => s.name)).toEqual(STORES.map((s) => s.name));
  const differing = report.stacks.filter((s) => s.resources.length > 0);
  expect(differing.map((s) => s.name)).toEqual([DRIFTED_STORE]);
  expect(differing[0].resources[0]).toMatchObject({ kind: 'changed', fields: [{ path: 'enabled', declared: true, remote: false }] });

  const text = await runDriftCli(['merge', reportFile('drift-1.json'), reportFile('drift-2.json')], perf.env);
  expect(text.code).toBe(2);
  expect(text.stdout).toContain(`stack ${DRIFTED_STORE}: 1 resource(s) differ`);
  expect(text.stdout).toMatch(/Drift found\.\n$/);
}, 600_000);

test('a shard left out, or a shard that failed, makes the merge exit 1 even though another shard found drift', async () => {
  const alone = await runDriftCli(['merge', reportFile('drift-1.json'), reportFile('drift-2.json').replace('drift-2', 'drift-9')], perf.env);
  expect(alone.code).toBe(1);
  expect(alone.stderr).toMatch(/drift-9\.json: no such file/);
  expect(alone.stderr).toMatch(/shard\(s\) 2\/2 missing/);

  // A shard whose stores cannot be reached still writes its report: each stack with its error, exit 1.
  const failing = await runDriftCli(['--app-dir', appDir, '--shard', '1/2', '--skip-synth', '--json'], { ...perf.env, ELASTICPATH_API_BASE_URL: 'http://127.0.0.1:9' });
  expect(failing.code).toBe(1);
  const failedReport = JSON.parse(failing.stdout) as Report & { stacks: { error?: { command: string } }[] };
  expect(failedReport.stacks.length).toBeGreaterThan(0);
  for (const stack of failedReport.stacks) expect(stack.error?.command).toMatch(/^terraform plan /);
  fs.writeFileSync(reportFile('drift-1-failed.json'), failing.stdout);
  const merged = await runDriftCli(['merge', reportFile('drift-1-failed.json'), reportFile('drift-2.json')], perf.env);
  expect(merged.code).toBe(1);
  expect(merged.stdout).toMatch(new RegExp(`✗ stack ${failedReport.stacks[0].name}: could not be checked \\(terraform plan `));
  expect(merged.stdout).toMatch(new RegExp(`${failedReport.stacks.length} stack\\(s\\) could not be checked`));
}, 600_000);

interface HealthSection {
  healthy: boolean;
  since?: string;
  baseline?: { source: string };
  integrations: { stack: string; failures: number; windowApplied: boolean; logIds: string[] }[];
}

test('health in a shard matrix, without log timestamps: each shard reads its own stacks through --terraform-binary; a baseline counts new failures; merge keeps health and --fail-on-unhealthy exits 2', async () => {
  const unhealthyStore = 'store-001';
  // The drift of the test above is repaired out of band: what remains is delivery health only.
  const stored = (await admin(perf.emulator.url, 'GET', `/integrations?store=${DRIFTED_STORE}`)) as { id: string; name: string }[];
  const target = stored.find((integration) => integration.name === 'perf integration 001')!;
  await admin(perf.emulator.url, 'PATCH', `/integrations/${target.id}?store=${DRIFTED_STORE}`, { enabled: true });
  // As the real Elastic Path API answers: logs without a time.
  await admin(perf.emulator.url, 'POST', '/log-timestamps', { enabled: false });
  // The fleet's webhooks point at hooks.example.com, which the emulator may not call: each delivery fails once.
  const fire = () => admin(perf.emulator.url, 'POST', '/events', { event: 'order.paid', store: unhealthyStore, wait: true });
  await fire();

  // A terraform that notes each command, to see which binary health used and in which stacks.
  const calls = path.join(reportsDir, 'terraform-calls.log');
  const wrapper = path.join(reportsDir, 'terraform-wrapper.sh');
  fs.writeFileSync(wrapper, `#!/bin/sh\necho "$PWD $*" >> '${calls}'\nexec terraform "$@"\n`, { mode: 0o755 });
  const healthRun = async (index: number, extra: string[] = []) => {
    fs.rmSync(calls, { force: true });
    const file = reportFile(`health-${index}.json`);
    const result = await runDriftCli(
      ['--app-dir', appDir, '--shard', `${index}/2`, '--skip-synth', '--terraform-binary', wrapper, '--health', '--json', '--report', `json=${file}`, ...extra],
      perf.env,
    );
    const statePulls = fs.readFileSync(calls, 'utf8').split('\n').filter((line) => line.endsWith(' state pull'));
    return { code: result.code, stderr: result.stderr, file, health: (JSON.parse(result.stdout) as { health: HealthSection }).health, statePulls };
  };
  const shardNames = (index: number) => STORES.map((s) => s.name).filter((name) => shardOfStack(name, 2) === index);
  const unhealthyShard = shardOfStack(unhealthyStore, 2);

  const runs = [await healthRun(1), await healthRun(2)];
  for (const [i, run] of runs.entries()) {
    expect(run.code).toBe(0);
    // Only this shard's stacks, each read once, through the wrapper.
    expect([...new Set(run.health.integrations.map((integration) => integration.stack))].sort()).toEqual(shardNames(i + 1));
    expect(run.statePulls.map((line) => path.basename(line.split(' ')[0])).sort()).toEqual(shardNames(i + 1));
  }
  const failing = runs[unhealthyShard - 1].health;
  expect(failing.healthy).toBe(false);
  expect(failing.integrations.filter((integration) => integration.stack === unhealthyStore)).toEqual([
    expect.objectContaining({ failures: 1, windowApplied: false }),
    expect.objectContaining({ failures: 1, windowApplied: false }),
  ]);
  expect(runs[2 - unhealthyShard].health.healthy).toBe(true);

  const mergeArgs = [reportFile('health-1.json'), reportFile('health-2.json')];
  expect((await runDriftCli(['merge', ...mergeArgs], perf.env)).code).toBe(0);
  const merged = await runDriftCli(['merge', '--fail-on-unhealthy', '--json', ...mergeArgs], perf.env);
  expect(merged.code).toBe(2);
  const mergedHealth = (JSON.parse(merged.stdout) as { health: HealthSection }).health;
  expect(mergedHealth.healthy).toBe(false);
  expect(mergedHealth.integrations).toHaveLength(STORES.length * 2);
  const mergedText = await runDriftCli(['merge', '--fail-on-unhealthy', ...mergeArgs], perf.env);
  expect(mergedText.stdout).toContain('could not be applied');
  // What health looks like against logs without a time (kept in the test output for the docs).
  process.stdout.write(`drift merge --fail-on-unhealthy, log timestamps off:\n${mergedText.stdout}`);

  // The scheduled job's next check compares with the report it kept: nothing new, healthy.
  const previous = path.join(reportsDir, 'previous.json');
  fs.copyFileSync(runs[unhealthyShard - 1].file, previous);
  const quiet = await healthRun(unhealthyShard, ['--health-baseline', previous, '--fail-on-unhealthy']);
  expect(quiet.code).toBe(0);
  expect(quiet.health).toMatchObject({ healthy: true, baseline: { source: previous } });
  await fire();
  const again = await healthRun(unhealthyShard, ['--health-baseline', previous, '--fail-on-unhealthy']);
  expect(again.code).toBe(2);
  expect(again.health.integrations.filter((integration) => integration.stack === unhealthyStore).map((integration) => [integration.failures, integration.windowApplied])).toEqual([
    [1, true],
    [1, true],
  ]);
}, 600_000);
