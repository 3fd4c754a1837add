/**
 * The `#!/bin/sh` launcher at the top of a linux zip, named as Terraform looks for it
 * (`terraform-provider-NAME_vVERSION`). It runs lib/provider-NAME through the glibc loader shipped
 * in lib/ (`ld-linux-… --library-path lib lib/provider-NAME NAME ARGS`), so the provider starts on
 * hosts with glibc and without it (Alpine's musl) alike; the provider's name goes as the first
 * argument, since the executable's own path is then the loader's. Before that it checks what
 * would otherwise fail as a bare `no such file or directory` or an illegal instruction, and says
 * why in one line on stderr (Terraform shows it): a machine of another architecture, a file
 * missing from the package, a folder mounted noexec, a CPU without the instructions the runtime
 * needs. POSIX sh only (busybox sh, dash), no command besides `uname` (where /proc/sys/kernel/arch is missing), `readlink` (for a link) and `mkfifo` (joining the run host, docs/run-host.md).
 */

import { runHostLaunchLines } from '../../provider/protocol/run-host-launch';

export interface LauncherOptions {
  provider: string;
  version: string;
  /** Terraform's platform name, `linux_amd64`. */
  platformName: string;
  /** What `uname -m` says on a machine this package runs on. */
  machines: readonly string[];
  /** The glibc loader's file name in lib/. */
  loader: string;
  /** Every file of lib/ the start needs besides the loader (libraries and the executable). */
  libraries: readonly string[];
  /** The executable's file name in lib/. */
  executable: string;
  /** /proc/cpuinfo `flags` the runtime needs (x86 only; empty for none). */
  cpuFlags: readonly string[];
  /** How the CPU requirement is named in the message, e.g. "SSE4.2 and POPCNT (x86-64-v2)". */
  cpuRequirement?: string;
}

/** Terraform's platform names for what `uname -m` prints, to say which package a machine needs. */
const PLATFORM_OF_MACHINE: Record<string, string> = {
  x86_64: 'linux_amd64',
  amd64: 'linux_amd64',
  aarch64: 'linux_arm64',
  arm64: 'linux_arm64',
  armv7l: 'linux_arm',
  armv6l: 'linux_arm',
  i686: 'linux_386',
  i386: 'linux_386',
};

export function launcherFileName(provider: string, version: string): string {
  return `terraform-provider-${provider}_v${version}`;
}

const shellWords = (words: readonly string[]) => words.join(' ');

export function linuxLauncher(options: LauncherOptions): string {
  const { provider, version, platformName, machines, loader, libraries, executable, cpuFlags } = options;
  const command = `"$lib/${loader}" --library-path "$lib" "$lib/${executable}"`;
  const runHost = runHostLaunchLines({ name: provider, command, runFolders: '"${TF_DATA_DIR:-.terraform}"' });
  const otherPlatforms = new Map<string, string[]>();
  for (const [machine, platform] of Object.entries(PLATFORM_OF_MACHINE)) {
    if (!machines.includes(machine)) otherPlatforms.set(platform, [...(otherPlatforms.get(platform) ?? []), machine]);
  }
  const cpuCheck =
    cpuFlags.length === 0
      ? []
      : [
          '# An x86 CPU without the instructions the runtime was built for would die of an illegal instruction.',
          'cpu_flags=',
          'if [ -r /proc/cpuinfo ]; then',
          '  while IFS= read -r line; do',
          '    case $line in flags*) cpu_flags=" ${line#*:} "; break ;; esac',
          '  done </proc/cpuinfo',
          'fi',
          'if [ -n "$cpu_flags" ]; then',
          `  for flag in ${shellWords(cpuFlags)}; do`,
          '    case $cpu_flags in',
          '      *" $flag "*) ;;',
          `      *) fail "this CPU lacks $flag (its /proc/cpuinfo flags), and the provider's runtime needs ${options.cpuRequirement ?? shellWords(cpuFlags)}: run Terraform on a machine or VM whose CPU provides it" ;;`,
          '    esac',
          '  done',
          'fi',
        ];
  return [
    '#!/bin/sh',
    `# terraform-provider-${provider} ${version} for ${platformName}: starts lib/${executable} through the glibc loader`,
    '# shipped in lib/, so it runs with or without the C library of the host (licenses/glibc/ says where',
    "# its source is). Each check turns a start that would fail obscurely into one line on stderr.",
    `name=terraform-provider-${provider}`,
    'fail() {',
    '  echo "$name: $*" >&2',
    '  exit 1',
    '}',
    '',
    '# The package folder: the one holding this file, through a symbolic link to it if need be.',
    'self=$0',
    'if [ -L "$self" ]; then self=$(readlink -f "$self") || fail "cannot resolve the symbolic link $0: run terraform init again"; fi',
    'case $self in',
    '  */*) package=${self%/*} ;;',
    '  *) package=. ;;',
    'esac',
    'lib=$package/lib',
    '',
    ...runHost.join,
    ...runHost.start,
    '',
    '# A package copied to a machine of another architecture would fail in the loader with "exec format error".',
    '# Read without starting a process where the kernel offers it (Linux 6.1 and later): each process is time before the handshake.',
    'machine=',
    '[ -r /proc/sys/kernel/arch ] && read -r machine </proc/sys/kernel/arch',
    '[ -n "$machine" ] || machine=$(uname -m 2>/dev/null)',
    'case $machine in',
    `  ''|${machines.join('|')}) ;;`,
    ...[...otherPlatforms].map(
      ([platform, names]) => `  ${names.join('|')}) fail "this is the ${platformName} package, but this machine is $machine: run terraform init on it (after deleting .terraform/providers) so it installs ${platform}" ;;`,
    ),
    `  *) fail "this is the ${platformName} package, but this machine is $machine, for which there is no package: run Terraform on linux_amd64 or linux_arm64" ;;`,
    'esac',
    '',
    `for file in ${shellWords([loader, ...libraries])}; do`,
    '  [ -f "$lib/$file" ] || fail "$lib/$file is missing: the package is incomplete; delete $package and run terraform init again"',
    'done',
    '# A noexec mount refuses the loader with a bare "permission denied". busybox\'s test -x is true for',
    '# root on any file with an execute bit even there, so the mount holding lib/ is looked up instead.',
    '# (cd -P in this shell, not a $(…) subshell: one process fewer; the provider keeps the working folder.)',
    'here=$PWD real_lib=',
    'if cd -P "$lib" 2>/dev/null; then',
    '  real_lib=$PWD',
    '  cd "$here" || fail "cannot return to the working folder $here"',
    'fi',
    'if [ -r /proc/mounts ] && [ -n "$real_lib" ]; then',
    '  mount_point= mount_options=',
    '  while read -r _ point _ options _; do',
    '    case $real_lib/ in',
    '      "${point%/}"/*) if [ ${#point} -ge ${#mount_point} ]; then mount_point=$point mount_options=,$options,; fi ;;',
    '    esac',
    '  done </proc/mounts',
    '  case $mount_options in',
    "    *,noexec,*) fail \"$lib is on a filesystem mounted noexec ($mount_point), where no program may run: keep Terraform's working folder, TF_DATA_DIR and TF_PLUGIN_CACHE_DIR on a filesystem that allows running programs\" ;;",
    '  esac',
    'fi',
    `[ -x "$lib/${loader}" ] || fail "$lib/${loader} is not executable: the package was unpacked without its file modes; delete $package and run terraform init again"`,
    ...(cpuCheck.length > 0 ? ['', ...cpuCheck] : []),
    '',
    `exec ${command} ${provider} "$@"`,
    '',
  ].join('\n');
}
