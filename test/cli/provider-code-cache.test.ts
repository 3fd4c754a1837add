/**
 * The npm route's code cache (provider/code-cache.ts, given node with `--require` by the mirror's
 * launchers): a process leaves the bytecode it compiled in NODE_COMPILE_CACHE's folder and the next
 * one starts from it. What a user would notice if it went wrong: stale code run after an upgrade,
 * a launch failing over a bad or unwritable cache, the bundle behaving differently when loaded
 * through the hook. Each is tried here on stand-in bundles and on the real one.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeCachePreloadPath, installProviders, mirrorLaunchers, shellQuote } from '../../src/providers/install';
import { cacheFileFor } from '../../provider/code-cache';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const BUILT_BUNDLE = path.join(REPO_ROOT, 'dist', 'provider.js');
const PRELOAD = codeCachePreloadPath(BUILT_BUNDLE);

let dir: string;
let cacheDir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-code-cache-'));
  cacheDir = path.join(dir, 'cache');
  fs.mkdirSync(cacheDir, { mode: 0o700 });
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A bundle that reports what a CommonJS main module sees, then `answer` (same length for every value of it). */
function writeBundle(answer: string, file = path.join(dir, 'bundle.js')): string {
  fs.writeFileSync(
    file,
    [
      "const helper = require('./helper');",
      'function answerOf() { return ' + JSON.stringify(answer) + '; }',
      'process.stdout.write(JSON.stringify({ main: require.main === module, file: __filename, dir: __dirname,',
      "  helper: helper(), resolved: require.resolve('./helper'), answer: answerOf(), args: process.argv.slice(2) }) + '\\n');",
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(path.dirname(file), 'helper.js'), "module.exports = () => 'helped';\n");
  return file;
}

function runBundle(bundle: string, env: NodeJS.ProcessEnv = { NODE_COMPILE_CACHE: cacheDir }): { status: number | null; out: Record<string, unknown>; stderr: string } {
  const result = spawnSync(process.execPath, ['--require', PRELOAD, bundle, 'elasticpath'], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return { status: result.status, out: result.stdout ? JSON.parse(result.stdout) : {}, stderr: result.stderr };
}

/** This hook's files in the folder (Node 22+ keeps its own compile cache there too). */
function cacheFiles(): string[] {
  return fs.readdirSync(cacheDir).filter((name) => name.startsWith('commerce-iac-')).sort();
}

test('install gives every launcher the code cache hook built beside the bundle, and none to a bundle without one', () => {
  expect(fs.existsSync(PRELOAD)).toBe(true);
  const withHook = installProviders({ dir: path.join(dir, 'with'), bundle: BUILT_BUNDLE });
  for (const launcher of mirrorLaunchers(withHook.mirrorDir)) {
    expect(fs.readFileSync(launcher.file, 'utf8')).toContain(` --require ${shellQuote(PRELOAD)} ${shellQuote(BUILT_BUNDLE)} ${launcher.name} "$@"`);
  }
  const alone = path.join(dir, 'alone', 'provider.js');
  fs.mkdirSync(path.dirname(alone));
  fs.copyFileSync(BUILT_BUNDLE, alone);
  const withoutHook = installProviders({ dir: path.join(dir, 'without'), bundle: alone });
  for (const launcher of mirrorLaunchers(withoutHook.mirrorDir)) expect(fs.readFileSync(launcher.file, 'utf8')).not.toContain('--require');
});

test('the bundle sees what a CommonJS main module sees, with or without a cache, and the second process uses the first one’s', () => {
  const bundle = writeBundle('first');
  const expected = { main: true, file: bundle, dir, helper: 'helped', resolved: path.join(dir, 'helper.js'), answer: 'first', args: ['elasticpath'] };
  expect(runBundle(bundle)).toMatchObject({ status: 0, out: expected });
  const [file] = cacheFiles();
  expect(path.join(cacheDir, file)).toBe(cacheFileFor(cacheDir, bundle));
  expect(fs.statSync(path.join(cacheDir, file)).mode & 0o777).toBe(0o600);
  const written = fs.statSync(path.join(cacheDir, file)).mtimeMs;
  // Accepted, and this process compiled nothing more: the file is left as it is.
  expect(runBundle(bundle)).toMatchObject({ status: 0, out: expected });
  expect(fs.statSync(path.join(cacheDir, file)).mtimeMs).toBe(written);
});

test('a bundle changed in place (same length, other code) runs its own code, never the cached one', () => {
  const bundle = writeBundle('older');
  expect(runBundle(bundle).out.answer).toBe('older');
  writeBundle('newer', bundle);
  expect(runBundle(bundle).out.answer).toBe('newer');
  expect(runBundle(bundle).out.answer).toBe('newer');
  expect(cacheFiles()).toHaveLength(1);
});

test('a corrupt cache file is refused, the bundle runs as without one, and the file is made whole again', () => {
  const bundle = writeBundle('whole');
  runBundle(bundle);
  const file = cacheFileFor(cacheDir, bundle);
  const bytes = fs.readFileSync(file);
  // Keep the header (so the file claims this bundle), scramble V8's part.
  for (let index = bytes.length - 64; index < bytes.length; index += 1) bytes[index] ^= 0xff;
  fs.writeFileSync(file, bytes);
  expect(runBundle(bundle)).toMatchObject({ status: 0, out: { answer: 'whole' } });
  expect(fs.readFileSync(file).equals(bytes)).toBe(false);
  expect(runBundle(bundle)).toMatchObject({ status: 0, out: { answer: 'whole' } });
});

test('no folder, an unwritable one, or NODE_DISABLE_COMPILE_CACHE=1: the bundle runs and nothing is written', () => {
  const bundle = writeBundle('plain');
  expect(runBundle(bundle, {})).toMatchObject({ status: 0, out: { answer: 'plain' } });
  const blocker = path.join(dir, 'a-file');
  fs.writeFileSync(blocker, '');
  expect(runBundle(bundle, { NODE_COMPILE_CACHE: path.join(blocker, 'cache') })).toMatchObject({ status: 0, out: { answer: 'plain' }, stderr: '' });
  expect(runBundle(bundle, { NODE_COMPILE_CACHE: cacheDir, NODE_DISABLE_COMPILE_CACHE: '1' })).toMatchObject({ status: 0, out: { answer: 'plain' } });
  expect(cacheFiles()).toEqual([]);
});

test('an exception in the bundle keeps its exit code and names the bundle file', () => {
  const bundle = path.join(dir, 'failing.js');
  fs.writeFileSync(bundle, "function fail() { throw new Error('bundle failed'); }\nfail();\n");
  const result = runBundle(bundle);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('bundle failed');
  expect(result.stderr).toContain(`${bundle}:1`);
});

test('eight concurrent first launches over one empty folder all run and leave one whole file the next launch accepts', async () => {
  const bundle = writeBundle('racing');
  const launches = Array.from(
    { length: 8 },
    () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--require', PRELOAD, bundle], { env: { PATH: process.env.PATH, NODE_COMPILE_CACHE: cacheDir } });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('close', () => resolve(stdout));
      }),
  );
  for (const stdout of await Promise.all(launches)) expect(JSON.parse(stdout).answer).toBe('racing');
  expect(cacheFiles()).toEqual([path.basename(cacheFileFor(cacheDir, bundle))]);
  const written = fs.statSync(cacheFileFor(cacheDir, bundle)).mtimeMs;
  expect(runBundle(bundle).out.answer).toBe('racing');
  expect(fs.statSync(cacheFileFor(cacheDir, bundle)).mtimeMs).toBe(written);
});

