/**
 * The linux package's launcher (scripts/release/launcher.ts) on a fake package: the zip's real
 * layout and launcher (packageEntries) with a stand-in loader in lib/ that prints what it was
 * asked to run. Under busybox sh and dash: the command it starts, from any folder and through a
 * symbolic link, and the one line it says on stderr for each start that cannot work (another
 * architecture, a missing file, a noexec mount, a CPU without the instructions the runtime needs). The noexec and CPU cases
 * run in a mount namespace of their own (unshare -m, as root like CI), so the host is untouched.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { executableName, packageEntries } from '../../scripts/release/build';
import { parsePlatforms, type ReleasePlatform } from '../../scripts/release/platforms';

const VERSION = '1.2.3';
const PROVIDER = 'elasticpath';
const SHELLS = [
  ['busybox sh', ['busybox', 'sh']],
  ['dash', ['dash']],
] as const;
const HOST_PLATFORM = os.arch() === 'arm64' ? 'linux_arm64' : 'linux_amd64';
const OTHER_PLATFORM = HOST_PLATFORM === 'linux_amd64' ? 'linux_arm64' : 'linux_amd64';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

interface FakePackage {
  dir: string;
  launcher: string;
  loader: string;
}

/** The package as Terraform unpacks it, with lib/'s loader replaced by a script printing its arguments, one per line. */
function fakePackage(platformName = HOST_PLATFORM, parent?: string): FakePackage {
  const dir = fs.mkdtempSync(path.join(parent ?? os.tmpdir(), 'launcher-package-'));
  if (!parent) scratch.push(dir);
  const platform: ReleasePlatform = parsePlatforms(platformName)[0];
  const entries = packageEntries(PROVIDER, VERSION, platform, Buffer.from('not a real executable'));
  for (const entry of entries) {
    fs.mkdirSync(path.dirname(path.join(dir, entry.name)), { recursive: true });
    fs.writeFileSync(path.join(dir, entry.name), entry.data, { mode: entry.mode });
  }
  const loader = entries.find((entry) => /^lib\/ld-linux/.test(entry.name))!.name;
  fs.writeFileSync(path.join(dir, loader), '#!/bin/sh\nprintf "%s\\n" "$@"\n', { mode: 0o755 });
  return { dir, launcher: path.join(dir, executableName(PROVIDER, VERSION, platform)), loader: path.join(dir, loader) };
}

