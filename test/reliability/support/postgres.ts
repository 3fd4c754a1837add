/**
 * A throwaway PostgreSQL 15 server for the `pg` backend suites: its own data folder owned
 * by the postgres user (the server refuses to run as root), trust authentication, listening
 * on 127.0.0.1 only, on a free port.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];

export interface RunningPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database>?sslmode=disable */
  connectionString(database: string): string;
  createDatabase(name: string): void;
  /** Runs one SQL statement with psql and returns its unaligned output. */
  query(database: string, sql: string): string;
  stop(): void;
}

function binary(name: string): string {
  for (const dir of BIN_DIRS) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`PostgreSQL's ${name} was not found in ${BIN_DIRS.join(', ')}`);
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

/** Runs a command as the postgres user; errors carry the command's own output. */
function asPostgres(command: string, args: string[]): string {
  const runAs = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  try {
    return execFileSync(runAs[0] as string, runAs[1] as string[], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed: ${failure.stderr || failure.stdout || failure.message}`);
  }
}

export async function startPostgres(): Promise<RunningPostgres> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-reliability-pg-'));
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(root, uid, gid);
  }
  const version = execFileSync(binary('postgres'), ['--version'], { encoding: 'utf8' });
  if (!/\b15\./.test(version)) throw new Error(`expected PostgreSQL 15, found ${version.trim()}`);
  asPostgres(binary('initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  try {
    asPostgres(binary('pg_ctl'), [
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  } catch (error) {
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '(no server log)';
    throw new Error(`${(error as Error).message}\nserver log:\n${log}`);
  }
  const psql = (database: string, args: string[]) =>
    execFileSync(binary('psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  let stopped = false;
  return {
    port,
    connectionString: (database) => `postgres://postgres@127.0.0.1:${port}/${database}?sslmode=disable`,
    createDatabase: (name) => {
      psql('postgres', ['-c', `CREATE DATABASE ${name}`]);
    },
    query: (database, sql) => psql(database, ['-A', '-t', '-c', sql]),
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(binary('pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
