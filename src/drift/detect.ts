/**
 * detectDrift: synthesizes a CDKTF app, lets Terraform refresh and plan each stack, and
 * reports per resource what differs between the remote APIs and the code. Terraform is
 * the engine: its backends (local, pg, s3, remote) hold state and its locks, and the
 * providers' Read is what fetches the remote objects.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVIDER_NAMES, type ProviderName, providerOfSource } from '../../provider/names';
import { type SharedWarmProviders, sharedWarmProviders, warmProvidersArePrivate } from '../providers/warm';
import { EXCLUSIVE_TYPE_SUFFIX } from '../../provider/common/exclusive';
import { type PlanJson, type ResourceDrift, classifyPlan, constructPathsOf, needsApply, unrestorable } from './classify';
import { withPlanFilePathsHidden, withPrivatePlanFile } from './plan-file';
import { Redactor, addSecretsOfConfiguration, secretEnvironmentVariables, sensitiveValuesOfPlan } from './redact';
import { type Shard, stacksInShard } from './shard';
import { TerraformAbortedError, TerraformError, terraform } from './terraform';

/** How long one stack's check (init, plan, show, apply) may take before its terraform is ended. */
export const DEFAULT_STACK_TIMEOUT_MS = 10 * 60_000;

export interface DetectDriftOptions {
  /** The CDKTF app's folder (holding cdktf.json). @default process.cwd() */
  appDir?: string;
  /** Only these stacks. @default every stack of the app */
  stacks?: string[];
  /**
   * Only the stacks of this shard (after `stacks`), for splitting a fleet over a CI matrix;
   * see ./shard.ts. Synthesis still covers the whole app. @default every stack
   */
  shard?: Shard;
  /**
   * Apply the plan when drift is found, then verify that a new plan is clean. Undeclared
   * integrations are deleted only where the configuration says prune = true; the others stay
   * reported. @default false
   */
  reconcile?: boolean;
  /** Extra environment for the app and terraform (credentials, TF_CLI_CONFIG_FILE, TF_REATTACH_PROVIDERS). */
  env?: NodeJS.ProcessEnv;
  /** @default "terraform" on the PATH */
  terraformBinary?: string;
  /** How many stacks are planned at once. @default 4 */
  parallelism?: number;
  /** Use the app's existing cdktf.out instead of synthesizing again. @default false */
  skipSynth?: boolean;
  onProgress?: (event: DriftProgress) => void;
  /**
   * Start each of this package's providers the stacks use once for the whole run and hand it
   * to Terraform through TF_REATTACH_PROVIDERS for every stack's plan, show and apply, instead
   * of letting Terraform launch it for every command. Stacks planned at once share the
   * process: Terraform opens a connection per provider configuration (aliases included), and
   * each connection has its own configured client. The processes are stopped when the run
   * ends, also when it fails. Ignored when `env` already holds TF_REATTACH_PROVIDERS, and where
   * the providers would listen on TCP (Windows), open to every local process
   * (`warmProvidersArePrivate` in src/providers/warm.ts).
   * @default false
   */
  warmProviders?: boolean;
  /**
   * How long one stack's check may take; then its terraform (with the providers it launched) is
   * killed and the stack reported with that error. @default DEFAULT_STACK_TIMEOUT_MS (10 minutes)
   */
  stackTimeoutMs?: number;
  /**
   * Collects the secrets the run meets (the configuration's sensitive values, the providers'
   * secret environment variables, values Terraform marks sensitive); the report returned is
   * redacted with it. Pass one to redact other output (stderr) with the same knowledge.
   * @default a new one
   */
  redactor?: Redactor;
}

/** Progress of a run; `done` with a stack ends that stack, without one the whole run. */
export interface DriftProgress {
  stack?: string;
  phase: 'synth' | 'init' | 'plan' | 'apply' | 'verify' | 'done';
}

export interface StackDrift {
  name: string;
  /** Empty when the check failed (see `error`): nothing is known then. */
  resources: ResourceDrift[];
  /** Present when the stack could not be checked; the other stacks are checked all the same. */
  error?: StackError;
  /** Present when reconcile was asked for and the plan had something to apply. */
  reconciliation?: {
    applied: boolean;
    /** The plan after apply has no changes (undeclared integrations reported only may remain). */
    verifiedClean: boolean;
    /** What the plan after apply still reports, undeclared integrations reported only included. */
    remaining: ResourceDrift[];
  };
}

