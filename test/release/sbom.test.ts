/**
 * What a release says is inside it (scripts/release/sbom.ts): the CycloneDX SBOM of each
 * provider and the licence texts the zips carry. First on a small made-up repository (its
 * package-lock.json, node_modules and esbuild metafile, a Bun runtime package per platform and
 * glibc pins in the format of scripts/release/vendor/glibc.json), then on the shared release
 * fixture (test/helpers/release-fixture.ts, built once): the SBOM is listed in the signed sums,
 * is valid CycloneDX 1.6, names the npm packages the executable's bundle holds, and every zip
 * carries the licence texts it points at.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Metafile } from 'esbuild';
import { PROVIDER_NAMES } from '../../provider/names';
import { bundleProviderWithMetafile } from '../../scripts/release/build';
import { pinnedBunVersion } from '../../scripts/release/bun-runtime';
import { parsePlatforms } from '../../scripts/release/platforms';
import { LICENCE_FILES_PROPERTY, PLATFORM_PROPERTY, bundledPackageDirs, providerSbom, readmeLicenceSection, releaseContents, sbomFileName } from '../../scripts/release/sbom';
import { readZip } from '../../scripts/release/zip';
import { type ReleaseFixture, releaseForTests } from '../helpers/release-fixture';

const BUILD_TIMEOUT_MS = 15 * 60 * 1000;
const SCHEMA_DIR = path.join(__dirname, '../../node_modules/@cyclonedx/cyclonedx-library/res/schema');
const GLIBC_FIXTURE = path.join(__dirname, 'fixtures', 'glibc.json');
const MIT_TEXT = 'Permission is hereby granted, free of charge, to any person obtaining a copy of this software';

interface Component {
  type: string;
  'bom-ref': string;
  group?: string;
  name: string;
  version?: string;
  purl?: string;
  hashes?: { alg: string; content: string }[];
  licenses?: ({ license: { id?: string; name?: string } } | { expression: string })[];
  properties?: { name: string; value: string }[];
  components?: Component[];
}
interface Sbom {
  serialNumber: string;
  metadata: { component: Component; timestamp?: string };
  components: Component[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});
function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** The CycloneDX 1.6 JSON schema (with the SPDX licence ids and JSF schemas it refers to), as the cyclonedx-library package ships it. */
function cyclonedxValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('iri-reference', (value: string) => {
    try {
      return Boolean(new URL(value, 'https://base.invalid/'));
    } catch {
      return false;
    }
  });
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/);
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
  const bom = read('bom-1.6.SNAPSHOT.schema.json');
  // The BOM schema refers to the other two by their file names, relative to its own $id.
  for (const file of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) ajv.addSchema({ ...read(file), $id: new URL(file, bom.$id).href });
  return ajv.compile(bom);
}

const property = (component: Component, name: string) => (component.properties ?? []).filter((each) => each.name === name).map((each) => each.value);
const sha512Hex = (integrity: string) => Buffer.from(integrity.replace(/^sha512-/, ''), 'base64').toString('hex');
const integrityOf = (text: string) => `sha512-${crypto.createHash('sha512').update(text).digest('base64')}`;

