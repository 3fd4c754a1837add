/**
 * A throw-away Terraform workspace wired to the bundled toy provider through a
 * filesystem mirror (unpacked layout), so terraform never reaches a registry.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds of the command. */
  ms: number;
}

export class TerraformWorkspace {
  readonly root = mkdtempSync(join(tmpdir(), 'toy-terraform-'));
  readonly workDir = join(this.root, 'work');
  readonly filesDir = join(this.root, 'files');
  private readonly cliConfig = join(this.root, 'terraform.rc');

  constructor(bundlePath: string) {
    const mirror = join(this.root, 'mirror');
    const platformDir = join(mirror, 'registry.terraform.io', 'commerce-iac', 'toy', '0.1.0', 'linux_amd64');
    mkdirSync(platformDir, { recursive: true });
    mkdirSync(this.workDir, { recursive: true });
    const executable = join(platformDir, 'terraform-provider-toy_v0.1.0');
    writeFileSync(executable, `#!/bin/sh\nexec "${process.execPath}" "${bundlePath}" "$@"\n`);
    chmodSync(executable, 0o755);
    writeFileSync(
      this.cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/commerce-iac/*"]\n  }\n}\n`,
    );
  }

  writeConfig(hcl: string): void {
    writeFileSync(join(this.workDir, 'main.tf'), hcl);
  }

  run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn('terraform', args, {
        cwd: this.workDir,
        env: {
          ...process.env,
          CHECKPOINT_DISABLE: '1',
          TF_CLI_CONFIG_FILE: this.cliConfig,
          TF_IN_AUTOMATION: '1',
          TF_LOG: '',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
    });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
