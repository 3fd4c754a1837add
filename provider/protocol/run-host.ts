/**
 * The run host: one provider process serving every launch of one Terraform run.
 *
 * Terraform starts a provider afresh for each phase of a command (a no-op plan three times, an
 * apply four), and each start of a JavaScript runtime costs more than a Go provider's whole start;
 * each then runs its first RPCs on code not yet compiled. So the launchers (the npm mirror's and the
 * release's, run-host-launch.ts) start one host per Terraform process and provider: the first launch
 * starts it and reads its handshake line; every launch, that one included, registers the client
 * certificate Terraform gave it (PLUGIN_CLIENT_CERT) in the run folder, prints the host's
 * handshake line, and stays up forwarding the session's log lines to its stderr until the host
 * says the session is over. Terraform sees a plugin process per launch as usual: its own mTLS
 * certificate, its own connection, its own Shutdown.
 *
 * The run folder (private, 0700) holds:
 *   host          the host's pid and its handshake line, written once it listens
 *   PID.cert      the client certificate of the launch whose launcher has that pid
 *   PID.log       a FIFO: that launch's log lines, then SESSION_END_LINE
 * A connection is served only if its TLS client certificate is one registered there, and each
 * connection has its own provider configuration (plugin-server.ts). The host ends a session at
 * its Shutdown, when its connection closes, or when its launcher is gone (Terraform killed it: the
 * connection is then cut, as a killed provider's would be), and exits when Terraform has exited.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProviderSource } from '../framework/types';
import { createServerCertificate } from './certificate';
import { handshakeLine } from './handshake';
import { loggingEnabled, setLogSink } from './log';
import { startPluginServer } from './plugin-server';
import { RUN_HOST_FILE, SESSION_END_LINE } from './run-host-launch';
import { pluginNetwork } from './transport';
import { pemToDer, type ListenAddress } from './wire/grpc-server';

/** How often the host looks for launchers and a Terraform that are gone. */
const LIVENESS_CHECK_MS = 50;
/** A run folder without a host file this old was left by a host that died starting. */
const ABANDONED_START_MS = 10_000;

/** One launch: Terraform's connection (or connections: gRPC may reconnect) with its certificate. */
interface RunSession {
  launcherPid: number;
  /** The launcher's FIFO, open for writing; undefined once the session has ended. */
  logFd: number | undefined;
  connections: Set<{ destroy(): void }>;
}

