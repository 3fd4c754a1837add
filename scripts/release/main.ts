/**
 * `npm run release -- --version X.Y.Z --out DIR [--platforms linux_amd64,darwin_arm64,…]
 *   [--gpg-key FINGERPRINT] [--registry-host HOST]…`
 * Builds the release files of both providers into DIR and the static registry/mirror tree into
 * DIR/registry (docs/releasing.md). gpg signs with --gpg-key, or the keyring's only secret key.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildRelease, type ReleaseOptions } from './build';
import { RELEASE_PLATFORMS, parsePlatforms } from './platforms';

const USAGE =
  'usage: npm run release -- --version X.Y.Z --out DIR [--platforms ' +
  `${RELEASE_PLATFORMS.map((each) => each.name).join(',')}] [--gpg-key FINGERPRINT] [--registry-host HOST]...`;

export function parseReleaseArguments(argv: string[]): ReleaseOptions {
  const options: ReleaseOptions = { version: '', outDir: '', registryHosts: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new Error(`${argument} needs a value\n${USAGE}`);
      return next;
    };
    if (argument === '--version') options.version = value();
    else if (argument === '--out') options.outDir = value();
    else if (argument === '--platforms') options.platforms = parsePlatforms(value());
    else if (argument === '--gpg-key') options.gpgKey = value();
    else if (argument === '--registry-host') options.registryHosts!.push(value());
    else throw new Error(`unknown option ${argument}\n${USAGE}`);
  }
  if (!options.version) throw new Error(`--version is missing\n${USAGE}`);
  if (!options.outDir) throw new Error(`--out is missing\n${USAGE}`);
  return options;
}

async function main(): Promise<void> {
  const options = parseReleaseArguments(process.argv.slice(2));
  const started = Date.now();
  const result = await buildRelease({ ...options, progress: (line) => process.stderr.write(`… ${line}\n`) });
  const relative = (file: string) => path.relative(process.cwd(), file) || '.';
  process.stdout.write(`release ${result.version} (Bun ${result.bunVersion}, signed by ${result.key.fingerprint}) in ${relative(result.outDir)}:\n`);
  for (const provider of result.providers) {
    for (const archive of provider.archives) {
      process.stdout.write(`  ${path.basename(archive.file)}  ${(fs.statSync(archive.file).size / 1e6).toFixed(1)} MB\n`);
    }
    for (const file of [provider.shasumsFile, provider.signatureFile, provider.manifestFile]) process.stdout.write(`  ${path.basename(file)}\n`);
  }
  process.stdout.write(`  registry/ (provider registry protocol and network mirror; serve it over HTTPS at a host's root)\n`);
  process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`release failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
