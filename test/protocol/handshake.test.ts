/** The bundled toy provider launched as Terraform launches it: handshake, automatic mTLS, gRPC, shutdown. */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerCertificate } from '../../provider/protocol/certificate';
import { PluginClient } from './helpers/grpc-client';
import { exited, launch, pluginEnv, type Launched } from './helpers/spawn';
import { MAGIC_COOKIE, buildToyProvider } from './helpers/toy';

const HANDSHAKE = /^1\|6\|unix\|(\/[^|]+)\|grpc\|([A-Za-z0-9+/]+)$/;

let bundle: string;
let socketDir: string;
/** A client certificate like the one go-plugin generates for Terraform. */
const clientCertificate = createServerCertificate();
const running: Launched[] = [];

beforeAll(async () => {
  bundle = await buildToyProvider();
  socketDir = mkdtempSync(join(tmpdir(), 'toy-sockets-'));
});

afterEach(() => {
  for (const launched of running.splice(0)) launched.child.kill('SIGKILL');
});

afterAll(() => rmSync(socketDir, { recursive: true, force: true }));

async function start(extra: NodeJS.ProcessEnv = {}): Promise<Launched> {
  const launched = await launch(bundle, pluginEnv(clientCertificate.certificatePem, { PLUGIN_UNIX_SOCKET_DIR: socketDir, ...extra }));
  running.push(launched);
  return launched;
}

function parseHandshake(line: string): { socketPath: string; certificate: X509Certificate } {
  const match = HANDSHAKE.exec(line);
  if (!match) throw new Error(`not a handshake line: ${line}`);
  const der = Buffer.from(match[2], 'base64');
  return { socketPath: match[1], certificate: new X509Certificate(der) };
}

function tlsClient(launched: Launched, client = clientCertificate): PluginClient {
  const { socketPath, certificate } = parseHandshake(launched.line);
  return new PluginClient(socketPath, {
    serverCertificatePem: certificate.toString(),
    clientCertificatePem: client.certificatePem,
    clientPrivateKeyPem: client.privateKeyPem,
  });
}

test('fails when run by hand: exit 1 with a message saying it is a Terraform plugin', () => {
  const result = spawnSync(process.execPath, [bundle], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/Terraform provider plugin/);
  expect(result.stderr).toMatch(/not meant to be run directly/);
  expect(result.stdout).toBe('');
});

test('fails when Terraform does not offer protocol 6', () => {
  const result = spawnSync(process.execPath, [bundle], {
    env: { PATH: process.env.PATH, TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: '4,5' },
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/protocol version 6.*offers 4, 5/s);
});

test('prints the handshake line with a unix socket and a localhost certificate', async () => {
  const launched = await start();
  const { socketPath, certificate } = parseHandshake(launched.line);
  expect(socketPath.startsWith(socketDir)).toBe(true);
  expect(existsSync(socketPath)).toBe(true);
  expect(launched.line).not.toMatch(/=/);
  expect(certificate.subjectAltName).toBe('DNS:localhost');
  expect(certificate.checkHost('localhost')).toBe('localhost');
  expect(certificate.ca).toBe(true);
  expect(certificate.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
  expect(certificate.verify(certificate.publicKey)).toBe(true);
  const now = Date.now();
  expect(new Date(certificate.validFrom).getTime()).toBeLessThanOrEqual(now);
  expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(now + 23 * 3600 * 1000);
  expect(certificate.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
});

test('serves GetProviderSchema and health over mutual TLS', async () => {
  const launched = await start();
  const client = tlsClient(launched);
  try {
    const health = await client.call('grpc.health.v1.Health', 'Check', { service: 'plugin' });
    expect(health.status).toBe('SERVING');
    const schema = await client.provider('GetProviderSchema');
    expect(Object.keys(schema.resource_schemas)).toEqual(['toy_file']);
    expect(Object.keys(schema.data_source_schemas)).toEqual(['toy_file']);
    expect(schema.provider.block.attributes.map((a: { name: string }) => a.name)).toEqual(['directory']);
  } finally {
    client.close();
  }
});

test('refuses a client whose certificate is not the one Terraform passed', async () => {
  const launched = await start();
  const stranger = tlsClient(launched, createServerCertificate());
  try {
    await expect(stranger.provider('GetProviderSchema')).rejects.toThrow();
  } finally {
    stranger.close();
  }
});

test('answers an unknown method with UNIMPLEMENTED and an unknown health service with SERVICE_UNKNOWN', async () => {
  const launched = await start();
  const client = tlsClient(launched);
  try {
    await expect(client.callPath('tfplugin6.Provider', '/tfplugin6.Provider/NoSuchMethod')).rejects.toMatchObject({
      code: 12,
    });
    await expect(client.call('grpc.health.v1.Health', 'Check', { service: 'nothing' })).resolves.toEqual({
      status: 'SERVICE_UNKNOWN',
    });
  } finally {
    client.close();
  }
});

test('exits on GRPCController.Shutdown and removes its socket', async () => {
  const launched = await start();
  const { socketPath } = parseHandshake(launched.line);
  const client = tlsClient(launched);
  await client.call('plugin.GRPCController', 'Shutdown').catch(() => undefined);
  client.close();
  expect(await exited(launched.child)).toBe(0);
  expect(existsSync(socketPath)).toBe(false);
});

test('a termination signal also removes the socket', async () => {
  const launched = await start();
  const { socketPath } = parseHandshake(launched.line);
  launched.child.kill('SIGTERM');
  expect(await exited(launched.child)).toBe(0);
  expect(existsSync(socketPath)).toBe(false);
});
