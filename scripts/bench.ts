/**
 * `npm run bench [-- --json] [-- --ambient-env]`: measures the provider against emulators it
 * starts itself, on 127.0.0.1 only, and prints medians:
 *
 * - providerStartMs: `node dist/provider.js elasticpath` launched as Terraform launches it
 *   (go-plugin environment, a client certificate), spawn to handshake line;
 * - a no-op `terraform plan` of N unchanged elasticpath_integration (N = 1, 100) beside the
 *   same plan of N built-in terraform_data resources in the same run, and with warm providers;
 * - the API requests and writes of the no-op plan of 100;
 * - `terraform apply` creating 100 integrations at 20 ms emulator latency, beside its floor, with
 *   the client's rate budget at 25 (development stores) and at 100 requests/s (production);
 * - `cdktf-integrations drift` (detectDrift) of a CDKTF app of 100 integrations;
 * - contention: 4 workspaces applying 50 creates each at once into one store limited to 25
 *   requests/s, then 50 updates each, against the floor of all their requests at 25/s.
 * - binary: the released linux_amd64 executable (`npm run release`) against the node bundle,
 *   start-up and the no-op plan of 100 (scripts/bench-binary.ts).
 * - the Go floor: the Go echo provider (scripts/go-echo-provider), start, cold and reattached
 *   no-op plan of 100 and apply of 100, interleaved with the plan-cost runs, and the provider's
 *   ratios to it through Node and as the released executable (goEchoStartMs, planN100Decomposed,
 *   applyN100Decomposed; scripts/bench-plan-cost.ts). Without a Go toolchain, one line says so.
 *
 * With --json the last line is one JSON object holding the figures (docs/benchmarks.md).
 * --ambient-env keeps NODE_EXTRA_CA_CERTS (see scripts/bench-harness.ts) for terraform's providers.
 *
 * `npm run bench -- --binary-only [--json]` measures only the binary figures.
 * `npm run bench -- --plan-cost [--json]` runs only the decomposition of the plan and apply of 100
 * (terraform_data, the Go echo, the echo provider and the real one, cold and warm, and the released
 * executable cold; scripts/bench-plan-cost.ts),
 * which the whole bench also runs last; `--plan-cost --profile` writes CPU profiles of a warm
 * plan of 100 instead (the warm provider under node:inspector's profiler, Terraform's trace log)
 * and prints their top entries.
 * `npm run bench -- --fleet [--stores S] [--integrations N] [--runs R] [--quick] [--json]`
 * measures drift of a fleet instead (scripts/bench-fleet.ts); --quick is 3 stores of 5.
 * `npm run bench -- --contention [--json]` measures the contention figure alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ELASTICPATH_ENVIRONMENT } from '../provider/elasticpath/schema';
import { type BinaryFigure, buildLinuxRelease, measureBinary } from './bench-binary';
import { runFleetBench } from './bench-fleet';
import { type PlanCostResult, profileWarmPlan, runPlanCostBench } from './bench-plan-cost';
import { detectDrift } from '../src/drift/detect';
import { startWarmProviders } from '../src/providers/warm';
import {
  type PerfEmulator,
  firstLineMs,
  REPO_ROOT,
  Workspace,
  deployApp,
  integrationsConfig,
  median,
  pluginLaunchEnv,
  requestWindow,
  startPerfEmulator,
  terraformDataConfig,
  timed,
  writeIntegrationsApp,
} from './bench-harness';

const FAST_RUNS = 5;
const SLOW_RUNS = 3;
const APPLY_COUNT = 100;
const APPLY_LATENCY_MS = 20;
/** The provider's rate budgets measured: its default (development stores) and production stores' limit. */
const APPLY_RATES = [25, 100] as const;
const TERRAFORM_PARALLELISM = 10;
/** Four workspaces (pipelines, stacks, a drift check beside a deploy) sharing one development store. */
const CONTENTION_WORKSPACES = 4;
const CONTENTION_INTEGRATIONS = 50;
const CONTENTION_STORE_LIMIT = 25;

interface PlanFigure {
  ms: number;
  baselineMs: number;
  ratio: number;
}