/** Why a stack could not be checked, secrets redacted. */
export interface StackError {
  /** The command that failed, e.g. "terraform plan -input=false ..."; null when it was not a command (a provider that did not start). */
  command: string | null;
  /** What it said (Terraform's diagnostics), or that it was ended at the stack's time limit. */
  message: string;
}

export interface DriftReport {
  /** No stack differs and every stack was checked. */
  inSync: boolean;
  stacks: StackDrift[];
  /** The shard this report covers, when the run was given one; `drift merge` checks that all shards are there. */
  shard?: Shard;
}

/**
 * Whether nothing is left to report for the stack: no drift found, or reconcile applied and the
 * plan after it reports nothing (undeclared integrations reported only keep a stack unsettled).
 */
export function isSettled(stack: StackDrift): boolean {
  return !stack.error && (stack.resources.length === 0 || stack.reconciliation?.remaining.length === 0);
}

/** Whether the stack was checked and nothing differs. */
export function isInSync(stack: StackDrift): boolean {
  return !stack.error && stack.resources.length === 0;
}

interface StackManifest {
  name: string;
  workingDirectory: string;
  synthesizedStackPath: string;
}

/** Inside .terraform, so removing that folder also forgets the initialization. */
const INIT_MARKER = 'cdktf-integrations-init.sha256';

export async function detectDrift(options: DetectDriftOptions = {}): Promise<DriftReport> {
  const appDir = path.resolve(options.appDir ?? process.cwd());
  const env = { ...process.env, ...options.env };
  const redactor = (options.redactor ?? new Redactor()).add(secretEnvironmentVariables().map((name) => env[name] ?? ''));
  const outdir = path.join(appDir, 'cdktf.out');
  if (!options.skipSynth) {
    options.onProgress?.({ phase: 'synth' });
    await synthesize(appDir, outdir, env);
  }
  const selected = selectStacks(readManifest(outdir), options.stacks);
  const stacks = options.shard ? stacksInShard(selected, options.shard) : selected;
  const warm =
    options.warmProviders && !env.TF_REATTACH_PROVIDERS && warmProvidersArePrivate(process.platform, env) ? sharedWarmProviders({ env }) : undefined;
  let results: StackDrift[];
  try {
    results = await mapEach(stacks, options.parallelism ?? 4, (stack) => checkedStack(stack, outdir, env, { ...options, redactor }, warm));
  } finally {
    await warm?.close();
  }
  const report: DriftReport = {
    inSync: results.every(isInSync),
    stacks: results,
    ...(options.shard ? { shard: options.shard } : {}),
  };
  options.onProgress?.({ phase: 'done' });
  // After every stack: a secret one stack's configuration declares is hidden wherever it shows.
  return redactor.redactValue(report);
}

/** One stack's check; a failure (or the time limit) becomes the stack's `error` instead of ending the run. */
async function checkedStack(
  stack: StackManifest,
  outdir: string,
  env: NodeJS.ProcessEnv,
  options: DetectDriftOptions & { redactor: Redactor },
  warm: SharedWarmProviders | undefined,
): Promise<StackDrift> {
  const timeoutMs = options.stackTimeoutMs ?? DEFAULT_STACK_TIMEOUT_MS;
  const limit = new AbortController();
  const timer = setTimeout(
    () => limit.abort(`the stack's check did not finish within ${formatDuration(timeoutMs)} (--stack-timeout); terraform and the providers it launched were stopped`),
    timeoutMs,
  );
  try {
    return await driftOfStack(stack, outdir, env, options, warm, limit.signal);
  } catch (error) {
    return { name: stack.name, resources: [], error: stackError(error) };
  } finally {
    clearTimeout(timer);
  }
}

function stackError(error: unknown): StackError {
  if (error instanceof TerraformError) return { command: withPlanFilePathsHidden(`terraform ${error.command}`), message: `exit ${error.code}: ${error.output.trim()}` };
  if (error instanceof TerraformAbortedError) return { command: withPlanFilePathsHidden(`terraform ${error.command}`), message: error.reason };
  return { command: null, message: error instanceof Error ? error.message : String(error) };
}