test('the real provider started through the hook hands Terraform its handshake, and the next start uses the cache it left', async () => {
  const { createServerCertificate } = require('../../provider/protocol/certificate') as typeof import('../../provider/protocol/certificate');
  const env = {
    PATH: process.env.PATH,
    NODE_COMPILE_CACHE: cacheDir,
    TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
    PLUGIN_PROTOCOL_VERSIONS: '6',
    PLUGIN_CLIENT_CERT: createServerCertificate().certificatePem,
  };
  // Each start is stopped after its handshake line as Terraform's end would stop it (SIGTERM).
  const handshakeThenStop = () =>
    new Promise<{ line: string; code: number | null }>((resolve) => {
      const child = spawn(process.execPath, ['--require', PRELOAD, BUILT_BUNDLE, 'elasticpath'], { env });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) child.kill('SIGTERM');
      });
      child.on('close', (code) => resolve({ line: stdout.split('\n')[0], code }));
    });
  const first = await handshakeThenStop();
  expect(first).toMatchObject({ code: 0, line: expect.stringMatching(/^1\|6\|unix\|.+\|grpc\|/) });
  expect(cacheFiles()).toEqual([path.basename(cacheFileFor(cacheDir, BUILT_BUNDLE))]);
  const written = fs.statSync(cacheFileFor(cacheDir, BUILT_BUNDLE)).mtimeMs;
  expect(await handshakeThenStop()).toMatchObject({ code: 0, line: expect.stringMatching(/^1\|6\|unix\|.+\|grpc\|/) });
  expect(fs.statSync(cacheFileFor(cacheDir, BUILT_BUNDLE)).mtimeMs).toBe(written);
});
