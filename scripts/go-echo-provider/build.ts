/**
 * Builds the Go echo provider (main.go beside this file) and runs it for the bench: the Go floor.
 *
 * It builds from Debian's Go packages alone, in GOPATH mode with no module proxy: a GOPATH of
 * its own holds the echo's sources as package `goecho` and the tfplugin6 and go-plugin service
 * code that protoc generates at build time from provider/proto; grpc-go and Go protobuf come from
 * /usr/share/gocode. The binary is cached under node_modules/.cache/go-echo-provider, named by a
 * hash of its sources and the Go version, so only a change rebuilds it (the first build compiles
 * grpc-go, minutes on a small machine).
 *
 * `node scripts/run-ts.js scripts/go-echo-provider/build.ts [build|test]`: prints the binary's
 * path, or runs the echo's `go test` (npm run test:go-echo).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { installProviders } from '../../src/providers/install';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_DIR = __dirname;
const PROTO_DIR = path.join(ROOT, 'provider', 'proto');
const SCHEMA_FILE = path.join(ROOT, 'provider', 'schema.json');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'go-echo-provider');
/** Debian's Go packages (golang-google-grpc-dev, golang-google-protobuf-dev, golang-github-golang-protobuf-1-5-dev). */
const SYSTEM_GOPATH = '/usr/share/gocode';
const GO_PACKAGE = 'goecho';
/** Generated Go package → the .proto files in it. */
const GENERATED = { tfplugin6: ['tfplugin6.proto'], plugin: ['grpc_controller.proto', 'grpc_stdio.proto', 'grpc_broker.proto'] } as const;
const TOOLS = ['go', 'protoc', 'protoc-gen-go', 'protoc-gen-go-grpc'];
const START_TIMEOUT_MS = 15_000;

export type GoEchoBuild = { binary: string } | { unavailable: string };

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

/** Why the Go echo cannot be built here, or undefined when it can. */
export function missingToolchain(): string | undefined {
  const missing = TOOLS.filter((tool) => !onPath(tool));
  if (missing.length > 0) return `no ${missing.join(', ')} on the PATH`;
  if (!fs.existsSync(path.join(SYSTEM_GOPATH, 'src', 'google.golang.org', 'grpc'))) return `no grpc-go under ${SYSTEM_GOPATH} (golang-google-grpc-dev)`;
  return undefined;
}

function goSources(): string[] {
  return fs
    .readdirSync(SOURCE_DIR)
    .filter((name) => name.endsWith('.go'))
    .sort()
    .map((name) => path.join(SOURCE_DIR, name));
}