interface BenchResult {
  providerStartMs: number;
  plan: { n1: PlanFigure; n100: PlanFigure; n100Warm: PlanFigure };
  requestsNoopPlanN100: number;
  writesNoopPlanN100: number;
  apply100: ApplyFigure;
  /** The same apply with max_requests_per_second = 100 (a production store). */
  apply100At100: ApplyFigure;
  drift100Ms: number;
  contention: ContentionFigure;
  /** The released linux_amd64 executable against the node bundle (scripts/bench-binary.ts). */
  binary: BinaryFigure;
  /** A bare `node` printing a line: the floor of any provider's start (scripts/bench-plan-cost.ts). */
  bareNodeMs: number;
  planN100Decomposed: PlanCostResult['planN100Decomposed'];
  applyN100Decomposed: PlanCostResult['applyN100Decomposed'];
  /** The Go echo provider, spawn to handshake; null without a Go toolchain. */
  goEchoStartMs: PlanCostResult['goEchoStartMs'];
  /** The provider against the Go floor (scripts/bench-plan-cost.ts GO_FLOOR_GOALS); null without a Go toolchain. */
  goFloorRatios: PlanCostResult['goFloorRatios'];
  /** The released executable's launches (docs/run-host.md): a Terraform run's first, which starts the run host, and a later one joining it. */
  releaseLaunchMs: { firstOfRun: number; joiningRunHost: number };
  /** With the run host ÷ without it: cold plan, cold plan of the executable, apply. */
  runHostRatios: PlanCostResult['runHostRatios'];
  /** A Bun-compiled one-line program's start (the released executables' runtime floor); null without Bun. */
  bunHelloStartMs: PlanCostResult['bunHelloStartMs'];
  startFloorRatios: PlanCostResult['startFloorRatios'];
}

interface ContentionFigure {
  /** Both rounds (creates, then updates), each timed from the first apply's start to the last one's end. */
  ms: number;
  /** The API requests the store served (429 answers and token requests left out) at its limit. */
  floorMs: number;
  ratio: number;
  /** Applies that exited non-zero, of 2 x CONTENTION_WORKSPACES. */
  failures: number;
  answers429: number;
  /** Names held by more than one remote integration after both rounds. */
  duplicates: number;
  /** The same two rounds of 4 concurrent applies with 50 terraform_data each: Terraform's own time on this machine now. */
  terraformDataMs: number;
  /** ms against terraformDataMs plus the floor: the requests cannot start before Terraform has planned. */
  ratioToTerraformPlusFloor: number;
  /** Remote integrations after both rounds (CONTENTION_WORKSPACES x CONTENTION_INTEGRATIONS when nothing failed). */
  remote: number;
}

interface ApplyFigure {
  ms: number;
  floorMs: number;
  ratio: number;
  /** `terraform apply` of 100 terraform_data resources: Terraform's own time for an apply of 100. */
  terraformDataMs: number;
  /**
   * ms against Terraform's own apply time plus the rate floor: the requests cannot start before
   * Terraform has planned, so no provider can beat the sum (the rate floor alone ignores Terraform).
   */
  ratioToTerraformPlusFloor: number;
}

interface BenchArguments {
  json: boolean;
  ambientEnv: boolean;
  fleet: boolean;
  contention: boolean;
  /** Only the released executable's figures (`binary`). */
  binaryOnly: boolean;
  planCost: boolean;
  /** With --plan-cost: CPU profiles of a warm plan of 100 instead of the timings. */
  profile: boolean;
  stores: number;
  integrations: number;
  runs: number;
}

