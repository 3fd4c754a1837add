/**
 * Builds a release of both providers (docs/releasing.md): for each platform a self-contained
 * executable compiled by Bun (darwin ones then signed ad hoc, macho-sign.ts; linux ones beside
 * the glibc loader and libraries, started by a shell launcher: launcher.ts, glibc.ts), zipped
 * reproducibly as `terraform-provider-NAME_VERSION_OS_ARCH.zip`;
 * per provider the SHA256SUMS of its zips, manifest and SBOM (sbom.ts: what is inside, with the licence texts the zips carry), its detached binary GPG signature and
 * the manifest (protocol 6.0); and DIR/registry/, the static registry and mirror tree.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROVIDER_NAMES, type ProviderName } from '../../provider/names';
import { REPO_ROOT, bunRuntime, hostBun, pinnedBunVersion } from './bun-runtime';
import { type SigningKey, signDetached, signingKey } from './gpg';
import { glibcSourceNote, vendoredGlibc } from './glibc';
import { launcherFileName, linuxLauncher } from './launcher';
import { adHocSign } from './macho-sign';
import { releaseContents, writeSbom } from './sbom';
import { RELEASE_PLATFORMS, type ReleasePlatform } from './platforms';
import { PROTOCOL_VERSIONS, type ProviderRelease, writeRegistry, zipHashV1 } from './registry';
import { type ZipEntry, writeZip } from './zip';

export interface ReleaseOptions {
  version: string;
  outDir: string;
  platforms?: readonly ReleasePlatform[];
  /** Both providers unless given (the reproducibility test rebuilds one). */
  providers?: readonly ProviderName[];
  /** A fingerprint (or any key name gpg accepts); without it, the keyring's only secret key. */
  gpgKey?: string;
  /** Registry hosts the mirror part holds besides registry.terraform.io and registry.opentofu.org. */
  registryHosts?: string[];
  /** The environment gpg runs in (GNUPGHOME). */
  env?: NodeJS.ProcessEnv;
  progress?: (line: string) => void;
}

export interface ReleaseResult {
  version: string;
  outDir: string;
  registryDir: string;
  bunVersion: string;
  key: SigningKey;
  providers: ProviderRelease[];
}

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const HOSTNAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?$/;

export function releaseFileStem(name: string, version: string): string {
  return `terraform-provider-${name}_${version}`;
}

/**
 * The name of the file Terraform runs, at the top of the zip: Terraform finds it by the
 * `terraform-provider-NAME` prefix, the provider by the whole name. On linux it is the launcher.
 */
export function executableName(name: string, version: string, platform: ReleasePlatform): string {
  return `${launcherFileName(name, version)}${platform.executableSuffix}`;
}

/** Where a linux package keeps the Bun-compiled executable (beside the glibc it runs with). */
export function linuxExecutablePath(name: string): string {
  return `lib/provider-${name}`;
}

const EXECUTABLE_MODE = 0o755;
const FILE_MODE = 0o644;

/**
 * Every file of a platform's zip, in order: the one place the package's layout is declared.
 * - darwin, windows: the executable alone;
 * - linux: the launcher, lib/ (the executable, the glibc loader and libraries), and
 *   licenses/glibc/ (the LGPL-2.1, Debian's copyright file and where the source is).
 */
export function packageEntries(name: string, version: string, platform: ReleasePlatform, compiled: Buffer): ZipEntry[] {
  const top = executableName(name, version, platform);
  if (!platform.linux) return [{ name: top, data: compiled, mode: EXECUTABLE_MODE }];
  const glibc = vendoredGlibc(platform.linux.glibc);
  const executable = linuxExecutablePath(name);
  const launcher = linuxLauncher({
    provider: name,
    version,
    platformName: platform.name,
    machines: platform.linux.machines,
    loader: glibc.loader,
    libraries: [...glibc.libraries.map((library) => library.name).filter((library) => library !== glibc.loader), path.posix.basename(executable)],
    executable: path.posix.basename(executable),
    cpuFlags: platform.linux.cpuFlags,
    cpuRequirement: platform.linux.cpuRequirement,
  });
  return [
    { name: top, data: Buffer.from(launcher), mode: EXECUTABLE_MODE },
    { name: executable, data: compiled, mode: EXECUTABLE_MODE },
    ...glibc.libraries.map((library) => ({ name: `lib/${library.name}`, data: library.data, mode: library.name === glibc.loader ? EXECUTABLE_MODE : FILE_MODE })),
    ...glibc.licenses.map((license) => ({ name: `licenses/glibc/${license.name}`, data: license.data, mode: FILE_MODE })),
    { name: 'licenses/glibc/SOURCE', data: Buffer.from(glibcSourceNote(glibc.pins)), mode: FILE_MODE },
  ];
}

function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Writes a new file (never through an existing one, which the registry tree may hard-link). */
function writeNewFile(file: string, data: string | Buffer): void {
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, data);
}

/** The provider bundle the executables run: provider/main.ts bundled like dist/provider.js, without a source map or any path of this machine. */
export async function bundleProvider(): Promise<Buffer> {
  return (await bundleProviderWithMetafile()).code;
}

/** The bundle and esbuild's account of the files in it (the SBOM's npm packages come from it, sbom.ts). */
export async function bundleProviderWithMetafile(): Promise<{ code: Buffer; metafile: import('esbuild').Metafile }> {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'provider', 'main.ts')],
    absWorkingDir: REPO_ROOT,
    ...(require('../build.js') as { PROVIDER_BUNDLE_OPTIONS: import('esbuild').BuildOptions }).PROVIDER_BUNDLE_OPTIONS,
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  return { code: Buffer.from(result.outputFiles[0].contents), metafile: result.metafile };
}

