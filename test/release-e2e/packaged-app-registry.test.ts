/**
 * A CDKTF app, with the package as `npm pack` makes it, whose providers come from the release's
 * registry tree (served over HTTPS on 127.0.0.1): the app names the registry once, in cdktf.json's
 * context, and deploys with plain `cdktf deploy --auto-approve`, which locks the providers for
 * linux_amd64 itself (no --skip-provider-lock, no filesystem mirror); then
 * `cdktf-integrations drift` finds it in sync, its warm providers offered under that registry's address.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type RunningEmulators, providerEnvironment, startEmulators } from '../../src/emulators';
import { type HttpsStaticServer, serveHttpsStatic } from '../helpers/https-static';
import { DEV_DEPENDENCIES, deployCliFor, installApp, packRepository, run } from '../helpers/packaged-app';
import { type ReleaseFixture, releaseForTests } from '../helpers/release-fixture';
import { mirrorHashes, writeCliConfig } from '../helpers/release-registry';

const APP = `
const { App, TerraformStack } = require('cdktf');
const { ElasticPathProvider, ElasticPathIntegration, IntegrationConfiguration, SendcloudProvider, SendcloudIntegration } = require('cdktf-commerce-integrations');

class Integrations extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    new ElasticPathProvider(this, 'elasticpath');
    new SendcloudProvider(this, 'sendcloud');
    new ElasticPathIntegration(this, 'order-paid', {
      name: 'Order paid from the registry',
      observes: ['order.paid'],
      configuration: IntegrationConfiguration.webhook({ url: 'https://hooks.example.com/paid' }),
    });
    new SendcloudIntegration(this, 'shop', { integrationId: 1002, webhookActive: true, webhookUrl: 'https://hooks.example.com/parcels' });
  }
}
const app = new App();
new Integrations(app, 'integrations');
app.synth();
`;

let release: ReleaseFixture;
let registry: HttpsStaticServer;
let emulators: RunningEmulators;
let work: string;

beforeAll(async () => {
  release = await releaseForTests();
  registry = await serveHttpsStatic(release.registryDir);
  emulators = await startEmulators();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-registry-app-'));
}, 900_000);

afterAll(async () => {
  await registry?.close();
  await emulators?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('cdktf deploy with providers from a registry, then drift exits 0', async () => {
  const tarball = await packRepository(work);
  const appDir = path.join(work, 'my-infra');
  const cli = deployCliFor('cdktf');
  await installApp(
    appDir,
    { 'cdktf-commerce-integrations': `file:${tarball}`, cdktf: DEV_DEPENDENCIES.cdktf, constructs: DEV_DEPENDENCIES.constructs },
    { [cli.package]: DEV_DEPENDENCIES[cli.package] },
  );
  const registryPrefix = `${registry.host}/commerce-iac`;
  fs.writeFileSync(
    path.join(appDir, 'cdktf.json'),
    JSON.stringify({
      language: 'typescript',
      app: 'node main.js',
      terraformProviders: [],
      context: { 'commerce-iac:providerRegistry': registryPrefix, 'commerce-iac:providerVersion': `~> ${release.version}` },
    }),
  );
  fs.writeFileSync(path.join(appDir, 'main.js'), APP);
  const env = {
    // No filesystem mirror: an empty CLI configuration, so Terraform installs from each source's registry.
    TF_CLI_CONFIG_FILE: writeCliConfig(work),
    TF_PLUGIN_CACHE_DIR: '',
    SSL_CERT_FILE: registry.caFile,
    ...providerEnvironment(emulators),
  };

  const { stdout: deploy } = await run('npx', [cli.command, 'deploy', '--auto-approve'], appDir, env);
  expect(deploy).toMatch(/Apply complete! Resources: 2 added/);
  const stackDir = path.join(appDir, 'cdktf.out', 'stacks', 'integrations');
  const synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as { terraform: { required_providers: object } };
  expect(synthesized.terraform.required_providers).toEqual({
    elasticpath: { source: `${registryPrefix}/elasticpath`, version: `~> ${release.version}` },
    sendcloud: { source: `${registryPrefix}/sendcloud`, version: `~> ${release.version}` },
  });
  // cdktf ran `terraform providers lock -platform=linux_amd64`: the lock file holds that platform's package hash.
  const lock = fs.readFileSync(path.join(stackDir, '.terraform.lock.hcl'), 'utf8');
  expect(lock).toContain(`provider "${registryPrefix}/elasticpath"`);
  expect(lock).toContain(mirrorHashes(release.registryDir, 'elasticpath', release.version).linux_amd64);
  const remote = (await (await fetch(`${emulators.elasticpath.url}/__admin/integrations`)).json()) as { name: string }[];
  expect(remote.map((integration) => integration.name)).toEqual(['Order paid from the registry']);

  const drift = await run('npx', ['cdktf-integrations', 'drift', '--skip-synth'], appDir, env, [0, 1, 2]);
  expect(drift.stderr + drift.stdout).not.toMatch(/error/i);
  expect(drift.code).toBe(0);
}, 900_000);
