/**
 * The glibc loader and libraries a linux release ships beside the Bun-compiled executable, so it
 * runs on hosts without glibc (Alpine's musl) as on Debian: Debian 12's libc6, kept in the
 * repository (scripts/release/vendor/glibc/<arch>/, pinned by scripts/release/vendor/glibc.json)
 * because Debian's mirrors keep only a package's current version. Every file is checked against
 * its pinned sha256 before it goes into a zip.
 *
 * Updating to a newer libc6: `apt-get download libc6 libc6:arm64`, then
 * `node scripts/run-ts.js scripts/release/glibc.ts libc6_VERSION_amd64.deb libc6_VERSION_arm64.deb`
 * rewrites the vendored files and the pins (docs/releasing.md).
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const VENDOR_DIR = path.join(__dirname, 'vendor');
const PINS_FILE_NAME = 'glibc.json';
export const GLIBC_PINS_FILE = path.join(VENDOR_DIR, PINS_FILE_NAME);
const GLIBC_DIR = 'glibc';
/** The licence text (Debian's copy, /usr/share/common-licenses/LGPL-2.1) and libc6's copyright file, beside the architectures' folders. */
const LICENSE_FILES = [`${GLIBC_DIR}/LGPL-2.1`, `${GLIBC_DIR}/copyright`];

/** What each architecture's package holds that a Bun runtime needs (its ELF NEEDED entries: `readelf -d`), and where libc6 puts it. */
export const GLIBC_ARCHITECTURES = {
  amd64: { multiarch: 'x86_64-linux-gnu', loader: 'ld-linux-x86-64.so.2' },
  arm64: { multiarch: 'aarch64-linux-gnu', loader: 'ld-linux-aarch64.so.1' },
} as const;
export type GlibcArchitecture = keyof typeof GLIBC_ARCHITECTURES;
const LIBRARIES = ['libc.so.6', 'libm.so.6', 'libpthread.so.0', 'libdl.so.2'];

export interface GlibcPins {
  package: string;
  version: string;
  license: string;
  sourceUrl: string;
  licenseFiles: string[];
  architectures: Record<GlibcArchitecture, { deb: string; debSha256: string; files: Record<string, string> }>;
}

export interface VendoredGlibc {
  pins: GlibcPins;
  /** The loader's file name (what the launcher runs). */
  loader: string;
  /** The loader and libraries, by file name, checked against their pins. */
  libraries: { name: string; data: Buffer }[];
  /** The licence texts, by base name. */
  licenses: { name: string; data: Buffer }[];
}

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** glibc.json in `vendorDir`, checked for every field the build and the SBOM read. */
export function readGlibcPins(vendorDir = VENDOR_DIR): GlibcPins {
  const file = path.join(vendorDir, PINS_FILE_NAME);
  const pins = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<GlibcPins>;
  for (const field of ['package', 'version', 'license', 'sourceUrl'] as const) {
    if (typeof pins[field] !== 'string' || !pins[field]) throw new Error(`${file}: "${field}" is missing; give it as a string (see docs/releasing.md)`);
  }
  if (!Array.isArray(pins.licenseFiles) || !pins.architectures || typeof pins.architectures !== 'object') {
    throw new Error(`${file}: "licenseFiles" (a list) and "architectures" (an object per Debian architecture) are required`);
  }
  return pins as GlibcPins;
}

/** Checks each pinned file that is present in `vendorDir` against its sha256 (the SBOM states the pins; the build checks what it packs). */
export function checkPresentGlibcFiles(pins: GlibcPins, vendorDir = VENDOR_DIR): void {
  for (const [arch, pinned] of Object.entries(pins.architectures)) {
    for (const [name, expected] of Object.entries(pinned.files ?? {})) {
      const relative = `${GLIBC_DIR}/${arch}/${name}`;
      if (fs.existsSync(path.join(vendorDir, relative))) checkedFile(vendorDir, relative, expected);
    }
  }
}

function checkedFile(vendorDir: string, relative: string, expected: string | undefined): Buffer {
  const file = path.join(vendorDir, relative);
  const shown = path.relative(process.cwd(), file);
  if (!fs.existsSync(file)) throw new Error(`${shown} is missing: restore it from git (it is pinned in ${PINS_FILE_NAME} beside glibc/)`);
  const data = fs.readFileSync(file);
  if (expected !== undefined && sha256(data) !== expected) {
    throw new Error(
      `${shown} does not match its sha256 in ${PINS_FILE_NAME} (${sha256(data)} != ${expected}): restore it from git, or re-extract the pinned libc6 with scripts/release/glibc.ts`,
    );
  }
  return data;
}

