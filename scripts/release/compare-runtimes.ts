/**
 * `node scripts/run-ts.js scripts/release/compare-runtimes.ts [--start-runs N] [--runs N]`:
 * Bun's default x64 runtime (built for AVX2 CPUs) against its baseline one (x86-64-v2), each
 * compiled into the elasticpath provider and laid out as the linux_amd64 package (launcher, glibc
 * loader), on this machine: start (spawn of the launcher to the handshake line), the no-op plan
 * of 100 integrations and the apply creating 100, runs interleaved. Each is measured as wall time
 * and as CPU time (the provider's threads to the handshake, from each thread's /proc schedstat;
 * terraform and the providers it waited for, from the shell's `times`), which a loaded machine
 * disturbs less. The figures docs/releasing.md gives for the choice of runtime come from here.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace, integrationsConfig, median, pluginLaunchEnv, startPerfEmulator } from '../bench-harness';
import { bundleProvider, executableName, packageEntries } from './build';
import { bunRuntime, hostBun } from './bun-runtime';
import { RELEASE_PLATFORMS, type ReleasePlatform } from './platforms';

const COUNT = 100;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

const linuxAmd64 = RELEASE_PLATFORMS.find((platform) => platform.name === 'linux_amd64')!;
const VARIANTS: { label: string; platform: ReleasePlatform }[] = [
  { label: 'default (AVX2)', platform: { ...linuxAmd64, bunTarget: 'bun-linux-x64', runtimePackage: '@oven/bun-linux-x64' } },
  { label: 'baseline', platform: { ...linuxAmd64, bunTarget: 'bun-linux-x64-baseline', runtimePackage: '@oven/bun-linux-x64-baseline' } },
];

/** The package of `platform`'s runtime as an unpacked filesystem mirror; returns its CLI configuration and launcher. */
function unpackedMirror(dir: string, bundle: string, platform: ReleasePlatform, version: string): { cliConfig: string; launcher: string } {
  const compiled = path.join(dir, 'compiled', 'provider');
  execFileSync(
    hostBun(linuxAmd64),
    ['build', bundle, '--compile', '--bytecode', `--target=${platform.bunTarget}`, `--compile-executable-path=${bunRuntime(platform)}`, '--no-compile-autoload-dotenv', '--no-compile-autoload-bunfig', `--outfile=${compiled}`],
    { stdio: 'ignore' },
  );
  const packageDir = path.join(dir, 'mirror', 'registry.terraform.io', 'commerce-iac', 'elasticpath', version, platform.name);
  for (const entry of packageEntries('elasticpath', version, platform, fs.readFileSync(compiled))) {
    fs.mkdirSync(path.dirname(path.join(packageDir, entry.name)), { recursive: true });
    fs.writeFileSync(path.join(packageDir, entry.name), entry.data, { mode: entry.mode });
  }
  const cliConfig = path.join(dir, 'terraform.rc');
  fs.writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(path.join(dir, 'mirror'))}\n    include = ["registry.terraform.io/commerce-iac/*"]\n  }\n}\n`,
  );
  return { cliConfig, launcher: path.join(packageDir, executableName('elasticpath', version, platform)) };
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/** CPU time of all threads of a process so far, in ms (schedstat's first field is ns on the CPU). */
function processCpuMs(pid: number): number {
  let total = 0;
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) total += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
  return total / 1e6;
}

/** Spawn of the launcher to its handshake line: wall time and the CPU time its threads used. */
function startSample(launcher: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(launcher, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('\n')) return;
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const cpuMs = processCpuMs(child.pid!);
      child.kill('SIGKILL');
      resolve({ wallMs, cpuMs });
    });
    child.once('exit', (code) => {
      if (!stdout.includes('\n')) reject(new Error(`${launcher} exited with ${code} before the handshake`));
    });
  });
}

/** `terraform ARGS` in `cwd`: wall time and the CPU time of terraform and the providers it waited for (the shell's `times`). */
function terraformSample(args: string[], cwd: string, env: NodeJS.ProcessEnv, okCodes = [0]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('sh', ['-c', 'terraform "$@" >/dev/null 2>"$ERRORS"; status=$?; times; exit $status', 'sh', ...args], {
      cwd,
      env: { ...env, ERRORS: path.join(cwd, 'errors.txt') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (!okCodes.includes(code ?? -1)) return reject(new Error(`terraform ${args.join(' ')} exited with ${code}: ${fs.readFileSync(path.join(cwd, 'errors.txt'), 'utf8')}`));
      // `times` prints the shell's own user and system time, then its children's: "0m1.234s 0m0.567s".
      const seconds = (stdout.trim().split('\n').pop() ?? '').split(' ').map((field) => {
        const [, minutes, secs] = /^(\d+)m([\d.]+)s$/.exec(field) ?? [];
        return Number(minutes) * 60 + Number(secs);
      });
      resolve({ wallMs, cpuMs: (seconds[0] + seconds[1]) * 1000 });
    });
  });
}

async function main(): Promise<void> {
  const startRuns = option('--start-runs', 21);
  const runs = option('--runs', 5);
  const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-runtimes-'));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const perf = await startPerfEmulator();
  try {
    const bundle = path.join(work, 'provider.js');
    fs.writeFileSync(bundle, await bundleProvider());
    const variants = VARIANTS.map((variant, index) => ({ ...variant, ...unpackedMirror(path.join(work, String(index)), bundle, variant.platform, version) }));
    const config = integrationsConfig(COUNT);
    const terraformRc = (variant: (typeof variants)[number]) => ({ ...perf.env, TF_CLI_CONFIG_FILE: variant.cliConfig });
    const figures = variants.map(() => ({ start: [] as Sample[], plan: [] as Sample[], apply: [] as Sample[] }));
    const pluginEnv = pluginLaunchEnv();

    for (const variant of variants) await startSample(variant.launcher, pluginEnv);
    for (let run = 0; run < startRuns; run += 1) {
      for (const [index, variant] of variants.entries()) figures[index].start.push(await startSample(variant.launcher, pluginEnv));
    }

    const workspaces = variants.map((variant) => new Workspace(terraformRc(variant), config));
    try {
      for (const workspace of workspaces) await workspace.init();
      for (let run = 0; run < runs; run += 1) {
        for (const [index, workspace] of workspaces.entries()) {
          await perf.emulator.admin.reset();
          workspace.removeState();
          figures[index].apply.push(await terraformSample(['apply', '-input=false', '-no-color', '-auto-approve'], workspace.dir, workspace.env));
          figures[index].plan.push(await terraformSample(['plan', '-input=false', '-no-color', '-detailed-exitcode'], workspace.dir, workspace.env));
        }
      }
    } finally {
      for (const workspace of workspaces) workspace.cleanup();
    }

    const [load1] = os.loadavg();
    say(`load average ${load1.toFixed(2)}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}); medians, ms`);
    for (const kind of ['start', 'plan', 'apply'] as const) {
      for (const measure of ['wallMs', 'cpuMs'] as const) {
        const medians = figures.map((figure) => median(figure[kind].map((sample) => sample[measure])));
        say(
          `${kind.padEnd(5)} ${measure === 'wallMs' ? 'wall' : 'cpu '} ${variants.map((variant, index) => `${variant.label} ${medians[index].toFixed(0)}`).join(' | ')}` +
            ` => baseline/default ${(medians[1] / medians[0]).toFixed(3)}  [${figures.map((figure) => figure[kind].map((sample) => sample[measure].toFixed(0)).join(',')).join(' | ')}]`,
        );
      }
    }
  } finally {
    await perf.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
