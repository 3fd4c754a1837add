/**
 * Where a plan's time goes (`npm run bench -- --plan-cost`, and part of the whole bench): the
 * no-op plan of 100 and the apply of 100, interleaved run by run, against
 *
 * - Terraform's built-in terraform_data: Terraform alone, no plugin at all;
 * - the echo provider (scripts/echo-provider.ts), cold and warm: an external provider with
 *   this schema (launches, gRPC, msgpack, the protocol layer) whose resources do nothing;
 * - the real elasticpath provider, cold and warm: what the resources themselves add;
 * - the Go floor: the Go echo provider (scripts/go-echo-provider), the same schemas served by
 *   grpc-go, cold and reattached, against which the real provider is measured both through Node
 *   (the npm package's mirror) and as the released linux_amd64 executable (scripts/bench-binary.ts).
 *
 * Launch costs beside them: a bare `node` printing a line, and each provider spawned as
 * Terraform spawns it, up to its handshake line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ELASTICPATH_ENVIRONMENT } from '../provider/elasticpath/schema';
import { type BuiltBinary, buildLinuxRelease, packedMirrorConfig } from './bench-binary';
import { compileExecutable } from './release/build';
import { hostBun } from './release/bun-runtime';
import { parsePlatforms } from './release/platforms';
import { buildGoEcho, goEchoMirror, startReattachedGoEcho } from './go-echo-provider/build';
import { installProviders } from '../src/providers/install';
import { RUN_HOST_FILE, RUN_HOST_VARIABLE } from '../provider/protocol/run-host-launch';
import { startWarmProviders } from '../src/providers/warm';
import {
  REPO_ROOT,
  Workspace,
  firstLineMs,
  integrationsConfig,
  median,
  pluginLaunchEnv,
  requestWindow,
  startPerfEmulator,
  terraformDataConfig,
  timed,
} from './bench-harness';

const COUNT = 100;
const PLAN_RUNS = 5;
const APPLY_RUNS = 3;
const START_RUNS = 7;
const [RELEASE_PLATFORM] = parsePlatforms('linux_amd64');
/** A production store's rate budget, and the emulator's latency per request: the apply bench's settings (scripts/bench.ts). */
const APPLY_RATE = 100;
const APPLY_LATENCY_MS = 20;
const TERRAFORM_PARALLELISM = 10;
/** A provider process per launch, as without the run host (docs/run-host.md). */
const NO_RUN_HOST = { [RUN_HOST_VARIABLE]: 'off' };

/** The issue's goals, as ratios within one interleaved run. */
export const PLAN_COST_GOALS = {
  warmPlanToWarmEcho: 1.15,
  warmPlanToTerraformData: 1.5,
  coldPlanToTerraformData: 3,
  providerStartToBareNode: 2,
  applyToTerraformPlusFloor: 1.2,
} as const;

/**
 * The Go floor's goals (issue 29): the real provider against the Go echo, a Go provider with the
 * same schemas whose resources cost nothing. "binary" is the released linux_amd64 executable.
 */
export const GO_FLOOR_GOALS = {
  coldPlanToGoEcho: 1.25,
  coldPlanBinaryToGoEcho: 1.25,
  warmPlanToWarmGoEcho: 1.25,
  applyToGoEchoPlusFloor: 1.15,
  binaryStartToGoEcho: 1.2,
  providerStartToBareNode: 2,
} as const;

/** The figures measured; the Go echo's are null where no Go toolchain could build it. */
export interface PlanCostFigures {
  bareNodeMs: number;
  providerStartMs: number;
  echoStartMs: number;
  goEchoStartMs: number | null;
  /**
   * The released executable through its launcher, spawn to handshake: the first launch of a
   * Terraform run, which starts the run host (docs/run-host.md).
   */
  binaryStartMs: number;
  /**
   * A program that prints one line, compiled by the Bun that builds the released executables
   * (`bun build --compile --bytecode`): the runtime's own start, below which no Bun executable goes.
   * Null where Bun cannot compile here.
   */
  bunHelloStartMs: number | null;
  /** A later launch of the same run, joining its run host: a plan's second and third launches. */
  binaryJoinStartMs: number;
  planN100Decomposed: {
    terraformDataMs: number;
    echoMs: number;
    echoWarmMs: number;
    providerMs: number;
    providerWarmMs: number;
    goEchoMs: number | null;
    goEchoWarmMs: number | null;
    /** The released executable, cold. */
    binaryMs: number;
    /** Cold with COMMERCE_IAC_RUN_HOST=off, a provider process per launch: what the run host saves. */
    providerNoRunHostMs: number;
    binaryNoRunHostMs: number;
  };
  applyN100Decomposed: {
    terraformDataMs: number;
    echoMs: number;
    providerMs: number;
    floorMs: number;
    goEchoMs: number | null;
    /** The provider's apply with COMMERCE_IAC_RUN_HOST=off. */
    providerNoRunHostMs: number;
  };
}

