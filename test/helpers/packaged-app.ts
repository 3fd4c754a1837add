/**
 * A user's app outside the repository: the package as `npm pack` makes it, installed with npm
 * next to the CDK library and command line the user would pick on this Node.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildOnce } from './build-once';
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

/**
 * The hash of what `npm pack` packs and builds from: every file git lists (tracked, and new ones
 * it does not ignore) outside test/ and .ci/, by name and content.
 */
function packInputsKey(): string {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const hash = crypto.createHash('sha256');
  for (const file of [...new Set(listed.split('\0'))].filter((name) => name !== '' && !/^(test|\.ci)\//.test(name)).sort()) {
    const content = fs.statSync(path.join(REPO_ROOT, file), { throwIfNoEntry: false })?.isFile() ? fs.readFileSync(path.join(REPO_ROOT, file)) : '';
    hash.update(`${file}\0`).update(content).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const PACKED_FILE = 'packed.json';

/** `npm pack` (its prepack builds dist/) into a staging folder, renamed into place. */
async function packInto(finalDir: string): Promise<string> {
  const staging = fs.mkdtempSync(`${finalDir}.tmp-`);
  try {
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', staging], REPO_ROOT);
    const tarball = stdout.trim().split('\n').pop()!;
    fs.writeFileSync(path.join(staging, PACKED_FILE), JSON.stringify({ tarball }));
    fs.renameSync(staging, finalDir);
    return path.join(finalDir, tarball);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function readPacked(dir: string): string | undefined {
  const file = path.join(dir, PACKED_FILE);
  return fs.existsSync(file) ? path.join(dir, (JSON.parse(fs.readFileSync(file, 'utf8')) as { tarball: string }).tarball) : undefined;
}

/**
 * `npm pack` of this repository, copied into `dir`; returns the copy's path. Packed once for
 * every suite and jest run that asks while the sources stay the same (each pack runs the
 * whole build), by buildOnce.
 */
export async function packRepository(dir: string): Promise<string> {
  const packed = await buildOnce({ cacheName: 'commerce-iac-packed-package', key: packInputsKey(), read: readPacked, build: packInto });
  const copy = path.join(dir, path.basename(packed));
  fs.copyFileSync(packed, copy);
  return copy;
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
