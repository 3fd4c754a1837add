/**
 * Lays out an offline filesystem
 * mirror holding both providers and a CLI configuration that uses it, so `terraform init`
 * (and `tofu init`) find them with no network and no registry. Terraform reads the short
 * source `commerce-iac/<name>` as registry.terraform.io/..., OpenTofu as
 * registry.opentofu.org/...: the mirror holds the providers under both hosts, and the CLI
 * configuration (which both read, from TF_CLI_CONFIG_FILE) includes both. An app whose
 * providers name another source (`app.terraform.io/acme/elasticpath`, through the constructs'
 * `source` or the context key commerce-iac:providerRegistry) gets them under that address too.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { version } from '../../package.json';
import { packageRoot } from '../package-root';
import {
  PROVIDER_HOSTS,
  PROVIDER_NAMES,
  PROVIDER_NAMESPACE,
  type ProviderName,
  type ProviderSource,
  parseProviderSource,
  providerOfSource,
} from '../../provider/names';
import { runHostLaunchLines } from '../../provider/protocol/run-host-launch';

export interface InstalledProviders {
  /** The folder holding the mirror and the CLI configuration. */
  dir: string;
  /** Set TF_CLI_CONFIG_FILE to this file. */
  cliConfigFile: string;
  mirrorDir: string;
  version: string;
}

export function terraformPlatform(platform = process.platform, arch = process.arch): string {
  const osName = platform === 'win32' ? 'windows' : platform;
  const archName = ({ x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' } as Record<string, string>)[arch] ?? arch;
  return `${osName}_${archName}`;
}

/** The XDG base directory rules: an unset, empty or relative XDG_CACHE_HOME is ignored in favour of ~/.cache. */
export function defaultInstallDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'cdktf-integrations');
}

/** The bundled provider executable that the mirror's launch scripts run. */
export function providerBundlePath(): string {
  return path.join(packageRoot(), 'dist', 'provider.js');
}

/**
 * Every address the mirror serves this package's providers under: `commerce-iac/<name>` under
 * Terraform's and OpenTofu's hosts, then the given sources (each must end in one of the names).
 */
export function mirroredSources(sources: readonly string[] = []): (ProviderSource & { name: ProviderName })[] {
  const defaults = PROVIDER_HOSTS.flatMap((host) => PROVIDER_NAMES.map((name) => ({ host, namespace: PROVIDER_NAMESPACE, type: name, name })));
  const extra = sources.map((address) => {
    const parsed = parseProviderSource(address);
    const name = providerOfSource(address);
    if (!parsed || !name) {
      throw new Error(
        `provider source "${address}" is not one of this package's providers: expected [HOSTNAME/]NAMESPACE/<${PROVIDER_NAMES.join('|')}>, e.g. app.terraform.io/acme/elasticpath`,
      );
    }
    return { ...parsed, name };
  });
  const seen = new Set<string>();
  return [...defaults, ...extra].filter((source) => {
    const key = `${source.host}/${source.namespace}/${source.type}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Terraform on Windows runs a provider only from an `.exe` file, and the mirror's launchers are
 * shell scripts running Node through a symbolic link: there the released executables are the
 * route. Throws, naming that route, before anything is written.
 */
export function assertMirrorSupported(platform: NodeJS.Platform = process.platform): void {
  if (platform !== 'win32') return;
  throw new Error(
    'cdktf-integrations provider install does not work on Windows: Terraform there runs providers only from .exe files, ' +
      'and this local mirror holds shell launchers that run Node. Install the released windows_amd64 executables instead, ' +
      'from a registry or from a filesystem mirror of a release (docs/installing.md, "Windows").',
  );
}

export function installProviders(
  options: { dir?: string; bundle?: string; sources?: readonly string[]; platform?: NodeJS.Platform } = {},
): InstalledProviders {
  assertMirrorSupported(options.platform);
  const dir = path.resolve(options.dir ?? defaultInstallDir());
  const bundle = options.bundle ?? providerBundlePath();
  const sources = options.sources ?? [];
  mirroredSources(sources);
  if (!fs.existsSync(bundle)) {
    throw new Error(`the provider bundle ${bundle} does not exist: run \`npm run build\` first`);
  }
  const mirrorDir = path.join(dir, 'mirror');
  // Terraform runs the launchers; they run node through this link to the installing Node, which
  // spares users a PATH set-up. The link lives outside the mirror: the lock file's checksum covers
  // a launcher's text, which so stays the same when the install is redone with another Node.
  const node = path.join(dir, 'node');
  fs.mkdirSync(dir, { recursive: true });
  linkIfChanged(node, process.execPath);
  const cacheDir = compileCacheDir(dir);
  preparePrivateDir(cacheDir);
  const runFolders = runHostFolders(dir);
  preparePrivateDir(runFolders);
  for (const launcher of mirrorLaunchers(mirrorDir, terraformPlatform(), sources)) {
    fs.mkdirSync(path.dirname(launcher.file), { recursive: true });
    writeIfChanged(launcher.file, launcherScript({ node, bundle, name: launcher.name, compileCacheDir: cacheDir, runFolders }), 0o755);
  }
  const cliConfigFile = path.join(dir, 'terraform.rc');
  writeIfChanged(cliConfigFile, cliConfiguration(mirrorDir, sources), 0o644);
  return { dir, cliConfigFile, mirrorDir, version };
}

