/**
 * The provider executable, two ways:
 * - `node dist/provider.js <elasticpath|sendcloud> [--reattach]`: Terraform launches it through
 *   the small script that `cdktf-integrations provider install` lays into the plugin mirror;
 * - a released self-contained executable (`npm run release`, docs/releasing.md) named
 *   `terraform-provider-<name>_v<version>`: Terraform passes it no arguments, so it is the
 *   provider its own file name says (darwin, windows);
 * - on linux, the release's launcher of that name starts `lib/provider-<name>` through the glibc
 *   loader beside it, whose path is then `process.execPath`: the launcher passes the name as the
 *   first argument, as the node bundle gets it.
 * Providers are loaded lazily so a launch pays only for its own.
 */
import { serve } from './protocol/serve';
import type { ProviderDefinition } from './framework/types';
import { PROVIDER_NAMES, PROVIDER_SOURCE_PREFIX } from './names';

/** What the provider executable parses after its name; `--reattach` is given by src/providers/warm.ts (warm providers). */
export const PROVIDER_EXECUTABLE_OPTIONS = {
  reattach: { type: 'boolean' },
} as const;

export const PROVIDER_EXECUTABLE_USAGE = `usage: terraform-provider <${PROVIDER_NAMES.join('|')}> ${Object.keys(PROVIDER_EXECUTABLE_OPTIONS).map((name) => `[--${name}]`).join(' ')}, or an executable named terraform-provider-<${PROVIDER_NAMES.join('|')}>_v<version>`;

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

/**
 * The provider an executable's file name names: Terraform finds plugins as files called
 * `terraform-provider-<type>` followed by `_`, `.` or nothing (`_v0.2.0`, `.exe`).
 */
export function providerNameFromExecutable(executablePath: string): string | undefined {
  const fileName = executablePath.split(/[\\/]/).pop() ?? '';
  const match = /^terraform-provider-([a-z0-9-]+?)(?:[_.]|$)/.exec(fileName);
  return match && loadableName(match[1]) ? match[1] : undefined;
}

function loadableName(name: string): boolean {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

/** The provider to serve and its flags: the executable's own name first (a released binary), else the first argument (the node bundle, the linux launcher). */
function providerInvocation(argv: string[], executablePath: string): { name: string; flags: string[] } {
  const named = providerNameFromExecutable(executablePath);
  if (named) return { name: named, flags: argv };
  const [name = '', ...flags] = argv;
  return { name, flags };
}

function exitWhenParentIsGone(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, PARENT_CHECK_MS).unref();
}

if (require.main === module) {
  const { name, flags } = providerInvocation(process.argv.slice(2), process.execPath);
  if (!loadableName(name)) {
    process.stderr.write(`${PROVIDER_EXECUTABLE_USAGE}\n`);
    process.exit(1);
  }
  // Lenient: an argument Terraform or go-plugin may add one day must not stop the provider.
  // node:util only for flags: Terraform passes none, and loading it costs a released executable ~3 ms before its handshake.
  const reattach =
    flags.length > 0 &&
    (require('node:util') as typeof import('node:util')).parseArgs({ args: flags, options: PROVIDER_EXECUTABLE_OPTIONS, strict: false, allowPositionals: true }).values
      .reattach === true;
  if (reattach && process.env[EXIT_WITH_PARENT_VARIABLE] === '1') exitWhenParentIsGone();
  // Loaded at the first RPC, after the handshake: Terraform waits on the start, not on this.
  serve(() => loadProvider(name)!, { reattach, address: `${PROVIDER_SOURCE_PREFIX}/${name}` }).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