function run(shell: readonly string[], launcher: string, args: string[] = [], cwd = os.tmpdir()) {
  const result = spawnSync(shell[0], [...shell.slice(1), launcher, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `script` (sh) in a private mount namespace: mounts made there vanish with it. */
function inMountNamespace(script: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const oneLine = (stderr: string) => stderr.trimEnd().split('\n');

describe.each(SHELLS)('the launcher under %s', (_name, shell) => {
  test('runs lib/provider-NAME through the shipped loader, the library path absolute, the provider named first, Terraform\'s arguments after', () => {
    const fake = fakePackage();
    const started = run(shell, fake.launcher, ['--reattach', 'two words']);
    expect(started).toMatchObject({ status: 0, stderr: '' });
    expect(started.stdout.split('\n')).toEqual(['--library-path', path.join(fake.dir, 'lib'), path.join(fake.dir, 'lib', `provider-${PROVIDER}`), PROVIDER, '--reattach', 'two words', '']);
  });

  test('finds its package through a symbolic link to the launcher and from a relative path', () => {
    const fake = fakePackage();
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-link-'));
    scratch.push(elsewhere);
    const link = path.join(elsewhere, path.basename(fake.launcher));
    fs.symlinkSync(fake.launcher, link);
    expect(run(shell, link).stdout.split('\n')[1]).toBe(path.join(fake.dir, 'lib'));
    expect(run(shell, `./${path.basename(fake.launcher)}`, [], fake.dir).stdout.split('\n')[1]).toBe('./lib');
  });

  test(`the ${OTHER_PLATFORM} package on this ${os.arch()} machine says which package this machine needs`, () => {
    const fake = fakePackage(OTHER_PLATFORM);
    const machine = spawnSync('uname', ['-m'], { encoding: 'utf8' }).stdout.trim();
    const refused = run(shell, fake.launcher);
    expect(refused.status).toBe(1);
    expect(oneLine(refused.stderr)).toEqual([
      `terraform-provider-${PROVIDER}: this is the ${OTHER_PLATFORM} package, but this machine is ${machine}: run terraform init on it (after deleting .terraform/providers) so it installs ${HOST_PLATFORM}`,
    ]);
  });

  test('a file missing from lib/ is named, with the fix', () => {
    const fake = fakePackage();
    fs.rmSync(path.join(fake.dir, 'lib', 'libm.so.6'));
    const refused = run(shell, fake.launcher);
    expect(refused.status).toBe(1);
    expect(oneLine(refused.stderr)).toEqual([
      `terraform-provider-${PROVIDER}: ${fake.dir}/lib/libm.so.6 is missing: the package is incomplete; delete ${fake.dir} and run terraform init again`,
    ]);
    fs.rmSync(path.join(fake.dir, 'lib', `provider-${PROVIDER}`));
    fs.writeFileSync(path.join(fake.dir, 'lib', 'libm.so.6'), '');
    expect(oneLine(run(shell, fake.launcher).stderr)[0]).toContain(`lib/provider-${PROVIDER} is missing`);
  });

  test('a loader that lost its execute bit (an unzip without modes) is named', () => {
    const fake = fakePackage();
    fs.chmodSync(fake.loader, 0o644);
    const refused = run(shell, fake.launcher);
    expect(refused.status).toBe(1);
    expect(oneLine(refused.stderr)).toEqual([
      `terraform-provider-${PROVIDER}: ${fake.loader} is not executable: the package was unpacked without its file modes; delete ${fake.dir} and run terraform init again`,
    ]);
  });

  test('a package on a filesystem mounted noexec says so instead of "permission denied"', () => {
    const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-noexec-'));
    scratch.push(mountPoint);
    const source = fakePackage();
    // The package is copied into a noexec tmpfs mounted in the namespace only; the shell reads the launcher as a script.
    const refused = inMountNamespace('mount -t tmpfs -o noexec tmpfs "$MOUNT" && cp -a "$SOURCE" "$MOUNT/package" && exec $SHELL_COMMAND "$MOUNT/package/$LAUNCHER"', {
      MOUNT: mountPoint,
      SOURCE: source.dir,
      LAUNCHER: path.basename(source.launcher),
      SHELL_COMMAND: shell.join(' '),
    });
    expect(refused.status).toBe(1);
    expect(oneLine(refused.stderr)).toEqual([
      `terraform-provider-${PROVIDER}: ${mountPoint}/package/lib is on a filesystem mounted noexec (${mountPoint}), where no program may run: keep Terraform's working folder, TF_DATA_DIR and TF_PLUGIN_CACHE_DIR on a filesystem that allows running programs`,
    ]);
  });

  const cpuFlags = parsePlatforms(HOST_PLATFORM)[0].linux?.cpuFlags ?? [];
  test.each(cpuFlags)(`a CPU without %s (/proc/cpuinfo flags) is refused in one line naming what the ${HOST_PLATFORM} runtime needs`, (flag) => {
    const fake = fakePackage();
    const cpuinfo = path.join(fake.dir, `cpuinfo-without-${flag}`);
    fs.writeFileSync(cpuinfo, fs.readFileSync('/proc/cpuinfo', 'utf8').replace(new RegExp(` ${flag}\\b`, 'g'), ''));
    const refused = inMountNamespace('mount --bind "$CPUINFO" /proc/cpuinfo && exec $SHELL_COMMAND "$LAUNCHER"', {
      CPUINFO: cpuinfo,
      LAUNCHER: fake.launcher,
      SHELL_COMMAND: shell.join(' '),
    });
    expect(refused.status).toBe(1);
    expect(oneLine(refused.stderr)).toEqual([
      `terraform-provider-${PROVIDER}: this CPU lacks ${flag} (its /proc/cpuinfo flags), and the provider's runtime needs ${parsePlatforms(HOST_PLATFORM)[0].linux?.cpuRequirement}: run Terraform on a machine or VM whose CPU provides it`,
    ]);
  });
});
