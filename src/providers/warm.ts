/**
 * Warm providers: start each provider once and hand it to Terraform through
 * TF_REATTACH_PROVIDERS, so a plan does not pay a Node start-up per launch (Terraform
 * launches a provider about three times per plan). Used by this package's own
 * commands (drift, demo, bench); plain `cdktf deploy` launches providers normally.
 *
 * Terraform opens a connection of its own for each provider configuration it runs, and the
 * provider keeps a configured client per connection (provider/protocol/plugin-server.ts), so
 * Terraform runs may share a warm process, also at the same time, and so may the aliases of one
 * configuration: `sharedWarmProviders` starts each provider once for a whole fleet check.
 *
 * A warm provider listens where provider/protocol/transport.ts says: a unix socket in a private
 * folder, or, on Windows, a TCP port on 127.0.0.1 (`"Network": "tcp"` in its entry), which every
 * local process can reach; see `warmProvidersArePrivate`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import {
  PROVIDER_HOSTS,
  PROVIDER_NAMES,
  PROVIDER_NAMESPACE,
  PROVIDER_SOURCE_PREFIX,
  type ProviderName,
  parseProviderSource,
  providerOfSource,
  qualifiedSource,
} from '../../provider/names';
import { pluginNetwork } from '../../provider/protocol/transport';
import { providerBundlePath } from './install';

export interface WarmProviders {
  /** Environment to give terraform: TF_REATTACH_PROVIDERS. */
  env: { TF_REATTACH_PROVIDERS: string };
  /** Process ids of the running providers, by provider name. */
  pids: Partial<Record<ProviderName, number>>;
  close(): Promise<void>;
}

/**
 * Whether warm providers started here would be reachable by this user only. A reattached provider
 * serves plain gRPC (Terraform cannot do mutual TLS with a provider it did not start) with the
 * credentials of its environment: on a unix socket in a 0700 folder that is private, but a TCP
 * port on 127.0.0.1 (Windows, or PLUGIN_TRANSPORT_VARIABLE=tcp) is open to every local process.
 * `drift` starts warm providers only where this holds and otherwise lets Terraform launch the
 * providers it installed, which then use mutual TLS.
 */
export function warmProvidersArePrivate(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  const network = pluginNetwork(platform, env);
  return network.ok && network.value === 'unix';
}

/** Tells provider/main.ts that a reattached provider should exit when the process that started it is gone. */
export const EXIT_WITH_PARENT_VARIABLE = 'COMMERCE_IAC_EXIT_WITH_PARENT';

const START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 2000;

/** Children still running, killed if this process exits without closing them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLeftoversOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) {
      child.kill('SIGKILL');
      removeSocketDirectory(child);
    }
  });
}

/** Each provider's private socket directory (see provider/protocol/serve.ts), by process. */
const socketDirectories = new WeakMap<ChildProcess, string>();

/** A provider killed outright cannot remove its socket directory itself. */
function removeSocketDirectory(child: ChildProcess): void {
  const directory = socketDirectories.get(child);
  if (directory && path.basename(directory).startsWith('tfp-')) fs.rmSync(directory, { recursive: true, force: true });
}