describe('SBOM content, from a made-up repository', () => {
  const platforms = parsePlatforms('linux_amd64,linux_arm64,darwin_arm64');
  const bunVersion = pinnedBunVersion();

  interface FakePackage {
    dir: string;
    manifest: Record<string, unknown>;
    files?: Record<string, string>;
    dependencies?: Record<string, string>;
  }
  const fakePackages: FakePackage[] = [
    { dir: 'node_modules/left', manifest: { name: 'left', version: '1.0.0', license: 'MIT' }, files: { LICENSE: `MIT License\n\n${MIT_TEXT}` }, dependencies: { inner: '^2' } },
    { dir: 'node_modules/left/node_modules/inner', manifest: { name: 'inner', version: '2.1.0', license: 'ISC' }, files: { 'LICENSE.md': 'ISC text', NOTICE: 'a notice' } },
    { dir: 'node_modules/inner', manifest: { name: 'inner', version: '1.0.0', license: 'ISC' }, files: { LICENSE: 'ISC text (old)' } },
    {
      dir: 'node_modules/@scope/right',
      manifest: { name: '@scope/right', version: '3.0.0-beta.1', license: '(MIT OR Apache-2.0)' },
      files: { 'README.md': `# right\n\nUsage.\n\nLicense\n-------\n\n(The MIT License)\n\n${MIT_TEXT}\n\n[link]: https://example.invalid/\n` },
    },
    { dir: 'node_modules/unbundled', manifest: { name: 'unbundled', version: '9.9.9' } },
  ];

  /** A repository holding the fake packages, with a metafile bundling every one whose name is in `bundled`. */
  function fakeRepository(bundled: string[], change: (packages: FakePackage[]) => FakePackage[] = (each) => each) {
    const root = scratchDir('sbom-repo-');
    const packages = change(fakePackages.map((each) => ({ ...each, manifest: { ...each.manifest } })));
    const lock: Record<string, unknown> = { '': { name: 'fake', version: '0.0.0' } };
    for (const pkg of packages) {
      fs.mkdirSync(path.join(root, pkg.dir), { recursive: true });
      fs.writeFileSync(path.join(root, pkg.dir, 'package.json'), JSON.stringify(pkg.manifest));
      for (const [file, text] of Object.entries(pkg.files ?? {})) fs.writeFileSync(path.join(root, pkg.dir, file), text);
      fs.writeFileSync(path.join(root, pkg.dir, 'index.js'), 'module.exports = 1;\n');
      lock[pkg.dir] = { version: pkg.manifest.version, integrity: integrityOf(pkg.dir), license: pkg.manifest.license, dependencies: pkg.dependencies };
    }
    const runtimeDirs = new Map<string, string>();
    for (const platform of platforms) {
      const dir = path.join(root, 'runtimes', platform.name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: platform.runtimePackage, version: bunVersion, license: 'MIT' }));
      lock[`node_modules/${platform.runtimePackage}`] = { version: bunVersion, integrity: integrityOf(platform.runtimePackage), license: 'MIT' };
      runtimeDirs.set(platform.name, dir);
    }
    const bunTypes = path.join(root, 'node_modules', 'bun-types');
    fs.mkdirSync(path.join(bunTypes, 'docs', 'project'), { recursive: true });
    fs.writeFileSync(path.join(bunTypes, 'package.json'), JSON.stringify({ name: 'bun-types', version: bunVersion, license: 'MIT' }));
    fs.writeFileSync(path.join(bunTypes, 'docs', 'project', 'license.mdx'), 'Bun itself is MIT-licensed.\n');
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'fake', version: '0.0.0', license: 'MIT' }));
    fs.writeFileSync(path.join(root, 'LICENSE'), 'the fake project\'s MIT licence\n');
    fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: lock }));
    const inputs: Metafile['outputs'][string]['inputs'] = { 'provider/main.ts': { bytesInOutput: 100 } };
    for (const pkg of packages) inputs[`${pkg.dir}/index.js`] = { bytesInOutput: bundled.includes(pkg.dir) ? 20 : 0 };
    const metafile: Metafile = { inputs: {}, outputs: { 'provider.js': { bytes: 200, inputs, imports: [], exports: [], entryPoint: 'provider/main.ts' } } };
    return { root, metafile, runtimePackageDir: (platform: { name: string }) => runtimeDirs.get(platform.name)! };
  }

  const everyBundled = ['node_modules/left', 'node_modules/left/node_modules/inner', 'node_modules/@scope/right'];
  const contentsOf = (repository: ReturnType<typeof fakeRepository>, glibcPinsFile = GLIBC_FIXTURE) =>
    releaseContents({ metafile: repository.metafile, platforms, root: repository.root, runtimePackageDir: repository.runtimePackageDir, glibcPinsFile });

  test('every bundled npm package is a component with its name, version, purl, licence and the lockfile integrity as a SHA-512 hash; unbundled ones are not', () => {
    const repository = fakeRepository(everyBundled);
    const sbom = providerSbom(contentsOf(repository), { name: 'elasticpath', version: '0.3.0' }) as unknown as Sbom;
    const libraries = sbom.components.filter((each) => each.purl?.startsWith('pkg:npm/') && each.type === 'library');
    expect(libraries.map((each) => [each.group, each.name, each.version, each.purl, each.licenses, each.hashes])).toEqual([
      ['@scope', 'right', '3.0.0-beta.1', 'pkg:npm/%40scope/right@3.0.0-beta.1', [{ expression: '(MIT OR Apache-2.0)' }], [{ alg: 'SHA-512', content: sha512Hex(integrityOf('node_modules/@scope/right')) }]],
      [undefined, 'inner', '2.1.0', 'pkg:npm/inner@2.1.0', [{ license: { id: 'ISC' } }], [{ alg: 'SHA-512', content: sha512Hex(integrityOf('node_modules/left/node_modules/inner')) }]],
      [undefined, 'left', '1.0.0', 'pkg:npm/left@1.0.0', [{ license: { id: 'MIT' } }], [{ alg: 'SHA-512', content: sha512Hex(integrityOf('node_modules/left')) }]],
    ]);
    expect(JSON.stringify(sbom)).not.toContain('unbundled');
    // left requires inner, and gets the copy nested under it (2.1.0), not the top-level 1.0.0
    expect(sbom.dependencies.find((each) => each.ref === 'pkg:npm/left@1.0.0')!.dependsOn).toEqual(['pkg:npm/inner@2.1.0']);
    expect(sbom.dependencies.find((each) => each.ref === 'terraform-provider-elasticpath@0.3.0')!.dependsOn).toEqual(
      expect.arrayContaining(['pkg:npm/left@1.0.0', 'pkg:npm/%40scope/right@3.0.0-beta.1']),
    );
    expect(sbom.metadata.component).toMatchObject({ type: 'application', name: 'terraform-provider-elasticpath', version: '0.3.0', licenses: [{ license: { id: 'MIT' } }] });
  });

  test("each platform's Bun runtime is a component; the linux ones have the glibc loader and libraries, each file with its pinned SHA-256", () => {
    const sbom = providerSbom(contentsOf(fakeRepository(everyBundled)), { name: 'sendcloud', version: '0.3.0' }) as unknown as Sbom;
    const runtimes = sbom.components.filter((each) => each.type === 'platform');
    expect(runtimes.map((each) => [`${each.group}/${each.name}`, each.version, property(each, PLATFORM_PROPERTY), each.licenses])).toEqual(
      [
        ['@oven/bun-darwin-aarch64', pinnedBunVersion(), ['darwin_arm64'], [{ license: { id: 'MIT' } }]],
        ['@oven/bun-linux-aarch64', pinnedBunVersion(), ['linux_arm64'], [{ license: { id: 'MIT' } }]],
        ['@oven/bun-linux-x64-baseline', pinnedBunVersion(), ['linux_amd64'], [{ license: { id: 'MIT' } }]],
      ],
    );
    const pins = JSON.parse(fs.readFileSync(GLIBC_FIXTURE, 'utf8'));
    const loaders = sbom.components.filter((each) => each.name === 'libc6');
    expect(loaders.map((each) => [property(each, PLATFORM_PROPERTY)[0], each.purl, each.licenses, each.hashes])).toEqual([
      ['linux_amd64', 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12', [{ license: { id: 'LGPL-2.1-or-later' } }], [{ alg: 'SHA-256', content: pins.architectures.amd64.debSha256 }]],
      ['linux_arm64', 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=arm64&distro=debian-12', [{ license: { id: 'LGPL-2.1-or-later' } }], [{ alg: 'SHA-256', content: pins.architectures.arm64.debSha256 }]],
    ]);
    const amd64Files = loaders[0].components!.map((file) => [file.type, file.name, file.hashes![0].content]);
    expect(amd64Files).toEqual(Object.entries(pins.architectures.amd64.files).sort().map(([name, sha256]) => ['file', name, sha256]));
    expect(amd64Files.map(([, name]) => name)).toContain('ld-linux-x86-64.so.2');
  });

  test('without glibc pins (a release whose linux zips carry no loader) the SBOM lists no loader', () => {
    const sbom = providerSbom(contentsOf(fakeRepository(everyBundled), path.join(scratchDir('sbom-no-pins-'), 'glibc.json')), { name: 'sendcloud', version: '0.3.0' }) as unknown as Sbom;
    expect(sbom.components.filter((each) => each.name === 'libc6')).toEqual([]);
    expect(sbom.components.filter((each) => each.type === 'platform')).toHaveLength(3);
  });

  test('the licence texts the zips carry: each package\'s LICENSE and NOTICE files, the README\'s licence section for a package without one, and Bun\'s statement', () => {
    const contents = contentsOf(fakeRepository(everyBundled));
    const entries = contents.licenceEntries();
    expect(entries.map((entry) => [entry.name, entry.mode.toString(8)])).toEqual([
      ['licenses/@scope/right/LICENSE', '644'],
      ['licenses/bun/LICENSE.md', '644'],
      ['licenses/fake/LICENSE', '644'],
      ['licenses/inner/LICENSE.md', '644'],
      ['licenses/inner/NOTICE', '644'],
      ['licenses/left/LICENSE', '644'],
    ]);
    const text = (name: string) => entries.find((entry) => entry.name === name)!.data.toString();
    expect(text('licenses/@scope/right/LICENSE')).toContain(MIT_TEXT);
    expect(text('licenses/@scope/right/LICENSE')).not.toContain('Usage.');
    expect(text('licenses/@scope/right/LICENSE')).not.toContain('[link]');
    expect(text('licenses/bun/LICENSE.md')).toBe('Bun itself is MIT-licensed.\n');
    // The SBOM points at each text from its component.
    const sbom = providerSbom(contents, { name: 'elasticpath', version: '0.3.0' }) as unknown as Sbom;
    const pointed = [sbom.metadata.component, ...sbom.components].flatMap((each) => property(each, LICENCE_FILES_PROPERTY));
    expect(text('licenses/fake/LICENSE')).toBe("the fake project's MIT licence\n");
    expect(new Set(pointed)).toEqual(new Set(entries.map((entry) => entry.name)));
  });

  test('fails when a bundled package declares no licence, naming it', () => {
    const repository = fakeRepository(everyBundled, (packages) =>
      packages.map((each) => (each.dir === 'node_modules/left' ? { ...each, manifest: { name: 'left', version: '1.0.0' } } : each)),
    );
    expect(() => contentsOf(repository)).toThrow(/^left@1\.0\.0 \(node_modules\/left\) is in the provider bundle but its package\.json declares no licence/);
  });

  test('fails when a bundled package ships no licence text, naming it', () => {
    const repository = fakeRepository(everyBundled, (packages) => packages.map((each) => (each.dir === 'node_modules/@scope/right' ? { ...each, files: { 'README.md': '# right\n' } } : each)));
    expect(() => contentsOf(repository)).toThrow(/^@scope\/right@3\.0\.0-beta\.1 \(node_modules\/@scope\/right\) ships no licence text/);
  });

  test('fails when a vendored glibc file differs from its pin, naming the file', () => {
    const dir = scratchDir('sbom-pins-');
    fs.copyFileSync(GLIBC_FIXTURE, path.join(dir, 'glibc.json'));
    fs.mkdirSync(path.join(dir, 'glibc', 'amd64'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'glibc', 'amd64', 'libc.so.6'), 'not the pinned library');
    expect(() => contentsOf(fakeRepository(everyBundled), path.join(dir, 'glibc.json'))).toThrow(/glibc\/amd64\/libc\.so\.6 does not match its sha256 in glibc\.json \([0-9a-f]{64} != [0-9a-f]{64}\)/);
  });

  test('the document is valid CycloneDX 1.6, has no timestamp, and its serial number follows its content only', () => {
    const validate = cyclonedxValidator();
    const contents = contentsOf(fakeRepository(everyBundled));
    const first = providerSbom(contents, { name: 'elasticpath', version: '0.3.0' }) as unknown as Sbom;
    expect(validate(first) ? [] : validate.errors).toEqual([]);
    expect(first.metadata.timestamp).toBeUndefined();
    expect(providerSbom(contentsOf(fakeRepository(everyBundled)), { name: 'elasticpath', version: '0.3.0' })).toEqual(first);
    const fewer = providerSbom(contentsOf(fakeRepository(['node_modules/left', 'node_modules/left/node_modules/inner'])), { name: 'elasticpath', version: '0.3.0' }) as unknown as Sbom;
    expect(fewer.serialNumber).not.toBe(first.serialNumber);
  });

  test('a README licence section ends at the next heading', () => {
    expect(readmeLicenceSection('# x\n\n## License\n\nMIT, see below.\n\n## Contributing\n\nPRs.\n')).toBe('MIT, see below.\n');
    expect(readmeLicenceSection('# x\n\nNo licence here.\n')).toBeUndefined();
  });
});