/** The pinned glibc files for `arch`, each checked against its sha256; throws naming the first file that differs. */
export function vendoredGlibc(arch: GlibcArchitecture, vendorDir = VENDOR_DIR): VendoredGlibc {
  const pins = readGlibcPins(vendorDir);
  const pinned = pins.architectures[arch];
  if (!pinned) throw new Error(`${PINS_FILE_NAME} has no ${arch} entry: re-extract libc6 for ${arch} with scripts/release/glibc.ts`);
  const libraries = Object.entries(pinned.files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, expected]) => ({ name, data: checkedFile(vendorDir, `${GLIBC_DIR}/${arch}/${name}`, expected) }));
  const licenses = pins.licenseFiles.map((relative) => ({ name: path.basename(relative), data: checkedFile(vendorDir, relative, undefined) }));
  return { pins, loader: GLIBC_ARCHITECTURES[arch].loader, libraries, licenses };
}

/** The note on where the shipped libraries' source is, which LGPL-2.1 asks to go with them. */
export function glibcSourceNote(pins: GlibcPins): string {
  return [
    `The files in lib/ other than the provider are the GNU C Library (glibc) from Debian's ${pins.package} ${pins.version}, unmodified:`,
    'the dynamic loader and the libraries the provider executable needs, shipped so it runs on Linux hosts with or without glibc.',
    `They are licensed under the GNU Lesser General Public License, version 2.1 or later (${pins.license}): see LGPL-2.1 and copyright beside this file.`,
    `Their complete corresponding source code: ${pins.sourceUrl}`,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Updating the vendored files from libc6 packages

function debianArchitecture(deb: string): GlibcArchitecture {
  const arch = execFileSync('dpkg-deb', ['--field', deb, 'Architecture'], { encoding: 'utf8' }).trim();
  if (!(arch in GLIBC_ARCHITECTURES)) throw new Error(`${deb} is for ${arch}; give libc6 packages for ${Object.keys(GLIBC_ARCHITECTURES).join(' and ')}`);
  return arch as GlibcArchitecture;
}

function vendorFromDebs(debs: string[]): void {
  const extracted = fs.mkdtempSync(path.join(os.tmpdir(), 'glibc-vendor-'));
  try {
    const architectures: Partial<GlibcPins['architectures']> = {};
    let version = '';
    for (const deb of debs) {
      const arch = debianArchitecture(deb);
      const field = (name: string) => execFileSync('dpkg-deb', ['--field', deb, name], { encoding: 'utf8' }).trim();
      if (field('Package') !== 'libc6') throw new Error(`${deb} is not a libc6 package`);
      version ||= field('Version');
      if (field('Version') !== version) throw new Error(`${deb} is libc6 ${field('Version')}, the others ${version}: give one version for all architectures`);
      const root = path.join(extracted, arch);
      execFileSync('dpkg-deb', ['-x', deb, root]);
      const { multiarch, loader } = GLIBC_ARCHITECTURES[arch];
      const target = path.join(VENDOR_DIR, GLIBC_DIR, arch);
      fs.rmSync(target, { recursive: true, force: true });
      fs.mkdirSync(target, { recursive: true });
      const files: Record<string, string> = {};
      for (const name of [loader, ...LIBRARIES]) {
        const data = fs.readFileSync(path.join(root, 'lib', multiarch, name));
        fs.writeFileSync(path.join(target, name), data);
        files[name] = sha256(data);
      }
      fs.copyFileSync(path.join(root, 'usr', 'share', 'doc', 'libc6', 'copyright'), path.join(VENDOR_DIR, GLIBC_DIR, 'copyright'));
      architectures[arch] = { deb: path.basename(deb), debSha256: sha256(fs.readFileSync(deb)), files };
    }
    fs.copyFileSync('/usr/share/common-licenses/LGPL-2.1', path.join(VENDOR_DIR, GLIBC_DIR, 'LGPL-2.1'));
    const pins: GlibcPins = {
      package: 'libc6',
      version,
      license: 'LGPL-2.1-or-later',
      sourceUrl: `https://snapshot.debian.org/package/glibc/${encodeURIComponent(version)}/`,
      licenseFiles: LICENSE_FILES,
      architectures: architectures as GlibcPins['architectures'],
    };
    for (const arch of Object.keys(GLIBC_ARCHITECTURES)) {
      if (!pins.architectures[arch as GlibcArchitecture]) throw new Error(`no libc6 package for ${arch} given: apt-get download libc6:${arch}`);
    }
    fs.writeFileSync(GLIBC_PINS_FILE, `${JSON.stringify(pins, null, 2)}\n`);
  } finally {
    fs.rmSync(extracted, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const debs = process.argv.slice(2);
  if (debs.length === 0) {
    process.stderr.write('usage: node scripts/run-ts.js scripts/release/glibc.ts libc6_VERSION_amd64.deb libc6_VERSION_arm64.deb\n');
    process.exit(1);
  }
  vendorFromDebs(debs);
}
