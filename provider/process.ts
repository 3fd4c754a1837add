/**
 * How a provider process serves, from the flags after its name: shared by the provider executable
 * (provider/main.ts) and the bench's echo provider, which must not import main.ts (its
 * `require.main === module` would hold inside another bundle too).
 */
import type { ProviderSource } from './framework/types';
import { PROVIDER_SOURCE_PREFIX } from './names';
import { RUN_HOST_FLAGS } from './protocol/run-host-launch';
import { serve } from './protocol/serve';

/** What the provider executable parses after its name; `--reattach` is given by src/providers/warm.ts (warm providers). */
export const PROVIDER_EXECUTABLE_OPTIONS = {
  reattach: { type: 'boolean' },
  /** Given by the launchers (provider/protocol/run-host-launch.ts): serve every launch of one Terraform run from this process. */
  [RUN_HOST_FLAGS.runDir]: { type: 'string' },
  [RUN_HOST_FLAGS.terraformPid]: { type: 'string' },
} as const;

/** Set by src/providers/warm.ts: a warm provider ends with the command that started it, even one killed with -9. */
const EXIT_WITH_PARENT_VARIABLE = 'COMMERCE_IAC_EXIT_WITH_PARENT';
const PARENT_CHECK_MS = 1000;

function exitWhenParentIsGone(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, PARENT_CHECK_MS).unref();
}

/**
 * Serves `source` as the flags say: a run host for the launchers (provider/protocol/run-host.ts:
 * its launcher reads the handshake line from stdout, and no line means "start the provider
 * yourself"), a warm provider (`--reattach`), or one launch. Shared with the bench's echo provider.
 */
export function startProviderProcess(name: string, flags: string[], source: ProviderSource): void {
  // Lenient: an argument Terraform or go-plugin may add one day must not stop the provider.
  // node:util only for flags: Terraform passes none, and loading it costs a released executable ~3 ms before its handshake.
  const values =
    flags.length === 0
      ? {}
      : (require('node:util') as typeof import('node:util')).parseArgs({ args: flags, options: PROVIDER_EXECUTABLE_OPTIONS, strict: false, allowPositionals: true }).values;
  const runDir = values[RUN_HOST_FLAGS.runDir];
  if (typeof runDir === 'string') {
    import('./protocol/run-host')
      .then(({ serveRunHost }) => serveRunHost(source, { runDir, terraformPid: Number(values[RUN_HOST_FLAGS.terraformPid]) }))
      .then((serving) => {
        if (!serving) process.exit(0);
      })
      .catch(() => process.exit(1));
    return;
  }
  const reattach = values.reattach === true;
  if (reattach && process.env[EXIT_WITH_PARENT_VARIABLE] === '1') exitWhenParentIsGone();
  // Loaded at the first RPC, after the handshake: Terraform waits on the start, not on this.
  serve(source, { reattach, address: `${PROVIDER_SOURCE_PREFIX}/${name}` }).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

