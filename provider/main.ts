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
import type { ProviderDefinition } from './framework/types';
import { PROVIDER_EXECUTABLE_OPTIONS, startProviderProcess } from './process';
import { PROVIDER_NAMES } from './names';

export { PROVIDER_EXECUTABLE_OPTIONS };

export const PROVIDER_EXECUTABLE_USAGE = `usage: terraform-provider <${PROVIDER_NAMES.join('|')}> ${Object.keys(PROVIDER_EXECUTABLE_OPTIONS).map((name) => `[--${name}]`).join(' ')}, or an executable named terraform-provider-<${PROVIDER_NAMES.join('|')}>_v<version>`;

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

if (require.main === module) {
  const { name, flags } = providerInvocation(process.argv.slice(2), process.execPath);
  if (!loadableName(name)) {
    process.stderr.write(`${PROVIDER_EXECUTABLE_USAGE}\n`);
    process.exit(1);
  }
  startProviderProcess(name, flags, () => loadProvider(name)!);
}
