/**
 * The bench's "binary" figures (docs/releasing.md): a linux_amd64 release built here
 * (`buildRelease`, a throwaway signing key) against the node bundle:
 * - startMs / nodeBundleStartMs: the released package started as Terraform starts it (its sh
 *   launcher, which runs the executable through the glibc loader shipped beside it; no arguments,
 *   go-plugin's environment), against `node dist/provider.js elasticpath`, spawn to handshake
 *   line, runs alternating with bare `node -e` and with the executable started directly on this
 *   host's glibc (what the launcher and the shipped loader cost);
 * - planN100: the no-op plan of 100 integrations with the executable installed from the
 *   release's zip (a packed filesystem mirror), against the same plan with the node bundle's
 *   launchers (the usual offline mirror); both workspaces share one state, runs alternate.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createServerCertificate } from '../provider/protocol/certificate';
import { buildRelease, executableName, linuxExecutablePath } from './release/build';
import { generateThrowawayKey } from './release/gpg';
import { parsePlatforms } from './release/platforms';
import { readZip } from './release/zip';
import { PLUGIN_MAGIC_COOKIE, REPO_ROOT, Workspace, firstLineMs, integrationsConfig, median, startPerfEmulator, timed } from './bench-harness';

const START_RUNS = 7;
const PLAN_RUNS = 5;
const PLAN_COUNT = 100;

export interface BinaryFigure {
  /** The released linux_amd64 package through its launcher, spawn to handshake (median). */
  startMs: number;
  /** Its executable started directly, on this host's glibc (no launcher, no shipped loader). */
  directStartMs: number;
  /** `node dist/provider.js elasticpath`, the same way, in the same loop. */
  nodeBundleStartMs: number;
  /** Bare `node -e` printing a line: Node's own floor. */
  bareNodeStartMs: number;
  /** startMs / nodeBundleStartMs */
  ratio: number;
  planN100: { ms: number; baselineMs: number; ratio: number };
  /** The size of terraform-provider-elasticpath_VERSION_linux_amd64.zip. */
  zipBytes: number;
}

export interface BuiltBinary {
  dir: string;
  version: string;
  zip: string;
  /** The launcher, at the top of the unpacked package. */
  executable: string;
  /** The Bun-compiled executable in the package's lib/. */
  direct: string;
}

/** A linux_amd64 release of this checkout, signed with a key made for the purpose and thrown away. */
export async function buildLinuxRelease(progress: (line: string) => void): Promise<BuiltBinary> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-bench-release-'));
  const gnupgHome = path.join(dir, 'gnupg');
  fs.mkdirSync(gnupgHome, { mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: gnupgHome };
  try {
    const fingerprint = generateThrowawayKey(env, 'commerce-iac bench <bench@example.invalid>', 2048);
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const [platform] = parsePlatforms('linux_amd64');
    const built = await buildRelease({ version, outDir: path.join(dir, 'release'), platforms: [platform], gpgKey: fingerprint, env, progress });
    const archive = built.providers.find((provider) => provider.name === 'elasticpath')!.archives[0];
    const unpacked = path.join(dir, 'package');
    for (const entry of readZip(fs.readFileSync(archive.file))) {
      fs.mkdirSync(path.dirname(path.join(unpacked, entry.name)), { recursive: true });
      fs.writeFileSync(path.join(unpacked, entry.name), entry.data, { mode: entry.mode });
    }
    const executable = path.join(unpacked, executableName('elasticpath', version, platform));
    return { dir, version, zip: archive.file, executable, direct: path.join(unpacked, linuxExecutablePath('elasticpath')) };
  } finally {
    try {
      execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env, stdio: 'ignore' });
    } catch {
      // no agent
    }
  }
}

/** A CLI configuration installing commerce-iac providers from a packed filesystem mirror holding the release's zip. */
export function packedMirrorConfig(binary: BuiltBinary): string {
  const mirror = path.join(binary.dir, 'mirror');
  const packed = path.join(mirror, 'registry.terraform.io', 'commerce-iac', 'elasticpath');
  fs.mkdirSync(packed, { recursive: true });
  fs.copyFileSync(binary.zip, path.join(packed, path.basename(binary.zip)));
  const configFile = path.join(binary.dir, 'terraform.rc');
  fs.writeFileSync(
    configFile,
    [
      'provider_installation {',
      `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/commerce-iac/*"]\n  }`,
      '  direct {\n    exclude = ["registry.terraform.io/commerce-iac/*"]\n  }',
      '}',
      '',
    ].join('\n'),
  );
  return configFile;
}