/** 600000 -> "10m", 90000 -> "1m30s", 1500 -> "1.5s". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return `${minutes > 0 ? `${minutes}m` : ''}${seconds > 0 || minutes === 0 ? `${seconds}s` : ''}`;
}

async function driftOfStack(
  stack: StackManifest,
  outdir: string,
  env: NodeJS.ProcessEnv,
  options: DetectDriftOptions & { redactor: Redactor },
  warm: SharedWarmProviders | undefined,
  signal: AbortSignal,
): Promise<StackDrift> {
  const cwd = path.join(outdir, stack.workingDirectory);
  const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as SynthesizedStack;
  addSecretsOfConfiguration(options.redactor, synthesized, env);
  const constructPaths = constructPathsOf(synthesized);
  const init = initialization(cwd, synthesized, env, options.terraformBinary, signal);

  options.onProgress?.({ stack: stack.name, phase: 'init' });
  const warmUse = warm ? providersUsed(synthesized) : { names: [], sources: [] };
  // init does not use the providers: the first stacks' init overlaps their start-up.
  const [initialized, reattach] = await Promise.allSettled([
    init.upToDate() ? Promise.resolve('skipped' as const) : init.run().then(() => 'ran' as const),
    warm && warmUse.names.length > 0 ? warm.acquire(warmUse.names, warmUse.sources) : Promise.resolve(undefined),
  ]);
  try {
    if (initialized.status === 'rejected') throw initialized.reason;
    if (reattach.status === 'rejected') throw reattach.reason;
    const run = {
      cwd,
      env: reattach.value ? { ...env, ...reattach.value } : env,
      binary: options.terraformBinary,
      signal,
      needsState: needsState(synthesized),
      redactor: options.redactor,
    };
    const plan = () => withPrivatePlanFile((planFile) => planStack(stack, { ...run, planFile }, constructPaths, options));
    try {
      return await plan();
    } catch (error) {
      // The folder looked initialized but Terraform disagrees (a moved plugin mirror, a changed backend): init, then plan again.
      if (initialized.value !== 'skipped' || !asksForInit(error)) throw error;
      await init.run();
      return await plan();
    }
  } finally {
    options.onProgress?.({ stack: stack.name, phase: 'done' });
  }
}

/**
 * `terraform init` of a stack's folder, skipped when the folder was initialized by this code
 * for the same inputs: the stack's terraform block (providers, backend), its modules, the CLI
 * configuration (where providers come from) and the terraform binary. A fleet's repeated checks
 * on one machine then pay init only for stacks whose set-up changed; a fresh CI runner always inits.
 */
function initialization(cwd: string, synthesized: SynthesizedStack, env: NodeJS.ProcessEnv, binary: string | undefined, signal: AbortSignal) {
  const marker = path.join(cwd, '.terraform', INIT_MARKER);
  const cliConfigFile = env.TF_CLI_CONFIG_FILE;
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        terraform: synthesized.terraform ?? null,
        module: synthesized.module ?? null,
        cliConfigFile: cliConfigFile ?? null,
        cliConfig: cliConfigFile && fs.existsSync(cliConfigFile) ? fs.readFileSync(cliConfigFile, 'utf8') : null,
        binary: binary ?? 'terraform',
      }),
    )
    .digest('hex');
  return {
    // A lock file or provider folder removed since is Terraform's to notice: its plan then asks for init (see asksForInit).
    upToDate: () => fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === fingerprint,
    run: async () => {
      await terraform(['init', '-input=false', '-no-color'], { cwd, env, binary, signal });
      // A stack without providers (only built-in resources) gets no .terraform folder from init.
      fs.mkdirSync(path.dirname(marker), { recursive: true });
      fs.writeFileSync(marker, fingerprint);
    },
  };
}

function asksForInit(error: unknown): boolean {
  return error instanceof TerraformError && error.command.startsWith('plan') && /terraform init/i.test(error.output);
}

async function planStack(
  stack: StackManifest,
  run: PlanRun,
  constructPaths: Map<string, string>,
  options: DetectDriftOptions,
): Promise<StackDrift> {
  options.onProgress?.({ stack: stack.name, phase: 'plan' });
  const resources = await planAndClassify(run, constructPaths);
  const result: StackDrift = { name: stack.name, resources };
  if (!options.reconcile || !needsApply(resources)) return result;
  const cannotRestore = unrestorable(stack.name, resources);
  if (cannotRestore.length > 0) throw new Error(cannotRestore.join('\n'));

  options.onProgress?.({ stack: stack.name, phase: 'apply' });
  await terraform(['apply', '-input=false', '-no-color', '-lock-timeout=120s', '-auto-approve', run.planFile], run);
  options.onProgress?.({ stack: stack.name, phase: 'verify' });
  const remaining = await planAndClassify(run, constructPaths);
  result.reconciliation = { applied: true, verifiedClean: !needsApply(remaining), remaining };
  return result;
}

