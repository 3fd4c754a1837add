/**
 * DIR/registry/: a static tree that any HTTPS static host serves as both
 * - the provider registry protocol: /.well-known/terraform.json, v1/providers/NS/TYPE/versions,
 *   v1/providers/NS/TYPE/VERSION/download/OS/ARCH (source `HOST/commerce-iac/TYPE`), and
 * - the provider network mirror protocol: HOSTNAME/NS/TYPE/index.json and VERSION.json, for
 *   each registry host a source may name (registry.terraform.io, registry.opentofu.org, and the
 *   hosts given with --registry-host); the mirror's URL is the tree's root.
 * The release files live once, in v1/providers/NS/TYPE/VERSION/; every URL in the tree is
 * relative, so the tree works under any host and path. Writing a version into an existing tree
 * keeps the other versions.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVIDER_HOSTS, PROVIDER_NAMESPACE } from '../../provider/names';
import type { SigningKey } from './gpg';
import type { ReleasePlatform } from './platforms';
import { readZip } from './zip';

export const PROTOCOL_VERSIONS = ['6.0'];

/** One provider's release files for one version, as written into DIR. */
export interface ProviderRelease {
  name: string;
  version: string;
  archives: { platform: ReleasePlatform; file: string; sha256: string; h1: string }[];
  shasumsFile: string;
  signatureFile: string;
  manifestFile: string;
}

/** Go's dirhash Hash1 of a zip (Terraform's `h1:` package hash): sha256 of the "HEX  NAME\n" lines of the zip's files, in the order of their names. */
export function zipHashV1(zip: Buffer): string {
  const lines = readZip(zip)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((entry) => `${crypto.createHash('sha256').update(entry.data).digest('hex')}  ${entry.name}\n`);
  return `h1:${crypto.createHash('sha256').update(lines.join('')).digest('base64')}`;
}

/** The tree shares the release files with DIR where the file system allows (a hard link), else holds a copy. */
function linkOrCopy(source: string, target: string): void {
  fs.rmSync(target, { force: true });
  try {
    fs.linkSync(source, target);
  } catch {
    fs.copyFileSync(source, target);
  }
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function readJsonIfAny<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

/** Semantic-version order (pre-releases before their release); enough for X.Y.Z[-pre]. */
export function compareVersions(left: string, right: string): number {
  const parse = (version: string) => {
    const [core, pre] = version.split('-', 2);
    return { numbers: core.split('.').map(Number), pre };
  };
  const a = parse(left);
  const b = parse(right);
  for (let index = 0; index < 3; index += 1) {
    if (a.numbers[index] !== b.numbers[index]) return a.numbers[index] - b.numbers[index];
  }
  if (a.pre === b.pre) return 0;
  if (a.pre === undefined) return 1;
  if (b.pre === undefined) return -1;
  return a.pre < b.pre ? -1 : 1;
}

interface RegistryVersion {
  version: string;
  protocols: string[];
  platforms: { os: string; arch: string }[];
}

/** The hostname directories of the mirror part: Terraform's and OpenTofu's registry hosts, then the given ones. */
export function mirrorHosts(extraHosts: string[]): string[] {
  return [...new Set([...PROVIDER_HOSTS, ...extraHosts])];
}

/** Writes (or merges) one provider's version into the tree; returns the files written, relative to the tree. */
export function writeRegistry(options: { registryDir: string; release: ProviderRelease; key: SigningKey; extraHosts: string[] }): string[] {
  const { registryDir, release, key } = options;
  const written: string[] = [];
  const write = (relative: string, value: unknown) => {
    writeJson(path.join(registryDir, relative), value);
    written.push(relative);
  };
  const providerPath = `v1/providers/${PROVIDER_NAMESPACE}/${release.name}`;
  const versionPath = `${providerPath}/${release.version}`;

  // Other services a host already announces (modules.v1, …) stay.
  const discovery = readJsonIfAny<Record<string, string>>(path.join(registryDir, '.well-known', 'terraform.json')) ?? {};
  write('.well-known/terraform.json', { ...discovery, 'providers.v1': '/v1/providers/' });

  // The release files themselves, once, beside the download documents that point at them.
  fs.mkdirSync(path.join(registryDir, versionPath), { recursive: true });
  for (const file of [release.shasumsFile, release.signatureFile, release.manifestFile, ...release.archives.map((archive) => archive.file)]) {
    linkOrCopy(file, path.join(registryDir, versionPath, path.basename(file)));
    written.push(`${versionPath}/${path.basename(file)}`);
  }

  const versionsFile = path.join(registryDir, providerPath, 'versions');
  const known = readJsonIfAny<{ versions: RegistryVersion[] }>(versionsFile)?.versions ?? [];
  const entry: RegistryVersion = {
    version: release.version,
    protocols: PROTOCOL_VERSIONS,
    platforms: release.archives.map(({ platform }) => ({ os: platform.os, arch: platform.arch })),
  };
  const versions = [...known.filter((each) => each.version !== release.version), entry].sort((a, b) => compareVersions(a.version, b.version));
  write(`${providerPath}/versions`, { versions });

  // A download document's URLs resolve against its own URL, VERSION/download/OS/ARCH.
  const upToVersion = '../../';
  for (const archive of release.archives) {
    write(`${versionPath}/download/${archive.platform.os}/${archive.platform.arch}`, {
      protocols: PROTOCOL_VERSIONS,
      os: archive.platform.os,
      arch: archive.platform.arch,
      filename: path.basename(archive.file),
      download_url: `${upToVersion}${path.basename(archive.file)}`,
      shasums_url: `${upToVersion}${path.basename(release.shasumsFile)}`,
      shasums_signature_url: `${upToVersion}${path.basename(release.signatureFile)}`,
      shasum: archive.sha256,
      signing_keys: { gpg_public_keys: [{ key_id: key.keyId, ascii_armor: key.publicKeyArmored }] },
    });
  }

  // The mirror: HOSTNAME/NS/TYPE/VERSION.json, whose URLs resolve against HOSTNAME/NS/TYPE/.
  for (const host of mirrorHosts(options.extraHosts)) {
    const mirrorPath = `${host}/${PROVIDER_NAMESPACE}/${release.name}`;
    const indexFile = path.join(registryDir, mirrorPath, 'index.json');
    const indexed = readJsonIfAny<{ versions: Record<string, object> }>(indexFile)?.versions ?? {};
    const mirrorVersions = Object.keys({ ...indexed, [release.version]: {} }).sort(compareVersions);
    write(`${mirrorPath}/index.json`, { versions: Object.fromEntries(mirrorVersions.map((version) => [version, {}])) });
    const archives = Object.fromEntries(
      release.archives.map((archive) => [
        archive.platform.name,
        { url: `../../../${versionPath}/${path.basename(archive.file)}`, hashes: [archive.h1, `zh:${archive.sha256}`] },
      ]),
    );
    write(`${mirrorPath}/${release.version}.json`, { archives });
  }
  return written;
}