export interface PlanCostResult extends PlanCostFigures {
  ratios: Record<keyof typeof PLAN_COST_GOALS, number>;
  /**
   * The same ratios with the echo provider in the real one's place: what a provider whose
   * resources cost nothing reaches (its apply makes no requests, so its floor is Terraform's
   * own apply alone). Where these miss a goal, Terraform's work for any external provider does.
   */
  echoRatios: Omit<Record<keyof typeof PLAN_COST_GOALS, number>, 'warmPlanToWarmEcho'>;
  /** Against the Go floor (GO_FLOOR_GOALS); null without the Go echo. */
  goFloorRatios: Record<keyof typeof GO_FLOOR_GOALS, number> | null;
  /** With the run host ÷ without it (COMMERCE_IAC_RUN_HOST=off): what one process per Terraform run saves. */
  runHostRatios: { coldPlan: number; coldPlanBinary: number; apply: number };
  /**
   * The executable's first launch over a Bun-compiled one-line program, and that program over the
   * Go echo: how far above its runtime's own start the executable is, and where that runtime
   * starts against Go. Null where Bun or Go could not be had.
   */
  startFloorRatios: { binaryStartToBunHello: number; bunHelloToGoEcho: number } | null;
  /** The 1-minute load average at the start and end of the measurement: the machine may be shared. */
  load: [number, number];
}

interface Reporter {
  say(line: string): void;
  progress(line: string): void;
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));
const runsText = (runs: number[]) => `[${runs.map((ms) => ms.toFixed(0)).join(', ')}]`;

/** The ratios of the figures to each other, two decimals: the only arithmetic on them. */
export function planCostRatios(figures: PlanCostFigures): Pick<PlanCostResult, 'ratios' | 'echoRatios' | 'goFloorRatios' | 'runHostRatios' | 'startFloorRatios'> {
  const plans = figures.planN100Decomposed;
  const applies = figures.applyN100Decomposed;
  const ratio = (ours: number, base: number) => round(ours / base, 2);
  const { goEchoStartMs } = figures;
  const { goEchoMs, goEchoWarmMs } = plans;
  const goEchoApplyMs = applies.goEchoMs;
  return {
    ratios: {
      warmPlanToWarmEcho: ratio(plans.providerWarmMs, plans.echoWarmMs),
      warmPlanToTerraformData: ratio(plans.providerWarmMs, plans.terraformDataMs),
      coldPlanToTerraformData: ratio(plans.providerMs, plans.terraformDataMs),
      providerStartToBareNode: ratio(figures.providerStartMs, figures.bareNodeMs),
      applyToTerraformPlusFloor: ratio(applies.providerMs, applies.terraformDataMs + applies.floorMs),
    },
    echoRatios: {
      warmPlanToTerraformData: ratio(plans.echoWarmMs, plans.terraformDataMs),
      coldPlanToTerraformData: ratio(plans.echoMs, plans.terraformDataMs),
      providerStartToBareNode: ratio(figures.echoStartMs, figures.bareNodeMs),
      applyToTerraformPlusFloor: ratio(applies.echoMs, applies.terraformDataMs),
    },
    goFloorRatios:
      goEchoStartMs === null || goEchoMs === null || goEchoWarmMs === null || goEchoApplyMs === null
        ? null
        : {
            coldPlanToGoEcho: ratio(plans.providerMs, goEchoMs),
            coldPlanBinaryToGoEcho: ratio(plans.binaryMs, goEchoMs),
            warmPlanToWarmGoEcho: ratio(plans.providerWarmMs, goEchoWarmMs),
            // The Go echo makes no API calls: the real provider's requests cannot go faster than the rate floor.
            applyToGoEchoPlusFloor: ratio(applies.providerMs, goEchoApplyMs + applies.floorMs),
            binaryStartToGoEcho: ratio(figures.binaryStartMs, goEchoStartMs),
            providerStartToBareNode: ratio(figures.providerStartMs, figures.bareNodeMs),
          },
    runHostRatios: {
      coldPlan: ratio(plans.providerMs, plans.providerNoRunHostMs),
      coldPlanBinary: ratio(plans.binaryMs, plans.binaryNoRunHostMs),
      apply: ratio(applies.providerMs, applies.providerNoRunHostMs),
    },
    startFloorRatios:
      figures.bunHelloStartMs === null || goEchoStartMs === null
        ? null
        : { binaryStartToBunHello: ratio(figures.binaryStartMs, figures.bunHelloStartMs), bunHelloToGoEcho: ratio(figures.bunHelloStartMs, goEchoStartMs) },
  };
}

