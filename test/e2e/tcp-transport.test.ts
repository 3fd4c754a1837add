/**
 * The provider on TCP, as it runs on Windows (provider/protocol/transport.ts), forced here on
 * Linux with COMMERCE_IAC_PLUGIN_TRANSPORT=tcp: its handshake line and mutual TLS over TCP, then
 * an Elastic Path integration's whole lifecycle through the real terraform (init from the local
 * mirror, create, a no-op plan, an update through a reattached provider on TCP, destroy).
 */
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createServerCertificate } from '../../provider/protocol/certificate';
import { type RunningElasticPathEmulator, startElasticPathEmulator } from '../../src/emulators';
import { providerBundlePath } from '../../src/providers/install';
import { startWarmProviders } from '../../src/providers/warm';
import { PluginClient } from '../protocol/helpers/grpc-client';
import { exited, launch, pluginEnv } from '../protocol/helpers/spawn';
import { TerraformWorkspace, requiredProviders } from '../helpers/workspace';

const FORCE_TCP = { COMMERCE_IAC_PLUGIN_TRANSPORT: 'tcp' };
const TCP_HANDSHAKE = /^1\|6\|tcp\|127\.0\.0\.1:(\d+)\|grpc\|([A-Za-z0-9+/]+)$/;
const ADDRESS = 'registry.terraform.io/commerce-iac/elasticpath';

let elasticpath: RunningElasticPathEmulator;
/** Given to every provider as PLUGIN_UNIX_SOCKET_DIR: on TCP nothing may appear in it. */
let socketDir: string;

beforeAll(async () => {
  elasticpath = await startElasticPathEmulator();
  socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcp-transport-sockets-'));
});

afterAll(async () => {
  await elasticpath?.close();
  fs.rmSync(socketDir, { recursive: true, force: true });
});

test('launched as Terraform launches it: a tcp handshake line in the given port range, and only the client certificate Terraform passed gets in', async () => {
  const terraformCertificate = createServerCertificate();
  const env = pluginEnv(terraformCertificate.certificatePem, {
    ...FORCE_TCP,
    PLUGIN_UNIX_SOCKET_DIR: socketDir,
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
  });
  const launched = await launch(providerBundlePath(), env, ['elasticpath']);
  try {
    const match = TCP_HANDSHAKE.exec(launched.line);
    expect(match).not.toBeNull();
    const port = Number(match![1]);
    expect(port).toBeGreaterThanOrEqual(10000);
    expect(port).toBeLessThanOrEqual(25000);
    const serverCertificatePem = new X509Certificate(Buffer.from(match![2], 'base64')).toString();

    const tls = (client: ReturnType<typeof createServerCertificate>) => ({
      serverCertificatePem,
      clientCertificatePem: client.certificatePem,
      clientPrivateKeyPem: client.privateKeyPem,
    });
    const terraform = new PluginClient({ tcp: `127.0.0.1:${port}` }, tls(terraformCertificate));
    const stranger = new PluginClient({ tcp: `127.0.0.1:${port}` }, tls(createServerCertificate()));
    try {
      expect((await terraform.call('grpc.health.v1.Health', 'Check', { service: 'plugin' })).status).toBe('SERVING');
      await expect(stranger.provider('GetProviderSchema')).rejects.toThrow();
      await terraform.call('plugin.GRPCController', 'Shutdown').catch(() => undefined);
    } finally {
      terraform.close();
      stranger.close();
    }
    expect(await exited(launched.child)).toBe(0);
    expect(fs.readdirSync(socketDir)).toEqual([]);
  } finally {
    launched.child.kill('SIGKILL');
  }
});

describe('an Elastic Path integration through terraform, the provider on TCP', () => {
  let workspace: TerraformWorkspace;
  const webhook = (name: string) => ({
    name,
    integration_type: 'webhook',
    observes: ['order.paid'],
    configuration: { url: 'https://hooks.example.com/paid', secret_key: 'tcp-transport-webhook-secret' },
  });
  const configuration = (name: string) => ({
    terraform: { required_providers: { elasticpath: (requiredProviders() as { required_providers: Record<string, object> }).required_providers.elasticpath } },
    provider: { elasticpath: { api_base_url: elasticpath.url, client_id: elasticpath.clientId, client_secret: elasticpath.clientSecret } },
    resource: { elasticpath_integration: { paid: webhook(name) } },
  });

  beforeAll(() => {
    // The variables reach the provider through terraform, which passes its environment on.
    workspace = new TerraformWorkspace({ ...FORCE_TCP, PLUGIN_UNIX_SOCKET_DIR: socketDir });
  });
  afterAll(() => workspace?.cleanup());

  test('init from the local mirror, create, then a plan with no changes; terraform saw the provider on 127.0.0.1 in its port range', async () => {
    workspace.writeConfig(configuration('Paid orders'));
    await workspace.init();
    const apply = await workspace.apply();
    expect(apply.stdout).toMatch(/Apply complete! Resources: 1 added, 0 changed, 0 destroyed/);
    expect((await elasticpath.admin.integrations()).map((integration) => integration.name)).toEqual(['Paid orders']);

    const logFile = path.join(workspace.dir, 'terraform.log');
    const plan = await workspace.attempt(['plan', '-input=false', '-no-color', '-detailed-exitcode'], { TF_LOG: 'DEBUG', TF_LOG_PATH: logFile });
    expect(plan.code).toBe(0);
    const serving = /provider serving .*network="tcp" listening="127\.0\.0\.1:(\d+)"/.exec(fs.readFileSync(logFile, 'utf8'));
    expect(serving).not.toBeNull();
    // Terraform's go-plugin client passes PLUGIN_MIN_PORT=10000 and PLUGIN_MAX_PORT=25000.
    expect(Number(serving![1])).toBeGreaterThanOrEqual(10000);
    expect(Number(serving![1])).toBeLessThanOrEqual(25000);
    expect(fs.readdirSync(socketDir)).toEqual([]);
  });

  test('an update through a warm provider reattached over TCP, then a plan with no changes through it', async () => {
    const warm = await startWarmProviders({ names: ['elasticpath'], env: { ...FORCE_TCP, PLUGIN_UNIX_SOCKET_DIR: socketDir } });
    try {
      const entry = JSON.parse(warm.env.TF_REATTACH_PROVIDERS)[ADDRESS];
      expect(entry.Addr).toEqual({ Network: 'tcp', String: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
      workspace.writeConfig(configuration('Paid orders, renamed'));
      const apply = await workspace.attempt(['apply', '-input=false', '-no-color', '-auto-approve'], warm.env);
      expect(apply.stdout).toMatch(/Apply complete! Resources: 0 added, 1 changed, 0 destroyed/);
      expect((await elasticpath.admin.integrations()).map((integration) => integration.name)).toEqual(['Paid orders, renamed']);
      const plan = await workspace.attempt(['plan', '-input=false', '-no-color', '-detailed-exitcode'], warm.env);
      expect(plan.code).toBe(0);
    } finally {
      await warm.close();
    }
    expect(fs.readdirSync(socketDir)).toEqual([]);
  });

  test('destroy', async () => {
    const destroy = await workspace.run(['destroy', '-input=false', '-no-color', '-auto-approve']);
    expect(destroy.stdout).toMatch(/Destroy complete! Resources: 1 destroyed/);
    expect(await elasticpath.admin.integrations()).toEqual([]);
  });
});
