/**
 * The released providers (npm run release, built once by test/helpers/release-fixture.ts) installed
 * as a runner without Node installs them: plain HCL, `terraform init` from the release's static
 * registry tree served over HTTPS (signature checked), then the providers' lifecycle against the
 * emulators, with a PATH on which only `terraform` is found; the same tree as a network mirror; a
 * tampered archive and an unknown signing key refused; `providers lock` for several platforms;
 * `providers mirror` onto a folder that an offline init installs from.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { linuxExecutablePath } from '../../scripts/release/build';
import { type RunningEmulators, providerEnvironment, startEmulators } from '../../src/emulators';
import { type HttpsStaticServer, serveHttpsStatic } from '../helpers/https-static';
import { type ReleaseFixture, gpgEnvironment, makeThrowawayKeyring, releaseForTests, stopGpgAgent } from '../helpers/release-fixture';
import { mirrorHashes, networkMirrorConfig, nodeIsFound, terraformOnlyPath, writeCliConfig } from '../helpers/release-registry';
import { TerraformWorkspace } from '../helpers/workspace';

let release: ReleaseFixture;
let registry: HttpsStaticServer;
let emulators: RunningEmulators;
let nodelessPath: string;
const workspaces: TerraformWorkspace[] = [];

beforeAll(async () => {
  release = await releaseForTests();
  registry = await serveHttpsStatic(release.registryDir);
  emulators = await startEmulators();
  nodelessPath = terraformOnlyPath();
}, 900_000);

afterAll(async () => {
  for (const workspace of workspaces) workspace.cleanup();
  await registry?.close();
  await emulators?.close();
  if (nodelessPath) fs.rmSync(nodelessPath, { recursive: true, force: true });
});

/** A workspace whose terraform (and so its providers) sees only the nodeless PATH, the test CA and the given CLI configuration. */
function workspace(cliConfig = ''): TerraformWorkspace {
  const created = new TerraformWorkspace();
  Object.assign(created.env, {
    PATH: nodelessPath,
    SSL_CERT_FILE: registry.caFile,
    TF_CLI_CONFIG_FILE: writeCliConfig(created.dir, cliConfig),
    TF_PLUGIN_CACHE_DIR: '',
    ...providerEnvironment(emulators),
  });
  workspaces.push(created);
  return created;
}

/** Plain HCL requiring both providers from `prefix` (HOST/NAMESPACE, or just NAMESPACE for the public hosts). */
function requirements(prefix: string): string {
  return `terraform {
  required_providers {
    elasticpath = {
      source  = "${prefix}/elasticpath"
      version = "~> ${release.version.split('.').slice(0, 2).join('.')}.0"
    }
    sendcloud = {
      source  = "${prefix}/sendcloud"
      version = "${release.version}"
    }
  }
}

provider "elasticpath" {}
provider "sendcloud" {}
`;
}

const HOOK_SECRET = 'release-e2e-hook-secret-Z8pQ';
const QUEUE_SECRET = 'release-e2e-aws-secret-K2wM';

