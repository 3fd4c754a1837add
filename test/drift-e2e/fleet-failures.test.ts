/**
 * A nightly fleet check that survives bad stores: seven stacks, one per Elastic Path store, of
 * which one has its credentials refused (a revoked secret written into the code), one talks to a
 * store answering 500 to every call, and one to a store that never answers in time (emulator
 * latency beyond --stack-timeout). Checked as a CI matrix of two shards, run side by side, and
 * merged: the good stacks are checked and reported, the bad ones carry their errors, every exit
 * code is 1, the revoked secret shows nowhere, and nothing is left running. Twice: with warm
 * providers (the default) and with `--no-warm-providers`, where every stack's terraform launches
 * its providers and each of the 8 terraform processes running at once has its own run host
 * (docs/run-host.md), one of them killed at --stack-timeout.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { shardOfStack } from '../../src/drift/shard';
import { terraform } from '../../src/drift/terraform';
import { type RunningElasticPathEmulator, startElasticPathEmulator } from '../../src/emulators';
import { type AppStack, type PerfEmulator, startPerfEmulator, writeIntegrationsApp } from '../../scripts/bench-harness';
import { REPO_ROOT, type ProcessResult, expectNoSecrets, runProcess, uniqueSecret } from './support';

/** Short, so the hung stack does not hold the suite long; the good stacks need a few seconds each. */
const STACK_TIMEOUT = '40s';
/** Longer than STACK_TIMEOUT: the hung store answers after this. */
const HUNG_LATENCY_MS = 90_000;

const REVOKED_SECRET = uniqueSecret('revoked-client-secret');
const GOOD = ['store-a', 'store-b', 'store-c', 'store-d'];

interface Report {
  inSync: boolean;
  stacks: { name: string; resources: unknown[]; error?: { command: string | null; message: string } }[];
  errors?: unknown[];
}