describe('the SBOM of the released providers (the shared release fixture)', () => {
  let release: ReleaseFixture;
  beforeAll(async () => {
    release = await releaseForTests();
  }, BUILD_TIMEOUT_MS);

  const sbomOf = (name: string) => JSON.parse(fs.readFileSync(path.join(release.outDir, sbomFileName(name, release.version)), 'utf8')) as Sbom;

  test("SHA256SUMS lists each provider's SBOM with its hash, so the signature covers it", () => {
    for (const name of PROVIDER_NAMES) {
      const file = sbomFileName(name, release.version);
      const sums = fs.readFileSync(path.join(release.outDir, `terraform-provider-${name}_${release.version}_SHA256SUMS`), 'utf8');
      expect(sums).toContain(`${crypto.createHash('sha256').update(fs.readFileSync(path.join(release.outDir, file))).digest('hex')}  ${file}\n`);
      // What a user runs to check a download: every file the sums list is there and matches.
      expect(execFileSync('sha256sum', ['--strict', '-c', `terraform-provider-${name}_${release.version}_SHA256SUMS`], { cwd: release.outDir, encoding: 'utf8' })).toContain(`${file}: OK`);
    }
  });

  test('is valid CycloneDX 1.6 and names the npm packages the bundle holds, each platform\'s runtime, and no loader while glibc is not vendored', async () => {
    const validate = cyclonedxValidator();
    const { metafile } = await bundleProviderWithMetafile();
    const bundled = bundledPackageDirs(metafile).map((dir) => JSON.parse(fs.readFileSync(path.join(__dirname, '../..', dir, 'package.json'), 'utf8')) as { name: string; version: string });
    for (const name of PROVIDER_NAMES) {
      const sbom = sbomOf(name);
      expect(validate(sbom) ? [] : validate.errors).toEqual([]);
      expect(sbom.metadata.component).toMatchObject({ name: `terraform-provider-${name}`, version: release.version });
      const npm = sbom.components.filter((each) => each.type === 'library' && each.purl?.startsWith('pkg:npm/'));
      expect(npm.map((each) => `${each.group ? `${each.group}/` : ''}${each.name}@${each.version}`).sort()).toEqual(bundled.map((each) => `${each.name}@${each.version}`).sort());
      expect(npm.map((each) => each.purl)).toContain(`pkg:npm/axios@${bundled.find((each) => each.name === 'axios')!.version}`);
      expect(npm.every((each) => each.licenses!.length === 1 && each.hashes![0].alg === 'SHA-512' && /^[0-9a-f]{128}$/.test(each.hashes![0].content))).toBe(true);
      const runtimes = sbom.components.filter((each) => each.type === 'platform');
      expect(runtimes.flatMap((each) => property(each, PLATFORM_PROPERTY)).sort()).toEqual([...release.platforms].sort());
      const vendored = fs.existsSync(path.join(__dirname, '../../scripts/release/vendor/glibc.json'));
      expect(sbom.components.some((each) => each.name === 'libc6')).toBe(vendored);
    }
  });

  test('every zip carries the licence texts the SBOM points at, Bun\'s statement among them', () => {
    for (const name of PROVIDER_NAMES) {
      const pointed = new Set(sbomOf(name).components.flatMap((each) => property(each, LICENCE_FILES_PROPERTY)));
      expect(pointed).toContain('licenses/axios/LICENSE');
      expect(pointed).toContain('licenses/bun/LICENSE.md');
      for (const platform of release.platforms) {
        const entries = readZip(fs.readFileSync(path.join(release.outDir, `terraform-provider-${name}_${release.version}_${platform}.zip`)));
        const licences = entries.filter((entry) => entry.name.startsWith('licenses/'));
        expect(licences.map((entry) => entry.name).filter((entry) => pointed.has(entry)).sort()).toEqual([...pointed].sort());
        expect(licences.every((entry) => entry.mode === 0o644 && entry.data.length > 0)).toBe(true);
        expect(licences.find((entry) => entry.name === 'licenses/bun/LICENSE.md')!.data.toString()).toContain('JavaScriptCore');
      }
    }
  });
});