function parseBenchArguments(argv: string[]): BenchArguments {
  const parsed: BenchArguments = { json: false, ambientEnv: false, fleet: false, contention: false, binaryOnly: false, planCost: false, profile: false, stores: 200, integrations: 100, runs: 3 };
  let quick = false;
  const explicit = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const argument = argv[i];
    const count = () => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${argument} needs a whole number of at least 1, e.g. ${argument} 10`);
      explicit.add(argument);
      return value;
    };
    if (argument === '--json') parsed.json = true;
    else if (argument === '--ambient-env') parsed.ambientEnv = true;
    else if (argument === '--fleet') parsed.fleet = true;
    else if (argument === '--contention') parsed.contention = true;
    else if (argument === '--binary-only') parsed.binaryOnly = true;
    else if (argument === '--plan-cost') parsed.planCost = true;
    else if (argument === '--profile') parsed.profile = true;
    else if (argument === '--quick') quick = true;
    else if (argument === '--stores') parsed.stores = count();
    else if (argument === '--integrations') parsed.integrations = count();
    else if (argument === '--runs') parsed.runs = count();
    else throw new Error(`unknown option ${argument}: use --json, --ambient-env, --contention, --binary-only, --plan-cost [--profile], --fleet [--stores S] [--integrations N] [--runs R] [--quick]`);
  }
  if (parsed.profile && !parsed.planCost) throw new Error('--profile goes with --plan-cost');
  if (!parsed.fleet && (explicit.size > 0 || quick)) throw new Error('--stores, --integrations, --runs and --quick go with --fleet');
  if (parsed.fleet && parsed.contention) throw new Error('--fleet and --contention are separate benches: give one of them');
  if (quick) {
    if (!explicit.has('--stores')) parsed.stores = 3;
    if (!explicit.has('--integrations')) parsed.integrations = 5;
    if (!explicit.has('--runs')) parsed.runs = 1;
  }
  return parsed;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`… ${line}\n`);
const round = (value: number, digits = 0) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const args = parseBenchArguments(process.argv.slice(2));
  const keepStartUpTax = args.ambientEnv;
  const started = Date.now();
  progress('building dist/provider.js and dist/cli.js');
  await (require('./build.js') as { build(): Promise<string[]> }).build();

  const os = require('node:os') as typeof import('node:os');
  say(`benchmark on ${os.cpus().length} cores (load ${os.loadavg()[0].toFixed(1)}), node ${process.version}, ${terraformVersion()}`);
  if (!keepStartUpTax && process.env.NODE_EXTRA_CA_CERTS) {
    say('NODE_EXTRA_CA_CERTS is set here; it is cleared for terraform and providers (--ambient-env keeps it)');
  }
  if (args.fleet) {
    const { fleet } = await runFleetBench({ stores: args.stores, integrations: args.integrations, runs: args.runs, keepStartUpTax, say, progress });
    say(`done in ${((Date.now() - started) / 1000).toFixed(0)} s (load ${os.loadavg()[0].toFixed(1)})`);
    if (args.json) say(JSON.stringify({ fleet }));
    return;
  }
  if (args.contention) {
    const contention = await measureContention(keepStartUpTax);
    say(`done in ${((Date.now() - started) / 1000).toFixed(0)} s (load ${os.loadavg()[0].toFixed(1)})`);
    if (args.json) say(JSON.stringify({ contention }));
    return;
  }

  if (args.binaryOnly) {
    const binary = await measureBinary({ keepStartUpTax, say, progress });
    say(`done in ${((Date.now() - started) / 1000).toFixed(0)} s (load ${os.loadavg()[0].toFixed(1)})`);
    if (args.json) say(JSON.stringify({ binary }));
    return;
  }

  if (args.planCost && args.profile) {
    await profileWarmPlan({ keepStartUpTax, top: 25, say, progress });
    return;
  }
  if (args.planCost) {
    const planCost = await runPlanCostBench({ keepStartUpTax, say, progress });
    say(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (args.json) say(JSON.stringify(planCost));
    return;
  }

  const providerStartMs = await measureProviderStart();
  progress('building the linux_amd64 release executable (npm run release)');
  // One release serves the binary figures and the plan-cost runs.
  const release = await buildLinuxRelease(progress);
  let result: BenchResult;
  try {
    const binary = await measureBinary({ keepStartUpTax, built: release, say, progress });
    const planned = await measurePlans(keepStartUpTax);
    const [apply100, apply100At100] = await measureApply(keepStartUpTax);
    const drift100Ms = await measureDrift(keepStartUpTax);
    const contention = await measureContention(keepStartUpTax);

    const planCost = await runPlanCostBench({ keepStartUpTax, release, say, progress });
    const { bareNodeMs, planN100Decomposed, applyN100Decomposed, goEchoStartMs, bunHelloStartMs, goFloorRatios, runHostRatios, startFloorRatios } = planCost;
    result = {
      ...{ providerStartMs, ...planned, apply100, apply100At100, drift100Ms, contention, binary },
      ...{ bareNodeMs, planN100Decomposed, applyN100Decomposed, goEchoStartMs, bunHelloStartMs, goFloorRatios, runHostRatios, startFloorRatios },
      releaseLaunchMs: { firstOfRun: planCost.binaryStartMs, joiningRunHost: planCost.binaryJoinStartMs },
    };
  } finally {
    fs.rmSync(release.dir, { recursive: true, force: true });
  }
  say(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (args.json) say(JSON.stringify(result));
}

function terraformVersion(): string {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const run = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  return (run.stdout ?? '').split('\n')[0] || 'terraform (version unknown)';
}

// ---------------------------------------------------------------------------------------------
// Provider start-up

async function measureProviderStart(): Promise<number> {
  progress('provider start-up');
  const bundle = path.join(REPO_ROOT, 'dist', 'provider.js');
  const pluginEnv = pluginLaunchEnv();
  const provider: number[] = [];
  const bareNode: number[] = [];
  const ambient: number[] = [];
  // One warm-up launch each fills the page cache; the runs alternate so load spikes hit all alike.
  await firstLineMs(process.execPath, [bundle, 'elasticpath'], pluginEnv);
  for (let run = 0; run < FAST_RUNS + 2; run += 1) {
    provider.push(await firstLineMs(process.execPath, [bundle, 'elasticpath'], pluginEnv));
    bareNode.push(await firstLineMs(process.execPath, ['-e', 'process.stdout.write("ready\\n")'], { PATH: process.env.PATH }));
    ambient.push(await firstLineMs(process.execPath, [bundle, 'elasticpath'], { ...process.env, ...pluginEnv }));
  }
  const providerMs = median(provider);
  say(
    `provider start (spawn to handshake): ${providerMs.toFixed(0)} ms median of ${provider.length} ` +
      `[${provider.map((ms) => ms.toFixed(0)).join(', ')}]; bare node printing a line: ${median(bareNode).toFixed(0)} ms; ` +
      `provider with this machine's whole environment: ${median(ambient).toFixed(0)} ms`,
  );
  return round(providerMs);
}

