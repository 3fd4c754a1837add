/**
 * A release of both providers for tests, built once per machine and commit: linux_amd64,
 * linux_arm64 and darwin_arm64 (what CI checks; the rest build the same way), signed with a throwaway RSA 3072
 * key in a GNUPGHOME of its own. Cached in os.tmpdir() under a hash of its inputs (the provider
 * bundle, the release scripts and their vendored files, the lockfile's runtime pins and the packages the
 * SBOM reads), by buildOnce.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version as packageVersion } from '../../package.json';
import { buildRelease, bundleProvider } from '../../scripts/release/build';
import { generateThrowawayKey } from '../../scripts/release/gpg';
import { parsePlatforms } from '../../scripts/release/platforms';
import { buildOnce } from './build-once';

export interface ReleaseFixture {
  /** The release files (zips, SHA256SUMS, .sig, manifest, SBOM) of both providers. */
  outDir: string;
  /** outDir/registry: the static registry protocol and network mirror tree. */
  registryDir: string;
  version: string;
  /** Terraform platform names built, e.g. ['linux_amd64', 'darwin_arm64']. */
  platforms: string[];
  /** The GNUPGHOME holding the signing key (secret and public). */
  gnupgHome: string;
  fingerprint: string;
  publicKeyArmored: string;
}

export const FIXTURE_PLATFORMS = 'linux_amd64,linux_arm64,darwin_arm64';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE_FILE = 'fixture.json';

/** The GNUPGHOME environment for gpg, with its agent's sockets inside it. */
export function gpgEnvironment(gnupgHome: string): NodeJS.ProcessEnv {
  return { ...process.env, GNUPGHOME: gnupgHome };
}

/** A fresh GNUPGHOME holding one throwaway signing key; returns its fingerprint. */
export function makeThrowawayKeyring(gnupgHome: string, userId = 'commerce-iac release test <release-test@example.invalid>'): string {
  fs.mkdirSync(gnupgHome, { recursive: true, mode: 0o700 });
  return generateThrowawayKey(gpgEnvironment(gnupgHome), userId);
}

/** Ends the gpg-agent a keyring started (it outlives gpg, and holds the folder's path). */
export function stopGpgAgent(gnupgHome: string): void {
  try {
    execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env: gpgEnvironment(gnupgHome), stdio: 'ignore' });
  } catch {
    // no agent running
  }
}

async function inputsKey(): Promise<string> {
  const hash = crypto.createHash('sha256');
  hash.update(await bundleProvider());
  const releaseScripts = path.join(REPO_ROOT, 'scripts', 'release');
  const files = fs
    .readdirSync(releaseScripts, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(releaseScripts, path.join(entry.parentPath, entry.name)))
    .sort();
  for (const file of files) hash.update(file).update(fs.readFileSync(path.join(releaseScripts, file)));
  hash.update(fs.readFileSync(__filename));
  const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  for (const [name, entry] of Object.entries(lock.packages).sort()) {
    if (/node_modules\/(bun|bun-types|@oven\/bun-[^/]+|fflate|@cyclonedx\/cyclonedx-library)$/.test(name)) hash.update(`${name}@${entry.version}`);
  }
  hash.update(`${packageVersion} ${FIXTURE_PLATFORMS}`);
  return hash.digest('hex').slice(0, 16);
}

function readFixture(dir: string): ReleaseFixture | undefined {
  const file = path.join(dir, FIXTURE_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ReleaseFixture) : undefined;
}

/** Builds the fixture into a staging folder and renames it into place. */
async function buildFixture(finalDir: string): Promise<ReleaseFixture> {
  const staging = fs.mkdtempSync(`${finalDir}.tmp-`);
  const stagedHome = path.join(staging, 'gnupg');
  try {
    const fingerprint = makeThrowawayKeyring(stagedHome);
    const built = await buildRelease({
      version: packageVersion,
      outDir: path.join(staging, 'release'),
      platforms: parsePlatforms(FIXTURE_PLATFORMS),
      gpgKey: fingerprint,
      env: gpgEnvironment(stagedHome),
    });
    stopGpgAgent(stagedHome);
    const fixture: ReleaseFixture = {
      outDir: path.join(finalDir, 'release'),
      registryDir: path.join(finalDir, 'release', 'registry'),
      version: built.version,
      platforms: FIXTURE_PLATFORMS.split(','),
      gnupgHome: path.join(finalDir, 'gnupg'),
      fingerprint,
      publicKeyArmored: built.key.publicKeyArmored,
    };
    fs.writeFileSync(path.join(staging, FIXTURE_FILE), `${JSON.stringify(fixture, null, 2)}\n`);
    fs.renameSync(staging, finalDir);
    return fixture;
  } finally {
    stopGpgAgent(stagedHome);
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The release fixture for this commit: built on first use, then reused by every test file, jest worker and run. */
export async function releaseForTests(): Promise<ReleaseFixture> {
  return buildOnce({ cacheName: 'commerce-iac-release-fixture', key: await inputsKey(), read: readFixture, build: buildFixture });
}