/** Processes whose working folder is inside the app: terraform runs, the providers they launched, the warm providers. */
function processesInside(dir: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) found.push(`${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

describe.each([
  ['warm providers', [] as string[]],
  ['--no-warm-providers: a run host per terraform', ['--no-warm-providers']],
])('%s', (_label, providerFlags) => {
  let perf: PerfEmulator;
  let failing: RunningElasticPathEmulator;
  let hung: RunningElasticPathEmulator;
  let appDir: string;
  let reportsDir: string;
  let stacks: AppStack[];
  let shards: { result: ProcessResult; json: Report; text: string; markdown: string }[];
  let merged: { json: ProcessResult; text: ProcessResult; markdown: ProcessResult };
  let leftBehind: string[];

  /** `node dist/cli.js drift ...` run from the app folder, so whatever it starts works inside it. */
  function mergeCli(args: string[]): Promise<ProcessResult> {
    return runProcess(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'drift', 'merge', ...args], { cwd: appDir, env: perf.env });
  }

  function driftCli(args: string[]): Promise<ProcessResult> {
    return runProcess(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'drift', ...args, ...providerFlags], { cwd: appDir, env: perf.env });
  }

  beforeAll(async () => {
    perf = await startPerfEmulator();
    failing = await startElasticPathEmulator();
    hung = await startElasticPathEmulator();
    stacks = [
      ...GOOD.map((name) => ({ name, storeId: name, integrations: 1 })),
      { name: 'store-refused', storeId: 'store-refused', integrations: 1, clientSecret: REVOKED_SECRET },
      { name: 'store-500', integrations: 1, apiBaseUrl: failing.url },
      { name: 'store-hung', integrations: 1, apiBaseUrl: hung.url },
    ];
    appDir = fs.realpathSync(writeIntegrationsApp(stacks));
    reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-failures-reports-'));
    const { app } = JSON.parse(fs.readFileSync(path.join(appDir, 'cdktf.json'), 'utf8')) as { app: string };
    const synth = await runProcess('sh', ['-c', app], { cwd: appDir, env: { ...perf.env, CDKTF_OUTDIR: path.join(appDir, 'cdktf.out') } });
    if (synth.code !== 0) throw new Error(`synth failed: ${synth.stderr}`);
    // Deployed while every store still answers; the revoked stack never deployed (drift inits it).
    await Promise.all(
      stacks
        .filter((entry) => entry.name !== 'store-refused')
        .map(async (stack) => {
          const run = { cwd: path.join(appDir, 'cdktf.out', 'stacks', stack.name), env: perf.env };
          await terraform(['init', '-input=false', '-no-color'], run);
          await terraform(['apply', '-input=false', '-no-color', '-auto-approve'], run);
        }),
    );
    await failing.admin.faults({ rate: 1, kinds: ['500'] });
    await hung.admin.faults({ rate: 1, kinds: ['latency'], latencyMs: HUNG_LATENCY_MS });

    // The matrix: both shards at once, as CI runs them, each writing all three formats.
    shards = await Promise.all(
      [1, 2].map(async (index) => {
        const file = (format: string) => path.join(reportsDir, `drift-${index}.${format}`);
        const result = await driftCli([
          '--app-dir', appDir, '--skip-synth', '--shard', `${index}/2`, '--stack-timeout', STACK_TIMEOUT, '--json',
          '--report', `text=${file('txt')}`, '--report', `markdown=${file('md')}`,
        ]);
        fs.writeFileSync(file('json'), result.stdout);
        return { result, json: JSON.parse(result.stdout) as Report, text: fs.readFileSync(file('txt'), 'utf8'), markdown: fs.readFileSync(file('md'), 'utf8') };
      }),
    );
    // A run host ends within a moment of its terraform (a killed one's too): give it that moment.
    const settled = Date.now() + 3000;
    while ((leftBehind = processesInside(appDir)).length > 0 && Date.now() < settled) await new Promise((resolve) => setTimeout(resolve, 100));
    const inputs = [1, 2].map((index) => path.join(reportsDir, `drift-${index}.json`));
    const [json, text, markdown] = await Promise.all([
      mergeCli(['--json', ...inputs]),
      mergeCli(inputs),
      mergeCli(['--format', 'markdown', ...inputs]),
    ]);
    merged = { json, text, markdown };
  }, 900_000);

  afterAll(async () => {
    for (const dir of [appDir, reportsDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await Promise.all([perf?.close(), failing?.close(), hung?.close()]);
  });

  test('each shard checks all its stacks, reports the bad ones with their errors, and exits 1', () => {
    for (const [index, shard] of shards.entries()) {
      expect(shard.result.code).toBe(1);
      const expected = stacks.map((stack) => stack.name).filter((name) => shardOfStack(name, 2) === index + 1);
      expect(shard.json.stacks.map((stack) => stack.name).sort()).toEqual(expected.sort());
      for (const stack of shard.json.stacks.filter((entry) => GOOD.includes(entry.name))) expect(stack).toEqual({ name: stack.name, resources: [] });
      expect(shard.json.inSync).toBe(false);
    }
  });

  test('the merged report keeps every stack, the failed ones with the command and the message, and exits 1 in every format', () => {
    expect([merged.json.code, merged.text.code, merged.markdown.code]).toEqual([1, 1, 1]);
    const report = JSON.parse(merged.json.stdout) as Report;
    expect(report.errors).toEqual([]);
    expect(report.stacks.map((stack) => stack.name)).toEqual(stacks.map((stack) => stack.name).sort());
    const errorOf = (name: string) => report.stacks.find((stack) => stack.name === name)!.error!;
    expect(report.stacks.filter((stack) => stack.error).map((stack) => stack.name).sort()).toEqual(['store-500', 'store-hung', 'store-refused']);

    expect(errorOf('store-refused').command).toBe('terraform plan -input=false -no-color -detailed-exitcode -lock-timeout=120s -out=<plan file>');
    expect(errorOf('store-refused').message).toMatch(/credentials|client_secret|401/i);
    expect(errorOf('store-500').command).toMatch(/^terraform plan /);
    expect(errorOf('store-500').message).toMatch(/500/);
    expect(errorOf('store-hung').command).toMatch(/^terraform /);
    expect(errorOf('store-hung').message).toMatch(/did not finish within 40s \(--stack-timeout\); terraform and the providers it launched were stopped/);

    expect(merged.text.stdout).toMatch(/✗ stack store-hung: could not be checked \(terraform /);
    expect(merged.text.stdout).toMatch(/✓ stack store-a: in sync/);
    expect(merged.text.stdout).toMatch(/3 stack\(s\) could not be checked\.\n$/);
    expect(merged.markdown.stdout).toContain('### Stack `store-500`: ❌ could not be checked');
    expect(merged.markdown.stdout).toContain('4 stack(s) checked, 0 with differences, 3 could not be checked.');
    expect(merged.text.stderr).toMatch(/stack store-refused could not be checked/);
    // The report as the pipeline log shows it.
    process.stdout.write(`\n--- merged drift report (text) ---\n${merged.text.stdout}--- end ---\n`);
  });

  test('the revoked secret written into the code appears in no output, stream or file', () => {
    const outputs = [
      ...shards.flatMap((shard, index) => [[`shard ${index + 1} stdout`, shard.result.stdout], [`shard ${index + 1} stderr`, shard.result.stderr], [`shard ${index + 1} text`, shard.text], [`shard ${index + 1} markdown`, shard.markdown]]),
      ...Object.entries(merged).flatMap(([format, result]) => [[`merge ${format} stdout`, result.stdout], [`merge ${format} stderr`, result.stderr]]),
    ];
    // The diagnostic quotes the provider block's line; the placeholder stands in its place.
    expect(shards.map((shard) => shard.json.stacks.find((stack) => stack.name === 'store-refused')?.error?.message ?? '').join('')).toMatch(/client_secret|credentials/);
    for (const [where, text] of outputs) expectNoSecrets(text, [REVOKED_SECRET, perf.env.ELASTICPATH_CLIENT_SECRET!], where);
  });

  test('nothing is left running: no terraform, no provider it launched, no run host, no warm provider', () => {
    expect(leftBehind).toEqual([]);
  });
});
