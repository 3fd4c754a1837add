/**
 * Shared pieces of the drift end-to-end suites: emulators with credentials unique to
 * the run, small CDKTF apps written to temp folders (importing this repository's src by
 * absolute path), deploying them with the real terraform, the admin side-channel, and
 * the built CLI.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraform } from '../../src/drift/terraform';
import {
  type DeliveryOptions,
  type RunningElasticPathEmulator,
  type RunningSendcloudEmulator,
  startElasticPathEmulator,
  startSendcloudEmulator,
} from '../../src/emulators';
import { REPO_ROOT, providerInstall } from '../helpers/workspace';

export { REPO_ROOT };

/** A value no other test or fixture uses, so grepping a report for it proves it is absent. */
export function uniqueSecret(label: string): string {
  return `${label}-${randomBytes(12).toString('hex')}`;
}

export interface DriftEmulators {
  elasticpath: RunningElasticPathEmulator;
  sendcloud: RunningSendcloudEmulator;
  /** Provider credentials and the offline provider mirror, as terraform and the app need them. */
  env: Record<string, string>;
  /** The credential secrets, for redaction checks. */
  credentialSecrets: string[];
  close(): Promise<void>;
}

export async function startDriftEmulators(options: { delivery?: DeliveryOptions } = {}): Promise<DriftEmulators> {
  const elasticpath = await startElasticPathEmulator({ clientSecret: uniqueSecret('ep-client-secret'), delivery: options.delivery });
  const sendcloud = await startSendcloudEmulator({ secretKey: uniqueSecret('sc-secret-key') });
  return {
    elasticpath,
    sendcloud,
    env: {
      CHECKPOINT_DISABLE: '1',
      TF_CLI_CONFIG_FILE: providerInstall().cliConfigFile,
      TF_PLUGIN_CACHE_DIR: '',
      ELASTICPATH_API_BASE_URL: elasticpath.url,
      ELASTICPATH_CLIENT_ID: elasticpath.clientId,
      ELASTICPATH_CLIENT_SECRET: elasticpath.clientSecret,
      SENDCLOUD_API_BASE_URL: sendcloud.url,
      SENDCLOUD_PUBLIC_KEY: sendcloud.publicKey,
      SENDCLOUD_SECRET_KEY: sendcloud.secretKey,
    },
    credentialSecrets: [elasticpath.clientSecret, sendcloud.secretKey],
    close: async () => {
      await Promise.all([elasticpath.close(), sendcloud.close()]);
    },
  };
}

