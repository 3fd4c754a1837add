/**
 * The released linux packages (the release fixture's zips, test/helpers/release-fixture.ts) on
 * the runners Terraform calls linux_amd64 and linux_arm64, with nothing installed for them:
 * - in a root without glibc, as on Alpine-based runner images (test/helpers/glibc-less-root.ts):
 *   `terraform init` from a filesystem mirror of the linux_amd64 zips, an Elastic Path webhook
 *   with a write-only secret and a Sendcloud integration adopted, a clean no-op plan, destroy,
 *   against the emulators on 127.0.0.1 outside the root;
 * - the same zips and lifecycle on this glibc host;
 * - the linux_arm64 executable answering the go-plugin handshake under qemu-aarch64-static in a
 *   root without glibc (started as its launcher starts it: the launcher itself, like any x86
 *   busybox, sees an x86_64 machine).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createServerCertificate } from '../../provider/protocol/certificate';
import { PROVIDER_NAMES } from '../../provider/names';
import { linuxExecutablePath } from '../../scripts/release/build';
import { GLIBC_ARCHITECTURES } from '../../scripts/release/glibc';
import { readZip } from '../../scripts/release/zip';
import { type RunningEmulators, providerEnvironment, startEmulators } from '../../src/emulators';
import { GlibcLessRoot } from '../helpers/glibc-less-root';
import { type ReleaseFixture, releaseForTests } from '../helpers/release-fixture';
import { terraformOnlyPath } from '../helpers/release-registry';

const PLUGIN_MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const HOOK_SECRET = 'glibc-less-hook-secret-R4vN';
const QEMU_AARCH64 = '/usr/bin/qemu-aarch64-static';

let release: ReleaseFixture;
let emulators: RunningEmulators;
let root: GlibcLessRoot;
let hostDir: string;
let nodelessPath: string;

beforeAll(async () => {
  release = await releaseForTests();
  emulators = await startEmulators();
  root = new GlibcLessRoot();
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'glibc-host-run-'));
  nodelessPath = terraformOnlyPath();
}, 900_000);

afterAll(async () => {
  root?.cleanup();
  for (const dir of [hostDir, nodelessPath]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  await emulators?.close();
});

const zipName = (name: string, platform: string) => `terraform-provider-${name}_${release.version}_${platform}.zip`;

/** A packed filesystem mirror of the release's linux_amd64 zips under `mirror`, and the CLI configuration installing from it. */
function layMirror(mirror: string, mirrorAsTerraformSeesIt: string): string {
  for (const name of PROVIDER_NAMES) {
    const folder = path.join(mirror, 'registry.terraform.io', 'commerce-iac', name);
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(path.join(release.outDir, zipName(name, 'linux_amd64')), path.join(folder, zipName(name, 'linux_amd64')));
  }
  return `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirrorAsTerraformSeesIt)}\n  }\n}\n`;
}

function configuration(hookName: string): string {
  const requirements = PROVIDER_NAMES.map((name) => `    ${name} = { source = "commerce-iac/${name}", version = "${release.version}" }`).join('\n');
  return `terraform {
  required_providers {
${requirements}
  }
}

variable "hook_secret" {
  type      = string
  ephemeral = true
}

resource "elasticpath_integration" "hook" {
  name             = ${JSON.stringify(hookName)}
  integration_type = "webhook"
  observes         = ["order.paid"]
  configuration = {
    url                   = "https://hooks.example.com/paid"
    secret_key_wo         = var.hook_secret
    secret_key_wo_version = 1
  }
}

resource "sendcloud_integration" "shop" {
  integration_id = 1001
  webhook_active = true
  webhook_url    = "https://hooks.example.com/parcels"
}
`;
}

interface RemoteIntegration {
  name: string;
  configuration: Record<string, unknown>;
}
async function remoteIntegrations(): Promise<RemoteIntegration[]> {
  return (await (await fetch(`${emulators.elasticpath.url}/__admin/integrations`)).json()) as RemoteIntegration[];
}

