/**
 * A user's app outside the repository: the package as `npm pack` makes it, installed with npm
 * next to the CDK library and command line the user would pick on this Node.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './workspace';
import { libraryErrorClassNames } from './library-errors';

const { atLeast, CDKTN_CLI_MINIMUM_NODE } = require('../../scripts/cdk-cli.js') as {
  atLeast(version: string, minimum: string): boolean;
  CDKTN_CLI_MINIMUM_NODE: string;
};

/** The newest Node ABI that cdktf-cli's native module (node-pty) ships a build for: Node 22's. */
const CDKTF_CLI_NEWEST_ABI = 127;

export const DEV_DEPENDENCIES = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
  .devDependencies;

/**
 * The command line a user of this Node deploys with: an app written with `cdktn` prefers
 * cdktn-cli, one written with `cdktf` prefers cdktf-cli; each falls back to the other CLI
 * where its own cannot run (cdktn-cli needs Node 22.19, cdktf-cli loads up to Node 22).
 */
export function deployCliFor(library: 'cdktf' | 'cdktn'): { package: 'cdktf-cli' | 'cdktn-cli'; command: 'cdktf' | 'cdktn' } {
  const cdktnRuns = atLeast(process.version, CDKTN_CLI_MINIMUM_NODE);
  const cdktfRuns = Number(process.versions.modules) <= CDKTF_CLI_NEWEST_ABI;
  const useCdktn = library === 'cdktn' ? cdktnRuns || !cdktfRuns : !cdktfRuns;
  return useCdktn ? { package: 'cdktn-cli', command: 'cdktn' } : { package: 'cdktf-cli', command: 'cdktf' };
}

/** Asynchronous on purpose: the emulators answer from the test's own process. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  okCodes: number[] = [0],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      okCodes.includes(code ?? -1)
        ? resolve({ code: code ?? -1, stdout, stderr })
        : reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${stdout}\n${stderr}`)),
    );
  });
}

/** `npm pack` of this repository into `dir`; returns the tarball's path. */
export async function packRepository(dir: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', dir], REPO_ROOT);
  return path.join(dir, stdout.trim().split('\n').pop()!);
}

/** Writes package.json and installs it (npm's cache first: the registry only for what it lacks). */
export async function installApp(
  appDir: string,
  dependencies: Record<string, string>,
  devDependencies: Record<string, string>,
): Promise<void> {
  fs.mkdirSync(appDir, { recursive: true });
  fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ name: path.basename(appDir), private: true, dependencies, devDependencies }, null, 2));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], appDir);
}

/** `cdktf-integrations provider install` as the README says; returns TF_CLI_CONFIG_FILE. */
export async function installProvidersFor(appDir: string, into: string): Promise<string> {
  const { stdout } = await run('npx', ['cdktf-integrations', 'provider', 'install', '--dir', into], appDir);
  const cliConfigFile = stdout.match(/^export TF_CLI_CONFIG_FILE=(.+)$/m)?.[1];
  if (!cliConfigFile) throw new Error(`provider install printed no TF_CLI_CONFIG_FILE:\n${stdout}`);
  return cliConfigFile;
}

/**
 * The library's error classes (test/helpers/library-errors.ts) that the installed package's
 * entry `specifier` does not export as classes extending Error, asked in the app's own Node.
 */
export async function errorClassesMissingFrom(appDir: string, specifier: string): Promise<string[]> {
  const script =
    `const entry = require(${JSON.stringify(specifier)});` +
    `const names = ${JSON.stringify(libraryErrorClassNames())};` +
    "console.log(JSON.stringify(names.filter((name) => !(typeof entry[name] === 'function' && entry[name].prototype instanceof Error))));";
  const { stdout } = await run(process.execPath, ['-e', script], appDir);
  return JSON.parse(stdout) as string[];
}
