/**
 * The mirror's launchers give Node a compile cache (NODE_COMPILE_CACHE, read by Node 22.1+), so
 * each of a plan's launches loads the bundle's compiled code instead of compiling it again. The
 * cache folder is the install folder's own, the user's setting wins, and no state of the folder
 * (missing, not creatable, shared by concurrent launches) nor an older Node (20 ignores the
 * variable) may fail a launch.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileCacheDir, installProviders, launcherScript, mirrorLaunchers } from '../../src/providers/install';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-compile-cache-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Node reads NODE_COMPILE_CACHE from 22.1 on. */
function nodeReadsCompileCache(version = process.versions.node): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 1);
}

/** Runs a launcher with `sh`, the environment given and nothing else but PATH. */
function runLauncher(file: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('/bin/sh', [file, 'arg'], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A launcher over `node`, written as install writes it, for a stand-in bundle that prints its arguments. */
function writeLauncher(options: { node: string; cacheDir: string }): string {
  const bundle = path.join(dir, 'bundle.js');
  fs.writeFileSync(bundle, 'process.stdout.write(JSON.stringify(process.argv.slice(2)) + "\\n");\n');
  const file = path.join(dir, 'launcher');
  fs.writeFileSync(file, launcherScript({ node: options.node, bundle, name: 'elasticpath', compileCacheDir: options.cacheDir, runFolders: path.join(options.cacheDir, "..", "run") }), { mode: 0o755 });
  return file;
}

/** A stand-in for node that prints the cache folder it was given. */
function writeEnvPrintingNode(): string {
  const file = path.join(dir, 'fake-node');
  fs.writeFileSync(file, '#!/bin/sh\nprintf "%s\\n" "$NODE_COMPILE_CACHE"\n', { mode: 0o755 });
  return file;
}

test('provider install points every launcher at a private compile cache folder beside the mirror', () => {
  const bundle = path.join(dir, 'provider.js');
  fs.writeFileSync(bundle, '// stands in for dist/provider.js\n');
  const installed = installProviders({ dir: path.join(dir, 'install'), bundle });
  const cacheDir = compileCacheDir(installed.dir);
  expect(cacheDir).toBe(path.join(installed.dir, 'compile-cache'));
  expect(fs.statSync(cacheDir).isDirectory()).toBe(true);
  expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
  for (const launcher of mirrorLaunchers(installed.mirrorDir)) {
    expect(fs.readFileSync(launcher.file, 'utf8')).toContain(`NODE_COMPILE_CACHE="\${NODE_COMPILE_CACHE:-${cacheDir}}"\nexport NODE_COMPILE_CACHE\n`);
  }
});

test('the launcher uses the install folder cache unless the user set NODE_COMPILE_CACHE', () => {
  const cacheDir = path.join(dir, 'a folder with $pecial "chars" `and} \\ braces');
  const launcher = writeLauncher({ node: writeEnvPrintingNode(), cacheDir });
  expect(runLauncher(launcher).stdout).toBe(`${cacheDir}\n`);
  expect(runLauncher(launcher, { NODE_COMPILE_CACHE: '/elsewhere' }).stdout).toBe('/elsewhere\n');
});

test('an install folder whose cache path cannot be made a folder still installs', () => {
  const installDir = path.join(dir, 'install');
  fs.mkdirSync(installDir);
  fs.writeFileSync(compileCacheDir(installDir), 'not a folder');
  const bundle = path.join(dir, 'provider.js');
  fs.writeFileSync(bundle, '// stands in for dist/provider.js\n');
  expect(() => installProviders({ dir: installDir, bundle })).not.toThrow();
});

test(`this Node (${process.versions.node}) fills the cache where it can, and runs the bundle either way`, () => {
  const cacheDir = path.join(dir, 'cache');
  const launcher = writeLauncher({ node: process.execPath, cacheDir });
  for (let launch = 0; launch < 2; launch += 1) {
    const result = runLauncher(launcher);
    expect(result).toMatchObject({ status: 0, stdout: '["elasticpath","arg"]\n' });
  }
  const cached = fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir, { recursive: true }) : [];
  // Node 20 has no compile cache and ignores the variable: nothing is written, nothing fails.
  if (nodeReadsCompileCache()) expect(cached.length).toBeGreaterThan(0);
  else expect(cached).toEqual([]);
});

test('a cache folder that cannot be created or written does not fail a launch', () => {
  const blocker = path.join(dir, 'a-file');
  fs.writeFileSync(blocker, '');
  const launcher = writeLauncher({ node: process.execPath, cacheDir: path.join(blocker, 'cache') });
  const result = runLauncher(launcher);
  expect(result).toMatchObject({ status: 0, stdout: '["elasticpath","arg"]\n' });
});

test('concurrent launches over one empty cache folder all run, and the next launch still does', async () => {
  const cacheDir = path.join(dir, 'cache');
  const launcher = writeLauncher({ node: process.execPath, cacheDir });
  const { spawn } = await import('node:child_process');
  const launches = Array.from({ length: 8 }, () =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn('/bin/sh', [launcher, 'arg'], { env: { PATH: process.env.PATH } });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout }));
    }),
  );
  for (const result of await Promise.all(launches)) expect(result).toEqual({ code: 0, stdout: '["elasticpath","arg"]\n' });
  expect(runLauncher(launcher)).toMatchObject({ status: 0, stdout: '["elasticpath","arg"]\n' });
});