/** Calls an emulator's unauthenticated /__admin side-channel; throws on a non-2xx answer. */
export async function admin<T = unknown>(baseUrl: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/__admin${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /__admin${route} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface StoredEpIntegration {
  id: string;
  name: string;
  enabled: boolean;
  observes: string[];
  configuration: Record<string, unknown>;
  updated_at: string;
}

export async function epIntegrationNamed(emulators: DriftEmulators, name: string): Promise<StoredEpIntegration> {
  const all = await admin<StoredEpIntegration[]>(emulators.elasticpath.url, 'GET', '/integrations');
  const found = all.find((integration) => integration.name === name);
  if (!found) throw new Error(`no Elastic Path integration named ${name}: ${all.map((i) => i.name).join(', ')}`);
  return found;
}

/** A secret the app reads from a sensitive Terraform variable (set through TF_VAR_<name>). */
export interface SecretRef {
  variable: string;
}

export interface EpIntegrationSpec {
  /** The construct id. */
  id: string;
  name: string;
  enabled?: boolean;
  observes: string[];
  type: 'webhook' | 'awsSqs' | 'stomp';
  /** The alias of one of the stack's extra Elastic Path providers; the default provider when absent. */
  providerAlias?: string;
  /** The IntegrationConfiguration factory's options; secrets as SecretRef. */
  configuration: Record<string, string | string[] | SecretRef>;
  /** ElasticPathIntegrationProps.ignoreChanges. */
  ignoreChanges?: string[];
}

export interface SendcloudIntegrationSpec {
  id: string;
  /** SendcloudIntegrationProps. */
  props: Record<string, unknown>;
}

export interface StackSpec {
  name: string;
  /** Literal settings of the stack's default providers (e.g. a client secret written into the code). */
  providers?: { elasticpath?: Record<string, string>; sendcloud?: Record<string, string> };
  /** A LocalBackend path; when absent the stack keeps cdktf's default local backend. */
  localBackendPath?: string;
  /** Extra, aliased Elastic Path providers (a second store), with their own API base URL (and store id). */
  elasticpathAliases?: { alias: string; apiBaseUrl: string; storeId?: string }[];
  /** Exclusive management (ElasticPathIntegrationsExclusive, SendcloudIntegrationsExclusive) declared after the integrations. */
  exclusive?: {
    elasticpath?: { id: string; providerAlias?: string; ignoreNames?: string[]; prune?: boolean }[];
    sendcloud?: { id: string; ignoreNames?: string[] }[];
  };
  elasticpath: EpIntegrationSpec[];
  sendcloud: SendcloudIntegrationSpec[];
}

export interface AppSpec {
  stacks: StackSpec[];
}

/**
 * The app's code: reads spec.json next to it and declares the constructs it lists. A
 * change of the spec is a change of the code as far as synth and drift can tell.
 */
function appSource(): string {
  const src = JSON.stringify(path.join(REPO_ROOT, 'src'));
  return `import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, LocalBackend, TerraformStack, TerraformVariable } from 'cdktf';
import { ElasticPathIntegration, ElasticPathIntegrationsExclusive, ElasticPathProvider, IntegrationConfiguration, SendcloudIntegration, SendcloudIntegrationsExclusive, SendcloudProvider } from ${src};

const spec = JSON.parse(fs.readFileSync(path.join(__dirname, 'spec.json'), 'utf8'));
const app = new App();
for (const stackSpec of spec.stacks) {
  const stack = new TerraformStack(app, stackSpec.name);
  if (stackSpec.localBackendPath) new LocalBackend(stack, { path: stackSpec.localBackendPath });
  new ElasticPathProvider(stack, 'elasticpath', stackSpec.providers?.elasticpath);
  const aliased = new Map<string, ElasticPathProvider>();
  for (const extra of stackSpec.elasticpathAliases ?? []) {
    aliased.set(extra.alias, new ElasticPathProvider(stack, \`elasticpath-\${extra.alias}\`, { alias: extra.alias, apiBaseUrl: extra.apiBaseUrl, storeId: extra.storeId }));
  }
  new SendcloudProvider(stack, 'sendcloud', stackSpec.providers?.sendcloud);
  const variables = new Map<string, string>();
  const resolve = (value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const name = (value as { variable: string }).variable;
    if (!variables.has(name)) variables.set(name, new TerraformVariable(stack, name, { type: 'string', sensitive: true }).stringValue);
    return variables.get(name);
  };
  for (const integration of stackSpec.elasticpath) {
    const options = Object.fromEntries(Object.entries(integration.configuration).map(([key, value]) => [key, resolve(value)]));
    new ElasticPathIntegration(stack, integration.id, {
      name: integration.name,
      enabled: integration.enabled,
      observes: integration.observes,
      configuration: (IntegrationConfiguration as any)[integration.type](options),
      provider: integration.providerAlias ? aliased.get(integration.providerAlias) : undefined,
      ignoreChanges: integration.ignoreChanges,
    });
  }
  for (const integration of stackSpec.sendcloud) new SendcloudIntegration(stack, integration.id, integration.props as any);
  for (const exclusive of stackSpec.exclusive?.elasticpath ?? []) {
    const { id, providerAlias, ...props } = exclusive;
    new ElasticPathIntegrationsExclusive(stack, id, { ...props, provider: providerAlias ? aliased.get(providerAlias) : undefined });
  }
  for (const exclusive of stackSpec.exclusive?.sendcloud ?? []) {
    const { id, ...props } = exclusive;
    new SendcloudIntegrationsExclusive(stack, id, props);
  }
}
app.synth();
`;
}

export class DriftApp {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** A CDKTF app in a fresh temp folder, declaring what `spec` lists. */
  static create(spec: AppSpec): DriftApp {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-e2e-app-'));
    linkNodeModules(dir);
    fs.writeFileSync(path.join(dir, 'main.ts'), appSource());
    fs.writeFileSync(path.join(dir, 'cdktf.json'), cdktfJson('drift-e2e'));
    const app = new DriftApp(dir);
    app.writeSpec(spec);
    return app;
  }

  /** examples/quickstart copied to a temp folder, its relative imports of the library made absolute. */
  static copyQuickstart(): DriftApp {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-e2e-quickstart-'));
    linkNodeModules(dir);
    const source = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'quickstart', 'main.ts'), 'utf8');
    const rewritten = source.replace(/from '\.\.\/\.\.\/src'/, `from ${JSON.stringify(path.join(REPO_ROOT, 'src'))}`);
    if (rewritten === source) throw new Error("examples/quickstart/main.ts no longer imports '../../src': update copyQuickstart");
    fs.writeFileSync(path.join(dir, 'main.ts'), rewritten);
    fs.writeFileSync(path.join(dir, 'cdktf.json'), cdktfJson('quickstart-copy'));
    return new DriftApp(dir);
  }

  writeSpec(spec: AppSpec): void {
    fs.writeFileSync(path.join(this.dir, 'spec.json'), JSON.stringify(spec, null, 2));
  }

  stackDir(stack: string): string {
    return path.join(this.dir, 'cdktf.out', 'stacks', stack);
  }

  /** Runs the app command into cdktf.out, as `cdktf synth` does. */
  async synth(env: NodeJS.ProcessEnv): Promise<void> {
    const { app } = JSON.parse(fs.readFileSync(path.join(this.dir, 'cdktf.json'), 'utf8')) as { app: string };
    const result = await runProcess('sh', ['-c', app], { cwd: this.dir, env: { ...env, CDKTF_OUTDIR: path.join(this.dir, 'cdktf.out') } });
    if (result.code !== 0) throw new Error(`synth failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
  }

  /** Synthesizes, then `terraform init` and `apply` in each named stack (in parallel). */
  async deploy(env: NodeJS.ProcessEnv, stacks: string[]): Promise<void> {
    await this.synth(env);
    await Promise.all(
      stacks.map(async (stack) => {
        const run = { cwd: this.stackDir(stack), env };
        await terraform(['init', '-input=false', '-no-color'], run);
        await terraform(['apply', '-input=false', '-no-color', '-auto-approve'], run);
      }),
    );
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function cdktfJson(projectId: string): string {
  return JSON.stringify(
    {
      language: 'typescript',
      app: `node ${JSON.stringify(path.join(REPO_ROOT, 'scripts', 'run-ts.js'))} main.ts`,
      projectId,
      sendCrashReports: 'false',
      terraformProviders: [],
      terraformModules: [],
      context: {},
    },
    null,
    2,
  );
}

/** The app's own `import ... from 'cdktf'` resolves from its folder: point it at this repository's packages. */
function linkNodeModules(dir: string): void {
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** `node dist/cli.js drift ...`, the built command a pipeline runs. */
export function runDriftCli(args: string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return runProcess(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'drift', ...args], { cwd: os.tmpdir(), env });
}

/** Fails with the first secret found in `text`, naming where it was seen but not the value. */
export function expectNoSecrets(text: string, secrets: string[], where: string): void {
  const leaked = secrets.findIndex((secret) => text.includes(secret));
  if (leaked >= 0) throw new Error(`secret #${leaked} (of ${secrets.length}) appears in ${where}`);
}
