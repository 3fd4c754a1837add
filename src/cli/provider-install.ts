/** `cdktf-integrations provider install [--dir DIR]`: the command over src/providers/install. */
import { installProviders, shellQuote } from '../providers/install';

export const PROVIDER_USAGE = [
  'usage: cdktf-integrations provider install [--dir DIR]',
  '',
  'Lays out both providers in an offline filesystem mirror (for Terraform and OpenTofu) and',
  'prints `export TF_CLI_CONFIG_FILE=...` for a CLI configuration that uses it.',
  '  --dir DIR   where to put the mirror (default: ~/.cache/cdktf-integrations)',
].join('\n');

export async function runProviderCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${PROVIDER_USAGE}\n`);
    return 0;
  }
  if (sub !== 'install') {
    process.stderr.write(`${PROVIDER_USAGE}\n`);
    return 1;
  }
  const dirIndex = rest.indexOf('--dir');
  if (dirIndex !== -1 && !rest[dirIndex + 1]) {
    process.stderr.write('--dir needs a folder: cdktf-integrations provider install --dir ./.providers\n');
    return 1;
  }
  const installed = installProviders({ dir: dirIndex === -1 ? undefined : rest[dirIndex + 1] });
  process.stderr.write(`installed elasticpath and sendcloud providers ${installed.version} into ${installed.mirrorDir}\n`);
  process.stdout.write(`export TF_CLI_CONFIG_FILE=${shellQuote(installed.cliConfigFile)}\n`);
  return 0;
}