/** The cache key: every input of the build, and the toolchain that compiles it. */
function sourceHash(): string {
  const hash = createHash('sha256');
  hash.update(execFileSync('go', ['version'], { encoding: 'utf8' }));
  const protos = Object.values(GENERATED).flat().map((name) => path.join(PROTO_DIR, name));
  for (const file of [...goSources(), SCHEMA_FILE, ...protos]) hash.update(path.basename(file)).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function goEnv(gopath: string): NodeJS.ProcessEnv {
  return { ...process.env, GO111MODULE: 'off', GOFLAGS: '', GOPATH: `${gopath}${path.delimiter}${SYSTEM_GOPATH}` };
}

/**
 * The GOPATH the build and the tests run in, rewritten from the sources. Its place stays the
 * same from build to build so Go's build cache recognises the generated packages.
 */
function prepareGopath(): string {
  const gopath = path.join(CACHE_DIR, 'gopath');
  const packageDir = path.join(gopath, 'src', GO_PACKAGE);
  fs.rmSync(packageDir, { recursive: true, force: true });
  fs.mkdirSync(packageDir, { recursive: true });
  for (const file of goSources()) fs.copyFileSync(file, path.join(packageDir, path.basename(file)));
  fs.copyFileSync(SCHEMA_FILE, path.join(packageDir, 'schema.json'));
  for (const [goPackage, protos] of Object.entries(GENERATED)) {
    const out = path.join(packageDir, goPackage);
    fs.mkdirSync(out);
    // The .proto files name no go_package: each is mapped onto its package here.
    const mappings = protos.map((proto) => `M${proto}=${GO_PACKAGE}/${goPackage}`).join(',');
    execFileSync(
      'protoc',
      [`--proto_path=${PROTO_DIR}`, `--go_out=${out}`, `--go_opt=paths=source_relative,${mappings}`, `--go-grpc_out=${out}`, `--go-grpc_opt=paths=source_relative,${mappings}`, ...protos],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  return gopath;
}

/** The built binary, from the cache when its sources have not changed. */
export function buildGoEcho(progress: (line: string) => void = () => undefined): GoEchoBuild {
  const missing = missingToolchain();
  if (missing) return { unavailable: missing };
  const binary = path.join(CACHE_DIR, `go-echo-provider-${sourceHash()}`);
  if (fs.existsSync(binary)) return { binary };
  progress(`building the Go echo provider into ${path.relative(ROOT, binary)} (the first build compiles grpc-go: minutes)`);
  const gopath = prepareGopath();
  const staging = `${binary}.${process.pid}.tmp`;
  const built = spawnSync('go', ['build', '-o', staging, GO_PACKAGE], { env: goEnv(gopath), encoding: 'utf8' });
  if (built.status !== 0) return { unavailable: `go build failed: ${(built.stderr || built.error?.message || '').trim().split('\n').slice(0, 5).join(' / ')}` };
  fs.renameSync(staging, binary);
  // Binaries of earlier sources are never used again.
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (name.startsWith('go-echo-provider-') && path.join(CACHE_DIR, name) !== binary && !name.endsWith('.tmp')) fs.rmSync(path.join(CACHE_DIR, name), { force: true });
  }
  return { binary };
}

/** `go test` of the echo, its output passed through; resolves with the exit code. */
export function testGoEcho(): number {
  const missing = missingToolchain();
  if (missing) {
    process.stderr.write(`cannot test the Go echo provider: ${missing}\n`);
    return 1;
  }
  const gopath = prepareGopath();
  const run = spawnSync('go', ['test', '-count=1', GO_PACKAGE], { env: goEnv(gopath), stdio: 'inherit' });
  return run.status ?? 1;
}

/**
 * An offline provider mirror like installProviders' with the Go binary itself in each launcher's
 * place (named as Terraform expects, which is how the echo knows which provider it is): Terraform
 * launches it as it launches any Go provider, with no shell or Node in between.
 */
export function goEchoMirror(binary: string): { dir: string; cliConfigFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-perf-go-echo-'));
  // The launchers it writes are replaced below; it only needs the bundle named to exist.
  const installed = installProviders({ dir, bundle: binary });
  const launchers = (folder: string): string[] =>
    fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return launchers(full);
      return entry.name.startsWith('terraform-provider-') ? [full] : [];
    });
  for (const launcher of launchers(installed.mirrorDir)) {
    fs.rmSync(launcher);
    fs.copyFileSync(binary, launcher);
    fs.chmodSync(launcher, 0o755);
  }
  return { dir, cliConfigFile: installed.cliConfigFile };
}

export interface ReattachedGoEcho {
  env: { TF_REATTACH_PROVIDERS: string };
  close(): Promise<void>;
}

/** The Go echo started once in reattach (debug) mode, as the warm providers are. */
export async function startReattachedGoEcho(binary: string, name = 'elasticpath'): Promise<ReattachedGoEcho> {
  const child = spawn(binary, [name, '--reattach'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await firstLine(child);
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { env: { TF_REATTACH_PROVIDERS: JSON.stringify(JSON.parse(line)) }, close };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the Go echo provider printed no reattach line within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Go echo provider exited with ${code} before its reattach line`));
    });
  });
}

if (require.main === module) {
  const command = process.argv[2] ?? 'build';
  if (command === 'test') process.exit(testGoEcho());
  const built = buildGoEcho((line) => process.stderr.write(`… ${line}\n`));
  if ('unavailable' in built) {
    process.stderr.write(`Go echo provider not built: ${built.unavailable}\n`);
    process.exit(1);
  }
  process.stdout.write(`${built.binary}\n`);
}