/** Bun compiles `bundle` for `platform` into `output`; nothing of the build's time or folders goes in (the output's base name does). */
export function compileExecutable(bun: string, platform: ReleasePlatform, bundle: string, output: string): Buffer {
  execFileSync(
    bun,
    [
      'build',
      bundle,
      '--compile',
      // The bundle's bytecode, made at build time: start-up to handshake in about 0.4x the time of parsing the source (docs/releasing.md).
      '--bytecode',
      `--target=${platform.bunTarget}`,
      `--compile-executable-path=${bunRuntime(platform)}`,
      // A provider runs in the user's Terraform folder: it must not pick up a .env or bunfig.toml there.
      '--no-compile-autoload-dotenv',
      '--no-compile-autoload-bunfig',
      `--outfile=${output}`,
    ],
    { cwd: path.dirname(bundle), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BUN_INSTALL_CACHE_DIR: path.join(path.dirname(bundle), '.bun-cache') } },
  );
  return fs.readFileSync(output);
}

export function validateReleaseOptions(options: ReleaseOptions): void {
  if (!SEMVER.test(options.version)) throw new Error(`--version ${options.version || '(missing)'}: give a version like 0.2.0 (X.Y.Z, no leading v)`);
  if (!options.outDir) throw new Error('--out is missing: give the folder to write the release into, e.g. --out dist/release');
  for (const host of options.registryHosts ?? []) {
    if (!HOSTNAME.test(host)) throw new Error(`--registry-host ${host}: give a host name as a provider source names it, e.g. registry.example.com or app.terraform.io`);
  }
}

export async function buildRelease(options: ReleaseOptions): Promise<ReleaseResult> {
  validateReleaseOptions(options);
  const env = options.env ?? process.env;
  const progress = options.progress ?? (() => undefined);
  const platforms = options.platforms ?? RELEASE_PLATFORMS;
  const outDir = path.resolve(options.outDir);
  const key = signingKey(options.gpgKey, env);
  const bunVersion = pinnedBunVersion();
  const hostPlatform = RELEASE_PLATFORMS.find((each) => each.name === `${process.platform === 'win32' ? 'windows' : process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`);
  const bun = hostBun(hostPlatform);
  // The vendored glibc files are checked before anything compiles: a changed one stops the build, named.
  for (const platform of platforms) if (platform.linux) vendoredGlibc(platform.linux.glibc);

  fs.mkdirSync(outDir, { recursive: true });
  // Compiles happen in a fresh folder of their own; the executables embed only their base name.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'commerce-iac-release-'));
  try {
    const bundle = path.join(work, 'provider.js');
    const { code, metafile } = await bundleProviderWithMetafile();
    fs.writeFileSync(bundle, code);
    const contents = releaseContents({ metafile, platforms });
    const providers: ProviderRelease[] = [];
    for (const name of options.providers ?? PROVIDER_NAMES) {
      const stem = releaseFileStem(name, options.version);
      const archives: ProviderRelease['archives'] = [];
      for (const platform of platforms) {
        progress(`${name} ${platform.name}: compiling with Bun ${bunVersion}`);
        const executable = executableName(name, options.version, platform);
        const bunOutput = compileExecutable(bun, platform, bundle, path.join(work, platform.name, executable));
        const compiled = platform.os === 'darwin' ? adHocSign(bunOutput, executable) : bunOutput;
        progress(`${name} ${platform.name}: zipping ${(compiled.length / 1e6).toFixed(0)} MB`);
        const zip = writeZip([...packageEntries(name, options.version, platform, compiled), ...contents.licenceEntries()]);
        const file = path.join(outDir, `${stem}_${platform.name}.zip`);
        writeNewFile(file, zip);
        archives.push({ platform, file, sha256: sha256(zip), h1: zipHashV1(zip) });
        fs.rmSync(path.join(work, platform.name), { recursive: true, force: true });
      }
      const manifestFile = path.join(outDir, `${stem}_manifest.json`);
      writeNewFile(manifestFile, `${JSON.stringify({ version: 1, metadata: { protocol_versions: PROTOCOL_VERSIONS } })}\n`);
      const sbomFile = writeSbom(contents, { name, version: options.version }, outDir);
      const sums = [...archives.map((archive) => ({ file: archive.file, sha256: archive.sha256 })), ...[manifestFile, sbomFile].map((file) => ({ file, sha256: sha256(fs.readFileSync(file)) }))]
        .map((each) => `${each.sha256}  ${path.basename(each.file)}\n`)
        .sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1));
      const shasumsFile = path.join(outDir, `${stem}_SHA256SUMS`);
      writeNewFile(shasumsFile, sums.join(''));
      const signatureFile = `${shasumsFile}.sig`;
      fs.rmSync(signatureFile, { force: true });
      signDetached(key, shasumsFile, signatureFile, env);
      providers.push({ name, version: options.version, archives, shasumsFile, signatureFile, manifestFile });
    }
    const registryDir = path.join(outDir, 'registry');
    for (const release of providers) writeRegistry({ registryDir, release, key, extraHosts: options.registryHosts ?? [] });
    return { version: options.version, outDir, registryDir, bunVersion, key, providers };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