type Terraform = (...args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>;

/** init, apply (a webhook with a write-only secret, a Sendcloud integration adopted), a no-op plan, destroy; `workDir` is the host's view of the working folder. */
async function lifecycle(terraform: Terraform, workDir: string, hookName: string): Promise<void> {
  const init = await terraform('init', '-no-color', '-input=false');
  expect([init.code, init.stderr]).toEqual([0, '']);
  for (const name of PROVIDER_NAMES) expect(init.stdout).toContain(`- Installed commerce-iac/${name} v${release.version} (unauthenticated)`);

  const apply = await terraform('apply', '-no-color', '-input=false', '-auto-approve');
  expect([apply.code, apply.stderr]).toEqual([0, '']);
  expect(apply.stdout).toMatch(/Apply complete! Resources: 2 added, 0 changed, 0 destroyed/);
  expect((await remoteIntegrations()).find((integration) => integration.name === hookName)?.configuration.secret_key).toBe(HOOK_SECRET);
  expect(fs.readFileSync(path.join(workDir, 'terraform.tfstate'), 'utf8')).not.toContain(HOOK_SECRET);

  const plan = await terraform('plan', '-no-color', '-input=false', '-detailed-exitcode');
  expect([plan.code, plan.stderr]).toEqual([0, '']);
  expect(plan.stdout).toContain('No changes.');

  const destroy = await terraform('destroy', '-no-color', '-input=false', '-auto-approve');
  expect([destroy.code, destroy.stderr]).toEqual([0, '']);
  expect(destroy.stdout).toMatch(/Destroy complete! Resources: 2 destroyed/);
  expect((await remoteIntegrations()).filter((integration) => integration.name === hookName)).toEqual([]);
}

describe('linux_amd64 in a root without glibc (busybox, musl, terraform)', () => {
  const work = '/work';
  const environment = () => ({ ...providerEnvironment(emulators), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: '/etc/terraform.rc', TF_VAR_hook_secret: HOOK_SECRET });
  const terraform: Terraform = (...args) => root.run(['terraform', ...args], { cwd: work, env: environment() });

  test('the root holds no glibc: a glibc executable does not start there ("not found", its interpreter missing)', async () => {
    expect(root.glibcFiles('/nothing')).toEqual([]);
    fs.copyFileSync('/bin/true', root.hostPath('/bin/glibc-true'));
    fs.chmodSync(root.hostPath('/bin/glibc-true'), 0o755);
    const run = await root.run(['/bin/glibc-true']);
    fs.rmSync(root.hostPath('/bin/glibc-true'));
    expect(run.code).toBe(127);
    // musl's own programs do run: the root is a working musl system.
    expect((await root.run(['/lib/ld-musl-x86_64.so.1', '--version'])).stderr).toMatch(/^musl libc \(x86_64\)/);
  });

  test('terraform init from a filesystem mirror, apply (write-only secret, Sendcloud adopted), a clean no-op plan, destroy', async () => {
    fs.mkdirSync(root.hostPath(work));
    fs.writeFileSync(root.hostPath('/etc/terraform.rc'), layMirror(root.hostPath('/mirror'), '/mirror'));
    fs.writeFileSync(root.hostPath(`${work}/main.tf`), configuration('Paid, without glibc'));
    await lifecycle(terraform, root.hostPath(work), 'Paid, without glibc');
  });

  test('after all that, glibc is found only inside the installed providers\' packages', () => {
    const providers = `${work}/.terraform/providers`;
    expect(root.glibcFiles(providers)).toEqual([]);
    const installed = root.glibcFiles('/nothing').filter((file) => file.startsWith(providers));
    expect(installed.length).toBeGreaterThan(0);
    expect(installed.every((file) => /\/linux_amd64\/lib\/[^/]+$/.test(file))).toBe(true);
  });
});

test('the same zips on this glibc host: init, apply, no-op plan, destroy', async () => {
  const cliConfig = path.join(hostDir, 'terraform.rc');
  fs.writeFileSync(cliConfig, layMirror(path.join(hostDir, 'mirror'), path.join(hostDir, 'mirror')));
  const work = path.join(hostDir, 'work');
  fs.mkdirSync(work);
  fs.writeFileSync(path.join(work, 'main.tf'), configuration('Paid, with glibc'));
  const env = { PATH: nodelessPath, HOME: hostDir, ...providerEnvironment(emulators), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: cliConfig, TF_VAR_hook_secret: HOOK_SECRET };
  const terraform: Terraform = (...args) =>
    new Promise((resolve, reject) => {
      const child = spawn(path.join(nodelessPath, 'terraform'), args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
  await lifecycle(terraform, work, 'Paid, with glibc');
});

test('linux_arm64: the executable answers the go-plugin handshake under qemu-aarch64-static in a root without glibc', async () => {
  const arm64 = new GlibcLessRoot();
  try {
    const packageDir = '/provider';
    for (const entry of readZip(fs.readFileSync(path.join(release.outDir, zipName('sendcloud', 'linux_arm64'))))) {
      const file = arm64.hostPath(path.join(packageDir, entry.name));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, entry.data, { mode: entry.mode });
    }
    fs.copyFileSync(QEMU_AARCH64, arm64.hostPath('/bin/qemu-aarch64-static'));
    fs.chmodSync(arm64.hostPath('/bin/qemu-aarch64-static'), 0o755);
    const lib = `${packageDir}/lib`;
    // What the launcher's last line runs, under the emulator; the handshake is the first stdout line, then the provider is stopped.
    const command = ['/bin/qemu-aarch64-static', `${lib}/${GLIBC_ARCHITECTURES.arm64.loader}`, '--library-path', lib, `${packageDir}/${linuxExecutablePath('sendcloud')}`, 'sendcloud'];
    const handshake = await arm64.run(command, {
      untilFirstLine: true,
      env: { TF_PLUGIN_MAGIC_COOKIE: PLUGIN_MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: '6', PLUGIN_CLIENT_CERT: createServerCertificate().certificatePem },
    });
    expect(handshake.stdout).toMatch(/^1\|6\|unix\|\/tmp\/[^|]+\|grpc\|[A-Za-z0-9+/=]+\n$/);
    expect(arm64.glibcFiles(lib)).toEqual([]);
  } finally {
    arm64.cleanup();
  }
});
