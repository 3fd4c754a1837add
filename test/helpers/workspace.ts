/**
 * A throwaway Terraform working directory wired to this package's providers (offline
 * mirror) and to running emulators, for end-to-end tests with the real terraform CLI.
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

  constructor(env: NodeJS.ProcessEnv = {}) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-tf-'));
    this.env = {
      TF_CLI_CONFIG_FILE: providerInstall().cliConfigFile,
      TF_PLUGIN_CACHE_DIR: '',
      ...env,
    };
  }

  /** Writes main.tf.json (an object in Terraform's JSON syntax). */
  writeConfig(config: object): void {
    fs.writeFileSync(path.join(this.dir, 'main.tf.json'), JSON.stringify(config, null, 2));
  }

  writeFile(name: string, content: string): void {
    fs.writeFileSync(path.join(this.dir, name), content);
  }

  run(args: string[], okCodes: number[] = []): Promise<TerraformRun> {
    return terraform(args, { cwd: this.dir, env: this.env, okCodes });
  }

  /** Runs terraform and resolves whatever its exit code, for tests that expect failure. */
  attempt(args: string[]): Promise<TerraformRun> {
    return terraform(args, { cwd: this.dir, env: this.env, okCodes: Array.from({ length: 256 }, (_, i) => i) });
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
