/** Launching the bundled toy provider the way Terraform does, and reading its handshake. */
import { spawn, type ChildProcess } from 'node:child_process';
import { MAGIC_COOKIE } from './toy';

export interface Launched {
  child: ChildProcess;
  line: string;
  stderr: () => string;
}

export function launch(bundlePath: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<Launched> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundlePath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) {
        resolve({ child, line: stdout.slice(0, newline), stderr: () => stderr });
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

/** The child's exit code once it exits; a child that never exits fails the test at its timeout, not at a guess of ours. */
export function exited(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
}
