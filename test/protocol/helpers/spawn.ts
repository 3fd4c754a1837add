/** Launching the bundled toy provider the way Terraform does, and reading its handshake. */
import { spawn, type ChildProcess } from 'node:child_process';
import { MAGIC_COOKIE } from './toy';

export interface Launched {
  child: ChildProcess;
  line: string;
  /** Milliseconds from spawn to the complete handshake line. */
  handshakeMs: number;
  stderr: () => string;
}

export function launch(bundlePath: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<Launched> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [bundlePath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) {
        const handshakeMs = Number(process.hrtime.bigint() - started) / 1e6;
        resolve({ child, line: stdout.slice(0, newline), handshakeMs, stderr: () => stderr });
      }
    });
    child.once('exit', (code) => reject(new Error(`provider exited with ${code} before its handshake: ${stderr}`)));
    child.once('error', reject);
  });
}

export function pluginEnv(clientCertificatePem: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_CLIENT_CERT: clientCertificatePem,
    ...extra,
  };
}

/** Resolves with the exit code once the process has exited, or null after `timeoutMs`. */
export function exitWithin(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}