export async function startWarmProviders(
  options: {
    names?: readonly ProviderName[];
    env?: NodeJS.ProcessEnv;
    bundle?: string;
    /** Further source addresses the stacks name the providers by (`app.terraform.io/acme/elasticpath`): each is offered too. */
    sources?: readonly string[];
  } = {},
): Promise<WarmProviders> {
  killLeftoversOnExit();
  const names = options.names ?? PROVIDER_NAMES;
  const children = names.map((name) => {
    const child = spawn(process.execPath, [options.bundle ?? providerBundlePath(), name, '--reattach'], {
      env: { ...process.env, ...options.env, [EXIT_WITH_PARENT_VARIABLE]: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    running.add(child);
    child.once('exit', () => {
      running.delete(child);
      removeSocketDirectory(child);
    });
    return child;
  });
  // The providers start side by side: each is a separate Node start-up.
  const started = await Promise.allSettled(children.map((child, index) => firstJsonLine(child, names[index])));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await Promise.all(children.map(stop));
    throw failed.reason;
  }
  const reattach: Record<string, unknown> = {};
  started.forEach((result, index) => {
    if (result.status !== 'fulfilled') return;
    Object.assign(reattach, result.value);
    // A provider on TCP (Windows) has no socket, so no directory to clean up after.
    const addr = Object.values(result.value as Record<string, { Addr?: { Network?: string; String?: string } }>)[0]?.Addr;
    if (addr?.Network === 'unix' && addr.String) socketDirectories.set(children[index], path.dirname(addr.String));
  });
  const pids: Partial<Record<ProviderName, number>> = {};
  names.forEach((name, index) => (pids[name] = children[index].pid));
  return {
    env: { TF_REATTACH_PROVIDERS: JSON.stringify(reattachUnderEveryHost(reattach, options.sources)) },
    pids,
    close: () => Promise.all(children.map(stop)).then(() => undefined),
  };
}

/** Warm providers started on first use and lent to every Terraform run that asks, until `close()`. */
export interface SharedWarmProviders {
  /**
   * TF_REATTACH_PROVIDERS for these providers, starting those not running yet; offered also under
   * `sources`, the addresses a stack names them by when they come from another registry.
   */
  acquire(names: readonly ProviderName[], sources?: readonly string[]): Promise<{ TF_REATTACH_PROVIDERS: string }>;
  /** Stops every provider started, once the starts in progress have settled. */
  close(): Promise<void>;
}

export function sharedWarmProviders(options: { env?: NodeJS.ProcessEnv; bundle?: string } = {}): SharedWarmProviders {
  const started = new Map<ProviderName, Promise<WarmProviders>>();
  const start = (name: ProviderName) => {
    let warm = started.get(name);
    if (!warm) {
      warm = startWarmProviders({ ...options, names: [name] });
      // A failed start is reported to each run that asks for it; close() must not throw it again.
      warm.catch(() => undefined);
      started.set(name, warm);
    }
    return warm;
  };
  return {
    acquire: async (names, sources = []) => {
      const entries = await Promise.all(names.map(async (name) => JSON.parse((await start(name)).env.TF_REATTACH_PROVIDERS) as object));
      return { TF_REATTACH_PROVIDERS: JSON.stringify(reattachUnderEveryHost(Object.assign({}, ...entries), sources)) };
    },
    close: async () => {
      const settled = await Promise.allSettled(started.values());
      await Promise.all(settled.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
    },
  };
}

/**
 * The providers print their reattach entry under registry.terraform.io; OpenTofu looks a short
 * source up as registry.opentofu.org/..., so the same running process is offered under each host,
 * and under each of `sources` (fully qualified: Terraform keys reattached providers by the whole
 * address, so a provider from app.terraform.io/acme is not served by an entry for commerce-iac).
 */
export function reattachUnderEveryHost(reattach: Record<string, unknown>, sources: readonly string[] = []): Record<string, unknown> {
  const entries: Record<string, unknown> = { ...reattach };
  for (const [address, entry] of Object.entries(reattach)) {
    if (!address.startsWith(`${PROVIDER_SOURCE_PREFIX}/`)) continue;
    const type = address.slice(PROVIDER_SOURCE_PREFIX.length + 1);
    for (const host of PROVIDER_HOSTS) entries[`${host}/${PROVIDER_NAMESPACE}/${type}`] ??= entry;
  }
  for (const address of sources) {
    const parsed = parseProviderSource(address);
    const entry = reattach[`${PROVIDER_SOURCE_PREFIX}/${providerOfSource(address)}`];
    if (parsed && entry) entries[qualifiedSource(parsed)] ??= entry;
  }
  return entries;
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
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`the ${name} provider could not start: ${error.message}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
  });
}
