/**
 * Where a plan's time goes (`npm run bench -- --plan-cost`, and part of the whole bench): the
 * no-op plan of 100 and the apply of 100, interleaved run by run, against
 *
 * - Terraform's built-in terraform_data: Terraform alone, no plugin at all;
 * - the echo provider (scripts/echo-provider.ts), cold and warm: an external provider with
 *   this schema (launches, gRPC, msgpack, the protocol layer) whose resources do nothing;
 * - the real elasticpath provider, cold and warm: what the resources themselves add.
 *
 * Launch costs beside them: a bare `node` printing a line, and each provider spawned as
 * Terraform spawns it, up to its handshake line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ELASTICPATH_ENVIRONMENT } from '../provider/elasticpath/schema';
import { installProviders } from '../src/providers/install';
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
/** A production store's rate budget, and the emulator's latency per request: the apply bench's settings (scripts/bench.ts). */
const APPLY_RATE = 100;
const APPLY_LATENCY_MS = 20;
const TERRAFORM_PARALLELISM = 10;

/** The issue's goals, as ratios within one interleaved run. */
export const PLAN_COST_GOALS = {
  warmPlanToWarmEcho: 1.15,
  warmPlanToTerraformData: 1.5,
  coldPlanToTerraformData: 3,
  providerStartToBareNode: 2,
  applyToTerraformPlusFloor: 1.2,
} as const;

export interface PlanCostResult {
  bareNodeMs: number;
  providerStartMs: number;
  echoStartMs: number;
  planN100Decomposed: { terraformDataMs: number; echoMs: number; echoWarmMs: number; providerMs: number; providerWarmMs: number };
  applyN100Decomposed: { terraformDataMs: number; echoMs: number; providerMs: number; floorMs: number };
  ratios: Record<keyof typeof PLAN_COST_GOALS, number>;
  /**
   * The same ratios with the echo provider in the real one's place: what a provider whose
   * resources cost nothing reaches (its apply makes no requests, so its floor is Terraform's
   * own apply alone). Where these miss a goal, Terraform's work for any external provider does.
   */
  echoRatios: Omit<Record<keyof typeof PLAN_COST_GOALS, number>, 'warmPlanToWarmEcho'>;
  /** The 1-minute load average at the start and end of the measurement: the machine may be shared. */
  load: [number, number];
}

interface Reporter {
  say(line: string): void;
  progress(line: string): void;
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));
const runsText = (runs: number[]) => `[${runs.map((ms) => ms.toFixed(0)).join(', ')}]`;