/** One line per goal: the ratio, the goal, met or not. */
export function goalLines<Name extends string>(ratios: Record<Name, number>, goals: Record<Name, number>): string[] {
  return (Object.keys(goals) as Name[]).map((name) => `${name.padEnd(28)} ${ratios[name].toFixed(2)} ≤ ${goals[name]}  ${ratios[name] <= goals[name] ? 'met' : 'NOT met'}`);
}

/** A Go echo built (or taken from its cache) for the run, or why there is none. */
type GoEcho = { binary: string; cliConfigFile: string } | { unavailable: string };

export async function runPlanCostBench(options: { keepStartUpTax: boolean; release?: BuiltBinary } & Reporter): Promise<PlanCostResult> {
  const { say, progress } = options;
  const loadBefore = os.loadavg()[0];
  const echoBundle = await (require('./build.js') as { buildEcho(): Promise<string> }).buildEcho();
  const echoMirror = installProviders({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-perf-echo-')), bundle: echoBundle });
  const goBuild = buildGoEcho(progress);
  const goMirror = 'binary' in goBuild ? goEchoMirror(goBuild.binary) : undefined;
  const goEcho: GoEcho = 'binary' in goBuild ? { binary: goBuild.binary, cliConfigFile: goMirror!.cliConfigFile } : goBuild;
  if ('unavailable' in goEcho) say(`Go floor not measured: the Go echo provider cannot be built here (${goEcho.unavailable})`);
  if (!options.release) progress('building the linux_amd64 release executable (npm run release)');
  const release = options.release ?? (await buildLinuxRelease(progress));
  try {
    const starts = await measureStarts(echoBundle, goEcho, release, progress);
    const plans = await measurePlans(echoBundle, echoMirror.cliConfigFile, goEcho, release, options);
    const applies = await measureApplies(echoMirror.cliConfigFile, goEcho, options);
    const figures: PlanCostFigures = { ...starts, planN100Decomposed: plans, applyN100Decomposed: applies };
    const result: PlanCostResult = { ...figures, ...planCostRatios(figures), load: [round(loadBefore, 1), round(os.loadavg()[0], 1)] };
    printTable(result, say);
    return result;
  } finally {
    fs.rmSync(echoMirror.dir, { recursive: true, force: true });
    if (goMirror) fs.rmSync(goMirror.dir, { recursive: true, force: true });
    if (!options.release) fs.rmSync(release.dir, { recursive: true, force: true });
  }
}

async function measureStarts(
  echoBundle: string,
  goEcho: GoEcho,
  release: BuiltBinary,
  progress: (line: string) => void,
): Promise<Pick<PlanCostFigures, 'bareNodeMs' | 'providerStartMs' | 'echoStartMs' | 'goEchoStartMs' | 'binaryStartMs' | 'binaryJoinStartMs' | 'bunHelloStartMs'>> {
  progress('provider start-up against a bare node and the Go echo');
  const providerBundle = path.join(REPO_ROOT, 'dist', 'provider.js');
  // The release's launcher keeps run folders in TF_DATA_DIR: one of the bench's own.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-perf-data-dir-'));
  const env = { ...pluginLaunchEnv(), TF_DATA_DIR: dataDir };
  // Each first launch spawned as the Go echo is, with a data folder of its own so it finds no host
  // and starts one (the bench process stands in for that run's Terraform); the host is stopped after.
  const firstLaunchOfRun = async () => {
    const runDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-perf-data-dir-'));
    try {
      return await firstLineMs(release.executable, [], { ...env, TF_DATA_DIR: runDataDir });
    } finally {
      await stopRunHostsWhenUp(runDataDir);
    }
  };
  // Later launches share the bench's data folder, whose run host the first of them started.
  const joiningLaunch = () => firstLineMs(release.executable, [], env);
  const bunHello = compileBunHello(dataDir);
  const bare: number[] = [];
  const provider: number[] = [];
  const echo: number[] = [];
  const goEchoRuns: number[] = [];
  const binary: number[] = [];
  const binaryJoin: number[] = [];
  const bunHelloRuns: number[] = [];
  const goStart = 'binary' in goEcho ? () => firstLineMs(goEcho.binary, ['elasticpath'], env) : undefined;
  try {
    // One launch each first fills the page cache (and starts the bench's run host); then they
    // alternate so load spikes hit all alike.
    await firstLineMs(process.execPath, [providerBundle, 'elasticpath'], env);
    await firstLineMs(process.execPath, [echoBundle, 'elasticpath'], env);
    await firstLaunchOfRun();
    await joiningLaunch();
    await goStart?.();
    for (let run = 0; run < START_RUNS; run += 1) {
      bare.push(await firstLineMs(process.execPath, ['-e', 'process.stdout.write("ready\\n")'], { PATH: process.env.PATH }));
      provider.push(await firstLineMs(process.execPath, [providerBundle, 'elasticpath'], env));
      echo.push(await firstLineMs(process.execPath, [echoBundle, 'elasticpath'], env));
      binary.push(await firstLaunchOfRun());
      binaryJoin.push(await joiningLaunch());
      if (bunHello) bunHelloRuns.push(await firstLineMs(bunHello, [], { PATH: process.env.PATH }));
      if (goStart) goEchoRuns.push(await goStart());
    }
  } finally {
    stopRunHosts(dataDir);
  }
  samples.start = { bare, provider, echo, binary, binaryJoin, goEcho: goEchoRuns, bunHello: bunHelloRuns };
  return {
    bareNodeMs: round(median(bare)),
    providerStartMs: round(median(provider)),
    echoStartMs: round(median(echo)),
    binaryStartMs: round(median(binary)),
    binaryJoinStartMs: round(median(binaryJoin)),
    goEchoStartMs: goStart ? round(median(goEchoRuns)) : null,
    bunHelloStartMs: bunHello ? round(median(bunHelloRuns)) : null,
  };
}

/** A one-line program compiled with the release's Bun into `dir`; undefined where that cannot be done here. */
function compileBunHello(dir: string): string | undefined {
  const source = path.join(dir, 'hello.js');
  const executable = path.join(dir, 'hello');
  fs.writeFileSync(source, 'process.stdout.write("ready\\n");\n');
  try {
    compileExecutable(hostBun(undefined), RELEASE_PLATFORM, source, executable);
    return executable;
  } catch {
    return undefined;
  }
}

/** stopRunHosts once the host a launch started has written its file (it does so right after its handshake line). */
async function stopRunHostsWhenUp(dataDir: string): Promise<void> {
  for (let wait = 0; wait < 100 && !fs.readdirSync(dataDir).some((entry) => fs.existsSync(path.join(dataDir, entry, RUN_HOST_FILE))); wait += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  stopRunHosts(dataDir);
}

/** Ends the run hosts whose folders are in `dataDir` (the bench's own, which outlive each launch), then the folder. */
function stopRunHosts(dataDir: string): void {
  for (const entry of fs.readdirSync(dataDir)) {
    try {
      const [pid] = fs.readFileSync(path.join(dataDir, entry, RUN_HOST_FILE), 'utf8').split('\n');
      process.kill(Number(pid), 'SIGTERM');
    } catch {
      // Gone already.
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function noOpPlanMs(workspace: Workspace, extraEnv: NodeJS.ProcessEnv = {}): Promise<number> {
  const { ms, value } = await timed(() => workspace.plan(extraEnv));
  if (value.code !== 0) throw new Error(`expected a no-op plan in ${workspace.dir}, terraform wants changes:\n${value.stdout}`);
  return ms;
}

const samples = { start: {} as Record<string, number[]>, plan: {} as Record<string, number[]>, apply: {} as Record<string, number[]> };

async function measurePlans(
  echoBundle: string,
  echoCliConfig: string,
  goEcho: GoEcho,
  release: BuiltBinary,
  options: { keepStartUpTax: boolean } & Reporter,
): Promise<PlanCostFigures['planN100Decomposed']> {
  const perf = await startPerfEmulator({ keepStartUpTax: options.keepStartUpTax });
  const echoEnv = { ...perf.env, TF_CLI_CONFIG_FILE: echoCliConfig };
  const terraformData = new Workspace(perf.env, terraformDataConfig(COUNT));
  const echo = new Workspace(echoEnv, integrationsConfig(COUNT));
  const provider = new Workspace(perf.env, integrationsConfig(COUNT));
  const executable = new Workspace({ ...perf.env, TF_CLI_CONFIG_FILE: packedMirrorConfig(release) }, integrationsConfig(COUNT));
  const go = 'binary' in goEcho ? new Workspace({ ...perf.env, TF_CLI_CONFIG_FILE: goEcho.cliConfigFile }, integrationsConfig(COUNT)) : undefined;
  const workspaces = [terraformData, echo, provider, executable, ...(go ? [go] : [])];
  try {
    options.progress(`creating ${COUNT} terraform_data, ${COUNT} echo integrations, ${COUNT} integrations${go ? ` and ${COUNT} Go echo integrations` : ''}`);
    for (const workspace of [terraformData, echo, provider, ...(go ? [go] : [])]) {
      await workspace.init();
      await workspace.apply();
    }
    // The executable plans against the provider's own state (the same store, the same integrations).
    fs.copyFileSync(path.join(provider.dir, 'terraform.tfstate'), path.join(executable.dir, 'terraform.tfstate'));
    await executable.init();
    const warmEcho = await startWarmProviders({ names: ['elasticpath'], env: echoEnv, bundle: echoBundle });
    const warmProvider = await startWarmProviders({ names: ['elasticpath'], env: perf.env });
    const warmGo = 'binary' in goEcho ? await startReattachedGoEcho(goEcho.binary) : undefined;
    const times = {
      terraformData: [] as number[],
      goEcho: [] as number[],
      echo: [] as number[],
      binary: [] as number[],
      provider: [] as number[],
      providerNoRunHost: [] as number[],
      binaryNoRunHost: [] as number[],
      goEchoWarm: [] as number[],
      echoWarm: [] as number[],
      providerWarm: [] as number[],
    };
    try {
      for (let run = 0; run < PLAN_RUNS; run += 1) {
        options.progress(`no-op plans of ${COUNT}, run ${run + 1} of ${PLAN_RUNS}`);
        times.terraformData.push(await noOpPlanMs(terraformData));
        if (go) times.goEcho.push(await noOpPlanMs(go));
        times.echo.push(await noOpPlanMs(echo));
        times.binary.push(await noOpPlanMs(executable));
        times.provider.push(await noOpPlanMs(provider));
        times.binaryNoRunHost.push(await noOpPlanMs(executable, NO_RUN_HOST));
        times.providerNoRunHost.push(await noOpPlanMs(provider, NO_RUN_HOST));
        if (go && warmGo) times.goEchoWarm.push(await noOpPlanMs(go, warmGo.env));
        times.echoWarm.push(await noOpPlanMs(echo, warmEcho.env));
        times.providerWarm.push(await noOpPlanMs(provider, warmProvider.env));
      }
    } finally {
      await warmEcho.close();
      await warmProvider.close();
      await warmGo?.close();
    }
    samples.plan = times;
    return {
      terraformDataMs: round(median(times.terraformData)),
      echoMs: round(median(times.echo)),
      echoWarmMs: round(median(times.echoWarm)),
      providerMs: round(median(times.provider)),
      providerWarmMs: round(median(times.providerWarm)),
      goEchoMs: go ? round(median(times.goEcho)) : null,
      goEchoWarmMs: go ? round(median(times.goEchoWarm)) : null,
      binaryMs: round(median(times.binary)),
      providerNoRunHostMs: round(median(times.providerNoRunHost)),
      binaryNoRunHostMs: round(median(times.binaryNoRunHost)),
    };
  } finally {
    for (const workspace of workspaces) workspace.cleanup();
    await perf.close();
  }
}

async function measureApplies(echoCliConfig: string, goEcho: GoEcho, options: { keepStartUpTax: boolean } & Reporter): Promise<PlanCostFigures['applyN100Decomposed']> {
  const perf = await startPerfEmulator({ keepStartUpTax: options.keepStartUpTax });
  const terraformData = new Workspace(perf.env, terraformDataConfig(COUNT));
  const echo = new Workspace({ ...perf.env, TF_CLI_CONFIG_FILE: echoCliConfig }, integrationsConfig(COUNT));
  const provider = new Workspace(perf.env, integrationsConfig(COUNT));
  const go = 'binary' in goEcho ? new Workspace({ ...perf.env, TF_CLI_CONFIG_FILE: goEcho.cliConfigFile }, integrationsConfig(COUNT)) : undefined;
  const workspaces = [terraformData, echo, provider, ...(go ? [go] : [])];
  const rateSetting = { [ELASTICPATH_ENVIRONMENT.max_requests_per_second]: String(APPLY_RATE) };
  try {
    for (const workspace of workspaces) await workspace.init();
    const times = {
      terraformData: [] as number[],
      echo: [] as number[],
      goEcho: [] as number[],
      provider: [] as number[],
      providerNoRunHost: [] as number[],
      floor: [] as number[],
    };
    for (let run = 0; run < APPLY_RUNS; run += 1) {
      options.progress(`applies of ${COUNT} creates, run ${run + 1} of ${APPLY_RUNS}`);
      for (const workspace of workspaces) workspace.removeState();
      times.terraformData.push((await timed(() => terraformData.apply())).ms);
      times.echo.push((await timed(() => echo.apply())).ms);
      await perf.emulator.admin.reset();
      await perf.emulator.admin.faults({ rate: 1, kinds: ['latency'], latencyMs: APPLY_LATENCY_MS });
      // The Go echo calls no API: the rate and the latency are set as for the provider, and touch nothing.
      if (go) times.goEcho.push((await timed(() => go.apply(rateSetting))).ms);
      const window = await requestWindow(perf.emulator.url);
      times.provider.push((await timed(() => provider.apply(rateSetting))).ms);
      const requests = (await window.since()).total;
      times.floor.push(Math.max((requests / APPLY_RATE) * 1000, (APPLY_LATENCY_MS * COUNT) / TERRAFORM_PARALLELISM));
      provider.removeState();
      await perf.emulator.admin.reset();
      await perf.emulator.admin.faults({ rate: 1, kinds: ['latency'], latencyMs: APPLY_LATENCY_MS });
      times.providerNoRunHost.push((await timed(() => provider.apply({ ...rateSetting, ...NO_RUN_HOST }))).ms);
    }
    samples.apply = times;
    return {
      terraformDataMs: round(median(times.terraformData)),
      echoMs: round(median(times.echo)),
      providerMs: round(median(times.provider)),
      floorMs: round(median(times.floor)),
      goEchoMs: go ? round(median(times.goEcho)) : null,
      providerNoRunHostMs: round(median(times.providerNoRunHost)),
    };
  } finally {
    for (const workspace of workspaces) workspace.cleanup();
    await perf.close();
  }
}

function printTable(result: PlanCostResult, say: (line: string) => void): void {
  const plan = result.planN100Decomposed;
  const apply = result.applyN100Decomposed;
  const goPlan = plan.goEchoMs;
  const row = (label: string, ms: number | null, runs: number[] | undefined, note = '') => {
    if (ms === null) return;
    const toGo = goPlan === null ? '' : `  ${(ms / (label.includes('warm') && plan.goEchoWarmMs !== null ? plan.goEchoWarmMs : goPlan)).toFixed(2).padStart(5)}x Go`;
    say(`  ${label.padEnd(38)} ${String(ms).padStart(6)} ms  ${(ms / plan.terraformDataMs).toFixed(2).padStart(5)}x tf_data${toGo}  ${runsText(runs ?? [])}${note}`);
  };
  say(`where a no-op plan of ${COUNT} spends its time (medians of ${PLAN_RUNS} interleaved runs; load ${result.load[0]} → ${result.load[1]} on ${os.cpus().length} cores):`);
  row('terraform_data (Terraform alone)', plan.terraformDataMs, samples.plan.terraformData);
  row('Go echo provider, cold', plan.goEchoMs, samples.plan.goEcho);
  row('echo provider, cold', plan.echoMs, samples.plan.echo);
  row('elasticpath, released executable, cold', plan.binaryMs, samples.plan.binary);
  row('elasticpath provider, cold', plan.providerMs, samples.plan.provider);
  row('  the same, no run host', plan.providerNoRunHostMs, samples.plan.providerNoRunHost);
  row('  the executable, no run host', plan.binaryNoRunHostMs, samples.plan.binaryNoRunHost);
  row('Go echo provider, warm (reattached)', plan.goEchoWarmMs, samples.plan.goEchoWarm);
  row('echo provider, warm', plan.echoWarmMs, samples.plan.echoWarm);
  row('elasticpath provider, warm', plan.providerWarmMs, samples.plan.providerWarm);
  say(
    `  steps: an external provider with this schema adds ${plan.echoMs - plan.terraformDataMs} ms cold / ${plan.echoWarmMs - plan.terraformDataMs} ms warm; ` +
      `the resources add ${plan.providerMs - plan.echoMs} ms cold / ${plan.providerWarmMs - plan.echoWarmMs} ms warm`,
  );
  say(`apply of ${COUNT} creates (medians of ${APPLY_RUNS}):`);
  say(
    `  terraform_data ${apply.terraformDataMs} ms ${runsText(samples.apply.terraformData)}; echo provider ${apply.echoMs} ms ${runsText(samples.apply.echo)}` +
      (apply.goEchoMs === null ? '' : `; Go echo provider ${apply.goEchoMs} ms ${runsText(samples.apply.goEcho)}`),
  );
  say(
    `  elasticpath at ${APPLY_RATE} requests/s, ${APPLY_LATENCY_MS} ms latency: ${apply.providerMs} ms ${runsText(samples.apply.provider)}; ` +
      `rate/latency floor ${apply.floorMs} ms; Terraform's own apply plus the floor ${apply.terraformDataMs + apply.floorMs} ms` +
      (apply.goEchoMs === null ? '' : `; the Go echo's apply plus the floor ${apply.goEchoMs + apply.floorMs} ms`) +
      `; without the run host ${apply.providerNoRunHostMs} ms ${runsText(samples.apply.providerNoRunHost)}`,
  );
  say(
    `start-up (spawn to handshake line, medians of ${START_RUNS}): bare node ${result.bareNodeMs} ms ${runsText(samples.start.bare)}, ` +
      `elasticpath provider ${result.providerStartMs} ms ${runsText(samples.start.provider)}, echo provider ${result.echoStartMs} ms, ` +
      `released executable ${result.binaryStartMs} ms ${runsText(samples.start.binary)} (a run's first launch, starting its run host; ` +
      `a later launch joining it ${result.binaryJoinStartMs} ms ${runsText(samples.start.binaryJoin)})` +
      (result.goEchoStartMs === null ? '' : `, Go echo ${result.goEchoStartMs} ms ${runsText(samples.start.goEcho)}`) +
      (result.bunHelloStartMs === null ? '' : `; a Bun-compiled program printing one line ${result.bunHelloStartMs} ms ${runsText(samples.start.bunHello)} (the runtime's own start)`),
  );
  say('goals (ratio ≤ goal; in brackets the echo provider in its place, a provider whose resources cost nothing):');
  goalLines(result.ratios, PLAN_COST_GOALS).forEach((line, index) => {
    const name = Object.keys(PLAN_COST_GOALS)[index] as keyof typeof PLAN_COST_GOALS;
    say(`  ${line}${name === 'warmPlanToWarmEcho' ? '' : `  [echo ${result.echoRatios[name].toFixed(2)}]`}`);
  });
  const saved = result.runHostRatios;
  say(`the run host (one provider process per Terraform run), with ÷ without: cold plan ${saved.coldPlan}, executable ${saved.coldPlanBinary}, apply ${saved.apply}`);
  if (result.goFloorRatios) {
    say('goals against the Go floor (the Go echo: the same schemas served by grpc-go, no resource code):');
    for (const line of goalLines(result.goFloorRatios, GO_FLOOR_GOALS)) say(`  ${line}`);
  }
  const floor = result.startFloorRatios;
  if (floor) {
    say(
      `the executable's first launch is ${floor.binaryStartToBunHello}x a Bun-compiled program printing one line, ` +
        `which is itself ${floor.bunHelloToGoEcho}x the Go echo's start: the runtime's own start alone ${floor.bunHelloToGoEcho <= GO_FLOOR_GOALS.binaryStartToGoEcho ? 'leaves room for' : 'exceeds'} the start goal`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Profiles of a warm plan of 100: `npm run bench -- --plan-cost --profile`

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function (ms), largest first, from a V8 .cpuprofile. */
export function selfTimes(profile: CpuProfile): { name: string; ms: number }[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) return;
    const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...totals.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

/**
 * Terraform's side, from its trace log: the time until the next log line is charged to the line's
 * kind (its message with quoted names, addresses and numbers blanked), largest first.
 */
export function terraformPhases(log: string): { phase: string; ms: number; lines: number }[] {
  const stamped = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) \[(\w+)\]\s+(.*)$/;
  const entries = log
    .split('\n')
    .map((line) => stamped.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ at: Date.parse(match[1]), message: match[3] }));
  const phases = new Map<string, { ms: number; lines: number }>();
  entries.forEach((entry, index) => {
    const next = entries[index + 1];
    const phase = entry.message
      .replace(/"[^"]*"/g, '"…"')
      .replace(/\b(\w+_\w+)\.\w+(\[[^\]]*\])?/g, '$1.…')
      .replace(/\d+(\.\d+)?(ms|µs|s)?/g, 'N')
      .slice(0, 110);
    const sum = phases.get(phase) ?? { ms: 0, lines: 0 };
    sum.ms += next ? next.at - entry.at : 0;
    sum.lines += 1;
    phases.set(phase, sum);
  });
  return [...phases.entries()].map(([phase, sum]) => ({ phase, ...sum })).sort((a, b) => b.ms - a.ms);
}

/** A preload script: profiles the process from its start and writes the profile when it exits. */
function cpuProfileHook(file: string): string {
  return `const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 100 });
session.post('Profiler.start');
process.on('exit', () => {
  // In-process inspector calls answer synchronously, so the profile is written before the exit.
  session.post('Profiler.stop', (error, result) => { if (!error) fs.writeFileSync(${JSON.stringify(file)}, JSON.stringify(result.profile)); });
});
`;
}

export async function profileWarmPlan(options: { keepStartUpTax: boolean; top: number } & Reporter): Promise<void> {
  const { say, progress } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-plan-profile-'));
  const perf = await startPerfEmulator({ keepStartUpTax: options.keepStartUpTax });
  const provider = new Workspace(perf.env, integrationsConfig(COUNT));
  try {
    progress(`creating ${COUNT} integrations`);
    await provider.init();
    await provider.apply();
    // --cpu-prof is refused in NODE_OPTIONS, so a preloaded hook runs the same profiler through node:inspector.
    const hook = path.join(dir, 'cpu-profile-hook.js');
    fs.writeFileSync(hook, cpuProfileHook(path.join(dir, 'provider.cpuprofile')));
    const warm = await startWarmProviders({ names: ['elasticpath'], env: { ...perf.env, NODE_OPTIONS: `--require ${hook}` } });
    const terraformLog = path.join(dir, 'terraform-trace.log');
    try {
      progress('warm no-op plans: one to warm up, one profiled');
      await noOpPlanMs(provider, warm.env);
      const ms = await noOpPlanMs(provider, { ...warm.env, TF_LOG: 'trace', TF_LOG_PATH: terraformLog });
      say(`profiled warm no-op plan of ${COUNT}: ${ms.toFixed(0)} ms with TF_LOG=trace (load ${os.loadavg()[0].toFixed(1)})`);
    } finally {
      await warm.close();
    }
    const profileFile = fs.readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
    if (!profileFile) throw new Error(`the warm provider wrote no CPU profile into ${dir}`);
    const profile = JSON.parse(fs.readFileSync(path.join(dir, profileFile), 'utf8')) as CpuProfile;
    const self = selfTimes(profile);
    const busy = self.filter((entry) => !/^\((idle|program|garbage collector)\)/.test(entry.name)).reduce((sum, entry) => sum + entry.ms, 0);
    say(`provider CPU profile (${path.join(dir, profileFile)}; both warm plans): ${busy.toFixed(0)} ms busy; top self times:`);
    for (const entry of self.slice(0, options.top)) say(`  ${entry.ms.toFixed(1).padStart(8)} ms  ${entry.name}`);
    const phases = terraformPhases(fs.readFileSync(terraformLog, 'utf8'));
    say(`terraform trace log (${terraformLog}): time until the next line, by kind of line:`);
    for (const entry of phases.slice(0, options.top)) say(`  ${String(entry.ms).padStart(6)} ms  ${String(entry.lines).padStart(5)}x  ${entry.phase}`);
  } finally {
    provider.cleanup();
    await perf.close();
  }
}
