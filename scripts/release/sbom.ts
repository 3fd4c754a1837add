/**
 * What a release holds, said once (docs/releasing.md, "What is inside"): the npm packages the
 * provider bundle is made of (taken from esbuild's metafile of that bundle, never a list kept by
 * hand), the Bun runtime of each platform, and the glibc loader and libraries the linux zips
 * carry when scripts/release/vendor/glibc.json pins them. From that one account come
 *   - the licence texts each zip carries (`licenses/…`), through `licenceEntries()`, and
 *   - the provider's CycloneDX 1.6 SBOM, `terraform-provider-NAME_VERSION_sbom.cdx.json`, which
 *     build.ts lists in SHA256SUMS, so the signature covers it.
 * The SBOM is reproducible: no timestamp, and a serial number derived from its content.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Metafile } from 'esbuild';
import { PROVIDER_SOURCE_PREFIX } from '../../provider/names';
import { REPO_ROOT, RUNTIMES_OUTSIDE_THE_LOCKFILE, bunRuntime, pinnedBunVersion } from './bun-runtime';
import { GLIBC_PINS_FILE, type GlibcArchitecture, type GlibcPins, checkPresentGlibcFiles, readGlibcPins } from './glibc';
import type { ReleasePlatform } from './platforms';
import type { ZipEntry } from './zip';

export const SBOM_SPEC_VERSION = '1.6';
/** The folder of licence texts inside every zip. */
export const LICENCES_DIR = 'licenses';
/** Names a platform-specific component's zips by: the Terraform platform names (`linux_amd64`) holding it. */
export const PLATFORM_PROPERTY = 'commerce-iac:platform';
/** Names the zip files that hold a component's licence text. */
export const LICENCE_FILES_PROPERTY = 'commerce-iac:licence-file';
/** Where Oven states Bun's licence (and the libraries it links statically): its runtime packages carry no licence file, bun-types at the same version carries the statement. */
const BUN_LICENCE_PACKAGE = 'bun-types';
const BUN_LICENCE_STATEMENT = path.join('docs', 'project', 'license.mdx');
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.\-_][^/]*)?$/i;
const SPDX_SCHEMA = path.join(REPO_ROOT, 'node_modules', '@cyclonedx', 'cyclonedx-library', 'res', 'schema', 'spdx.SNAPSHOT.schema.json');
/** RFC 4122's URL namespace: the serial number is the version-5 UUID of the SBOM's file name and content hash in it. */
const UUID_URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

export interface LicenceText {
  /** The path inside the zip, under licenses/. */
  zipPath: string;
  text: Buffer;
}

/** One npm package the bundle holds, as package-lock.json and its own package.json describe it. */
export interface BundledPackage {
  name: string;
  version: string;
  /** Its folder, relative to the repository: `node_modules/axios`. */
  dir: string;
  licence: string;
  /** `sha512-BASE64`, as npm records it. */
  integrity: string;
  resolved?: string;
  /** The bundled packages it requires (by their folders). */
  dependsOn: string[];
  licenceTexts: LicenceText[];
}

export interface RuntimePackage {
  platform: string;
  name: string;
  version: string;
  licence: string;
  integrity: string;
}

export interface ReleaseContents {
  packages: BundledPackage[];
  runtimes: RuntimePackage[];
  glibc?: GlibcPins;
  bunLicence: LicenceText;
  /** What the project itself is licensed under (package.json). */
  projectLicence: string;
  /** Its text (LICENSE), which every zip carries. */
  projectLicenceFile: LicenceText;
  /** The licence texts every zip carries (the same in each: every platform's executable holds the same packages and a Bun runtime). */
  licenceEntries(): ZipEntry[];
}

interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  license?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
}

export interface ContentsOptions {
  /** esbuild's metafile of the provider bundle the executables are compiled from. */
  metafile: Metafile;
  platforms: readonly ReleasePlatform[];
  /** The repository holding package.json, package-lock.json and node_modules (tests point it at a fixture). */
  root?: string;
  /** glibc.json; its absence means the linux zips carry no loader. */
  glibcPinsFile?: string;
  /** The folder of a Bun runtime package, unpacked (default: fetched and checked by bun-runtime.ts). */
  runtimePackageDir?: (platform: ReleasePlatform) => string;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** The package folder a bundled file belongs to: the last `node_modules/NAME` (or `node_modules/@SCOPE/NAME`) in its path. */
export function packageDirOf(input: string): string | undefined {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/@][^/]*)\//.exec(input.replace(/\\/g, '/'));
  return match?.[1];
}

