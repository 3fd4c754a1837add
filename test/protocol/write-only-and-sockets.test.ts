/**
 * The built Elastic Path provider over gRPC: a client that does not announce write-only
 * support gets the clear error; and its socket sits in a private directory (0700 even under
 * `umask 000`), removed on exit, in reattach and in normal mode.
 */
import type { ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { INTEGRATION_SCHEMA } from '../../provider/elasticpath/schema';
import { createServerCertificate } from '../../provider/protocol/certificate';
import { encodeDynamicValue } from '../../provider/protocol/codec/dynamic-value';
import { schemaType } from '../../provider/protocol/codec/types';
import { providerBundlePath } from '../../src/providers/install';
import { PluginClient } from './helpers/grpc-client';
import { exited, launch, pluginEnv } from './helpers/spawn';

const ADDRESS = 'registry.terraform.io/commerce-iac/elasticpath';
let base: string;
const started: ChildProcess[] = [];

let umask: number;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'wo-sockets-'));
  umask = process.umask(0o000);
});
afterAll(() => {
  process.umask(umask);
  for (const child of started) child.kill('SIGKILL');
  rmSync(base, { recursive: true, force: true });
});

/** Starts the provider under `umask 000` (inherited from this process), as a permissive CI container would. */
async function startUnderOpenUmask(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; line: string }> {
  const launched = await launch(providerBundlePath(), { PATH: process.env.PATH, PLUGIN_UNIX_SOCKET_DIR: base, ...env }, args);
  started.push(launched.child);
  return launched;
}

const integrationType = schemaType(INTEGRATION_SCHEMA);
function webhookConfig(): Uint8Array | object {
  const configuration = Object.fromEntries(Object.keys(INTEGRATION_SCHEMA.attributes.configuration.nested!).map((name) => [name, null]));
  return encodeDynamicValue(
    {
      id: null,
      name: 'hook',
      description: null,
      enabled: null,
      integration_type: 'webhook',
      observes: ['order.paid'],
      configuration: { ...configuration, url: 'https://hooks.example.com/x', secret_key_wo: 'do-not-show-this-secret', secret_key_wo_version: 1 },
      created_at: null,
      updated_at: null,
    },
    integrationType,
  );
}

describe('reattach mode', () => {
  let child: ChildProcess;
  let socketPath: string;
  let client: PluginClient;

  beforeAll(async () => {
    const launched = await startUnderOpenUmask(['elasticpath', '--reattach'], {});
    child = launched.child;
    socketPath = JSON.parse(launched.line)[ADDRESS].Addr.String;
    client = new PluginClient(socketPath);
  });

  test('the socket is in a directory of its own, mode 0700, under umask 000', () => {
    const directory = dirname(socketPath);
    expect(dirname(directory)).toBe(base);
    expect(statSync(directory).mode & 0o777).toBe(0o700);
  });

  test('GetProviderSchema advertises the write-only secrets', async () => {
    const response = await client.call('tfplugin6.Provider', 'GetProviderSchema', {});
    const configuration = response.resource_schemas.elasticpath_integration.block.attributes.find((a: { name: string }) => a.name === 'configuration');
    const byName = Object.fromEntries(configuration.nested_type.attributes.map((a: { name: string }) => [a.name, a]));
    for (const name of ['secret_key_wo', 'aws_secret_access_key_wo', 'password_wo']) expect(byName[name]).toMatchObject({ write_only: true, sensitive: true });
    expect(byName.secret_key_wo_version.write_only).toBeFalsy();
    expect(byName.secret_key.write_only).toBeFalsy();
  });

  test('a client that does not announce write_only_attributes_allowed gets an error naming the attribute and Terraform 1.11', async () => {
    const refused = await client.call('tfplugin6.Provider', 'ValidateResourceConfig', { type_name: 'elasticpath_integration', config: webhookConfig() });
    expect(refused.diagnostics).toHaveLength(1);
    expect(refused.diagnostics[0].severity).toBe('ERROR');
    expect(refused.diagnostics[0].detail).toMatch(/configuration\.secret_key_wo is a write-only attribute, which needs Terraform 1\.11 or later/);
    expect(refused.diagnostics[0].attribute.steps.map((s: { attribute_name: string }) => s.attribute_name)).toEqual(['configuration', 'secret_key_wo']);
    expect(JSON.stringify(refused)).not.toContain('do-not-show-this-secret');

    const accepted = await client.call('tfplugin6.Provider', 'ValidateResourceConfig', {
      type_name: 'elasticpath_integration',
      config: webhookConfig(),
      client_capabilities: { write_only_attributes_allowed: true },
    });
    expect(accepted.diagnostics ?? []).toEqual([]);
  });

  test('the directory is removed when the provider stops', async () => {
    child.kill('SIGTERM');
    client.close();
    expect(await exited(child)).toBe(0);
    expect(existsSync(dirname(socketPath))).toBe(false);
  });
});

describe('normal (launched) mode', () => {
  test('the socket is in a private directory under umask 000, removed after Shutdown', async () => {
    const clientCertificate = createServerCertificate();
    const { child, line } = await startUnderOpenUmask(['elasticpath'], pluginEnv(clientCertificate.certificatePem, { PLUGIN_UNIX_SOCKET_DIR: base }));
    const [, , , socketPath, , certificate] = line.split('|');
    const directory = dirname(socketPath);
    expect(dirname(directory)).toBe(base);
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    expect(readdirSync(directory)).toEqual(['plugin.sock']);

    const client = new PluginClient(socketPath, {
      serverCertificatePem: new X509Certificate(Buffer.from(certificate, 'base64')).toString(),
      clientCertificatePem: clientCertificate.certificatePem,
      clientPrivateKeyPem: clientCertificate.privateKeyPem,
    });
    // A schema call proves the TLS connection works; the exit may race Shutdown's answer.
    await client.call('tfplugin6.Provider', 'GetMetadata', {});
    await client.call('plugin.GRPCController', 'Shutdown', {}).catch(() => undefined);
    client.close();
    expect(await exited(child)).toBe(0);
    expect(existsSync(directory)).toBe(false);
  });
});