/** A stack's terraform runs; `planFile` is private to the stack's check (see plan-file.ts). */
interface PlanRun {
  cwd: string;
  env: NodeJS.ProcessEnv;
  binary?: string;
  planFile: string;
  /** The stack's time limit. */
  signal: AbortSignal;
  /** The report needs the refreshed state even when the plan has no changes (see needsState). */
  needsState: boolean;
  redactor: Redactor;
}

/** The exit code of `plan -detailed-exitcode` when the plan has changes (0: none). */
const PLAN_HAS_CHANGES = 2;

async function planAndClassify(run: PlanRun, constructPaths: Map<string, string>): Promise<ResourceDrift[]> {
  const planned = await terraform(['plan', '-input=false', '-no-color', '-detailed-exitcode', '-lock-timeout=120s', `-out=${run.planFile}`], {
    ...run,
    okCodes: [PLAN_HAS_CHANGES],
  });
  // A plan without changes reports nothing unless the report reads the state itself: `terraform show` is skipped.
  if (planned.code === 0 && !run.needsState) return [];
  const shown = await terraform(['show', '-json', '-no-color', run.planFile], run);
  const plan = JSON.parse(shown.stdout) as PlanJson;
  run.redactor.add(sensitiveValuesOfPlan(plan));
  return classifyPlan(plan, constructPaths);
}

/**
 * Whether a stack's report needs the plan's contents even when nothing would change: an
 * exclusive resource lists undeclared integrations in its state (reported, not pruned, so no
 * change is planned for them).
 */
function needsState(synthesized: SynthesizedStack): boolean {
  return Object.keys(synthesized.resource ?? {}).some((type) => type.endsWith(EXCLUSIVE_TYPE_SUFFIX));
}

interface SynthesizedStack {
  terraform?: { required_providers?: Record<string, { source?: string }> };
  module?: unknown;
  resource?: Record<string, unknown>;
}

/**
 * This package's providers a stack requires (each may be configured more than once: aliases), and
 * the source addresses it names them by: `commerce-iac/<name>`, or another registry's
 * (`app.terraform.io/acme/elasticpath`, see the constructs' `source`). A requirement is one of
 * them when its local name is the provider's and its source's type is that name too.
 */
function providersUsed(synthesized: SynthesizedStack): { names: ProviderName[]; sources: string[] } {
  const ours = Object.entries(synthesized.terraform?.required_providers ?? {}).filter(
    ([localName, requirement]) => providerOfSource(requirement.source ?? '') === localName,
  );
  return {
    names: PROVIDER_NAMES.filter((name) => ours.some(([localName]) => localName === name)),
    sources: ours.map(([, requirement]) => requirement.source!),
  };
}

/** Runs the app command from cdktf.json, as `cdktf synth` does, without the CLI's start-up cost. */
async function synthesize(appDir: string, outdir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const configFile = path.join(appDir, 'cdktf.json');
  if (!fs.existsSync(configFile)) throw new Error(`${appDir} has no cdktf.json: give the CDKTF app's folder with --app-dir`);
  const { app } = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { app?: string };
  if (!app) throw new Error(`${configFile} has no "app" command`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(app, { cwd: appDir, shell: true, env: { ...env, CDKTF_OUTDIR: outdir }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`synthesizing the app (\`${app}\` in ${appDir}) failed with exit ${code}:\n${Buffer.concat(output).toString('utf8').trim()}`)),
    );
  });
}

function readManifest(outdir: string): StackManifest[] {
  const file = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist: synthesize the app first (run without --skip-synth)`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { stacks: Record<string, StackManifest> };
  return Object.values(manifest.stacks);
}

function selectStacks(all: StackManifest[], wanted: string[] | undefined): StackManifest[] {
  if (!wanted || wanted.length === 0) return all;
  const unknown = wanted.filter((name) => !all.some((stack) => stack.name === name));
  if (unknown.length > 0) {
    throw new Error(`no stack named ${unknown.join(', ')}: the app has ${all.map((stack) => stack.name).join(', ')}`);
  }
  return all.filter((stack) => wanted.includes(stack.name));
}

/**
 * Runs `fn` over every item, `limit` at a time, whatever the others' outcome (`fn` turns a
 * failure into its result). Returns once all have finished, so no terraform (and no warm
 * provider) is left running when detectDrift returns.
 */
async function mapEach<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
