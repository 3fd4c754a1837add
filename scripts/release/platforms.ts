import type { GlibcArchitecture } from './glibc';

/** The platforms a release builds: Terraform's OS_ARCH name, Bun's compile target and the npm package holding that runtime. */
export interface ReleasePlatform {
  /** Terraform's name, as in the zip's file name: `linux_amd64`. */
  name: string;
  os: string;
  arch: string;
  /** `bun build --compile --target=…` */
  bunTarget: string;
  /** The npm package of the Bun runtime for this platform (one of the `bun` package's optional dependencies). */
  runtimePackage: string;
  /** The runtime's path inside that package. */
  runtimeExecutable: string;
  /** Appended to the provider's executable name (Windows finds programs by it). */
  executableSuffix: string;
  /**
   * Linux only: the package is a `#!/bin/sh` launcher starting the executable through the glibc
   * loader shipped beside it (scripts/release/launcher.ts), so it runs with or without glibc.
   */
  linux?: {
    glibc: GlibcArchitecture;
    /** What `uname -m` prints on machines this package runs on. */
    machines: string[];
    /** /proc/cpuinfo flags the runtime needs, and how to name them in the launcher's message. */
    cpuFlags: string[];
    cpuRequirement?: string;
  };
}

function platform(os: string, arch: string, bunName: string, executableSuffix = '', linux?: ReleasePlatform['linux']): ReleasePlatform {
  return {
    name: `${os}_${arch}`,
    os,
    arch,
    bunTarget: `bun-${bunName}`,
    runtimePackage: `@oven/bun-${bunName.replace('arm64', 'aarch64')}`,
    runtimeExecutable: `bin/bun${executableSuffix}`,
    executableSuffix,
    ...(linux ? { linux } : {}),
  };
}

export const RELEASE_PLATFORMS: readonly ReleasePlatform[] = [
  // Bun's baseline x64 runtime: no slower than the default (AVX2) one for a provider (docs/releasing.md), and it runs on CPUs without AVX2 (Rosetta 2, masked VMs).
  platform('linux', 'amd64', 'linux-x64-baseline', '', { glibc: 'amd64', machines: ['x86_64', 'amd64'], cpuFlags: ['sse4_2', 'popcnt'], cpuRequirement: 'SSE4.2 and POPCNT (x86-64-v2)' }),
  platform('linux', 'arm64', 'linux-arm64', '', { glibc: 'arm64', machines: ['aarch64', 'arm64'], cpuFlags: [] }),
  platform('darwin', 'amd64', 'darwin-x64'),
  platform('darwin', 'arm64', 'darwin-arm64'),
  platform('windows', 'amd64', 'windows-x64', '.exe'),
];

/** The platforms named in a `--platforms` value (comma-separated), in the order of RELEASE_PLATFORMS. */
export function parsePlatforms(value: string): ReleasePlatform[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const known = RELEASE_PLATFORMS.map((each) => each.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--platforms: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : 'no platform given'}; choose from ${known.join(', ')}`);
  }
  return RELEASE_PLATFORMS.filter((each) => names.includes(each.name));
}
