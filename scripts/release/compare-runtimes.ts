/**
 * `node scripts/run-ts.js scripts/release/compare-runtimes.ts [--start-runs N] [--runs N]`:
 * Bun's default x64 runtime (built for AVX2 CPUs) against its baseline one (x86-64-v2), each
 * compiled into the elasticpath provider and laid out as the linux_amd64 package (launcher, glibc
 * loader), on this machine: start (spawn of the launcher to the handshake line), the no-op plan
 * of 100 integrations and the apply creating 100, runs interleaved. The figures docs/releasing.md
 * gives for the choice of runtime come from here.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace, firstLineMs, integrationsConfig, median, pluginLaunchEnv, startPerfEmulator, timed } from '../bench-harness';
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
    const figures = variants.map(() => ({ start: [] as number[], plan: [] as number[], apply: [] as number[] }));
    const pluginEnv = pluginLaunchEnv();

    for (const variant of variants) await firstLineMs(variant.launcher, [], pluginEnv);
    for (let run = 0; run < startRuns; run += 1) {
      for (const [index, variant] of variants.entries()) figures[index].start.push(await firstLineMs(variant.launcher, [], pluginEnv));
    }

    const workspaces = variants.map((variant) => new Workspace(terraformRc(variant), config));
    try {
      for (const workspace of workspaces) await workspace.init();
      for (let run = 0; run < runs; run += 1) {
        for (const [index, workspace] of workspaces.entries()) {
          await perf.emulator.admin.reset();
          workspace.removeState();
          const applied = await timed(() => workspace.apply());
          figures[index].apply.push(applied.ms);
          const planned = await timed(() => workspace.plan());
          if (planned.value.code !== 0) throw new Error(`expected a no-op plan:\n${planned.value.stdout}${planned.value.stderr}`);
          figures[index].plan.push(planned.ms);
        }
      }
    } finally {
      for (const workspace of workspaces) workspace.cleanup();
    }

    const [load1] = os.loadavg();
    say(`load average ${load1.toFixed(2)}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})`);
    for (const kind of ['start', 'plan', 'apply'] as const) {
      const [base, other] = figures.map((figure) => median(figure[kind]));
      say(
        `${kind.padEnd(5)} ${variants.map((variant, index) => `${variant.label} ${median(figures[index][kind]).toFixed(0)} ms [${figures[index][kind].map((ms) => ms.toFixed(0)).join(', ')}]`).join(' | ')}` +
          ` => baseline/default ${(other / base).toFixed(3)}`,
      );
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
