/**
 * The provider executable: `node dist/provider.js <elasticpath|sendcloud> [--reattach]`.
 * Terraform launches it through the small script that `cdktf-integrations provider install`
 * lays into the plugin mirror. Providers are loaded lazily so a launch pays only for its own.
 */
import { serve } from './protocol/serve';
import type { ProviderDefinition } from './framework/types';
import { PROVIDER_NAMES, PROVIDER_SOURCE_PREFIX } from './names';

/** Set by src/providers/warm.ts: a warm provider ends with the command that started it, even one killed with -9. */
const EXIT_WITH_PARENT_VARIABLE = 'COMMERCE_IAC_EXIT_WITH_PARENT';
const PARENT_CHECK_MS = 1000;

export function loadProvider(name: string): ProviderDefinition<unknown> | undefined {
  switch (name) {
    case 'elasticpath':
      return require('./elasticpath/provider').elasticPathProvider;
    case 'sendcloud':
      return require('./sendcloud/provider').sendcloudProvider;
    default:
      return undefined;
  }
}

function exitWhenParentIsGone(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, PARENT_CHECK_MS).unref();
}

if (require.main === module) {
  const [name, ...flags] = process.argv.slice(2);
  if (!(PROVIDER_NAMES as readonly string[]).includes(name ?? '')) {
    process.stderr.write(`usage: terraform-provider <${PROVIDER_NAMES.join('|')}> [--reattach]\n`);
    process.exit(1);
  }
  const reattach = flags.includes('--reattach');
  if (reattach && process.env[EXIT_WITH_PARENT_VARIABLE] === '1') exitWhenParentIsGone();
  // Loaded at the first RPC, after the handshake: Terraform waits on the start, not on this.
  serve(() => loadProvider(name)!, { reattach, address: `${PROVIDER_SOURCE_PREFIX}/${name}` }).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