/** With `built`, the executable of a release built by the caller, who removes it; without, one built here and removed. */
export async function measureBinary(options: {
  keepStartUpTax: boolean;
  built?: BuiltBinary;
  say: (line: string) => void;
  progress: (line: string) => void;
}): Promise<BinaryFigure> {
  const { say, progress } = options;
  if (!options.built) progress('building the linux_amd64 release executable (npm run release)');
  const binary = options.built ?? (await buildLinuxRelease(progress));
  try {
    const round = (value: number, digits = 0) => Number(value.toFixed(digits));
    const pluginEnv = {
      PATH: process.env.PATH,
      TF_PLUGIN_MAGIC_COOKIE: PLUGIN_MAGIC_COOKIE,
      PLUGIN_PROTOCOL_VERSIONS: '6',
      PLUGIN_CLIENT_CERT: createServerCertificate().certificatePem,
    };
    const bundle = path.join(REPO_ROOT, 'dist', 'provider.js');
    progress('released executable start-up');
    const executable: number[] = [];
    const direct: number[] = [];
    const nodeBundle: number[] = [];
    const bareNode: number[] = [];
    // One warm-up launch each fills the page cache; the runs alternate so load spikes hit all alike.
    await firstLineMs(binary.executable, [], pluginEnv);
    await firstLineMs(binary.direct, ['elasticpath'], pluginEnv);
    await firstLineMs(process.execPath, [bundle, 'elasticpath'], pluginEnv);
    for (let run = 0; run < START_RUNS; run += 1) {
      executable.push(await firstLineMs(binary.executable, [], pluginEnv));
      direct.push(await firstLineMs(binary.direct, ['elasticpath'], pluginEnv));
      nodeBundle.push(await firstLineMs(process.execPath, [bundle, 'elasticpath'], pluginEnv));
      bareNode.push(await firstLineMs(process.execPath, ['-e', 'process.stdout.write("ready\\n")'], { PATH: process.env.PATH }));
    }
    const startMs = median(executable);
    const nodeBundleStartMs = median(nodeBundle);
    const zipBytes = fs.statSync(binary.zip).size;
    const directStartMs = median(direct);
    say(
      `released package (linux_amd64, ${(zipBytes / 1e6).toFixed(1)} MB zip) start through its launcher, spawn to handshake: ${startMs.toFixed(0)} ms ` +
        `[${executable.map((ms) => ms.toFixed(0)).join(', ')}] vs node dist/provider.js ${nodeBundleStartMs.toFixed(0)} ms ` +
        `[${nodeBundle.map((ms) => ms.toFixed(0)).join(', ')}] = ${(startMs / nodeBundleStartMs).toFixed(2)}x; bare node -e ${median(bareNode).toFixed(0)} ms; ` +
        `the executable started directly on this host's glibc ${directStartMs.toFixed(0)} ms [${direct.map((ms) => ms.toFixed(0)).join(', ')}]`,
    );

    const perf = await startPerfEmulator({ keepStartUpTax: options.keepStartUpTax });
    const withBundle = new Workspace(perf.env, integrationsConfig(PLAN_COUNT));
    const withExecutable = new Workspace({ ...perf.env, TF_CLI_CONFIG_FILE: packedMirrorConfig(binary) }, integrationsConfig(PLAN_COUNT));
    try {
      progress(`creating ${PLAN_COUNT} integrations`);
      await withBundle.init();
      await withBundle.apply();
      fs.copyFileSync(path.join(withBundle.dir, 'terraform.tfstate'), path.join(withExecutable.dir, 'terraform.tfstate'));
      await withExecutable.init();
      const planMs = async (workspace: Workspace) => {
        const { ms, value } = await timed(() => workspace.plan());
        if (value.code !== 0) throw new Error(`expected a no-op plan in ${workspace.dir}:\n${value.stdout}${value.stderr}`);
        return ms;
      };
      const ours: number[] = [];
      const baseline: number[] = [];
      for (let run = 0; run < PLAN_RUNS; run += 1) {
        progress(`no-op plan of ${PLAN_COUNT}, released executable and node bundle, run ${run + 1} of ${PLAN_RUNS}`);
        baseline.push(await planMs(withBundle));
        ours.push(await planMs(withExecutable));
      }
      const planN100 = { ms: round(median(ours)), baselineMs: round(median(baseline)), ratio: round(median(ours) / median(baseline), 2) };
      say(
        `no-op plan, ${PLAN_COUNT} integrations, released executable: ${planN100.ms} ms [${ours.map((ms) => ms.toFixed(0)).join(', ')}] ` +
          `vs node bundle ${planN100.baselineMs} ms [${baseline.map((ms) => ms.toFixed(0)).join(', ')}] = ${planN100.ratio}x`,
      );
      return {
        startMs: round(startMs),
        directStartMs: round(directStartMs),
        nodeBundleStartMs: round(nodeBundleStartMs),
        bareNodeStartMs: round(median(bareNode)),
        ratio: round(startMs / nodeBundleStartMs, 2),
        planN100,
        zipBytes,
      };
    } finally {
      withBundle.cleanup();
      withExecutable.cleanup();
      await perf.close();
    }
  } finally {
    if (!options.built) fs.rmSync(binary.dir, { recursive: true, force: true });
  }
}