/**
 * Where the launchers' Node keeps compiled code between launches: beside the mirror, in the
 * install folder the user owns (the XDG cache folder by default), never a shared temporary one.
 */
export function compileCacheDir(installDir: string): string {
  return path.join(installDir, 'compile-cache');
}

/** Where run hosts (provider/protocol/run-host.ts) keep a folder per Terraform run: beside the mirror, as the compile cache. */
export function runHostFolders(installDir: string): string {
  return path.join(installDir, 'run');
}

/**
 * The compile cache and run hosts' folders, private to the user (0700): Node would create the cache
 * itself, world-readable under the umask, and another user who could write there could plant code
 * for our Node to load, or register a client certificate with a run host. Created on every Node
 * line, so a later install with Node 22+ over a Node 20 one finds the cache; a folder that cannot
 * be made leaves the launchers running uncached and one provider process per launch.
 */
function preparePrivateDir(folder: string): void {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch {
    // A read-only install folder: the launchers still run.
  }
}

/**
 * One launcher's text. It sets NODE_COMPILE_CACHE (unless the user has set their own): each of a
 * plan's several launches then loads the bundle's compiled code (Node 22.1+) instead of compiling
 * 900 KB again. An environment variable, not `module.enableCompileCache()` in the bundle: that
 * caches only modules loaded after the call, and the bundle is one module. The text does not depend on the installing Node, whose version the lock file's
 * checksum of the launcher must not see: Node 20 ignores the variable, and NODE_DISABLE_COMPILE_CACHE=1
 * turns it off.
 */
export function launcherScript(options: { node: string; bundle: string; name: string; compileCacheDir: string; runFolders: string }): string {
  const command = `${shellQuote(options.node)} ${shellQuote(options.bundle)}`;
  const runHost = runHostLaunchLines({ name: options.name, command, runFolders: shellQuote(options.runFolders) });
  return [
    '#!/bin/sh',
    `NODE_COMPILE_CACHE="\${NODE_COMPILE_CACHE:-${shellQuoteInDoubleQuotes(options.compileCacheDir)}}"`,
    'export NODE_COMPILE_CACHE',
    ...runHost.join,
    ...runHost.start,
    `exec ${command} ${options.name} "$@"`,
    '',
  ].join('\n');
}

/** A value inside `"${VAR:-…}"`: \\, $, ` and " are special in double quotes, and } would end the expansion. */
function shellQuoteInDoubleQuotes(value: string): string {
  return value.replace(/[\\$`"}]/g, (character) => `\\${character}`);
}

/** Every launcher of the mirror: each provider under each of its addresses, in the unpacked layout HOST/NAMESPACE/TYPE/VERSION/PLATFORM/. */
export function mirrorLaunchers(
  mirrorDir: string,
  platform = terraformPlatform(),
  sources: readonly string[] = [],
): { host: string; name: string; file: string }[] {
  return mirroredSources(sources).map(({ host, namespace, name }) => ({
    host,
    name,
    file: path.join(mirrorDir, host, namespace, name, version, platform, `terraform-provider-${name}_v${version}`),
  }));
}

/** The CLI configuration (HCL) that Terraform and OpenTofu read from TF_CLI_CONFIG_FILE. */
export function cliConfiguration(mirrorDir: string, sources: readonly string[] = []): string {
  const patterns = [
    ...PROVIDER_HOSTS.map((host) => `${host}/${PROVIDER_NAMESPACE}/*`),
    ...mirroredSources(sources)
      .filter((source) => !(source.namespace === PROVIDER_NAMESPACE && (PROVIDER_HOSTS as readonly string[]).includes(source.host)))
      .map((source) => `${source.host}/${source.namespace}/${source.type}`),
  ];
  const include = patterns.map((pattern) => JSON.stringify(pattern)).join(', ');
  return [
    '# Written by `cdktf-integrations provider install`: the commerce-iac providers come from',
    '# the local mirror below (under the hosts of both Terraform and OpenTofu); every other',
    '# provider from its usual source.',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirrorDir)}`,
    `    include = [${include}]`,
    '  }',
    '  direct {',
    `    exclude = [${include}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Rewriting an unchanged launcher would not change its hash, but keeps mtimes stable for users' tooling. */
function writeIfChanged(file: string, content: string, mode: number): void {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
  fs.writeFileSync(file, content, { mode });
  fs.chmodSync(file, mode);
}

function linkIfChanged(link: string, target: string): void {
  let current: string | undefined;
  try {
    current = fs.readlinkSync(link);
  } catch {
    current = undefined;
  }
  if (current === target) return;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(target, link);
}

/** A value as a POSIX shell word, quoted only when it needs to be. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