/** The package folders whose files contribute bytes to the bundle. */
export function bundledPackageDirs(metafile: Metafile): string[] {
  const dirs = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const dir = bytesInOutput > 0 ? packageDirOf(input) : undefined;
      if (dir) dirs.add(dir);
    }
  }
  return [...dirs].sort();
}

/** The licence a package.json declares: `license`, or the old `licenses: [{type}]` form; empty when none. */
function declaredLicence(manifest: { license?: unknown; licenses?: unknown }): string {
  if (typeof manifest.license === 'string') return manifest.license.trim();
  if (manifest.license && typeof (manifest.license as { type?: unknown }).type === 'string') return (manifest.license as { type: string }).type.trim();
  if (Array.isArray(manifest.licenses)) {
    const types = manifest.licenses.map((each: { type?: unknown }) => (typeof each?.type === 'string' ? each.type.trim() : '')).filter(Boolean);
    return types.length > 1 ? `(${types.join(' OR ')})` : (types[0] ?? '');
  }
  return '';
}

/**
 * The "License" section of a README (`# License`, `## Licence` or the underlined form), for the
 * few packages that keep their licence text only there.
 */
export function readmeLicenceSection(readme: string): string | undefined {
  const lines = readme.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const atx = /^(#{1,6})\s*licen[cs]e\b/i.exec(lines[index]);
    const setext = /^licen[cs]e\s*$/i.test(lines[index]) && /^(=+|-+)\s*$/.test(lines[index + 1] ?? '');
    if (!atx && !setext) continue;
    const body: string[] = [];
    for (let next = index + (setext ? 2 : 1); next < lines.length; next++) {
      const line = lines[next];
      // The section ends at the next heading, or where the README's link definitions begin.
      const underlined = line.trim() !== '' && /^(=+|-+)\s*$/.test(lines[next + 1] ?? '');
      if (/^#{1,6}\s/.test(line) || underlined || /^\[[^\]]+\]:\s/.test(line)) break;
      body.push(line);
    }
    const text = body.join('\n').trim();
    if (text) return `${text}\n`;
  }
  return undefined;
}

/** A package's licence and notice files, or its README's licence section when it has none; an error naming the package when it has neither. */
function packageLicenceTexts(root: string, pkg: { name: string; version: string; dir: string }): LicenceText[] {
  const dir = path.join(root, pkg.dir);
  const base = `${LICENCES_DIR}/${pkg.name}`;
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && LICENCE_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  if (files.length > 0) return files.map((file) => ({ zipPath: `${base}/${file}`, text: fs.readFileSync(path.join(dir, file)) }));
  const readme = fs.readdirSync(dir).find((file) => /^readme(\.md|\.markdown|\.txt)?$/i.test(file));
  const section = readme ? readmeLicenceSection(fs.readFileSync(path.join(dir, readme), 'utf8')) : undefined;
  if (section) {
    return [{ zipPath: `${base}/LICENSE`, text: Buffer.from(`The licence section of ${pkg.name} ${pkg.version}'s ${readme}, which carries no licence file:\n\n${section}`) }];
  }
  throw new Error(
    `${pkg.name}@${pkg.version} (${pkg.dir}) ships no licence text (no LICENSE, COPYING or NOTICE file, no License section in a README): ` +
      'the zips must carry it; find the text in its source repository and replace or vendor the package with it',
  );
}

/** The bundled package a `require(name)` from `fromDir` resolves to, as Node resolves it: the nearest node_modules upwards. */
function resolveLocked(lock: Record<string, LockEntry>, fromDir: string, name: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock[candidate]) return candidate;
    if (!dir) return undefined;
    const parent = dir.lastIndexOf('/node_modules/');
    dir = parent < 0 ? '' : dir.slice(0, parent);
  }
}

