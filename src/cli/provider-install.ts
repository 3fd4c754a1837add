/** `cdktf-integrations provider install [--dir DIR] [--source ADDRESS]...`: the command over src/providers/install. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVIDER_NAMES } from '../../provider/names';
import { PROVIDER_REGISTRY_CONTEXT_KEY } from '../constructs/provider-source';
import { assertMirrorSupported, installProviders, shellQuote } from '../providers/install';
import { parseCommandLine } from './command-line';

export const PROVIDER_USAGE = [
  'usage: cdktf-integrations provider install [--dir DIR] [--source ADDRESS]...',
  '',
  'Lays out both providers in an offline filesystem mirror (for Terraform and OpenTofu) and',
  'prints `export TF_CLI_CONFIG_FILE=...` for a CLI configuration that uses it. Linux and macOS',
  'only: on Windows, install the released executables from a registry or a mirror.',
  '  --dir DIR         where to put the mirror (default: $XDG_CACHE_HOME/cdktf-integrations, or',
  '                    ~/.cache/cdktf-integrations when XDG_CACHE_HOME is unset, empty or relative)',
  '  --source ADDRESS  also serve a provider under this source address, e.g.',
  '                    app.terraform.io/acme/elasticpath (repeatable). Without it, the sources',
  `                    that ./cdktf.json's context "${PROVIDER_REGISTRY_CONTEXT_KEY}" gives.`,
].join('\n');

/** The providers' sources an app in `appDir` names through cdktf.json's context, if any. */
export function sourcesOfApp(appDir: string): string[] {
  const file = path.join(appDir, 'cdktf.json');
  if (!fs.existsSync(file)) return [];
  const registry = (JSON.parse(fs.readFileSync(file, 'utf8')) as { context?: Record<string, unknown> }).context?.[PROVIDER_REGISTRY_CONTEXT_KEY];
  if (typeof registry !== 'string' || registry.trim() === '') return [];
  return PROVIDER_NAMES.map((name) => `${registry.trim().replace(/\/+$/, '')}/${name}`);
}

/** What `provider install` parses: the table its parser reads and the docs tests check. */
export const PROVIDER_INSTALL_OPTIONS = {
  dir: { type: 'string' },
  source: { type: 'string', multiple: true },
} as const;

const MISSING_VALUES: Record<string, string> = {
  '--dir': '--dir needs a folder: cdktf-integrations provider install --dir ./.providers',
  '--source': '--source needs an address: cdktf-integrations provider install --source app.terraform.io/acme/elasticpath',
};

/** `platform` is the machine's unless a test passes another (the Windows refusal is tested on Linux). */
export async function runProviderCommand(argv: string[], platform: NodeJS.Platform = process.platform): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${PROVIDER_USAGE}\n`);
    return 0;
  }
  if (sub !== 'install') {
    process.stderr.write(`${PROVIDER_USAGE}\n`);
    return 1;
  }
  let values;
  try {
    ({ values } = parseCommandLine(rest, {
      options: PROVIDER_INSTALL_OPTIONS,
      unknown: (argument) => `unknown option ${argument}\n${PROVIDER_USAGE}`,
      missingValue: (option) => MISSING_VALUES[option],
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const dir = values.dir as string | undefined;
  const sources = (values.source as string[] | undefined) ?? [];
  if (dir === '' || sources.includes('')) {
    process.stderr.write(`${MISSING_VALUES[dir === '' ? '--dir' : '--source']}\n`);
    return 1;
  }
  let installed;
  try {
    assertMirrorSupported(platform);
    installed = installProviders({ dir, sources: sources.length > 0 ? sources : sourcesOfApp(process.cwd()) });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stderr.write(`installed elasticpath and sendcloud providers ${installed.version} into ${installed.mirrorDir}\n`);
  process.stdout.write(`export TF_CLI_CONFIG_FILE=${shellQuote(installed.cliConfigFile)}\n`);
  return 0;
}
