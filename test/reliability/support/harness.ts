/**
 * Shared pieces of the reliability suites: a private snapshot of the provider bundle (so
 * another session rebuilding dist/ cannot swap the executable under a running apply), the
 * emulators and workspaces of one suite (useEmulators), Terraform JSON configuration
 * builders, terraform runs with a handle on the child process, and the figures every
 * scenario reports.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ELASTIC_PATH_INTEGRATION_TYPES } from '../../../api/elasticpath-vocabulary';
import { installProviders } from '../../../src/providers/install';
import {
  EMULATOR_CREDENTIALS,
  startElasticPathEmulator,
  startSendcloudEmulator,
  type ElasticPathEmulatorOptions,
  type RequestLogEntry,
  type RunningElasticPathEmulator,
  type RunningSendcloudEmulator,
  type SendcloudEmulatorOptions,
  type SendcloudSeedIntegration,
} from '../../../src/emulators';
import { REPO_ROOT, TerraformWorkspace, requiredProviders } from '../../helpers/workspace';

// ---------------------------------------------------------------------------------------------
// Provider bundle and mirror

interface PreparedProviders {
  /** TF_CLI_CONFIG_FILE pointing at a mirror whose launchers run the snapshot. */
  cliConfigFile: string;
  /** The snapshot of dist/provider.js (its path still ends in dist/provider.js). */
  bundle: string;
}

let prepared: Promise<PreparedProviders> | undefined;

/**
 * Builds once per jest process (runInBand runs every file in one process; the marker is
 * keyed by pid), then copies the bundle into a private folder and lays a mirror over it.
 */
export function prepareProviders(): Promise<PreparedProviders> {
  prepared ??= (async () => {
    const root = path.join(os.tmpdir(), `cdktf-reliability-${process.pid}`);
    const bundle = path.join(root, 'dist', 'provider.js');
    const cliConfigFile = path.join(root, 'mirror', 'terraform.rc');
    if (fs.existsSync(bundle) && fs.existsSync(cliConfigFile)) return { cliConfigFile, bundle };
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { build } = require(path.join(REPO_ROOT, 'scripts', 'build.js')) as { build(options?: object): Promise<string[]> };
    await build();
    fs.mkdirSync(path.dirname(bundle), { recursive: true });
    const source = path.join(REPO_ROOT, 'dist', 'provider.js');
    const partial = path.join(root, 'dist', 'provider.partial.js');
    fs.copyFileSync(source, partial);
    // A copy taken while someone else's build was writing would be cut short: it would not parse.
    execFileSync(process.execPath, ['--check', partial], { stdio: 'pipe' });
    fs.renameSync(partial, bundle);
    const installed = installProviders({ dir: path.join(root, 'mirror'), bundle });
    return { cliConfigFile: installed.cliConfigFile, bundle };
  })();
  return prepared;
}

/** A terraform working directory that runs the snapshot providers. */
export async function newWorkspace(env: NodeJS.ProcessEnv = {}): Promise<TerraformWorkspace> {
  const { cliConfigFile } = await prepareProviders();
  return new TerraformWorkspace({ TF_CLI_CONFIG_FILE: cliConfigFile, ...env });
}

// ---------------------------------------------------------------------------------------------
// The emulators and workspaces of one suite

export interface EmulatorFixture {
  readonly ep: RunningElasticPathEmulator;
  readonly sc: RunningSendcloudEmulator;
  readonly urls: EmulatorUrls;
  /** A workspace on the snapshot providers, removed after the file's tests. */
  workspace(env?: NodeJS.ProcessEnv): Promise<TerraformWorkspace>;
  /** A workspace with `config` as main.tf.json, initialised. */
  workspaceWith(config: object, env?: NodeJS.ProcessEnv): Promise<TerraformWorkspace>;
}

/**
 * Starts both emulators before the file's tests and closes them (and removes the workspaces
 * made through the fixture) after; with `resetEach`, both are reset before every test.
 */
export function useEmulators(
  options: { elasticpath?: ElasticPathEmulatorOptions; sendcloud?: SendcloudEmulatorOptions; resetEach?: boolean } = {},
): EmulatorFixture {
  let ep: RunningElasticPathEmulator | undefined;
  let sc: RunningSendcloudEmulator | undefined;
  const workspaces: TerraformWorkspace[] = [];
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the emulators start in beforeAll: use the fixture inside tests and hooks');
    return value;
  };
  beforeAll(async () => {
    [ep, sc] = await Promise.all([startElasticPathEmulator(options.elasticpath), startSendcloudEmulator(options.sendcloud)]);
  });
  afterAll(async () => {
    await Promise.all([ep?.close(), sc?.close()]);
    for (const workspace of workspaces) workspace.cleanup();
  });
  if (options.resetEach) {
    beforeEach(async () => {
      await Promise.all([started(ep).admin.reset(), started(sc).admin.reset()]);
    });
  }
  const fixture: EmulatorFixture = {
    get ep() {
      return started(ep);
    },
    get sc() {
      return started(sc);
    },
    get urls() {
      return { elasticpath: started(ep).url, sendcloud: started(sc).url };
    },
    async workspace(env = {}) {
      const workspace = await newWorkspace(env);
      workspaces.push(workspace);
      return workspace;
    },
    async workspaceWith(config, env = {}) {
      const workspace = await fixture.workspace(env);
      workspace.writeConfig(config);
      await workspace.init();
      return workspace;
    },
  };
  return fixture;
}