// ---------------------------------------------------------------------------------------------
// No-op plans

async function measurePlans(keepStartUpTax: boolean): Promise<Pick<BenchResult, 'plan' | 'requestsNoopPlanN100' | 'writesNoopPlanN100'>> {
  const perf = await startPerfEmulator({ keepStartUpTax });
  const workspaces: Workspace[] = [];
  try {
    const workspace = (config: object) => {
      const created = new Workspace(perf.env, config);
      workspaces.push(created);
      return created;
    };
    const ep1 = workspace(integrationsConfig(1));
    const data1 = workspace(terraformDataConfig(1));
    const ep100 = workspace(integrationsConfig(100));
    const data100 = workspace(terraformDataConfig(100));
    progress('creating 1 + 100 integrations and their terraform_data twins');
    for (const each of workspaces) {
      await each.init();
      await each.apply();
    }

    const times = { ep1: [] as number[], data1: [] as number[], ep100: [] as number[], data100: [] as number[], ep100Warm: [] as number[] };
    const requests: number[] = [];
    const writes: number[] = [];
    const tokens: number[] = [];
    const warmRequests: number[] = [];
    const warm = await startWarmProviders({ names: ['elasticpath'], env: perf.env });
    try {
      for (let run = 0; run < FAST_RUNS; run += 1) {
        progress(`no-op plans, run ${run + 1} of ${FAST_RUNS}`);
        times.data1.push(await noOpPlanMs(data1));
        times.ep1.push(await noOpPlanMs(ep1));
        times.data100.push(await noOpPlanMs(data100));
        const window = await requestWindow(perf.emulator.url);
        times.ep100.push(await noOpPlanMs(ep100));
        const counted = await window.since();
        requests.push(counted.total);
        writes.push(counted.writes);
        tokens.push(counted.tokens);
        const warmWindow = await requestWindow(perf.emulator.url);
        times.ep100Warm.push(await noOpPlanMs(ep100, warm.env));
        warmRequests.push((await warmWindow.since()).total);
      }
    } finally {
      await warm.close();
    }

    const figure = (ours: number[], baseline: number[]): PlanFigure => {
      const ms = median(ours);
      const baselineMs = median(baseline);
      return { ms: round(ms), baselineMs: round(baselineMs), ratio: round(ms / baselineMs, 2) };
    };
    const plan = { n1: figure(times.ep1, times.data1), n100: figure(times.ep100, times.data100), n100Warm: figure(times.ep100Warm, times.data100) };
    const line = (label: string, value: PlanFigure, runs: number[]) =>
      say(`${label}: ${value.ms} ms vs terraform_data ${value.baselineMs} ms = ${value.ratio}x  [${runs.map((ms) => ms.toFixed(0)).join(', ')}]`);
    line('no-op plan, 1 integration', plan.n1, times.ep1);
    line('no-op plan, 100 integrations', plan.n100, times.ep100);
    line('no-op plan, 100 integrations, warm providers', plan.n100Warm, times.ep100Warm);
    say(
      `API requests of the no-op plan of 100: ${Math.max(...requests)} (of which ${Math.max(...tokens)} token), writes ${Math.max(...writes)}; ` +
        `with warm providers ${Math.max(...warmRequests)} (largest of ${requests.length} runs; per run ${requests.join(', ')} / warm ${warmRequests.join(', ')})`,
    );
    return { plan, requestsNoopPlanN100: Math.max(...requests), writesNoopPlanN100: Math.max(...writes) };
  } finally {
    for (const each of workspaces) each.cleanup();
    await perf.close();
  }
}