/** The npm packages of the bundle, each with its version, integrity and licence (package-lock.json, its package.json) and licence texts. */
export function bundledPackages(metafile: Metafile, root = REPO_ROOT): BundledPackage[] {
  const lock = readJson<{ packages: Record<string, LockEntry> }>(path.join(root, 'package-lock.json')).packages;
  const dirs = bundledPackageDirs(metafile);
  const bundled = new Set(dirs);
  return dirs.map((dir) => {
    const manifest = readJson<{ name?: string; version?: string; license?: unknown; licenses?: unknown }>(path.join(root, dir, 'package.json'));
    const name = manifest.name ?? dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const locked = lock[dir];
    if (!locked?.version || !locked.integrity) {
      throw new Error(`${name} (${dir}) is in the provider bundle but package-lock.json records no version and integrity for it: run npm install so the lockfile pins it`);
    }
    if (manifest.version !== locked.version) {
      throw new Error(`${dir} holds ${name}@${manifest.version ?? '(no version)'} but package-lock.json pins ${locked.version}: run npm ci`);
    }
    const licence = declaredLicence(manifest);
    if (!licence) {
      throw new Error(
        `${name}@${locked.version} (${dir}) is in the provider bundle but its package.json declares no licence ("license"): ` +
          'a release cannot say under what terms it ships it; replace the dependency, or have its authors declare one',
      );
    }
    // Optional peers count too: a bundle holds one only because the package requires it (debug's supports-color).
    const required = { ...locked.dependencies, ...locked.optionalDependencies, ...locked.peerDependencies, ...locked.peerDependenciesMeta };
    const dependsOn = Object.keys(required)
      .map((dependency) => resolveLocked(lock, dir, dependency))
      .filter((resolved): resolved is string => resolved !== undefined && bundled.has(resolved))
      .sort();
    const pkg = { name, version: locked.version, dir };
    return { ...pkg, licence, integrity: locked.integrity, resolved: locked.resolved, dependsOn, licenceTexts: packageLicenceTexts(root, pkg) };
  });
}

/** Bun's licence statement, from bun-types at the pinned Bun version. */
function bunLicenceText(root: string): LicenceText {
  const dir = path.join(root, 'node_modules', BUN_LICENCE_PACKAGE);
  const version = fs.existsSync(path.join(dir, 'package.json')) ? readJson<{ version: string }>(path.join(dir, 'package.json')).version : undefined;
  const bunVersion = pinnedBunVersion();
  if (version !== bunVersion) {
    throw new Error(
      `${BUN_LICENCE_PACKAGE}@${version ?? '(not installed)'} does not match the pinned Bun ${bunVersion}: its ${BUN_LICENCE_STATEMENT} is the licence statement the zips carry for the runtime; ` +
        `npm install --save-dev --save-exact ${BUN_LICENCE_PACKAGE}@${bunVersion}`,
    );
  }
  return { zipPath: `${LICENCES_DIR}/bun/LICENSE.md`, text: fs.readFileSync(path.join(dir, BUN_LICENCE_STATEMENT)) };
}

/** The project's own licence text (LICENSE beside package.json), which the providers are released under. */
function projectLicenceText(root: string): LicenceText {
  const manifest = readJson<{ name: string; license?: unknown }>(path.join(root, 'package.json'));
  const file = path.join(root, 'LICENSE');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: the zips carry the project's own licence text; restore LICENSE (package.json says ${JSON.stringify(declaredLicence(manifest))})`);
  return { zipPath: `${LICENCES_DIR}/${manifest.name}/LICENSE`, text: fs.readFileSync(file) };
}

function defaultRuntimePackageDir(platform: ReleasePlatform): string {
  const executable = bunRuntime(platform);
  return executable.slice(0, executable.length - platform.runtimeExecutable.length - 1);
}

/** Reads everything the release says about what is inside it; fails early, naming the package, when something cannot be said. */
export function releaseContents(options: ContentsOptions): ReleaseContents {
  const root = options.root ?? REPO_ROOT;
  const packages = bundledPackages(options.metafile, root);
  const bunLicence = bunLicenceText(root);
  const packageDir = options.runtimePackageDir ?? defaultRuntimePackageDir;
  const lock = readJson<{ packages: Record<string, LockEntry> }>(path.join(root, 'package-lock.json')).packages;
  const runtimes = options.platforms.map((platform) => {
    const manifest = readJson<{ name: string; version: string; license?: unknown; licenses?: unknown }>(path.join(packageDir(platform), 'package.json'));
    // A runtime the bun package does not depend on (the baseline x64 one) is pinned in bun-runtime.ts instead.
    const locked = RUNTIMES_OUTSIDE_THE_LOCKFILE[platform.runtimePackage] ?? lock[`node_modules/${platform.runtimePackage}`];
    const licence = declaredLicence(manifest);
    if (!licence) throw new Error(`${manifest.name}@${manifest.version}, the Bun runtime of ${platform.name}, declares no licence in its package.json`);
    if (!locked?.integrity || locked.version !== manifest.version) throw new Error(`package-lock.json has no ${platform.runtimePackage}@${manifest.version} with an integrity: run npm install`);
    return { platform: platform.name, name: manifest.name, version: manifest.version, licence, integrity: locked.integrity };
  });
  const pinsFile = options.glibcPinsFile ?? GLIBC_PINS_FILE;
  const glibc = fs.existsSync(pinsFile) ? readGlibcPins(path.dirname(pinsFile)) : undefined;
  if (glibc) checkPresentGlibcFiles(glibc, path.dirname(pinsFile));
  if (glibc) {
    const missing = options.platforms.filter((platform) => platform.os === 'linux' && !glibc.architectures[platform.arch as GlibcArchitecture]);
    if (missing.length > 0) throw new Error(`${pinsFile}: no "architectures.${missing[0].arch}" for ${missing[0].name}; pin the ${glibc.package} files of that architecture`);
  }
  const projectLicenceFile = projectLicenceText(root);
  const texts = [...packages.flatMap((pkg) => pkg.licenceTexts), bunLicence, projectLicenceFile].sort((a, b) => (a.zipPath < b.zipPath ? -1 : 1));
  return {
    packages,
    runtimes,
    glibc,
    bunLicence,
    projectLicence: declaredLicence(readJson(path.join(root, 'package.json'))),
    projectLicenceFile,
    licenceEntries: () => texts.map((text) => ({ name: text.zipPath, data: text.text, mode: 0o644 })),
  };
}