// ---------------------------------------------------------------------------------------------
// Terraform JSON configuration

export interface EmulatorUrls {
  elasticpath: string;
  sendcloud: string;
}

export function providerBlocks(urls: EmulatorUrls, overrides: { elasticpath?: object; sendcloud?: object } = {}): object {
  return {
    elasticpath: {
      api_base_url: urls.elasticpath,
      client_id: EMULATOR_CREDENTIALS.elasticpath.clientId,
      client_secret: EMULATOR_CREDENTIALS.elasticpath.clientSecret,
      ...overrides.elasticpath,
    },
    sendcloud: {
      api_base_url: urls.sendcloud,
      public_key: EMULATOR_CREDENTIALS.sendcloud.publicKey,
      secret_key: EMULATOR_CREDENTIALS.sendcloud.secretKey,
      ...overrides.sendcloud,
    },
  };
}

export const INTEGRATION_TYPES = ELASTIC_PATH_INTEGRATION_TYPES;

/** The declared values of EP integration `index`, cycling through the three delivery types. */
export function epIntegration(prefix: string, index: number): Record<string, unknown> {
  const type = INTEGRATION_TYPES[index % INTEGRATION_TYPES.length];
  const base = { name: `${prefix}-${index}`, integration_type: type, observes: ['order.paid', 'order.created'] };
  switch (type) {
    case 'webhook':
      return { ...base, configuration: { url: `https://hooks.example.com/${prefix}/${index}`, secret_key: `whsec-${prefix}-${index}` } };
    case 'aws_sqs':
      return {
        ...base,
        configuration: {
          url: `https://sqs.eu-west-1.amazonaws.com/123456789012/${prefix}-${index}`,
          aws_access_key_id: `AKIA${String(index).padStart(16, '0')}`,
          aws_secret_access_key: `aws-secret-${prefix}-${index}`,
          region: 'eu-west-1',
        },
      };
    case 'stomp':
      return {
        ...base,
        configuration: {
          addresses: ['stomp+ssl://broker.example.com:61614'],
          destination: `/queue/${prefix}-${index}`,
          username: 'publisher',
          password: `stomp-pass-${prefix}-${index}`,
        },
      };
  }
}

export function epResources(prefix: string, count: number): Record<string, object> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix.replace(/\W/g, '_')}_${i}`, epIntegration(prefix, i)]));
}

/** Declared Sendcloud settings for integration `id`. */
export function scSettings(id: number): Record<string, unknown> {
  return {
    integration_id: id,
    shop_name: `Managed shop ${id}`,
    shop_url: `https://shop-${id}.example.com/`,
    service_point_enabled: true,
    service_point_carriers: ['dhl', 'postnl'],
    webhook_active: true,
    webhook_url: `https://hooks.example.com/sendcloud/${id}`,
    feedback_type: 'delayed',
  };
}

export function scResources(ids: number[]): Record<string, object> {
  return Object.fromEntries(ids.map((id) => [`shop_${id}`, scSettings(id)]));
}

/** Seed entries for the Sendcloud emulator, with settings that all differ from scSettings. */
export function sendcloudSeed(firstId: number, count: number): SendcloudSeedIntegration[] {
  return Array.from({ length: count }, (_, i) => ({ id: firstId + i, shop_name: `Seeded shop ${firstId + i}`, feedback_type: 'eager' }));
}

