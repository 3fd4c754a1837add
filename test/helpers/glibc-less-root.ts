/**
 * A root without glibc, as an Alpine-based Terraform runner is (the official hashicorp/terraform
 * image, Atlantis, Spacelift): busybox-static with its applet links, Debian's musl at Alpine's
 * paths, Terraform's static executable, and whatever the test lays in. Commands run chrooted in
 * it, each in a mount namespace of its own (unshare -m) where /proc and /dev are mounted: the
 * mounts end with the command, whatever happens to it or to the test. The network namespace is
 * the host's, so emulators on 127.0.0.1 are reachable. Needs root, busybox-static, musl and
 * unshare (util-linux), as CI has (.ci/run installs the first two when missing).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onPath } from './release-registry';

const BUSYBOX = '/bin/busybox';
const MUSL_LIBRARY = '/usr/lib/x86_64-linux-musl/libc.so';
const MUSL_LOADER = 'ld-musl-x86_64.so.1';
/** The file names glibc's loader and libraries go by: none may be in the root outside the provider's package. */
export const GLIBC_FILE_NAME = /^(ld-linux[-.\w]*\.so\.\d+|libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|libc-2\.\d+\.so)$/;

export interface RootRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class GlibcLessRoot {
  readonly dir: string;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glibc-less-root-'));
    for (const folder of ['bin', 'lib', 'usr/lib/x86_64-linux-musl', 'etc', 'tmp', 'root', 'proc', 'dev']) fs.mkdirSync(path.join(this.dir, folder), { recursive: true });
    fs.chmodSync(path.join(this.dir, 'tmp'), 0o1777);
    fs.copyFileSync(BUSYBOX, path.join(this.dir, 'bin', 'busybox'));
    fs.chmodSync(path.join(this.dir, 'bin', 'busybox'), 0o755);
    const applets = spawnSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter((applet) => /^[\w.[-]+$/.test(applet) && applet !== 'busybox');
    for (const applet of applets) fs.symlinkSync('busybox', path.join(this.dir, 'bin', applet));
    fs.copyFileSync(MUSL_LIBRARY, path.join(this.dir, MUSL_LIBRARY));
    fs.chmodSync(path.join(this.dir, MUSL_LIBRARY), 0o755);
    fs.symlinkSync(MUSL_LIBRARY, path.join(this.dir, 'lib', MUSL_LOADER));
    fs.writeFileSync(path.join(this.dir, 'etc', 'ld-musl-x86_64.path'), '/lib\n/usr/lib/x86_64-linux-musl\n');
    fs.writeFileSync(path.join(this.dir, 'etc', 'hosts'), '127.0.0.1 localhost\n');
    fs.writeFileSync(path.join(this.dir, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    fs.copyFileSync(onPath('terraform'), path.join(this.dir, 'bin', 'terraform'));
    fs.chmodSync(path.join(this.dir, 'bin', 'terraform'), 0o755);
  }

  /** A path inside the root, as the host sees it. */
  hostPath(inside: string): string {
    return path.join(this.dir, inside);
  }

  /**
   * Runs `command` chrooted in the root (cwd `cwd` inside it) with exactly `env`; with
   * `untilFirstLine`, ends it (SIGKILL) once its stdout has a whole line. Every step execs the
   * next, so the child is the command itself.
   */
  run(command: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; untilFirstLine?: boolean } = {}): Promise<RootRun> {
    // mount and chroot are found on the host's PATH; the command then gets the root's.
    const script = [
      'root=$1; cwd=$2; shift 2',
      'mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" || exit 125',
      'chroot=$(command -v chroot) || exit 125',
      'PATH=$ROOT_PATH; export PATH; unset ROOT_PATH',
      'exec "$chroot" "$root" /bin/sh -c \'cd "$0" && exec "$@"\' "$cwd" "$@"',
    ].join('\n');
    const inside = { PATH: '/bin', HOME: '/root', TMPDIR: '/tmp', ...options.env };
    const child = spawn('unshare', ['--mount', '--propagation', 'private', '/bin/sh', '-c', script, 'sh', this.dir, options.cwd ?? '/', ...command], {
      env: { ...inside, PATH: '/usr/sbin:/usr/bin:/sbin:/bin', ROOT_PATH: inside.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.untilFirstLine && stdout.includes('\n')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  /** Files in the root (not /proc or /dev) whose names are glibc's, less those under `except` (a path inside the root). */
  glibcFiles(except: string): string[] {
    const skipped = [path.join(this.dir, 'proc'), path.join(this.dir, 'dev'), path.join(this.dir, except)];
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (skipped.includes(full)) continue;
        if (entry.isDirectory()) walk(full);
        else if (GLIBC_FILE_NAME.test(entry.name)) found.push(`/${path.relative(this.dir, full)}`);
      }
    };
    walk(this.dir);
    return found;
  }

  cleanup(): void {
    // Nothing is mounted here outside a command's namespace, so removing the tree touches only the root's own files.
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
