/**
 * `npm run release` (scripts/release): the files Terraform and the registries expect, the
 * darwin executable's ad-hoc code signature, the signed sums, the static registry and mirror
 * tree, the executable choosing its provider by its own name with no node on the PATH, and a
 * second build of the same commit giving the same bytes. The release itself is the shared
 * fixture (test/helpers/release-fixture.ts), built once per commit and machine.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createServerCertificate } from '../../provider/protocol/certificate';
import { providerNameFromExecutable } from '../../provider/main';
import { PROVIDER_NAMES } from '../../provider/names';
import { buildRelease, linuxExecutablePath } from '../../scripts/release/build';
import { GLIBC_ARCHITECTURES, readGlibcPins, vendoredGlibc } from '../../scripts/release/glibc';
import { parseReleaseArguments } from '../../scripts/release/main';
import { parsePlatforms } from '../../scripts/release/platforms';
import { type ProviderRelease, writeRegistry, zipHashV1 } from '../../scripts/release/registry';
import { readZip, writeZip } from '../../scripts/release/zip';
import { CS_ADHOC, readCodeSignature } from '../helpers/macho-signature';
import { type ReleaseFixture, gpgEnvironment, releaseForTests, stopGpgAgent } from '../helpers/release-fixture';

const BUILD_TIMEOUT_MS = 15 * 60 * 1000;
const PLUGIN_MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const ELF_MACHINE_X86_64 = 0x3e;
const ELF_MACHINE_AARCH64 = 0xb7;
const MACHO_CPU_ARM64 = 0x0100000c;

let release: ReleaseFixture;
const scratch: string[] = [];

beforeAll(async () => {
  release = await releaseForTests();
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  stopGpgAgent(release.gnupgHome);
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const stem = (name: string) => `terraform-provider-${name}_${release.version}`;
const zipFile = (name: string, platform: string) => path.join(release.outDir, `${stem(name)}_${platform}.zip`);
const zipEntries = new Map<string, ReturnType<typeof readZip>>();
/** A zip's files, read (and inflated) once per test file. */
const entriesOf = (name: string, platform: string) => {
  const file = zipFile(name, platform);
  if (!zipEntries.has(file)) zipEntries.set(file, readZip(fs.readFileSync(file)));
  return zipEntries.get(file)!;
};
const readJson = (...parts: string[]) => JSON.parse(fs.readFileSync(path.join(release.registryDir, ...parts), 'utf8'));