function integrations(hookName: string): string {
  return `
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

resource "elasticpath_integration" "queue" {
  name             = "Orders to SQS"
  integration_type = "aws_sqs"
  observes         = ["order.created"]
  configuration = {
    url                   = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders"
    aws_access_key_id     = "AKIARELEASEE2E000001"
    aws_secret_access_key = ${JSON.stringify(QUEUE_SECRET)}
    region                = "eu-west-1"
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
  id: string;
  name: string;
  observes: string[];
  configuration: Record<string, unknown>;
}
async function remoteIntegrations(): Promise<RemoteIntegration[]> {
  return (await (await fetch(`${emulators.elasticpath.url}/__admin/integrations`)).json()) as RemoteIntegration[];
}

function installedExecutable(dir: string, name: string): string {
  const found = execFileSync('find', [path.join(dir, '.terraform', 'providers'), '-name', `terraform-provider-${name}_v*`], { encoding: 'utf8' }).trim().split('\n');
  return found[0];
}

describe('from the registry tree, on a PATH without node', () => {
  let hcl: TerraformWorkspace;

  test('the PATH terraform and the providers see finds terraform and no node', () => {
    expect(nodeIsFound(process.env.PATH ?? '')).toBe(true);
    expect(nodeIsFound(nodelessPath)).toBe(false);
    expect(fs.readdirSync(nodelessPath)).toEqual(['terraform']);
  });

  test('terraform init installs both providers from 127.0.0.1:PORT and checks their signature', async () => {
    hcl = workspace();
    hcl.writeFile('main.tf', requirements(`${registry.host}/commerce-iac`) + integrations('Order paid'));
    const init = await hcl.init();
    const keyId = release.fingerprint.slice(-16);
    for (const name of ['elasticpath', 'sendcloud']) {
      expect(init.stdout).toContain(`- Installed ${registry.host}/commerce-iac/${name} v${release.version} (self-signed, key ID ${keyId})`);
      // What Terraform starts is the package's sh launcher, which runs the self-contained executable beside it (no node).
      const launcher = installedExecutable(hcl.dir, name);
      expect(fs.readFileSync(launcher, 'utf8').split('\n')[0]).toBe('#!/bin/sh');
      expect(fs.readFileSync(path.join(path.dirname(launcher), linuxExecutablePath(name))).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    }
    expect(registry.requests).toContain(`/v1/providers/commerce-iac/elasticpath/${release.version}/terraform-provider-elasticpath_${release.version}_SHA256SUMS.sig`);
  });

  test('create, with a write-only secret that reaches the API and not the state, then a no-op plan', async () => {
    hcl.env.TF_VAR_hook_secret = HOOK_SECRET;
    const apply = await hcl.apply();
    expect(apply.stdout).toMatch(/Apply complete! Resources: 3 added, 0 changed, 0 destroyed/);
    const hook = (await remoteIntegrations()).find((integration) => integration.name === 'Order paid');
    expect(hook?.configuration.secret_key).toBe(HOOK_SECRET);
    expect(fs.readFileSync(path.join(hcl.dir, 'terraform.tfstate'), 'utf8')).not.toContain(HOOK_SECRET);
    expect((await hcl.plan()).code).toBe(0);
  });

  test('a change made out of band shows as drift and apply puts it back', async () => {
    const queue = (await remoteIntegrations()).find((integration) => integration.name === 'Orders to SQS')!;
    await fetch(`${emulators.elasticpath.url}/__admin/integrations/${queue.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ observes: ['order.created', 'order.cancelled'] }),
    });
    const plan = await hcl.plan();
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/elasticpath_integration\.queue will be updated in-place/);
    await hcl.apply();
    expect((await remoteIntegrations()).find((integration) => integration.id === queue.id)?.observes).toEqual(['order.created']);
  });

  test('an update in place, then import of an integration by id converges', async () => {
    hcl.writeFile('main.tf', requirements(`${registry.host}/commerce-iac`) + integrations('Order paid (renamed)'));
    expect((await hcl.apply()).stdout).toMatch(/0 added, 1 changed, 0 destroyed/);
    expect((await remoteIntegrations()).map((integration) => integration.name)).toContain('Order paid (renamed)');

    const queue = (await remoteIntegrations()).find((integration) => integration.name === 'Orders to SQS')!;
    await hcl.run(['state', 'rm', '-no-color', 'elasticpath_integration.queue']);
    await hcl.run(['import', '-no-color', '-input=false', 'elasticpath_integration.queue', queue.id]);
    // The API masks secrets, so the first apply after an import writes the declared secret once.
    await hcl.apply();
    const plan = await hcl.plan();
    expect(plan.code).toBe(0);
    expect(plan.stdout + plan.stderr).not.toContain(QUEUE_SECRET);
  });

  test('destroy', async () => {
    const destroy = await hcl.run(['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(destroy.stdout).toMatch(/Destroy complete! Resources: 3 destroyed/);
    expect(await remoteIntegrations()).toEqual([]);
  });
});

test('through the network mirror route: the public source, installed from the tree by CLI configuration', async () => {
  const mirrored = workspace(networkMirrorConfig(registry.url));
  mirrored.env.TF_VAR_hook_secret = HOOK_SECRET;
  mirrored.writeFile('main.tf', requirements('commerce-iac') + integrations('Mirrored hook'));
  const init = await mirrored.init();
  expect(init.stdout).toContain(`- Installed commerce-iac/elasticpath v${release.version}`);
  expect(registry.requests).toContain('/registry.terraform.io/commerce-iac/elasticpath/index.json');
  expect((await mirrored.apply()).stdout).toMatch(/3 added, 0 changed, 0 destroyed/);
  expect((await mirrored.plan()).code).toBe(0);
  expect((await mirrored.run(['destroy', '-auto-approve', '-no-color', '-input=false'])).stdout).toMatch(/3 destroyed/);
});