export async function runPlanCostBench(options: { keepStartUpTax: boolean } & Reporter): Promise<PlanCostResult> {
  const { say, progress } = options;
  const loadBefore = os.loadavg()[0];
  const echoBundle = await (require('./build.js') as { buildEcho(): Promise<string> }).buildEcho();
  const echoMirror = installProviders({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-perf-echo-')), bundle: echoBundle });
  try {
    const starts = await measureStarts(echoBundle, progress);
    const plans = await measurePlans(echoBundle, echoMirror.cliConfigFile, options);
    const applies = await measureApplies(echoMirror.cliConfigFile, options);
    const result: PlanCostResult = {
      ...starts,
      planN100Decomposed: plans,
      applyN100Decomposed: applies,
      ratios: {
        warmPlanToWarmEcho: round(plans.providerWarmMs / plans.echoWarmMs, 2),
        warmPlanToTerraformData: round(plans.providerWarmMs / plans.terraformDataMs, 2),
        coldPlanToTerraformData: round(plans.providerMs / plans.terraformDataMs, 2),
        providerStartToBareNode: round(starts.providerStartMs / starts.bareNodeMs, 2),
        applyToTerraformPlusFloor: round(applies.providerMs / (applies.terraformDataMs + applies.floorMs), 2),
      },
      echoRatios: {
        warmPlanToTerraformData: round(plans.echoWarmMs / plans.terraformDataMs, 2),
        coldPlanToTerraformData: round(plans.echoMs / plans.terraformDataMs, 2),
        providerStartToBareNode: round(starts.echoStartMs / starts.bareNodeMs, 2),
        applyToTerraformPlusFloor: round(applies.echoMs / applies.terraformDataMs, 2),
      },
      load: [round(loadBefore, 1), round(os.loadavg()[0], 1)],
    };
    printTable(result, say);
    return result;
  } finally {
    fs.rmSync(echoMirror.dir, { recursive: true, force: true });
  }
}

async function measureStarts(echoBundle: string, progress: (line: string) => void): Promise<Pick<PlanCostResult, 'bareNodeMs' | 'providerStartMs' | 'echoStartMs'>> {
  progress('provider start-up against a bare node');
  const providerBundle = path.join(REPO_ROOT, 'dist', 'provider.js');
  const env = pluginLaunchEnv();
  const bare: number[] = [];
  const provider: number[] = [];
  const echo: number[] = [];
  // One launch each first fills the page cache; then they alternate so load spikes hit all alike.
  await firstLineMs(process.execPath, [providerBundle, 'elasticpath'], env);
  await firstLineMs(process.execPath, [echoBundle, 'elasticpath'], env);
  for (let run = 0; run < START_RUNS; run += 1) {
    bare.push(await firstLineMs(process.execPath, ['-e', 'process.stdout.write("ready\\n")'], { PATH: process.env.PATH }));
    provider.push(await firstLineMs(process.execPath, [providerBundle, 'elasticpath'], env));
    echo.push(await firstLineMs(process.execPath, [echoBundle, 'elasticpath'], env));
  }
  return { bareNodeMs: round(median(bare)), providerStartMs: round(median(provider)), echoStartMs: round(median(echo)) };
}

async function noOpPlanMs(workspace: Workspace, extraEnv: NodeJS.ProcessEnv = {}): Promise<number> {
  const { ms, value } = await timed(() => workspace.plan(extraEnv));
  if (value.code !== 0) throw new Error(`expected a no-op plan in ${workspace.dir}, terraform wants changes:\n${value.stdout}`);
  return ms;
}

const samples = { plan: {} as Record<string, number[]>, apply: {} as Record<string, number[]> };

async function measurePlans(
  echoBundle: string,
  echoCliConfig: string,
  options: { keepStartUpTax: boolean } & Reporter,
): Promise<PlanCostResult['planN100Decomposed']> {
  const perf = await startPerfEmulator({ keepStartUpTax: options.keepStartUpTax });
  const echoEnv = { ...perf.env, TF_CLI_CONFIG_FILE: echoCliConfig };
  const terraformData = new Workspace(perf.env, terraformDataConfig(COUNT));
  const echo = new Workspace(echoEnv, integrationsConfig(COUNT));
  const provider = new Workspace(perf.env, integrationsConfig(COUNT));
  const workspaces = [terraformData, echo, provider];
  try {
    options.progress(`creating ${COUNT} terraform_data, ${COUNT} echo integrations and ${COUNT} integrations`);
    for (const workspace of workspaces) {
      await workspace.init();
      await workspace.apply();
    }
    const warmEcho = await startWarmProviders({ names: ['elasticpath'], env: echoEnv, bundle: echoBundle });
    const warmProvider = await startWarmProviders({ names: ['elasticpath'], env: perf.env });
    const times = { terraformData: [] as number[], echo: [] as number[], echoWarm: [] as number[], provider: [] as number[], providerWarm: [] as number[] };
    try {
      for (let run = 0; run < PLAN_RUNS; run += 1) {
        options.progress(`no-op plans of ${COUNT}, run ${run + 1} of ${PLAN_RUNS}`);
        times.terraformData.push(await noOpPlanMs(terraformData));
        times.echo.push(await noOpPlanMs(echo));
        times.echoWarm.push(await noOpPlanMs(echo, warmEcho.env));
        times.provider.push(await noOpPlanMs(provider));
        times.providerWarm.push(await noOpPlanMs(provider, warmProvider.env));
      }
    } finally {
      await warmEcho.close();
      await warmProvider.close();
    }
    samples.plan = times;
    return {
      terraformDataMs: round(median(times.terraformData)),
      echoMs: round(median(times.echo)),
      echoWarmMs: round(median(times.echoWarm)),
      providerMs: round(median(times.provider)),
      providerWarmMs: round(median(times.providerWarm)),
    };
  } finally {
    for (const workspace of workspaces) workspace.cleanup();
    await perf.close();
  }
}

async function measureApplies(echoCliConfig: string, options: { keepStartUpTax: boolean } & Reporter): Promise<PlanCostResult['applyN100Decomposed']> {
  const perf = await startPerfEmulator({ keepStartUpTax: options.keepStartUpTax });
  const terraformData = new Workspace(perf.env, terraformDataConfig(COUNT));
  const echo = new Workspace({ ...perf.env, TF_CLI_CONFIG_FILE: echoCliConfig }, integrationsConfig(COUNT));
  const provider = new Workspace(perf.env, integrationsConfig(COUNT));
  const workspaces = [terraformData, echo, provider];
  try {
    for (const workspace of workspaces) await workspace.init();
    const times = { terraformData: [] as number[], echo: [] as number[], provider: [] as number[], floor: [] as number[] };
    for (let run = 0; run < APPLY_RUNS; run += 1) {
      options.progress(`applies of ${COUNT} creates, run ${run + 1} of ${APPLY_RUNS}`);
      for (const workspace of workspaces) workspace.removeState();
      times.terraformData.push((await timed(() => terraformData.apply())).ms);
      times.echo.push((await timed(() => echo.apply())).ms);
      await perf.emulator.admin.reset();
      await perf.emulator.admin.faults({ rate: 1, kinds: ['latency'], latencyMs: APPLY_LATENCY_MS });
      const window = await requestWindow(perf.emulator.url);
      times.provider.push((await timed(() => provider.apply({ [ELASTICPATH_ENVIRONMENT.max_requests_per_second]: String(APPLY_RATE) }))).ms);
      const requests = (await window.since()).total;
      times.floor.push(Math.max((requests / APPLY_RATE) * 1000, (APPLY_LATENCY_MS * COUNT) / TERRAFORM_PARALLELISM));
    }
    samples.apply = times;
    return {
      terraformDataMs: round(median(times.terraformData)),
      echoMs: round(median(times.echo)),
      providerMs: round(median(times.provider)),
      floorMs: round(median(times.floor)),
    };
  } finally {
    for (const workspace of workspaces) workspace.cleanup();
    await perf.close();
  }
}

function printTable(result: PlanCostResult, say: (line: string) => void): void {
  const plan = result.planN100Decomposed;
  const apply = result.applyN100Decomposed;
  const row = (label: string, ms: number, runs: number[] | undefined, note = '') =>
    say(`  ${label.padEnd(34)} ${String(ms).padStart(6)} ms  ${(ms / plan.terraformDataMs).toFixed(2).padStart(5)}x tf_data  ${runsText(runs ?? [])}${note}`);
  say(`where a no-op plan of ${COUNT} spends its time (medians of ${PLAN_RUNS} interleaved runs; load ${result.load[0]} → ${result.load[1]} on ${os.cpus().length} cores):`);
  row('terraform_data (Terraform alone)', plan.terraformDataMs, samples.plan.terraformData);
  row('echo provider, cold', plan.echoMs, samples.plan.echo);
  row('echo provider, warm', plan.echoWarmMs, samples.plan.echoWarm);
  row('elasticpath provider, cold', plan.providerMs, samples.plan.provider);
  row('elasticpath provider, warm', plan.providerWarmMs, samples.plan.providerWarm);
  say(
    `  steps: an external provider with this schema adds ${plan.echoMs - plan.terraformDataMs} ms cold / ${plan.echoWarmMs - plan.terraformDataMs} ms warm; ` +
      `the resources add ${plan.providerMs - plan.echoMs} ms cold / ${plan.providerWarmMs - plan.echoWarmMs} ms warm`,
  );
  say(`apply of ${COUNT} creates (medians of ${APPLY_RUNS}):`);
  say(`  terraform_data ${apply.terraformDataMs} ms ${runsText(samples.apply.terraformData)}; echo provider ${apply.echoMs} ms ${runsText(samples.apply.echo)}`);
  say(
    `  elasticpath at ${APPLY_RATE} requests/s, ${APPLY_LATENCY_MS} ms latency: ${apply.providerMs} ms ${runsText(samples.apply.provider)}; ` +
      `rate/latency floor ${apply.floorMs} ms; Terraform's own apply plus the floor ${apply.terraformDataMs + apply.floorMs} ms`,
  );
  say(`start-up: bare node ${result.bareNodeMs} ms, elasticpath provider ${result.providerStartMs} ms, echo provider ${result.echoStartMs} ms (spawn to handshake line)`);
  say('goals (ratio ≤ goal; in brackets the echo provider in its place, a provider whose resources cost nothing):');
  for (const [name, goal] of Object.entries(PLAN_COST_GOALS) as [keyof typeof PLAN_COST_GOALS, number][]) {
    const ratio = result.ratios[name];
    const echo = name === 'warmPlanToWarmEcho' ? '' : `  [echo ${result.echoRatios[name].toFixed(2)}]`;
    say(`  ${name.padEnd(28)} ${ratio.toFixed(2)} ≤ ${goal}  ${ratio <= goal ? 'met' : 'NOT met'}${echo}`);
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