describe('release files', () => {
  test('the darwin zips hold one executable, terraform-provider-NAME_vVERSION, mode 0755, and the licence texts under licenses/', () => {
    for (const name of PROVIDER_NAMES) {
      for (const platform of release.platforms.filter((each) => each.startsWith('darwin'))) {
        const [executable, ...others] = entriesOf(name, platform);
        expect([executable.name, executable.mode.toString(8)]).toEqual([`terraform-provider-${name}_v${release.version}`, '755']);
        // What the bundled packages' licence texts are is test/release/sbom.test.ts's matter.
        expect(others.filter((entry) => !entry.name.startsWith('licenses/'))).toEqual([]);
      }
    }
  });

  test('a linux zip holds the sh launcher at the top, the executable and the pinned glibc in lib/, and glibc\'s licence and source note', () => {
    const pins = readGlibcPins();
    for (const name of PROVIDER_NAMES) {
      for (const platform of release.platforms.filter((each) => each.startsWith('linux'))) {
        const arch = platform.split('_')[1] as keyof typeof GLIBC_ARCHITECTURES;
        // The bundled packages' licence texts (sbom.test.ts) follow; glibc's are this package's own.
        const entries = entriesOf(name, platform).filter((entry) => !entry.name.startsWith('licenses/') || entry.name.startsWith('licenses/glibc/'));
        const libraries = Object.keys(pins.architectures[arch].files).sort();
        expect(entries.map((entry) => [entry.name, entry.mode.toString(8)])).toEqual([
          [`terraform-provider-${name}_v${release.version}`, '755'],
          [linuxExecutablePath(name), '755'],
          ...libraries.map((library) => [`lib/${library}`, library === GLIBC_ARCHITECTURES[arch].loader ? '755' : '644']),
          ['licenses/glibc/LGPL-2.1', '644'],
          ['licenses/glibc/copyright', '644'],
          ['licenses/glibc/SOURCE', '644'],
        ]);
        const launcher = entries[0].data.toString();
        expect(launcher.startsWith('#!/bin/sh\n')).toBe(true);
        expect(launcher).toContain(`exec "$lib/${GLIBC_ARCHITECTURES[arch].loader}" --library-path "$lib" "$lib/provider-${name}" ${name} "$@"`);
        for (const library of libraries) {
          expect([library, sha256(entries.find((entry) => entry.name === `lib/${library}`)!.data)]).toEqual([library, pins.architectures[arch].files[library]]);
        }
        const byName = (entryName: string) => entries.find((entry) => entry.name === entryName)!.data.toString();
        expect(byName('licenses/glibc/LGPL-2.1')).toContain('GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 2.1, February 1999');
        expect(byName('licenses/glibc/SOURCE')).toContain(`libc6 ${pins.version}`);
        expect(byName('licenses/glibc/SOURCE')).toContain(pins.sourceUrl);
      }
    }
  });

  test('a vendored glibc file that differs from its pinned sha256 stops the build, named', () => {
    const vendorCopy = scratchDir('release-vendor-');
    fs.cpSync(path.join(__dirname, '..', '..', 'scripts', 'release', 'vendor'), vendorCopy, { recursive: true });
    expect(vendoredGlibc('amd64', vendorCopy).libraries.length).toBeGreaterThan(0);
    const changed = path.join(vendorCopy, 'glibc', 'amd64', 'libm.so.6');
    const data = fs.readFileSync(changed);
    data[1000] ^= 0xff;
    fs.writeFileSync(changed, data);
    expect(() => vendoredGlibc('amd64', vendorCopy)).toThrow(/glibc\/amd64\/libm\.so\.6 does not match its sha256 in glibc\.json \([0-9a-f]{64} != [0-9a-f]{64}\): restore it from git/);
    fs.rmSync(path.join(vendorCopy, 'glibc', 'arm64', 'libc.so.6'));
    expect(() => vendoredGlibc('arm64', vendorCopy)).toThrow(/glibc\/arm64\/libc\.so\.6 is missing: restore it from git/);
  });

  test('the darwin executables carry a valid ad-hoc signature: every page hash of the code directory checks', () => {
    for (const name of PROVIDER_NAMES) {
      const [entry] = entriesOf(name, 'darwin_arm64');
      const signature = readCodeSignature(entry.data);
      expect(signature.flags & CS_ADHOC).toBe(CS_ADHOC);
      expect(signature.identifier).toBe(`terraform-provider-${name}_v${release.version}`);
      expect(signature.pageSize).toBe(4096);
      // The signature covers the whole file before it and ends the __LINKEDIT segment and the file.
      expect(signature.codeLimit).toBe(signature.dataOffset);
      expect(signature.codeSlots).toBe(Math.ceil(signature.codeLimit / signature.pageSize));
      expect(signature.dataOffset + signature.dataSize).toBeLessThanOrEqual(signature.linkeditEnd);
      expect(signature.linkeditEnd).toBe(entry.data.length);
      expect(signature.mismatchedPages).toEqual([]);
      expect(signature.mismatchedSpecialSlots).toEqual([]);
    }
  });

  test('a changed byte inside the darwin executable shows up as a page whose hash no longer checks', () => {
    const [entry] = entriesOf('sendcloud', 'darwin_arm64');
    const tampered = Buffer.from(entry.data); // a copy: the cached entry stays as released
    tampered[5 * 4096 + 7] ^= 0xff;
    expect(readCodeSignature(tampered).mismatchedPages).toEqual([5]);
  });

  test('the manifest declares protocol 6.0, and SHA256SUMS lists every zip, the manifest and the SBOM with their hashes', () => {
    for (const name of PROVIDER_NAMES) {
      const manifest = `${stem(name)}_manifest.json`;
      expect(JSON.parse(fs.readFileSync(path.join(release.outDir, manifest), 'utf8'))).toEqual({ version: 1, metadata: { protocol_versions: ['6.0'] } });
      const expected = [...release.platforms.map((platform) => path.basename(zipFile(name, platform))), manifest, `${stem(name)}_sbom.cdx.json`]
        .sort()
        .map((file) => `${sha256(fs.readFileSync(path.join(release.outDir, file)))}  ${file}`);
      expect(fs.readFileSync(path.join(release.outDir, `${stem(name)}_SHA256SUMS`), 'utf8')).toBe(`${expected.join('\n')}\n`);
    }
  });

  test('gpg verifies the detached binary signature of the sums, and rejects changed sums', () => {
    const env = gpgEnvironment(release.gnupgHome);
    for (const name of PROVIDER_NAMES) {
      const sums = path.join(release.outDir, `${stem(name)}_SHA256SUMS`);
      const signature = fs.readFileSync(`${sums}.sig`);
      // Terraform accepts only binary signatures: an OpenPGP packet, not "-----BEGIN PGP SIGNATURE-----".
      expect(signature[0] & 0x80).toBe(0x80);
      const verified = spawnSync('gpg', ['--batch', '--status-fd', '1', '--verify', `${sums}.sig`, sums], { env, encoding: 'utf8' });
      expect(verified.status).toBe(0);
      expect(verified.stdout).toContain(`VALIDSIG ${release.fingerprint}`);

      const changed = path.join(scratchDir('release-sums-'), path.basename(sums));
      fs.writeFileSync(changed, fs.readFileSync(sums, 'utf8').replace(/^[0-9a-f]/, (digit) => (digit === '0' ? '1' : '0')));
      expect(spawnSync('gpg', ['--batch', '--verify', `${sums}.sig`, changed], { env }).status).not.toBe(0);
    }
  });
});

