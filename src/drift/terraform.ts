/** Running the terraform CLI as a child process, with its output captured and its failures explained. */
import { spawn } from 'node:child_process';

export interface TerraformRun {
  stdout: string;
  stderr: string;
  code: number;
}

export class TerraformError extends Error {
  constructor(
    readonly command: string,
    readonly cwd: string,
    readonly code: number,
    readonly output: string,
  ) {
    super(`\`terraform ${command}\` failed in ${cwd} (exit ${code}):\n${output.trim()}`);
    this.name = 'TerraformError';
  }
}

export interface TerraformOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The terraform executable; default `terraform` on the PATH. */
  binary?: string;
  /** Exit codes that are not failures (plan -detailed-exitcode answers 2 for "changes"). */
  okCodes?: number[];
}

export function terraform(args: string[], options: TerraformOptions): Promise<TerraformRun> {
  const env = { ...process.env, ...options.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  return new Promise((resolve, reject) => {
    const child = spawn(options.binary ?? 'terraform', args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(new TerraformError(args.join(' '), options.cwd, -1, `could not start terraform: ${error.message}; is it installed and on the PATH?`)),
    );
    child.on('close', (code) => {
      const run = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? -1 };
      if (run.code === 0 || options.okCodes?.includes(run.code)) resolve(run);
      else reject(new TerraformError(args.join(' '), options.cwd, run.code, run.stderr || run.stdout));
    });
  });
}
