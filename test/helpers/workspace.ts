/**
 * A throwaway Terraform working directory for end-to-end tests with the real terraform CLI:
 * wired to this package's providers (offline mirror) and to running emulators, or, as a
 * ToyWorkspace, to the protocol suites' toy provider.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installProviders } from '../../src/providers/install';
import { type TerraformRun, terraform } from '../../src/drift/terraform';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

let installed: ReturnType<typeof installProviders> | undefined;

/** One provider mirror for the whole test process. */
export function providerInstall(): ReturnType<typeof installProviders> {
  installed ??= installProviders({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-providers-')) });
  return installed;
}

export class TerraformWorkspace {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  /** `env` adds to (or overrides) the variables terraform runs with; TF_CLI_CONFIG_FILE defaults to this package's mirror. */
  constructor(env: NodeJS.ProcessEnv = {}, prefix = 'cdktf-integrations-tf-') {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.env = {
      TF_CLI_CONFIG_FILE: env.TF_CLI_CONFIG_FILE ?? providerInstall().cliConfigFile,
      TF_PLUGIN_CACHE_DIR: '',
      ...env,
    };
  }

  /** Writes main.tf.json from an object in Terraform's JSON syntax, or main.tf from HCL text. */
  writeConfig(config: object | string): void {
    if (typeof config === 'string') fs.writeFileSync(path.join(this.dir, 'main.tf'), config);
    else fs.writeFileSync(path.join(this.dir, 'main.tf.json'), JSON.stringify(config, null, 2));
  }

  writeFile(name: string, content: string): void {
    fs.writeFileSync(path.join(this.dir, name), content);
  }

  run(args: string[], okCodes: number[] = []): Promise<TerraformRun> {
    return terraform(args, { cwd: this.dir, env: this.env, okCodes });
  }

  /** Runs terraform and resolves whatever its exit code, for tests that expect failure; `env` adds to the workspace's. */
  attempt(args: string[], env: NodeJS.ProcessEnv = {}): Promise<TerraformRun> {
    return terraform(args, { cwd: this.dir, env: { ...this.env, ...env }, okCodes: Array.from({ length: 256 }, (_, i) => i) });
  }

  init(): Promise<TerraformRun> {
    return this.run(['init', '-input=false', '-no-color']);
  }

  apply(extra: string[] = []): Promise<TerraformRun> {
    return this.run(['apply', '-input=false', '-no-color', '-auto-approve', ...extra]);
  }

  /** `plan -detailed-exitcode`: 0 no changes, 2 changes. */
  plan(extra: string[] = []): Promise<TerraformRun> {
    return this.run(['plan', '-input=false', '-no-color', '-detailed-exitcode', ...extra], [2]);
  }

  state(): Record<string, unknown>[] {
    const file = path.join(this.dir, 'terraform.tfstate');
    if (!fs.existsSync(file)) return [];
    return (JSON.parse(fs.readFileSync(file, 'utf8')).resources ?? []) as Record<string, unknown>[];
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The required_providers block for both providers, pinned to this package's version. */
export function requiredProviders(): object {
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return {
    required_providers: {
      elasticpath: { source: 'commerce-iac/elasticpath', version },
      sendcloud: { source: 'commerce-iac/sendcloud', version },
    },
  };
}

/**
 * A workspace for the protocol suites' toy provider (`commerce-iac/toy`), installed from a
 * filesystem mirror of its own, so terraform never reaches a registry. The toy provider keeps
 * its files in `filesDir`; the mirror and the files live in a second temp folder, removed
 * with the workspace.
 */
export class ToyWorkspace extends TerraformWorkspace {
  readonly filesDir: string;
  private readonly toyRoot: string;

  constructor(bundlePath: string) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'toy-terraform-'));
    const mirror = path.join(root, 'mirror');
    const platformDir = path.join(mirror, 'registry.terraform.io', 'commerce-iac', 'toy', '0.1.0', 'linux_amd64');
    fs.mkdirSync(platformDir, { recursive: true });
    const executable = path.join(platformDir, 'terraform-provider-toy_v0.1.0');
    fs.writeFileSync(executable, `#!/bin/sh\nexec "${process.execPath}" "${bundlePath}" "$@"\n`);
    fs.chmodSync(executable, 0o755);
    const cliConfig = path.join(root, 'terraform.rc');
    fs.writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/commerce-iac/*"]\n  }\n}\n`,
    );
    super({ TF_CLI_CONFIG_FILE: cliConfig, TF_LOG: '' }, 'toy-work-');
    this.filesDir = path.join(root, 'files');
    fs.mkdirSync(this.filesDir);
    this.toyRoot = root;
  }

  cleanup(): void {
    super.cleanup();
    fs.rmSync(this.toyRoot, { recursive: true, force: true });
  }
}
