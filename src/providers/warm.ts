/**
 * Warm providers: start each provider once and hand it to Terraform through
 * TF_REATTACH_PROVIDERS, so a plan does not pay a Node start-up per launch (Terraform
 * launches a provider about three times per plan). Used by this package's own
 * commands (drift, demo, bench); plain `cdktf deploy` launches providers normally.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as readline from 'node:readline';
import { PROVIDER_NAMES, type ProviderName } from '../../provider/names';
import { providerBundlePath } from '../cli/provider-install';

export interface WarmProviders {
  /** Environment to give terraform: TF_REATTACH_PROVIDERS. */
  env: { TF_REATTACH_PROVIDERS: string };
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;

export async function startWarmProviders(
  options: { names?: readonly ProviderName[]; env?: NodeJS.ProcessEnv; bundle?: string } = {},
): Promise<WarmProviders> {
  const children: ChildProcess[] = [];
  const reattach: Record<string, unknown> = {};
  try {
    for (const name of options.names ?? PROVIDER_NAMES) {
      const child = spawn(process.execPath, [options.bundle ?? providerBundlePath(), name, '--reattach'], {
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      Object.assign(reattach, await firstJsonLine(child, name));
    }
  } catch (error) {
    await Promise.all(children.map(stop));
    throw error;
  }
  return {
    env: { TF_REATTACH_PROVIDERS: JSON.stringify(reattach) },
    close: () => Promise.all(children.map(stop)).then(() => undefined),
  };
}

function firstJsonLine(child: ChildProcess, name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`the ${name} provider did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      try {
        resolve(JSON.parse(line) as Record<string, unknown>);
      } catch {
        reject(new Error(`the ${name} provider printed an unexpected first line: ${line.slice(0, 200)}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${name} provider exited with ${code} before it was ready`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  });
}
