/**
 * The package as `npm pack` makes it, installed into a new CDKTF app outside the
 * repository, synthesizes and deploys that app to the emulators with only the steps
 * the README gives: install, `cdktf-integrations provider install`, `cdktf deploy`.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type RunningEmulators, providerEnvironment, startEmulators } from '../../src/emulators';
import { REPO_ROOT } from '../helpers/workspace';

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

/** Asynchronous on purpose: the emulators answer from this very process. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${stdout}\n${stderr}`)),
    );
  });
}

test('npm pack, install into a new app, provider install, cdktf deploy', async () => {
  const tarball = (await run('npm', ['pack', '--silent', '--pack-destination', work], REPO_ROOT)).trim().split('\n').pop()!;
  const appDir = path.join(work, 'my-infra');
  fs.mkdirSync(appDir);
  const { devDependencies } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  fs.writeFileSync(
    path.join(appDir, 'package.json'),
    JSON.stringify({
      name: 'my-infra',
      private: true,
      dependencies: { 'cdktf-commerce-integrations': `file:${path.join(work, tarball)}`, cdktf: devDependencies.cdktf, constructs: devDependencies.constructs },
      devDependencies: { 'cdktf-cli': devDependencies['cdktf-cli'] },
    }),
  );
  fs.writeFileSync(path.join(appDir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node main.js', terraformProviders: [] }));
  fs.writeFileSync(path.join(appDir, 'main.js'), APP);

  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], appDir);
  const exported = await run('npx', ['cdktf-integrations', 'provider', 'install', '--dir', path.join(work, 'providers')], appDir);
  const cliConfigFile = exported.match(/^export TF_CLI_CONFIG_FILE=(.+)$/m)?.[1];
  expect(cliConfigFile).toBeDefined();

  const env = {
    TF_CLI_CONFIG_FILE: cliConfigFile!,
    ...providerEnvironment(emulators),
    TF_VAR_order_hook_secret: 'user-app-hook-secret',
  };
  const deploy = await run('npx', ['cdktf', 'deploy', '--auto-approve', '--skip-provider-lock'], appDir, env);
  expect(deploy).toMatch(/Apply complete! Resources: 2 added/);
  expect(deploy).not.toMatch(/user-app-hook-secret/);

  const remote = (await (await fetch(`${emulators.elasticpath.url}/__admin/integrations`)).json()) as { name: string; configuration: { secret_key?: string } }[];
  expect(remote).toEqual([expect.objectContaining({ name: 'Order paid', configuration: expect.objectContaining({ secret_key: 'user-app-hook-secret' }) })]);
  const shop = (await (await fetch(`${emulators.sendcloud.url}/__admin/integrations`)).json()) as { id: number; webhook_url: string }[];
  expect(shop.find((integration) => integration.id === 1002)?.webhook_url).toBe('https://hooks.example.com/parcels');
}, 600_000);