// --- CycloneDX ---------------------------------------------------------------------------

type Licence = { license: { id: string } | { name: string } } | { expression: string };

let spdxIds: Set<string> | undefined;
/** A licence as CycloneDX states it: an SPDX id, an SPDX expression, or else its name. */
export function cyclonedxLicences(licence: string): Licence[] {
  spdxIds ??= new Set(readJson<{ enum: string[] }>(SPDX_SCHEMA).enum);
  if (spdxIds.has(licence)) return [{ license: { id: licence } }];
  if (/\s(OR|AND|WITH)\s/.test(licence) || /^\(.*\)$/.test(licence)) return [{ expression: licence }];
  return [{ license: { name: licence } }];
}

/** npm's `sha512-BASE64` integrity as a CycloneDX hash (hex). */
export function integrityHash(integrity: string): { alg: string; content: string } {
  const [algorithm, digest] = integrity.split(/-(.*)/s, 2);
  const alg = { sha512: 'SHA-512', sha384: 'SHA-384', sha256: 'SHA-256', sha1: 'SHA-1' }[algorithm];
  if (!alg || !digest) throw new Error(`integrity ${integrity}: expected npm's ALGORITHM-BASE64 form (sha512-…)`);
  return { alg, content: Buffer.from(digest, 'base64').toString('hex') };
}

/** The purl of an npm package (`pkg:npm/%40scope/name@1.2.3`). */
export function npmPurl(name: string, version: string): string {
  return `pkg:npm/${name.replace(/^@/, '%40')}@${encodeURIComponent(version)}`;
}

function debianPurl(pins: GlibcPins, arch: string): string {
  return `pkg:deb/debian/${pins.package}@${encodeURIComponent(pins.version)}?arch=${arch}&distro=debian-12`;
}