async function noOpPlanMs(workspace: Workspace, extraEnv: NodeJS.ProcessEnv = {}): Promise<number> {
  const { ms, value } = await timed(() => workspace.plan(extraEnv));
  if (value.code !== 0) throw new Error(`expected a no-op plan in ${workspace.dir}, terraform wants changes:\n${value.stdout}`);
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Apply of 100 creates

async function measureApply(keepStartUpTax: boolean): Promise<[ApplyFigure, ApplyFigure]> {
  const perf = await startPerfEmulator({ keepStartUpTax });
  const workspace = new Workspace(perf.env, integrationsConfig(APPLY_COUNT));
  const terraformData = new Workspace(perf.env, terraformDataConfig(APPLY_COUNT));
  try {
    await workspace.init();
    await terraformData.init();
    const figures: ApplyFigure[] = [];
    for (const rate of APPLY_RATES) {
      const times: number[] = [];
      const floors: number[] = [];
      const dataTimes: number[] = [];
      let breakdown = '';
      for (let run = 0; run < SLOW_RUNS; run += 1) {
        progress(`apply of ${APPLY_COUNT} creates at ${rate} requests/s, run ${run + 1} of ${SLOW_RUNS}`);
        terraformData.removeState();
        dataTimes.push((await timed(() => terraformData.apply())).ms);
        await startEmpty(perf, workspace);
        const window = await requestWindow(perf.emulator.url);
        const { ms } = await timed(() => workspace.apply({ [ELASTICPATH_ENVIRONMENT.max_requests_per_second]: String(rate) }));
        const counted = await window.since();
        const creates = counted.entries.filter((entry) => entry.method === 'POST' && entry.path === '/v2/integrations').length;
        if (creates !== APPLY_COUNT) throw new Error(`the apply made ${creates} creates, expected ${APPLY_COUNT}`);
        const rateMs = (counted.total / rate) * 1000;
        const latencyMs = (APPLY_LATENCY_MS * APPLY_COUNT) / TERRAFORM_PARALLELISM;
        times.push(ms);
        floors.push(Math.max(rateMs, latencyMs));
        breakdown =
          `${counted.total} requests (${counted.tokens} token, ${creates} creates, ${counted.total - counted.tokens - creates} list) ` +
          `at ${rate}/s = ${rateMs.toFixed(0)} ms; latency ${APPLY_LATENCY_MS} ms x ${APPLY_COUNT} / parallelism ${TERRAFORM_PARALLELISM} = ${latencyMs.toFixed(0)} ms`;
      }
      const ms = median(times);
      const floorMs = median(floors);
      const terraformDataMs = median(dataTimes);
      const ratioToTerraformPlusFloor = round(ms / (terraformDataMs + floorMs), 2);
      say(
        `apply creating ${APPLY_COUNT} integrations at ${APPLY_LATENCY_MS} ms latency, ${rate} requests/s: ${ms.toFixed(0)} ms vs floor ${floorMs.toFixed(0)} ms = ` +
          `${(ms / floorMs).toFixed(2)}x  [${times.map((t) => t.toFixed(0)).join(', ')}]; floor: ${breakdown}; ` +
          `apply of ${APPLY_COUNT} terraform_data: ${terraformDataMs.toFixed(0)} ms; against that plus the floor: ${ratioToTerraformPlusFloor}x`,
      );
      figures.push({ ms: round(ms), floorMs: round(floorMs), ratio: round(ms / floorMs, 2), terraformDataMs: round(terraformDataMs), ratioToTerraformPlusFloor });
    }
    return [figures[0], figures[1]];
  } finally {
    workspace.cleanup();
    terraformData.cleanup();
    await perf.close();
  }
}

/** An empty store with constant latency, and no state: the next apply creates everything. */
async function startEmpty(perf: PerfEmulator, workspace: Workspace): Promise<void> {
  await perf.emulator.admin.reset();
  await perf.emulator.admin.faults({ rate: 1, kinds: ['latency'], latencyMs: APPLY_LATENCY_MS });
  workspace.removeState();
}

// ---------------------------------------------------------------------------------------------
// Drift of a CDKTF app of 100 integrations

async function measureDrift(keepStartUpTax: boolean): Promise<number> {
  const perf = await startPerfEmulator({ keepStartUpTax });
  const appDir = writeIntegrationsApp([{ name: 'perf', integrations: 100 }]);
  try {
    progress('deploying a CDKTF app of 100 integrations');
    await deployApp(appDir, 'perf', perf.env);
    const warm: number[] = [];
    const launched: number[] = [];
    for (let run = 0; run < SLOW_RUNS; run += 1) {
      progress(`drift of 100 integrations, run ${run + 1} of ${SLOW_RUNS}`);
      warm.push(await driftMs(appDir, perf.env, true));
      launched.push(await driftMs(appDir, perf.env, false));
    }
    say(
      `cdktf-integrations drift, 100 integrations (synth + init + plan + show): ${median(warm).toFixed(0)} ms with warm providers (the command's default) ` +
        `[${warm.map((ms) => ms.toFixed(0)).join(', ')}]; ${median(launched).toFixed(0)} ms with --no-warm-providers`,
    );
    return round(median(warm));
  } finally {
    fs.rmSync(appDir, { recursive: true, force: true });
    await perf.close();
  }
}

async function driftMs(appDir: string, env: NodeJS.ProcessEnv, warmProviders: boolean): Promise<number> {
  const { ms, value } = await timed(() => detectDrift({ appDir, env, warmProviders }));
  if (!value.inSync) throw new Error(`drift found where none was made: ${JSON.stringify(value.stacks)}`);
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Contention: several applies sharing one store's rate limit

async function measureContention(keepStartUpTax: boolean): Promise<ContentionFigure> {
  const perf = await startPerfEmulator({ keepStartUpTax });
  const groups = Array.from({ length: CONTENTION_WORKSPACES }, (_, index) => `w${index + 1}`);
  const workspaces = groups.map((group) => new Workspace(perf.env, integrationsConfig(CONTENTION_INTEGRATIONS, { group })));
  const terraformData = groups.map((group) => new Workspace(perf.env, terraformDataConfig(CONTENTION_INTEGRATIONS, { group })));
  try {
    progress(`contention: initializing ${workspaces.length} workspaces`);
    for (const workspace of workspaces) await workspace.init();
    let terraformDataMs = 0;
    for (const revision of [1, 2]) {
      progress(`contention: ${terraformData.length} concurrent applies of ${CONTENTION_INTEGRATIONS} terraform_data, round ${revision}`);
      groups.forEach((group, index) => terraformData[index].writeConfig(terraformDataConfig(CONTENTION_INTEGRATIONS, { group, revision })));
      terraformDataMs += (await timed(() => Promise.all(terraformData.map((workspace) => workspace.apply())))).ms;
    }
    await perf.emulator.admin.rateLimit(CONTENTION_STORE_LIMIT);
    const window = await requestWindow(perf.emulator.url);
    let ms = 0;
    let failures = 0;
    let failureSample = '';
    for (const [round, revision] of [['creates', 1], ['updates', 2]] as const) {
      progress(`contention: ${workspaces.length} concurrent applies of ${CONTENTION_INTEGRATIONS} ${round} at ${CONTENTION_STORE_LIMIT} requests/s`);
      groups.forEach((group, index) => workspaces[index].writeConfig(integrationsConfig(CONTENTION_INTEGRATIONS, { group, revision })));
      const roundWindow = await requestWindow(perf.emulator.url);
      const { ms: roundMs, value: runs } = await timed(() =>
        Promise.all(workspaces.map((workspace) => workspace.run(['apply', '-input=false', '-no-color', '-auto-approve'], {}, [1]))),
      );
      ms += roundMs;
      const failed = runs.filter((run) => run.code !== 0);
      failures += failed.length;
      if (failed.length > 0 && !failureSample) failureSample = firstError(failed[0].stdout + failed[0].stderr);
      const calls = (await roundWindow.since()).entries.filter((entry) => entry.path.startsWith('/v2/'));
      const servedCalls = calls.filter((entry) => entry.status !== 429);
      const firstAt = calls.length > 0 ? Date.parse(calls[0].at) : 0;
      const spanMs = calls.length > 1 ? Date.parse(calls[calls.length - 1].at) - firstAt : 0;
      const perSecond: number[] = [];
      for (const call of servedCalls) {
        const second = Math.floor((Date.parse(call.at) - firstAt) / 1000);
        perSecond[second] = (perSecond[second] ?? 0) + 1;
      }
      say(
        `contention ${round}: ${roundMs.toFixed(0)} ms, ${failed.length} of ${runs.length} applies failed; API calls from first to last ` +
          `${spanMs} ms: ${servedCalls.length} served (${((servedCalls.length / Math.max(spanMs, 1)) * 1000).toFixed(1)}/s), ` +
          `${calls.length - servedCalls.length} answered 429; served per second [${Array.from(perSecond, (count) => count ?? 0).join(' ')}]`,
      );
    }
    const log = (await window.since()).entries;
    const answers429 = log.filter((entry) => entry.status === 429).length;
    const served = log.filter((entry) => entry.path.startsWith('/v2/') && entry.status !== 429).length;
    const floorMs = (served / CONTENTION_STORE_LIMIT) * 1000;
    const remote = (await perf.emulator.admin.integrations()) as Array<{ name: string }>;
    const names = new Map<string, number>();
    for (const integration of remote) names.set(integration.name, (names.get(integration.name) ?? 0) + 1);
    const duplicates = [...names.values()].filter((count) => count > 1).length;
    const ratio = round(ms / floorMs, 2);
    const ratioToTerraformPlusFloor = round(ms / (terraformDataMs + floorMs), 2);
    say(
      `contention, ${workspaces.length} applies of ${CONTENTION_INTEGRATIONS} creates then ${CONTENTION_INTEGRATIONS} updates into one store at ` +
        `${CONTENTION_STORE_LIMIT} requests/s: ${ms.toFixed(0)} ms vs floor ${floorMs.toFixed(0)} ms (${served} requests served at ` +
        `${CONTENTION_STORE_LIMIT}/s) = ${ratio}x; ${failures} failed applies, ${answers429} answers 429, ${remote.length} remote integrations, ` +
        `${duplicates} duplicated names${failureSample ? `; first error: ${failureSample}` : ''}; the same rounds of terraform_data: ` +
        `${terraformDataMs.toFixed(0)} ms; against that plus the floor: ${ratioToTerraformPlusFloor}x`,
    );
    return {
      ms: round(ms),
      floorMs: round(floorMs),
      ratio,
      failures,
      answers429,
      duplicates,
      remote: remote.length,
      terraformDataMs: round(terraformDataMs),
      ratioToTerraformPlusFloor,
    };
  } finally {
    for (const workspace of [...workspaces, ...terraformData]) workspace.cleanup();
    await perf.close();
  }
}

/** The first "Error:" of terraform's output and its detail (the first unindented line after it), on one line. */
function firstError(output: string): string {
  const lines = output.slice(Math.max(0, output.indexOf('Error:'))).split('\n');
  const detail = lines.slice(1).find((line) => line.trim() !== '' && !/^\s/.test(line));
  return [lines[0].trim(), detail?.trim()].filter(Boolean).join(': ');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
