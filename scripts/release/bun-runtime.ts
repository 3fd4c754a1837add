/**
 * The Bun runtimes a release compiles into: the exact version pinned in package.json, each
 * platform's runtime taken from its npm package (`@oven/bun-linux-x64`, …) at the integrity the
 * lockfile records (or, for a runtime the `bun` package does not depend on, the integrity pinned
 * below), fetched with `npm pack` (so from the npm registry or npm's cache, never
 * from elsewhere) and unpacked once into node_modules/.cache. The compiler given the runtime's
 * path (`--compile-executable-path`) downloads nothing itself.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReleasePlatform } from './platforms';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'commerce-iac-release', 'bun-runtimes');

interface LockedPackage {
  version: string;
  integrity: string;
}

function readJson(file: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
}

/** The Bun version package.json pins (an exact version: every release of one commit compiles with the same runtime). */
export function pinnedBunVersion(): string {
  const declared = readJson(path.join(REPO_ROOT, 'package.json')).devDependencies?.bun as string | undefined;
  if (!declared || !/^\d+\.\d+\.\d+$/.test(declared)) {
    throw new Error(`package.json devDependencies.bun must be an exact version (found ${declared ?? 'none'}): npm install --save-dev --save-exact bun@X.Y.Z`);
  }
  return declared;
}

/**
 * Runtimes the `bun` package lists no optional dependency for, so the lockfile holds no integrity
 * of theirs: pinned here, for the version package.json pins (`npm view NAME@VERSION dist.integrity`).
 */
export const RUNTIMES_OUTSIDE_THE_LOCKFILE: Record<string, LockedPackage> = {
  '@oven/bun-linux-x64-baseline': {
    version: '1.4.4',
    integrity: 'sha512-FBU6T21NT+i+rESbi0Z8A8G5xN51c+WZ0v6pIjI6szSzOlqVNv64nf7FPnwNIyxKD1M7Wg5cEobLC/QbzCeLtA==',
  },
};

function lockedPackage(name: string): LockedPackage {
  const pinned = RUNTIMES_OUTSIDE_THE_LOCKFILE[name];
  if (pinned) {
    if (pinned.version !== pinnedBunVersion()) {
      throw new Error(
        `scripts/release/bun-runtime.ts pins ${name}@${pinned.version}, but package.json pins bun ${pinnedBunVersion()}: set its version and integrity (npm view ${name}@${pinnedBunVersion()} dist.integrity)`,
      );
    }
    return pinned;
  }
  const locked = readJson(path.join(REPO_ROOT, 'package-lock.json')).packages?.[`node_modules/${name}`] as LockedPackage | undefined;
  const version = pinnedBunVersion();
  if (!locked?.integrity || locked.version !== version) {
    throw new Error(`package-lock.json has no ${name}@${version} with an integrity (the bun package's optional dependency): run npm install`);
  }
  return locked;
}

/**
 * The Bun executable that compiles: the installed `bun` package's (its install script puts this
 * machine's runtime at bin/bun.exe on every OS) when it is the pinned version, else this
 * machine's runtime fetched like the targets' (an install that skipped scripts leaves a stub).
 */
export function hostBun(hostPlatform: ReleasePlatform | undefined): string {
  const installed = path.join(REPO_ROOT, 'node_modules', 'bun', 'bin', 'bun.exe');
  try {
    if (execFileSync(installed, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === pinnedBunVersion()) return installed;
  } catch {
    // not installed, or the stub: fall through
  }
  if (!hostPlatform) throw new Error(`no Bun runtime for this machine (${process.platform} ${process.arch}) and node_modules/bun is not installed: run npm ci`);
  return bunRuntime(hostPlatform);
}

/** The path of the platform's Bun runtime, fetched and checked against the lockfile on first use. */
export function bunRuntime(platform: ReleasePlatform): string {
  const locked = lockedPackage(platform.runtimePackage);
  const unpacked = path.join(CACHE_DIR, `${platform.runtimePackage.replace('/', '+')}@${locked.version}`);
  const executable = path.join(unpacked, 'package', platform.runtimeExecutable);
  if (fs.existsSync(executable)) return executable;

  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const staging = fs.mkdtempSync(`${unpacked}.tmp-`);
  try {
    const packed = execFileSync('npm', ['pack', `${platform.runtimePackage}@${locked.version}`, '--json', '--pack-destination', staging], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [{ filename }] = JSON.parse(packed) as { filename: string }[];
    const tarball = path.join(staging, filename);
    const [algorithm, expected] = locked.integrity.split('-', 2);
    const actual = crypto.createHash(algorithm).update(fs.readFileSync(tarball)).digest('base64');
    if (actual !== expected) {
      throw new Error(`${platform.runtimePackage}@${locked.version} from the registry does not match package-lock.json's integrity (${algorithm} ${actual} != ${expected})`);
    }
    execFileSync('tar', ['-xzf', tarball, '-C', staging], { stdio: 'ignore' });
    fs.rmSync(tarball);
    try {
      fs.renameSync(staging, unpacked);
    } catch (error) {
      // Another build unpacked the same runtime meanwhile: theirs is as good.
      if (!fs.existsSync(executable)) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return executable;
}