/** The session a TLS connection was accepted for (set at the handshake, read from the HTTP/2 session's socket). */
const SESSION = Symbol('run host session');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the run folder; false when another host has it (running or starting), so this one should not run. */
function claimRunFolder(runDir: string): boolean {
  fs.mkdirSync(dirname(runDir), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.mkdirSync(runDir, { mode: 0o700 });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // Left behind by a host that died (the same Terraform pid, reused), or another host starting now.
    let abandoned: boolean;
    try {
      const [pid] = fs.readFileSync(join(runDir, RUN_HOST_FILE), 'utf8').split('\n');
      abandoned = !isAlive(Number(pid));
    } catch {
      abandoned = Date.now() - fs.statSync(runDir).mtimeMs > ABANDONED_START_MS;
    }
    if (!abandoned) return false;
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  return false;
}

/** Writes whole or not at all: a launcher reading the file never sees half of it. */
function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

export interface RunHostOptions {
  runDir: string;
  /** The Terraform process whose launches this host serves: the host ends with it. */
  terraformPid: number;
}

/**
 * Serves as the run host; returns false (having written nothing on stdout) when the run folder
 * belongs to another host or this one cannot listen: the launcher then starts the provider itself.
 */
export async function serveRunHost(provider: ProviderSource, options: RunHostOptions): Promise<boolean> {
  const { runDir, terraformPid } = options;
  // A unix socket only: where the provider must listen on TCP, each launch serves itself.
  const network = pluginNetwork(process.platform, process.env);
  if (!network.ok || network.value !== 'unix') return false;
  if (!claimRunFolder(runDir)) return false;
  const socketDir = fs.mkdtempSync(join(process.env.PLUGIN_UNIX_SOCKET_DIR || tmpdir(), 'tfp-'));
  fs.chmodSync(socketDir, 0o700);
  const removeFolders = () => {
    fs.rmSync(runDir, { recursive: true, force: true });
    fs.rmSync(socketDir, { recursive: true, force: true });
  };
  process.on('exit', removeFolders);
  process.on('SIGTERM', () => process.exit(0));
  // Terraform handles an interrupt and stops its providers itself (as in serve.ts).
  process.on('SIGINT', () => undefined);

  const sessions = new Map<number, RunSession>();
  let preloaded = false;
  const endSession = (session: RunSession, cutConnection: boolean) => {
    if (session.logFd === undefined) return;
    // After the first launch (the schema), Terraform works alone for a while: load what the
    // first ConfigureProvider needs then, not while it waits on it.
    if (!preloaded) {
      preloaded = true;
      setImmediate(() => (typeof provider === 'function' ? provider() : provider).preload?.());
    }
    const fd = session.logFd;
    session.logFd = undefined;
    sessions.delete(session.launcherPid);
    try {
      fs.writeSync(fd, `${SESSION_END_LINE}\n`);
    } catch {
      // The launcher is gone already.
    }
    fs.closeSync(fd);
    fs.rmSync(join(runDir, `${session.launcherPid}.cert`), { force: true });
    fs.rmSync(join(runDir, `${session.launcherPid}.log`), { force: true });
    if (cutConnection) for (const connection of session.connections) connection.destroy();
  };

  /** The launch a client certificate was registered by, its log FIFO opened; undefined for a stranger. */
  const sessionFor = (presented: Buffer): RunSession | undefined => {
    for (const entry of fs.readdirSync(runDir)) {
      const match = /^(\d+)\.cert$/.exec(entry);
      if (!match) continue;
      let registered: Buffer;
      try {
        registered = pemToDer(fs.readFileSync(join(runDir, entry), 'utf8'));
      } catch {
        continue;
      }
      if (!registered.equals(presented)) continue;
      const launcherPid = Number(match[1]);
      const open = sessions.get(launcherPid);
      if (open) return open;
      // The launcher holds its FIFO open for reading and writing, so this open neither blocks nor fails for want of a reader.
      const logFd = fs.openSync(join(runDir, `${launcherPid}.log`), fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
      const session: RunSession = { launcherPid, logFd, connections: new Set() };
      sessions.set(launcherPid, session);
      return session;
    }
    return undefined;
  };

  const certificate = createServerCertificate();
  let listening: ListenAddress;
  try {
    listening = await startPluginServer(provider, [{ path: join(socketDir, 'plugin.sock') }], {
      tls: {
        certificate: certificate.certificatePem,
        privateKey: certificate.privateKeyPem,
        // The starting launch's certificate, for Bun's CA list only (see grpc-server.ts: with none it
        // parses the system's CA file before the handshake line). Later launches bring other
        // certificates; go-plugin makes them all with one subject, the name Go's client matches
        // against the server's CA list, so theirs are sent as well, and acceptClient decides.
        clientCertificate: process.env.PLUGIN_CLIENT_CERT,
        acceptClient: (presented: Buffer, socket: object) => {
          const session = sessionFor(presented);
          if (!session) return false;
          (socket as unknown as Record<symbol, RunSession>)[SESSION] = session;
          return true;
        },
      },
      // A session ends at its Shutdown or when its launcher is gone, not when a connection closes.
      onConnection: (connection) => {
        const session = sessionOfConnection(connection);
        if (!session) return;
        const client = connection as { destroy(): void; once(event: 'close', listener: () => void): void };
        session.connections.add(client);
        client.once('close', () => session.connections.delete(client));
      },
      // Shutdown ends that launch's session, not the host.
      onShutdown: (connection) => {
        const session = sessionOfConnection(connection);
        if (session) endSession(session, false);
      },
      // Without TF_LOG nothing is written: no per-call lookup of the session's FIFO either.
      logSinkOf: loggingEnabled()
        ? (connection) => {
            const session = sessionOfConnection(connection);
            return session ? (line: string) => session.logFd !== undefined && writeQuietly(session.logFd, line) : undefined;
          }
        : undefined,
    });
  } catch {
    return false;
  }
  const line = handshakeLine({ network: 'unix', address: (listening as { path: string }).path }, certificate.certificateDer);
  writeAtomically(join(runDir, RUN_HOST_FILE), `${process.pid}\n${line}`);
  // Lines logged outside any session (none expected) have nowhere to go: Terraform reads only launchers' stderr.
  setLogSink(() => undefined);

  setInterval(() => {
    if (!isAlive(terraformPid)) {
      for (const session of [...sessions.values()]) endSession(session, true);
      endUnconnectedLaunches(runDir);
      process.exit(0);
    }
    for (const session of [...sessions.values()]) if (!isAlive(session.launcherPid)) endSession(session, true);
  }, LIVENESS_CHECK_MS);
  // The first launcher reads this line through a pipe until it closes. /dev/null then takes fd 1
  // (the lowest free descriptor), so no socket opened later becomes "stdout".
  fs.writeSync(1, line);
  fs.closeSync(1);
  fs.openSync('/dev/null', 'w');
  return true;
}

/** Launches whose connection never came (Terraform died first) wait on their FIFO: tell them it is over. */
function endUnconnectedLaunches(runDir: string): void {
  for (const entry of fs.readdirSync(runDir)) {
    if (!/^\d+\.log$/.test(entry)) continue;
    try {
      const fd = fs.openSync(join(runDir, entry), fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
      writeQuietly(fd, `${SESSION_END_LINE}\n`);
      fs.closeSync(fd);
    } catch {
      // Its launcher is gone (no reader).
    }
  }
}

function sessionOfConnection(connection: object): RunSession | undefined {
  // A connection that has closed is no launch's any more (a refused client never gets one).
  if ((connection as { destroyed?: boolean }).destroyed) return undefined;
  try {
    return (connection as { socket?: Record<symbol, RunSession> }).socket?.[SESSION];
  } catch {
    return undefined;
  }
}

function writeQuietly(fd: number, line: string): void {
  try {
    fs.writeSync(fd, line);
  } catch {
    // A full FIFO or a launcher gone: a log line is not worth failing an RPC.
  }
}
