/**
 * The package as `npm pack` makes it, installed into a new CDKTF app outside the
 * repository, synthesizes and deploys that app to the emulators with only the steps
 * the README gives: install, `cdktf-integrations provider install`, `cdktf deploy` (on Node 24,
 * where cdktf-cli cannot load, `cdktn deploy`, which deploys cdktf apps too).
 * test/e2e/packaged-cdktn-app.test.ts does the same for an app written with cdktn.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type RunningEmulators, providerEnvironment, startEmulators } from '../../src/emulators';
import { DEV_DEPENDENCIES, deployCliFor, errorClassesMissingFrom, installApp, installProvidersFor, packRepository, run } from '../helpers/packaged-app';

const APP = `
const { App, TerraformStack, TerraformVariable } = require('cdktf');
const {
  ElasticPathProvider, ElasticPathIntegration, IntegrationConfiguration, SendcloudProvider, SendcloudIntegration,
} = require('cdktf-commerce-integrations');

class Integrations extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    new ElasticPathProvider(this, 'elasticpath');
    new SendcloudProvider(this, 'sendcloud');
    const hookSecret = new TerraformVariable(this, 'order_hook_secret', { type: 'string', sensitive: true });
    new ElasticPathIntegration(this, 'order-paid', {
      name: 'Order paid',
      observes: ['order.paid'],
      configuration: IntegrationConfiguration.webhook({ url: 'https://hooks.example.com/paid', secretKey: hookSecret.stringValue }),
    });
    new SendcloudIntegration(this, 'shop', { integrationId: 1002, webhookActive: true, webhookUrl: 'https://hooks.example.com/parcels' });
  }
}
const app = new App();
new Integrations(app, 'integrations');
app.synth();
`;

let emulators: RunningEmulators;
let work: string;

beforeAll(async () => {
  emulators = await startEmulators();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-user-app-'));
});

afterAll(async () => {
  await emulators?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('npm pack, install into a new app, provider install, cdktf deploy', async () => {
  const tarball = await packRepository(work);
  const appDir = path.join(work, 'my-infra');
  const cli = deployCliFor('cdktf');
  await installApp(
    appDir,
    { 'cdktf-commerce-integrations': `file:${tarball}`, cdktf: DEV_DEPENDENCIES.cdktf, constructs: DEV_DEPENDENCIES.constructs },
    { [cli.package]: DEV_DEPENDENCIES[cli.package] },
  );
  fs.writeFileSync(path.join(appDir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node main.js', terraformProviders: [] }));
  fs.writeFileSync(path.join(appDir, 'main.js'), APP);
  // A caller can catch every error class of the library from the package entry.
  expect(await errorClassesMissingFrom(appDir, 'cdktf-commerce-integrations')).toEqual([]);

  const cliConfigFile = await installProvidersFor(appDir, path.join(work, 'providers'));
  const env = {
    TF_CLI_CONFIG_FILE: cliConfigFile,
    // No shared plugin cache: other suites install other launchers of the same version (scripts/demo.ts says why).
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    ...providerEnvironment(emulators),
    TF_VAR_order_hook_secret: 'user-app-hook-secret',
  };
  const { stdout: deploy } = await run('npx', [cli.command, 'deploy', '--auto-approve', '--skip-provider-lock'], appDir, env);
  expect(deploy).toMatch(/Apply complete! Resources: 2 added/);
  expect(deploy).not.toMatch(/user-app-hook-secret/);

  const remote = await emulators.elasticpath.admin.integrations();
  expect(remote).toEqual([expect.objectContaining({ name: 'Order paid', configuration: expect.objectContaining({ secret_key: 'user-app-hook-secret' }) })]);
  const shop = await emulators.sendcloud.admin.integrations();
  expect(shop.find((integration) => integration.id === 1002)?.webhook_url).toBe('https://hooks.example.com/parcels');
}, 600_000);