function uuidV5(name: string): string {
  const namespace = Buffer.from(UUID_URL_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = crypto.createHash('sha1').update(namespace).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function sbomFileName(name: string, version: string): string {
  return `terraform-provider-${name}_${version}_sbom.cdx.json`;
}

/** The CycloneDX 1.6 document of one provider's release: the provider, every bundled npm package, each platform's runtime and, for linux, the loader and libraries. */
export function providerSbom(contents: ReleaseContents, provider: { name: string; version: string }): Record<string, unknown> {
  const providerRef = `terraform-provider-${provider.name}@${provider.version}`;
  const platforms = (names: string[]) => names.map((value) => ({ name: PLATFORM_PROPERTY, value }));
  const licenceFiles = (texts: LicenceText[]) => texts.map((text) => ({ name: LICENCE_FILES_PROPERTY, value: text.zipPath }));
  const refOf = new Map(contents.packages.map((pkg) => [pkg.dir, npmPurl(pkg.name, pkg.version)]));

  const npmComponents = contents.packages.map((pkg) => {
    const slash = pkg.name.startsWith('@') ? pkg.name.indexOf('/') : -1;
    return {
      type: 'library',
      'bom-ref': refOf.get(pkg.dir),
      ...(slash > 0 ? { group: pkg.name.slice(0, slash), name: pkg.name.slice(slash + 1) } : { name: pkg.name }),
      version: pkg.version,
      hashes: [integrityHash(pkg.integrity)],
      licenses: cyclonedxLicences(pkg.licence),
      purl: refOf.get(pkg.dir),
      ...(pkg.resolved ? { externalReferences: [{ type: 'distribution', url: pkg.resolved }] } : {}),
      properties: licenceFiles(pkg.licenceTexts),
    };
  });
  const runtimeComponents = contents.runtimes.map((runtime) => {
    const [group, name] = runtime.name.split('/');
    return {
      type: 'platform',
      'bom-ref': npmPurl(runtime.name, runtime.version),
      group,
      name,
      version: runtime.version,
      description: `The Bun runtime compiled into the ${runtime.platform} executable. Its package declares ${runtime.licence}; Bun's licence statement (the libraries it links statically, among them JavaScriptCore under LGPL-2) is ${contents.bunLicence.zipPath} in the zip.`,
      hashes: [integrityHash(runtime.integrity)],
      licenses: cyclonedxLicences(runtime.licence),
      purl: npmPurl(runtime.name, runtime.version),
      properties: [...platforms([runtime.platform]), ...licenceFiles([contents.bunLicence])],
    };
  });
  const glibc = contents.glibc;
  const linuxPlatforms = contents.runtimes.map((runtime) => runtime.platform).filter((platform) => platform.startsWith('linux_'));
  const loaderComponents = glibc
    ? linuxPlatforms.map((platform) => {
        const arch = platform.slice('linux_'.length) as GlibcArchitecture;
        const pinned = glibc.architectures[arch];
        const ref = debianPurl(glibc, arch);
        return {
          type: 'library',
          'bom-ref': ref,
          name: glibc.package,
          version: glibc.version,
          description: `The GNU C Library's dynamic loader and libraries from Debian 12's ${glibc.package} (${pinned.deb}), shipped unmodified beside the ${platform} executable, which starts through the loader.`,
          hashes: [{ alg: 'SHA-256', content: pinned.debSha256 }],
          licenses: cyclonedxLicences(glibc.license),
          purl: ref,
          externalReferences: [{ type: 'source-distribution', url: glibc.sourceUrl }],
          properties: platforms([platform]),
          components: Object.entries(pinned.files)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([file, sha256]) => ({ type: 'file', 'bom-ref': `${ref}#${file}`, name: file, hashes: [{ alg: 'SHA-256', content: sha256 }] })),
        };
      })
    : [];

  const components = [...npmComponents, ...runtimeComponents, ...loaderComponents].sort((a, b) => (a['bom-ref']! < b['bom-ref']! ? -1 : 1));
  // The provider needs what no other bundled package requires (its own dependencies), its runtime and its loader.
  const required = new Set(contents.packages.flatMap((pkg) => pkg.dependsOn));
  const direct = [...contents.packages.filter((pkg) => !required.has(pkg.dir)).map((pkg) => refOf.get(pkg.dir)!), ...runtimeComponents.map((each) => each['bom-ref']), ...loaderComponents.map((each) => each['bom-ref'])];
  const dependencies = [
    { ref: providerRef, dependsOn: direct.sort() },
    ...contents.packages.map((pkg) => ({ ref: refOf.get(pkg.dir)!, dependsOn: pkg.dependsOn.map((dir) => refOf.get(dir)!).sort() })),
    ...runtimeComponents.map((each) => ({ ref: each['bom-ref'], dependsOn: [] })),
    ...loaderComponents.map((each) => ({ ref: each['bom-ref'], dependsOn: [] })),
  ].sort((a, b) => (a.ref < b.ref ? -1 : 1));

  const body = {
    version: 1,
    metadata: {
      component: {
        type: 'application',
        'bom-ref': providerRef,
        name: `terraform-provider-${provider.name}`,
        version: provider.version,
        description: `The Terraform provider ${PROVIDER_SOURCE_PREFIX}/${provider.name}: one executable per platform, the provider bundle compiled with the Bun runtime.`,
        licenses: cyclonedxLicences(contents.projectLicence),
        properties: licenceFiles([contents.projectLicenceFile]),
      },
    },
    components,
    dependencies,
  };
  // Two builds of one commit give the same document, so the same serial number; any change in content gives another.
  const serial = uuidV5(`${sbomFileName(provider.name, provider.version)}:${crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex')}`);
  return { $schema: `http://cyclonedx.org/schema/bom-${SBOM_SPEC_VERSION}.schema.json`, bomFormat: 'CycloneDX', specVersion: SBOM_SPEC_VERSION, serialNumber: `urn:uuid:${serial}`, ...body };
}

/** Writes the provider's SBOM into `outDir` (a new file) and returns its path. */
export function writeSbom(contents: ReleaseContents, provider: { name: string; version: string }, outDir: string): string {
  const file = path.join(outDir, sbomFileName(provider.name, provider.version));
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${JSON.stringify(providerSbom(contents, provider), null, 2)}\n`);
  return file;
}