export function terraformConfig(parts: {
  urls: EmulatorUrls;
  elasticpath?: Record<string, object>;
  sendcloud?: Record<string, object>;
  backend?: object;
  variable?: Record<string, object>;
  providerOverrides?: { elasticpath?: object; sendcloud?: object };
}): object {
  const resource: Record<string, object> = {};
  if (parts.elasticpath && Object.keys(parts.elasticpath).length > 0) resource.elasticpath_integration = parts.elasticpath;
  if (parts.sendcloud && Object.keys(parts.sendcloud).length > 0) resource.sendcloud_integration = parts.sendcloud;
  return {
    terraform: { ...requiredProviders(), ...(parts.backend ? { backend: parts.backend } : {}) },
    provider: providerBlocks(parts.urls, parts.providerOverrides),
    ...(parts.variable ? { variable: parts.variable } : {}),
    ...(Object.keys(resource).length > 0 ? { resource } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// State and remote comparisons

export interface StateInstance {
  type: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** Every resource instance in a terraform.tfstate document. */
export function stateInstances(stateDocument: unknown): StateInstance[] {
  const resources = ((stateDocument as { resources?: unknown[] })?.resources ?? []) as Array<{
    mode: string;
    type: string;
    name: string;
    instances: Array<{ attributes: Record<string, unknown> }>;
  }>;
  return resources
    .filter((resource) => resource.mode === 'managed')
    .flatMap((resource) => resource.instances.map((instance) => ({ type: resource.type, name: resource.name, attributes: instance.attributes })));
}

export function readLocalState(dir: string): unknown {
  const file = path.join(dir, 'terraform.tfstate');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return text.trim() === '' ? {} : JSON.parse(text);
}

/** Names that occur more than once among remote EP integrations. */
export function duplicateNames(remote: Array<{ name?: unknown }>): string[] {
  const counts = new Map<string, number>();
  for (const item of remote) counts.set(String(item.name), (counts.get(String(item.name)) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([name]) => name);
}

export interface StoredEpIntegration {
  id: string;
  name: string;
  integration_type: string;
  observes: string[];
  enabled: boolean;
  configuration: Record<string, unknown>;
}

/** Differences between declared EP integrations and what the emulator stores (unmasked). */
export function epMismatches(declared: Record<string, Record<string, unknown>>, remote: StoredEpIntegration[]): string[] {
  const byName = new Map(remote.map((item) => [item.name, item]));
  const problems: string[] = [];
  for (const wanted of Object.values(declared)) {
    const found = byName.get(String(wanted.name));
    if (!found) {
      problems.push(`${String(wanted.name)}: missing remotely`);
      continue;
    }
    if (found.integration_type !== wanted.integration_type) problems.push(`${found.name}: integration_type ${found.integration_type}`);
    if ([...found.observes].sort().join() !== [...(wanted.observes as string[])].sort().join()) problems.push(`${found.name}: observes`);
    for (const [key, value] of Object.entries(wanted.configuration as Record<string, unknown>)) {
      if (JSON.stringify(found.configuration[key]) !== JSON.stringify(value)) problems.push(`${found.name}: configuration.${key}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Terraform runs with a handle on the process

export interface RunningTerraform {
  child: ChildProcess;
  /** Resolves when terraform exits. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Output so far. */
  output(): string;
}

export function startTerraform(workspace: TerraformWorkspace, args: string[], extraEnv: NodeJS.ProcessEnv = {}): RunningTerraform {
  const env = { ...process.env, ...workspace.env, ...extraEnv, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const child = spawn('terraform', args, { cwd: workspace.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
  return { child, done, output: () => Buffer.concat(out).toString('utf8') + Buffer.concat(err).toString('utf8') };
}

export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Pids of processes whose command line contains every given fragment (from /proc, Linux). */
export function findProcesses(...fragments: string[]): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string;
    try {
      commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    if (fragments.every((fragment) => commandLine.includes(fragment))) pids.push(Number(entry));
  }
  return pids;
}

/** The process ids of `pid`'s descendants, from the parent pid in each /proc/<pid>/stat. */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may hold spaces; the parent pid is the second field after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/**
 * Every process serving a provider to this Terraform: the plugin processes it started (the
 * mirror's launchers, or the node they exec when no run host serves them) and the run host
 * (provider/protocol/run-host.ts), which is no descendant (its first launcher's subshell ends).
 */
export function providerProcessesOf(terraformPid: number, provider: string): number[] {
  const launches = descendants(terraformPid).filter((pid) => {
    const commandLine = commandLineOf(pid);
    return commandLine.includes(`terraform-provider-${provider}_v`) || commandLine.includes(`dist/provider.js ${provider}`);
  });
  return [...launches, ...findProcesses(`dist/provider.js ${provider} --run-host `, `--terraform-pid ${terraformPid}`)];
}

export function commandLineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

export interface ScenarioFigures {
  scenario: string;
  /** API calls the emulators logged (admin calls excluded). */
  requests: number;
  faultsInjected: number;
  duplicates: number;
  timeMs: number;
  applies?: number;
  notes?: string;
}

export const FIGURES_FILE = path.join(os.tmpdir(), 'cdktf-reliability-figures.jsonl');
/** The table of the current jest run (rows of this process), rewritten after every row. */
export const FIGURES_TABLE = path.join(os.tmpdir(), 'cdktf-reliability-figures.md');

/** Prints one row of the scenario table, appends it to FIGURES_FILE and rewrites FIGURES_TABLE. */
export function recordFigures(figures: ScenarioFigures): void {
  const row = { ...figures, pid: process.pid, at: new Date().toISOString() };
  fs.appendFileSync(FIGURES_FILE, `${JSON.stringify(row)}\n`);
  // eslint-disable-next-line no-console
  console.log(
    `[reliability] ${figures.scenario}: requests=${figures.requests} faults=${figures.faultsInjected} ` +
      `duplicates=${figures.duplicates} time=${(figures.timeMs / 1000).toFixed(1)}s` +
      (figures.applies !== undefined ? ` applies=${figures.applies}` : '') +
      (figures.notes ? ` (${figures.notes})` : ''),
  );
  const rows = fs
    .readFileSync(FIGURES_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ScenarioFigures & { pid: number })
    .filter((entry) => entry.pid === process.pid);
  const table = [
    '| scenario | requests | faults injected | duplicates | time (s) | applies | notes |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (entry) =>
        `| ${entry.scenario} | ${entry.requests} | ${entry.faultsInjected} | ${entry.duplicates} | ${(entry.timeMs / 1000).toFixed(1)} | ${entry.applies ?? ''} | ${entry.notes ?? ''} |`,
    ),
  ];
  fs.writeFileSync(FIGURES_TABLE, `${table.join('\n')}\n`);
}

export function countFaults(log: RequestLogEntry[]): number {
  return log.filter((entry) => entry.fault !== undefined && entry.fault !== 'latency').length;
}

export const TF_FLAGS = ['-input=false', '-no-color'];

// ---------------------------------------------------------------------------------------------
// Scenario steps shared by several suites

/** Applies until terraform exits 0 or `maxApplies` runs failed; returns the runs. */
export async function applyUntilClean(
  workspace: TerraformWorkspace,
  maxApplies: number,
  extra: string[] = [],
): Promise<Array<{ code: number; stdout: string; stderr: string }>> {
  const runs: Array<{ code: number; stdout: string; stderr: string }> = [];
  for (let i = 0; i < maxApplies; i++) {
    const run = await workspace.attempt(['apply', ...TF_FLAGS, '-auto-approve', ...extra]);
    runs.push(run);
    if (run.code === 0) break;
  }
  return runs;
}

/** The declared Sendcloud settings that the emulator's stored integration does not hold. */
export function scMismatches(declared: Record<string, Record<string, unknown>>, remote: Array<Record<string, unknown>>): string[] {
  const byId = new Map(remote.map((item) => [Number(item.id), item]));
  const problems: string[] = [];
  for (const wanted of Object.values(declared)) {
    const found = byId.get(Number(wanted.integration_id));
    if (!found) {
      problems.push(`${String(wanted.integration_id)}: missing remotely`);
      continue;
    }
    for (const [key, value] of Object.entries(wanted)) {
      if (key === 'integration_id') continue;
      const same = Array.isArray(value)
        ? JSON.stringify([...value].sort()) === JSON.stringify([...((found[key] as unknown[]) ?? [])].sort())
        : JSON.stringify(found[key]) === JSON.stringify(value);
      if (!same) problems.push(`${String(wanted.integration_id)}: ${key} is ${JSON.stringify(found[key])}`);
    }
  }
  return problems;
}

/**
 * Where state and the remote objects disagree: EP objects remote but not in state
 * (orphans), in state but not remote, or with another name; Sendcloud settings in state
 * that differ from the stored integration.
 */
export function stateVersusRemote(
  state: StateInstance[],
  epRemote: StoredEpIntegration[],
  scRemote: Array<Record<string, unknown>> = [],
): { orphans: string[]; missing: string[]; different: string[] } {
  const epState = state.filter((instance) => instance.type === 'elasticpath_integration');
  const stateIds = new Map(epState.map((instance) => [String(instance.attributes.id), instance]));
  const remoteIds = new Map(epRemote.map((item) => [item.id, item]));
  const orphans = epRemote.filter((item) => !stateIds.has(item.id)).map((item) => `${item.name} (${item.id})`);
  const missing = epState.filter((instance) => !remoteIds.has(String(instance.attributes.id))).map((instance) => instance.name);
  const different: string[] = [];
  for (const instance of epState) {
    const remote = remoteIds.get(String(instance.attributes.id));
    if (remote && remote.name !== instance.attributes.name) different.push(`${instance.name}: name`);
  }
  const scById = new Map(scRemote.map((item) => [Number(item.id), item]));
  for (const instance of state.filter((candidate) => candidate.type === 'sendcloud_integration')) {
    const remote = scById.get(Number(instance.attributes.integration_id));
    if (!remote) {
      missing.push(instance.name);
      continue;
    }
    for (const key of ['shop_name', 'shop_url', 'service_point_enabled', 'webhook_active', 'webhook_url', 'feedback_type']) {
      if (JSON.stringify(instance.attributes[key]) !== JSON.stringify(remote[key])) different.push(`${instance.name}: ${key}`);
    }
  }
  return { orphans, missing, different };
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}
