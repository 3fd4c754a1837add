/** Running the terraform CLI as a child process, with its output captured and its failures explained. */
import { type ChildProcess, spawn } from 'node:child_process';

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

/** A terraform run ended because its `signal` fired (a stack's time limit); its process group was killed. */
export class TerraformAbortedError extends Error {
  constructor(
    readonly command: string,
    readonly cwd: string,
    readonly reason: string,
  ) {
    super(`\`terraform ${command}\` in ${cwd} was ended: ${reason}`);
    this.name = 'TerraformAbortedError';
  }
}

export interface TerraformOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The terraform executable; default `terraform` on the PATH. */
  binary?: string;
  /** Exit codes that are not failures (plan -detailed-exitcode answers 2 for "changes"). */
  okCodes?: number[];
  /**
   * Ends the run: terraform and everything it started (providers it launched) are killed as a
   * process group, and the promise rejects with TerraformAbortedError (the signal's reason as message).
   */
  signal?: AbortSignal;
}

/** After SIGTERM, how long terraform gets to release its state lock before SIGKILL. */
const KILL_GRACE_MS = 3000;

/** Process groups of terraform runs still going, ended if this process is interrupted or exits. */
const runningGroups = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Terraform runs in a process group of its own (so a time limit can end it together with the
 * providers it launched), which takes it out of the terminal's group too: while runs are going,
 * an interrupt of this process is passed on to them, and an exit ends what is left.
 */
function passSignalsOn(signal: NodeJS.Signals): void {
  for (const pid of runningGroups) killGroup(pid, signal);
  // Nobody else listens: end as the signal would have without this listener.
  if (process.listenerCount(signal) === 1) {
    stopPassingSignalsOn();
    process.kill(process.pid, signal);
  }
}
const onExit = () => {
  for (const pid of runningGroups) killGroup(pid, 'SIGKILL');
};

function startPassingSignalsOn(): void {
  if (runningGroups.size > 0) return;
  process.on('SIGINT', passSignalsOn);
  process.on('SIGTERM', passSignalsOn);
  process.on('exit', onExit);
}

function stopPassingSignalsOn(): void {
  process.off('SIGINT', passSignalsOn);
  process.off('SIGTERM', passSignalsOn);
  process.off('exit', onExit);
}

export function terraform(args: string[], options: TerraformOptions): Promise<TerraformRun> {
  const env = { ...process.env, ...options.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const command = args.join(' ');
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new TerraformAbortedError(command, options.cwd, String(options.signal.reason)));
      return;
    }
    const child: ChildProcess = spawn(options.binary ?? 'terraform', args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid !== undefined) {
      startPassingSignalsOn();
      runningGroups.add(pid);
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let aborted: string | undefined;
    let forceKill: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (pid === undefined) return;
      aborted = String(options.signal?.reason ?? 'aborted');
      killGroup(pid, 'SIGTERM');
      forceKill = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(new TerraformError(command, options.cwd, -1, `could not start terraform: ${error.message}; is it installed and on the PATH?`)),
    );
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (pid !== undefined) {
        // Terraform has exited; a provider it launched and left behind must not outlive it.
        killGroup(pid, 'SIGKILL');
        runningGroups.delete(pid);
        if (runningGroups.size === 0) stopPassingSignalsOn();
      }
      if (forceKill) clearTimeout(forceKill);
      if (aborted !== undefined) {
        reject(new TerraformAbortedError(command, options.cwd, aborted));
        return;
      }
      const run = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? -1 };
      if (run.code === 0 || options.okCodes?.includes(run.code)) resolve(run);
      else reject(new TerraformError(command, options.cwd, run.code, run.stderr || run.stdout));
    });
  });
}