describe('registry tree', () => {
  const base = 'https://registry.example.test/';
  /** What a static host would serve at a URL in the tree (the tree is served at the host's root). */
  const served = (url: URL) => fs.readFileSync(path.join(release.registryDir, decodeURIComponent(url.pathname)));

  test('service discovery and the versions of each provider', () => {
    expect(readJson('.well-known', 'terraform.json')).toEqual({ 'providers.v1': '/v1/providers/' });
    for (const name of PROVIDER_NAMES) {
      const { versions } = readJson('v1', 'providers', 'commerce-iac', name, 'versions');
      expect(versions).toEqual([
        {
          version: release.version,
          protocols: ['6.0'],
          platforms: release.platforms.map((platform) => ({ os: platform.split('_')[0], arch: platform.split('_')[1] })),
        },
      ]);
    }
  });

  test('each download document points, by relative URLs, at the zip, the sums and the signature, with the signing key', () => {
    for (const name of PROVIDER_NAMES) {
      for (const platform of release.platforms) {
        const [os_, arch] = platform.split('_');
        const documentPath = `v1/providers/commerce-iac/${name}/${release.version}/download/${os_}/${arch}`;
        const download = readJson(documentPath);
        const documentUrl = new URL(documentPath, base);
        const zip = served(new URL(download.download_url, documentUrl));
        expect(download).toMatchObject({ protocols: ['6.0'], os: os_, arch, filename: `${stem(name)}_${platform}.zip`, shasum: sha256(zip) });
        expect(zip.equals(fs.readFileSync(zipFile(name, platform)))).toBe(true);
        expect(served(new URL(download.shasums_url, documentUrl)).toString()).toContain(`${download.shasum}  ${download.filename}\n`);
        expect(served(new URL(download.shasums_signature_url, documentUrl)).equals(fs.readFileSync(path.join(release.outDir, `${stem(name)}_SHA256SUMS.sig`)))).toBe(true);
        expect(download.signing_keys).toEqual({ gpg_public_keys: [{ key_id: release.fingerprint.slice(-16), ascii_armor: release.publicKeyArmored }] });
      }
    }
  });

  test('the network mirror lists each provider under registry.terraform.io and registry.opentofu.org with h1 and zh hashes', () => {
    for (const host of ['registry.terraform.io', 'registry.opentofu.org']) {
      for (const name of PROVIDER_NAMES) {
        const mirrorPath = `${host}/commerce-iac/${name}`;
        expect(readJson(mirrorPath, 'index.json')).toEqual({ versions: { [release.version]: {} } });
        const { archives } = readJson(mirrorPath, `${release.version}.json`);
        expect(Object.keys(archives).sort()).toEqual([...release.platforms].sort());
        for (const platform of release.platforms) {
          const zip = served(new URL(archives[platform].url, new URL(`${mirrorPath}/${release.version}.json`, base)));
          expect(archives[platform].hashes).toEqual([expect.stringMatching(/^h1:[A-Za-z0-9+/]{43}=$/), `zh:${sha256(zip)}`]);
        }
      }
    }
  });

  test('releasing another version into the tree keeps the first: versions and mirror indexes merge, old files stay', () => {
    const registryDir = path.join(scratchDir('release-merge-'), 'registry');
    fs.cpSync(release.registryDir, registryDir, { recursive: true });
    const files = scratchDir('release-next-');
    const nextVersion = '9.0.0';
    const [platform] = parsePlatforms('linux_arm64');
    const zip = writeZip([{ name: `terraform-provider-elasticpath_v${nextVersion}`, data: Buffer.from('#!/bin/sh\n'), mode: 0o755 }]);
    const file = (name: string, data: string | Buffer) => {
      fs.writeFileSync(path.join(files, name), data);
      return path.join(files, name);
    };
    const next: ProviderRelease = {
      name: 'elasticpath',
      version: nextVersion,
      archives: [{ platform, file: file(`terraform-provider-elasticpath_${nextVersion}_linux_arm64.zip`, zip), sha256: sha256(zip), h1: zipHashV1(zip) }],
      shasumsFile: file(`terraform-provider-elasticpath_${nextVersion}_SHA256SUMS`, 'sums\n'),
      signatureFile: file(`terraform-provider-elasticpath_${nextVersion}_SHA256SUMS.sig`, 'sig'),
      manifestFile: file(`terraform-provider-elasticpath_${nextVersion}_manifest.json`, '{}\n'),
    };
    const key = { fingerprint: release.fingerprint, keyId: release.fingerprint.slice(-16), publicKeyArmored: release.publicKeyArmored };
    writeRegistry({ registryDir, release: next, key, extraHosts: ['registry.example.com'] });

    const read = (...parts: string[]) => JSON.parse(fs.readFileSync(path.join(registryDir, ...parts), 'utf8'));
    expect(read('v1/providers/commerce-iac/elasticpath/versions').versions.map((each: { version: string }) => each.version)).toEqual([release.version, nextVersion]);
    expect(read('registry.terraform.io/commerce-iac/elasticpath/index.json')).toEqual({ versions: { [release.version]: {}, [nextVersion]: {} } });
    expect(read('registry.example.com/commerce-iac/elasticpath/index.json')).toEqual({ versions: { [nextVersion]: {} } });
    expect(fs.existsSync(path.join(registryDir, `v1/providers/commerce-iac/elasticpath/${release.version}/download/linux/amd64`))).toBe(true);
    expect(fs.existsSync(path.join(registryDir, `registry.terraform.io/commerce-iac/elasticpath/${release.version}.json`))).toBe(true);
    expect(read(`v1/providers/commerce-iac/elasticpath/${nextVersion}/download/linux/arm64`).shasum).toBe(sha256(zip));
    // the other provider is untouched
    expect(read('v1/providers/commerce-iac/sendcloud/versions')).toEqual(readJson('v1/providers/commerce-iac/sendcloud/versions'));
  });

  test("terraform computes the same h1 hash as the mirror's, and runs each executable (chosen by its name) with no node on the PATH", () => {
    const dir = scratchDir('release-terraform-');
    const mirror = path.join(dir, 'mirror');
    for (const name of PROVIDER_NAMES) {
      const packed = path.join(mirror, 'registry.terraform.io', 'commerce-iac', name);
      fs.mkdirSync(packed, { recursive: true });
      fs.copyFileSync(zipFile(name, 'linux_amd64'), path.join(packed, path.basename(zipFile(name, 'linux_amd64'))));
    }
    fs.writeFileSync(path.join(dir, 'terraform.rc'), `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
    const work = path.join(dir, 'work');
    fs.mkdirSync(work);
    const requirements = PROVIDER_NAMES.map((name) => `    ${name} = { source = "commerce-iac/${name}", version = "${release.version}" }`).join('\n');
    fs.writeFileSync(path.join(work, 'main.tf'), `terraform {\n  required_providers {\n${requirements}\n  }\n}\n`);
    // terraform itself, alone on the PATH: the providers must not need node.
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(execFileSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).trim(), path.join(bin, 'terraform'));
    const env = { PATH: bin, HOME: dir, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: path.join(dir, 'terraform.rc'), TF_IN_AUTOMATION: '1' };
    const run = (...args: string[]) => execFileSync(path.join(bin, 'terraform'), args, { cwd: work, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

    run('init', '-no-color', '-input=false');
    const lock = fs.readFileSync(path.join(work, '.terraform.lock.hcl'), 'utf8');
    for (const name of PROVIDER_NAMES) {
      const mirrored = readJson('registry.terraform.io', 'commerce-iac', name, `${release.version}.json`).archives.linux_amd64.hashes[0];
      expect(lock).toContain(`"${mirrored}"`);
    }
    const schemas = JSON.parse(run('providers', 'schema', '-json')).provider_schemas;
    expect(Object.keys(schemas['registry.terraform.io/commerce-iac/elasticpath'].resource_schemas)).toContain('elasticpath_integration');
    const sendcloudResources = Object.keys(schemas['registry.terraform.io/commerce-iac/sendcloud'].resource_schemas);
    expect(sendcloudResources.length).toBeGreaterThan(0);
    expect(sendcloudResources.every((type) => type.startsWith('sendcloud_'))).toBe(true);
  });

  test('the linux package started as Terraform starts it (its launcher, no arguments) answers the go-plugin handshake on protocol 6', async () => {
    const dir = scratchDir('release-handshake-');
    const entries = entriesOf('sendcloud', 'linux_amd64');
    for (const entry of entries) {
      fs.mkdirSync(path.dirname(path.join(dir, entry.name)), { recursive: true });
      fs.writeFileSync(path.join(dir, entry.name), entry.data, { mode: entry.mode });
    }
    const executable = path.join(dir, entries[0].name);
    const child = spawn(executable, [], {
      env: { PATH: '/nonexistent', TF_PLUGIN_MAGIC_COOKIE: PLUGIN_MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: '6', PLUGIN_CLIENT_CERT: createServerCertificate().certificatePem },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before the handshake: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(line).toMatch(/^1\|6\|(unix|tcp)\|[^|]+\|grpc\|[A-Za-z0-9+/=]+$/);
  });
});

describe('docs/releasing.md', () => {
  test('the registry tree it lists is the tree a release writes (its version and platform for the fixture\'s)', () => {
    const page = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'releasing.md'), 'utf8');
    const intro = 'For version 0.2.0 of elasticpath built for linux_amd64:';
    const block = page.slice(page.indexOf(intro)).split('```')[1];
    const listed = block.split('\n').map((line) => line.split(/\s+/)[0]).filter(Boolean);
    expect(listed.length).toBeGreaterThan(10);
    for (const entry of listed) {
      expect(fs.existsSync(path.join(release.registryDir, entry.replaceAll('0.2.0', release.version)))).toBe(true);
    }
    const writtenFor = (relative: string) => relative.includes('elasticpath') || relative.startsWith('.well-known');
    const written = fs
      .readdirSync(release.registryDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(release.registryDir, path.join(entry.parentPath, entry.name)).replaceAll(release.version, '0.2.0'))
      .filter((relative) => writtenFor(relative) && !/darwin|linux_arm64|linux\/arm64/.test(relative));
    expect(written.sort()).toEqual([...listed].sort());
  });
});

describe('reproducible', () => {
  test(
    'a second build of the same commit gives byte-identical zips, SBOM and SHA256SUMS',
    async () => {
      // One provider is enough: both go through the same steps, and each has its own zips and sums.
      const outDir = scratchDir('release-again-');
      await buildRelease({
        version: release.version,
        outDir,
        platforms: parsePlatforms(release.platforms.join(',')),
        providers: ['sendcloud'],
        gpgKey: release.fingerprint,
        env: gpgEnvironment(release.gnupgHome),
      });
      const rebuilt = fs.readdirSync(outDir).filter((file) => file.endsWith('.zip') || file.endsWith('_SHA256SUMS') || file.endsWith('_sbom.cdx.json')).sort();
      expect(rebuilt).toEqual([...release.platforms.map((platform) => path.basename(zipFile('sendcloud', platform))), `${stem('sendcloud')}_SHA256SUMS`, `${stem('sendcloud')}_sbom.cdx.json`].sort());
      for (const file of rebuilt) {
        expect([file, sha256(fs.readFileSync(path.join(outDir, file)))]).toEqual([file, sha256(fs.readFileSync(path.join(release.outDir, file)))]);
      }
    },
    BUILD_TIMEOUT_MS,
  );
});

describe('the command line and the executable name', () => {
  test('bad arguments are refused with the option named and the fix', () => {
    expect(() => parseReleaseArguments(['--out', 'x'])).toThrow(/--version is missing/);
    expect(() => parseReleaseArguments(['--version', '0.2.0'])).toThrow(/--out is missing/);
    expect(() => parseReleaseArguments(['--version', '0.2.0', '--out', 'x', '--platforms', 'linux_amd64,solaris_sparc'])).toThrow(
      /--platforms: unknown solaris_sparc; choose from linux_amd64, linux_arm64, darwin_amd64, darwin_arm64, windows_amd64/,
    );
    expect(() => parseReleaseArguments(['--version', '0.2.0', '--out', 'x', '--colour'])).toThrow(/unknown option --colour/);
  });

  test('a version that is not X.Y.Z, a bad registry host or an empty keyring stops the build before anything is written', async () => {
    const outDir = path.join(scratchDir('release-refused-'), 'out');
    await expect(buildRelease({ version: 'v0.2.0', outDir })).rejects.toThrow(/--version v0.2.0: give a version like 0.2.0/);
    await expect(buildRelease({ version: '0.2.0', outDir, registryHosts: ['https://x.test/'] })).rejects.toThrow(/--registry-host https:\/\/x.test\/: give a host name/);
    const emptyHome = scratchDir('release-empty-gnupg-');
    fs.chmodSync(emptyHome, 0o700);
    await expect(buildRelease({ version: '0.2.0', outDir, env: gpgEnvironment(emptyHome) })).rejects.toThrow(/--gpg-key is needed: the keyring .* holds no secret key/);
    stopGpgAgent(emptyHome);
    expect(fs.existsSync(outDir)).toBe(false);
  });

  test('a released executable knows its provider from its file name, as Terraform names it', () => {
    expect(providerNameFromExecutable('/x/terraform-provider-elasticpath_v0.2.0')).toBe('elasticpath');
    expect(providerNameFromExecutable('C:\\plugins\\terraform-provider-sendcloud_v0.2.0.exe')).toBe('sendcloud');
    expect(providerNameFromExecutable('terraform-provider-sendcloud')).toBe('sendcloud');
    expect(providerNameFromExecutable('terraform-provider-sendcloudx_v1')).toBeUndefined();
    expect(providerNameFromExecutable('/usr/bin/node')).toBeUndefined();
  });
});
