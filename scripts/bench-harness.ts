/**
 * What the performance suites and `npm run bench` share: an Elastic Path emulator and
 * the offline provider mirror, Terraform working folders holding N integrations (or N
 * built-in terraform_data resources as a baseline), a CDKTF app of N integrations, the
 * emulator's request log split into tokens, reads and writes, and timing helpers.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createServerCertificate } from '../provider/protocol/certificate';
import { installProviders } from '../src/providers/install';
import { type TerraformRun, terraform } from '../src/drift/terraform';
import { ElasticPathAdmin, type RequestLogEntry, type RunningElasticPathEmulator, startElasticPathEmulator } from '../src/emulators';

export const REPO_ROOT = path.resolve(__dirname, '..');
const { version: PACKAGE_VERSION } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

/** go-plugin's launch contract (see provider/protocol/handshake.ts). */
export const PLUGIN_MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/**
 * Variables of this machine that every Node process pays for at start-up but nothing here
 * needs: NODE_EXTRA_CA_CERTS makes Node parse a whole CA bundle (and build its root store)
 * before running any code, 30-100 ms per process on this 2-core machine. The emulators
 * speak plain HTTP on 127.0.0.1.
 */
export const START_UP_TAX_VARIABLES = ['NODE_EXTRA_CA_CERTS'] as const;

/** Empty rather than absent, so helpers that merge process.env back in do not restore them (Node ignores an empty value). */
export function withoutStartUpTax(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const cleaned = { ...env };
  for (const name of START_UP_TAX_VARIABLES) cleaned[name] = '';
  return cleaned;
}