describe('what init refuses', () => {
  const zipPath = () => `/v1/providers/commerce-iac/elasticpath/${release.version}/terraform-provider-elasticpath_${release.version}_linux_amd64.zip`;
  const downloadPath = () => `/v1/providers/commerce-iac/elasticpath/${release.version}/download/linux/amd64`;
  afterEach(() => {
    registry.override(zipPath(), undefined);
    registry.override(downloadPath(), undefined);
  });

  test('an archive changed on the host after signing', async () => {
    const zip = fs.readFileSync(path.join(release.outDir, `terraform-provider-elasticpath_${release.version}_linux_amd64.zip`));
    const tampered = Buffer.from(zip);
    tampered[Math.floor(tampered.length / 2)] ^= 0xff;
    registry.override(zipPath(), tampered);
    const refused = workspace();
    refused.writeFile('main.tf', requirements(`${registry.host}/commerce-iac`));
    const init = await refused.attempt(['init', '-input=false', '-no-color']);
    expect(init.code).toBe(1);
    expect(init.stderr.replace(/\s+/g, ' ')).toMatch(/Error while installing 127\.0\.0\.1:\d+\/commerce-iac\/elasticpath v[\d.]+: archive has incorrect checksum zh:[0-9a-f]{64} \(expected zh:[0-9a-f]{64}\)/);
    expect(fs.existsSync(path.join(refused.dir, '.terraform.lock.hcl'))).toBe(false);
  });

  test('sums signed by a key other than the one the registry publishes', async () => {
    const otherHome = fs.mkdtempSync(path.join(os.tmpdir(), 'commerce-iac-other-key-'));
    try {
      const other = makeThrowawayKeyring(otherHome, 'someone else <someone@example.invalid>');
      const armored = execFileSync('gpg', ['--armor', '--export', other], { env: gpgEnvironment(otherHome), encoding: 'utf8' });
      const document = JSON.parse(fs.readFileSync(path.join(release.registryDir, downloadPath()), 'utf8')) as { signing_keys: unknown };
      document.signing_keys = { gpg_public_keys: [{ key_id: other.slice(-16), ascii_armor: armored }] };
      registry.override(downloadPath(), JSON.stringify(document));
    } finally {
      stopGpgAgent(otherHome);
      fs.rmSync(otherHome, { recursive: true, force: true });
    }
    const refused = workspace();
    refused.writeFile('main.tf', requirements(`${registry.host}/commerce-iac`));
    const init = await refused.attempt(['init', '-input=false', '-no-color']);
    expect(init.code).toBe(1);
    expect(init.stderr.replace(/\s+/g, ' ')).toMatch(
      /Error while installing 127\.0\.0\.1:\d+\/commerce-iac\/elasticpath v[\d.]+: authentication signature from unknown issuer/,
    );
  });
});

test('providers lock records every platform the tree holds', async () => {
  const locking = workspace();
  locking.writeFile('main.tf', requirements(`${registry.host}/commerce-iac`));
  const platforms = release.platforms.map((platform) => `-platform=${platform}`);
  await locking.run(['providers', 'lock', '-no-color', ...platforms]);
  const lock = fs.readFileSync(path.join(locking.dir, '.terraform.lock.hcl'), 'utf8');
  expect(release.platforms).toEqual(expect.arrayContaining(['linux_amd64', 'darwin_arm64']));
  for (const name of ['elasticpath', 'sendcloud']) {
    const hashes = mirrorHashes(release.registryDir, name, release.version);
    for (const platform of release.platforms) expect(lock).toContain(`"${hashes[platform]}"`);
  }
});

test('air-gapped: providers mirror onto a folder, then init from that folder without asking the registry', async () => {
  const online = workspace();
  online.writeFile('main.tf', requirements(`${registry.host}/commerce-iac`));
  const carried = path.join(online.dir, 'carried-mirror');
  await online.run(['providers', 'mirror', '-platform=linux_amd64', carried]);
  await online.run(['providers', 'lock', '-platform=linux_amd64', '-no-color']);
  const onlineLock = fs.readFileSync(path.join(online.dir, '.terraform.lock.hcl'), 'utf8');

  const pattern = JSON.stringify(`${registry.host}/commerce-iac/*`);
  const offline = workspace(
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(carried)}\n    include = [${pattern}]\n  }\n  direct {\n    exclude = [${pattern}]\n  }\n}\n`,
  );
  offline.writeFile('main.tf', requirements(`${registry.host}/commerce-iac`));
  // The lock file made online holds for the carried mirror: its zips are the registry's.
  offline.writeFile('.terraform.lock.hcl', onlineLock);
  const asked = registry.requests.length;
  const init = await offline.init();
  expect(init.stdout).toContain(`- Installed ${registry.host}/commerce-iac/elasticpath v${release.version} (unauthenticated)`);
  expect(registry.requests.slice(asked)).toEqual([]);
  expect(fs.readFileSync(path.join(offline.dir, '.terraform.lock.hcl'), 'utf8')).toBe(onlineLock);
});
