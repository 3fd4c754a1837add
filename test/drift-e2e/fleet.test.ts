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