export interface PerfEmulator {
  emulator: RunningElasticPathEmulator;
  /** Environment for terraform and providers: credentials, the offline mirror, no checkpoint calls. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

let mirror: ReturnType<typeof installProviders> | undefined;

/** One offline provider mirror per process, over the built dist/provider.js. */
export function providerMirror(): ReturnType<typeof installProviders> {
  mirror ??= installProviders({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-perf-providers-')) });
  return mirror;
}

export async function startPerfEmulator(options: { keepStartUpTax?: boolean } = {}): Promise<PerfEmulator> {
  const emulator = await startElasticPathEmulator();
  const base = options.keepStartUpTax ? process.env : withoutStartUpTax(process.env);
  const env: NodeJS.ProcessEnv = {
    ...base,
    CHECKPOINT_DISABLE: '1',
    TF_CLI_CONFIG_FILE: providerMirror().cliConfigFile,
    TF_PLUGIN_CACHE_DIR: '',
    ELASTICPATH_API_BASE_URL: emulator.url,
    ELASTICPATH_CLIENT_ID: emulator.clientId,
    ELASTICPATH_CLIENT_SECRET: emulator.clientSecret,
  };
  env.TF_REATTACH_PROVIDERS = '';
  env.TF_LOG = '';
  return { emulator, env, close: () => emulator.close() };
}

// ---------------------------------------------------------------------------------------------
// Terraform configurations

export function integrationName(index: number, group?: string): string {
  return `perf ${group ? `${group} ` : ''}integration ${String(index).padStart(3, '0')}`;
}

export interface IntegrationsConfigOptions {
  /** Part of every name, so that several workspaces can share one store without clashing. */
  group?: string;
  /** Above 1, every webhook URL carries it: raising it turns the same N integrations into N updates. */
  revision?: number;
}

/** N webhook integrations, credentials from the ELASTICPATH_* environment. */
export function integrationsConfig(count: number, options: IntegrationsConfigOptions = {}): object {
  const resources: Record<string, object> = {};
  const revision = options.revision !== undefined && options.revision > 1 ? `?revision=${options.revision}` : '';
  const urlGroup = options.group ? `${options.group}/` : '';
  for (let index = 0; index < count; index += 1) {
    resources[`i${String(index).padStart(3, '0')}`] = {
      name: integrationName(index, options.group),
      integration_type: 'webhook',
      observes: ['order.paid', 'order.cancelled'],
      configuration: { url: `https://hooks.example.com/perf/${urlGroup}${index}${revision}` },
    };
  }
  return {
    terraform: { required_providers: { elasticpath: { source: 'commerce-iac/elasticpath', version: PACKAGE_VERSION } } },
    provider: { elasticpath: {} },
    resource: { elasticpath_integration: resources },
  };
}

/** N of Terraform's built-in terraform_data resources: the same plan without any provider plugin (options as for integrations). */
export function terraformDataConfig(count: number, options: IntegrationsConfigOptions = {}): object {
  const resources: Record<string, object> = {};
  const revision = options.revision !== undefined && options.revision > 1 ? `?revision=${options.revision}` : '';
  const urlGroup = options.group ? `${options.group}/` : '';
  for (let index = 0; index < count; index += 1) {
    resources[`d${String(index).padStart(3, '0')}`] = {
      input: {
        name: integrationName(index, options.group),
        observes: ['order.paid', 'order.cancelled'],
        url: `https://hooks.example.com/perf/${urlGroup}${index}${revision}`,
      },
    };
  }
  return { resource: { terraform_data: resources } };
}

export class Workspace {
  readonly dir: string;

  constructor(
    readonly env: NodeJS.ProcessEnv,
    config?: object,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-perf-tf-'));
    if (config) this.writeConfig(config);
  }

  writeConfig(config: object): void {
    fs.writeFileSync(path.join(this.dir, 'main.tf.json'), JSON.stringify(config, null, 2));
  }

  run(args: string[], extraEnv: NodeJS.ProcessEnv = {}, okCodes: number[] = []): Promise<TerraformRun> {
    return terraform(args, { cwd: this.dir, env: { ...this.env, ...extraEnv }, okCodes });
  }

  init(): Promise<TerraformRun> {
    return this.run(['init', '-input=false', '-no-color']);
  }

  apply(extraEnv: NodeJS.ProcessEnv = {}): Promise<TerraformRun> {
    return this.run(['apply', '-input=false', '-no-color', '-auto-approve'], extraEnv);
  }

  /** `plan -detailed-exitcode`: code 0 no changes, 2 changes. */
  plan(extraEnv: NodeJS.ProcessEnv = {}, extraArgs: string[] = []): Promise<TerraformRun> {
    return this.run(['plan', '-input=false', '-no-color', '-detailed-exitcode', ...extraArgs], extraEnv, [2]);
  }

  /** Resources of the local state file, by address. */
  state(): Map<string, Record<string, unknown>> {
    const file = path.join(this.dir, 'terraform.tfstate');
    const resources = fs.existsSync(file)
      ? ((JSON.parse(fs.readFileSync(file, 'utf8')) as { resources?: StateResource[] }).resources ?? [])
      : [];
    const byAddress = new Map<string, Record<string, unknown>>();
    for (const resource of resources) {
      for (const instance of resource.instances) byAddress.set(`${resource.type}.${resource.name}`, instance.attributes);
    }
    return byAddress;
  }

  /** A second folder with the same configuration, state and initialized providers. */
  copy(): Workspace {
    const twin = new Workspace(this.env);
    fs.cpSync(this.dir, twin.dir, { recursive: true, verbatimSymlinks: true });
    return twin;
  }

  removeState(): void {
    for (const name of ['terraform.tfstate', 'terraform.tfstate.backup']) fs.rmSync(path.join(this.dir, name), { force: true });
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

interface StateResource {
  type: string;
  name: string;
  instances: { attributes: Record<string, unknown> }[];
}

// ---------------------------------------------------------------------------------------------
// A CDKTF app of N integrations, for `cdktf-integrations drift`

export interface AppStack {
  name: string;
  /** How many webhook integrations the stack declares. */
  integrations: number;
  /** The stack's Elastic Path API base URL; ELASTICPATH_API_BASE_URL when absent. */
  apiBaseUrl?: string;
  /** The stack's store (EP-Store-ID); the key's default store when absent. */
  storeId?: string;
  /** A client secret written literally into the provider block; ELASTICPATH_CLIENT_SECRET when absent. */
  clientSecret?: string;
}

/**
 * Writes a CDKTF app (importing this repository's src) whose stacks each declare N
 * ElasticPathIntegration constructs; returns its folder.
 */
export function writeIntegrationsApp(stacks: AppStack[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-perf-app-'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'stacks.json'), JSON.stringify(stacks));
  const src = JSON.stringify(path.join(REPO_ROOT, 'src'));
  fs.writeFileSync(
    path.join(dir, 'main.ts'),
    `import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { ElasticPathIntegration, ElasticPathProvider, IntegrationConfiguration } from ${src};

const app = new App();
for (const spec of JSON.parse(fs.readFileSync(path.join(__dirname, 'stacks.json'), 'utf8'))) {
  const stack = new TerraformStack(app, spec.name);
  new ElasticPathProvider(stack, 'elasticpath', {
    ...(spec.apiBaseUrl ? { apiBaseUrl: spec.apiBaseUrl } : {}),
    ...(spec.storeId ? { storeId: spec.storeId } : {}),
    ...(spec.clientSecret ? { clientSecret: spec.clientSecret } : {}),
  });
  for (let index = 0; index < spec.integrations; index += 1) {
    new ElasticPathIntegration(stack, \`integration-\${index}\`, {
      name: \`perf integration \${String(index).padStart(3, '0')}\`,
      observes: ['order.paid', 'order.cancelled'],
      configuration: IntegrationConfiguration.webhook({ url: \`https://hooks.example.com/perf/\${index}\` }),
    });
  }
}
app.synth();
`,
  );
  fs.writeFileSync(
    path.join(dir, 'cdktf.json'),
    JSON.stringify({ language: 'typescript', app: `node ${JSON.stringify(path.join(REPO_ROOT, 'scripts', 'run-ts.js'))} main.ts`, projectId: 'perf', sendCrashReports: 'false' }),
  );
  return dir;
}

/**
 * The floor of a fleet: a CDKTF app with the same stacks, each declaring N of Terraform's
 * built-in terraform_data resources instead of integrations. They are plain TerraformResources
 * rather than cdktf's DataResource, whose synth runs `terraform version` once per resource
 * (seconds per stack on a loaded machine), a cost the integrations' synth does not have.
 */
export function writeTerraformDataApp(stacks: AppStack[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-perf-floor-'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'stacks.json'), JSON.stringify(stacks));
  fs.writeFileSync(
    path.join(dir, 'main.ts'),
    `import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformResource, TerraformStack } from 'cdktf';

const app = new App();
for (const spec of JSON.parse(fs.readFileSync(path.join(__dirname, 'stacks.json'), 'utf8'))) {
  const stack = new TerraformStack(app, spec.name);
  for (let index = 0; index < spec.integrations; index += 1) {
    const data = new TerraformResource(stack, \`data-\${index}\`, { terraformResourceType: 'terraform_data' });
    data.addOverride('input', { name: \`perf integration \${String(index).padStart(3, '0')}\`, observes: ['order.paid', 'order.cancelled'], url: \`https://hooks.example.com/perf/\${index}\` });
  }
}
app.synth();
`,
  );
  fs.writeFileSync(
    path.join(dir, 'cdktf.json'),
    JSON.stringify({ language: 'typescript', app: `node ${JSON.stringify(path.join(REPO_ROOT, 'scripts', 'run-ts.js'))} main.ts`, projectId: 'perf-floor', sendCrashReports: 'false' }),
  );
  return dir;
}

/**
 * An offline provider mirror whose launchers note every launch in a file before starting
 * the provider: how a test tells that Terraform did not launch a provider itself.
 */
export function countingProviderMirror(): { cliConfigFile: string; launches(): number; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-perf-counting-'));
  const installed = installProviders({ dir });
  const counter = path.join(dir, 'launches.log');
  fs.writeFileSync(counter, '');
  for (const launcher of findFiles(installed.mirrorDir, (name) => name.startsWith('terraform-provider-'))) {
    const script = fs.readFileSync(launcher, 'utf8');
    // First thing after the shebang: a launch counts whether it runs its own provider or joins a run host.
    fs.writeFileSync(launcher, script.replace(/^#!\/bin\/sh\n/, (shebang) => `${shebang}echo launched >> ${JSON.stringify(counter)}\n`));
  }
  return {
    cliConfigFile: installed.cliConfigFile,
    launches: () => fs.readFileSync(counter, 'utf8').split('\n').filter(Boolean).length,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function findFiles(dir: string, wanted: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(full, wanted);
    return wanted(entry.name) ? [full] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// The emulator's request log

export interface RequestCounts {
  total: number;
  tokens: number;
  /** Non-GET calls other than token requests. */
  writes: number;
  entries: RequestLogEntry[];
}

export function isTokenRequest(entry: RequestLogEntry): boolean {
  return entry.path.startsWith('/oauth/');
}

export function countRequests(entries: RequestLogEntry[]): RequestCounts {
  return {
    total: entries.length,
    tokens: entries.filter(isTokenRequest).length,
    writes: entries.filter((entry) => entry.method !== 'GET' && !isTokenRequest(entry)).length,
    entries,
  };
}

/** The log holds at most 10 000 entries; a window is taken by position, so stay below that. */
const EMULATOR_LOG_CAPACITY = 10_000;

/** Marks a point in the emulator's request log; `since()` answers the calls made after it. */
export async function requestWindow(emulatorUrl: string): Promise<{ since(): Promise<RequestCounts> }> {
  const start = (await requestLog(emulatorUrl)).length;
  return {
    since: async () => {
      const log = await requestLog(emulatorUrl);
      if (log.length >= EMULATOR_LOG_CAPACITY) throw new Error('the emulator request log is full: counts would be wrong');
      return countRequests(log.slice(start));
    },
  };
}

export function requestLog(emulatorUrl: string): Promise<RequestLogEntry[]> {
  return new ElasticPathAdmin(emulatorUrl).requests();
}

// ---------------------------------------------------------------------------------------------
// Timing

/** The environment Terraform launches a provider with (go-plugin's cookie, a client certificate), nothing else. */
export function pluginLaunchEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    TF_PLUGIN_MAGIC_COOKIE: PLUGIN_MAGIC_COOKIE,
    PLUGIN_PROTOCOL_VERSIONS: '6',
    PLUGIN_CLIENT_CERT: createServerCertificate().certificatePem,
  };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/** Spawn of `command` to its first complete stdout line, in ms. */
export function firstLineMs(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) {
        resolve(Number(process.hrtime.bigint() - started) / 1e6);
        child.kill('SIGKILL');
      }
    });
    child.once('exit', (code) => {
      if (!stdout.includes('\n')) reject(new Error(`${command} ${args.join(' ')} exited with ${code} before its first line: ${stderr}`));
    });
    child.once('error', reject);
  });
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Warm (reattach-mode) provider processes whose parent is this process, from /proc. */
export function warmProviderChildren(): number[] {
  const ids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may hold spaces, so read after its closing parenthesis.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (commandLine.includes('--reattach')) ids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return ids;
}

/** Spawns a process and resolves with its exit code and output. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Synthesizes a CDKTF app (its cdktf.json "app" command) and applies its stack with terraform. */
export async function deployApp(appDir: string, stackName: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { app } = JSON.parse(fs.readFileSync(path.join(appDir, 'cdktf.json'), 'utf8')) as { app: string };
  const outdir = path.join(appDir, 'cdktf.out');
  const synth = await runProcess('sh', ['-c', app], { cwd: appDir, env: { ...process.env, ...env, CDKTF_OUTDIR: outdir } });
  if (synth.code !== 0) throw new Error(`synth failed (exit ${synth.code}):\n${synth.stdout}${synth.stderr}`);
  const stackDir = path.join(outdir, 'stacks', stackName);
  await terraform(['init', '-input=false', '-no-color'], { cwd: stackDir, env });
  await terraform(['apply', '-input=false', '-no-color', '-auto-approve'], { cwd: stackDir, env });
  return stackDir;
}
