/**
 * Where the provider listens: a unix socket, or TCP on 127.0.0.1 on Windows (where a listen on a
 * path is a named pipe Terraform cannot dial), as go-plugin's servers do; the handshake line and
 * the reattach entry that announce it; the port range Terraform passes. The TCP mode under real
 * Terraform: test/e2e/tcp-transport.test.ts.
 */
import * as net from 'node:net';
import { createServerCertificate } from '../../provider/protocol/certificate';
import { handshakeLine, reattachConfig } from '../../provider/protocol/handshake';
import { loopbackAddresses, pluginNetwork, tcpPortRange } from '../../provider/protocol/transport';
import { GrpcServer } from '../../provider/protocol/wire/grpc-server';
import { warmProvidersArePrivate } from '../../src/providers/warm';

const TRANSPORT = 'COMMERCE_IAC_PLUGIN_TRANSPORT';

describe('the network a provider serves on', () => {
  test('Windows: TCP, whatever the variable says but unix', () => {
    expect(pluginNetwork('win32', {})).toEqual({ ok: true, value: 'tcp' });
    expect(pluginNetwork('win32', { [TRANSPORT]: 'tcp' })).toEqual({ ok: true, value: 'tcp' });
    expect(pluginNetwork('win32', { [TRANSPORT]: '' })).toEqual({ ok: true, value: 'tcp' });
  });

  test('Linux and macOS: a unix socket, unless the variable asks for TCP', () => {
    expect(pluginNetwork('linux', {})).toEqual({ ok: true, value: 'unix' });
    expect(pluginNetwork('darwin', {})).toEqual({ ok: true, value: 'unix' });
    expect(pluginNetwork('linux', { [TRANSPORT]: 'unix' })).toEqual({ ok: true, value: 'unix' });
    expect(pluginNetwork('linux', { [TRANSPORT]: ' tcp ' })).toEqual({ ok: true, value: 'tcp' });
  });

  test('fails when unix is asked for on Windows, naming the variable and the fix', () => {
    const choice = pluginNetwork('win32', { [TRANSPORT]: 'unix' });
    expect(choice.ok).toBe(false);
    if (choice.ok) return;
    expect(choice.message).toMatch(/COMMERCE_IAC_PLUGIN_TRANSPORT=unix is not possible on Windows/);
    expect(choice.message).toMatch(/named pipe/);
    expect(choice.message).toMatch(/Unset COMMERCE_IAC_PLUGIN_TRANSPORT/);
  });

  test('fails when the variable is neither tcp nor unix', () => {
    const choice = pluginNetwork('linux', { [TRANSPORT]: 'pipe' });
    expect(choice).toEqual({ ok: false, message: expect.stringMatching(/COMMERCE_IAC_PLUGIN_TRANSPORT must be tcp or unix.*"pipe"/) });
  });
});

describe('the TCP port range', () => {
  test("Terraform's range, as go-plugin's client passes it", () => {
    expect(tcpPortRange({ PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '25000' })).toEqual({ ok: true, value: { min: 10000, max: 25000 } });
  });

  test('unset bounds are 0, as in go-plugin: the system picks the port', () => {
    expect(tcpPortRange({})).toEqual({ ok: true, value: { min: 0, max: 0 } });
    expect([...loopbackAddresses({ min: 0, max: 0 })]).toEqual([{ host: '127.0.0.1', port: 0 }]);
  });

  test('each port of the range is tried in order, on 127.0.0.1 only', () => {
    expect([...loopbackAddresses({ min: 10000, max: 10002 })]).toEqual([
      { host: '127.0.0.1', port: 10000 },
      { host: '127.0.0.1', port: 10001 },
      { host: '127.0.0.1', port: 10002 },
    ]);
  });

  test('fails when a bound is not a port number, naming the variable', () => {
    expect(tcpPortRange({ PLUGIN_MIN_PORT: 'ten', PLUGIN_MAX_PORT: '25000' })).toEqual({
      ok: false,
      message: expect.stringMatching(/^PLUGIN_MIN_PORT must be a port number from 0 to 65535; it is "ten"/),
    });
    expect(tcpPortRange({ PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '70000' })).toEqual({
      ok: false,
      message: expect.stringMatching(/^PLUGIN_MAX_PORT must be a port number/),
    });
  });

  test('fails when the lower bound is above the upper one', () => {
    expect(tcpPortRange({ PLUGIN_MIN_PORT: '25000', PLUGIN_MAX_PORT: '10000' })).toEqual({
      ok: false,
      message: expect.stringMatching(/PLUGIN_MIN_PORT \(25000\) is greater than PLUGIN_MAX_PORT \(10000\)/),
    });
  });
});

describe('announcing a TCP address', () => {
  test('the handshake line says tcp, 127.0.0.1:PORT and the server certificate', () => {
    const certificate = createServerCertificate();
    const line = handshakeLine({ network: 'tcp', address: '127.0.0.1:10007' }, certificate.certificateDer);
    const unpadded = certificate.certificateDer.toString('base64').replace(/=+$/, '');
    expect(line).toBe(`1|6|tcp|127.0.0.1:10007|grpc|${unpadded}\n`);
  });

  test('the reattach entry gives Terraform the network and the address', () => {
    const entry = JSON.parse(reattachConfig('registry.terraform.io/commerce-iac/elasticpath', { network: 'tcp', address: '127.0.0.1:53011' }, 4242));
    expect(entry['registry.terraform.io/commerce-iac/elasticpath']).toEqual({
      Protocol: 'grpc',
      ProtocolVersion: 6,
      Pid: 4242,
      Test: true,
      Addr: { Network: 'tcp', String: '127.0.0.1:53011' },
    });
  });
});

describe('listening on the first free port of a range', () => {
  let taken: net.Server;
  let takenPort: number;
  const servers: GrpcServer[] = [];

  beforeAll(async () => {
    taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    takenPort = (taken.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await new Promise((resolve) => taken.close(resolve));
  });

  test('a port in use is passed over for the next one', async () => {
    const server = new GrpcServer();
    servers.push(server);
    const listening = await server.listen(loopbackAddresses({ min: takenPort, max: takenPort + 20 }));
    expect(listening).toEqual({ host: '127.0.0.1', port: expect.any(Number) });
    const { port } = listening as { port: number };
    expect(port).toBeGreaterThan(takenPort);
    expect(port).toBeLessThanOrEqual(takenPort + 20);
  });

  test('port 0 resolves to the port the system chose', async () => {
    const server = new GrpcServer();
    servers.push(server);
    const listening = (await server.listen(loopbackAddresses({ min: 0, max: 0 }))) as { port: number };
    expect(listening.port).toBeGreaterThan(0);
  });

  test('fails when every port of the range is in use', async () => {
    await expect(new GrpcServer().listen(loopbackAddresses({ min: takenPort, max: takenPort }))).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('warm providers', () => {
  test('are used only where their socket is private: not on Windows, nor with TCP forced', () => {
    expect(warmProvidersArePrivate('linux', {})).toBe(true);
    expect(warmProvidersArePrivate('darwin', {})).toBe(true);
    expect(warmProvidersArePrivate('win32', {})).toBe(false);
    expect(warmProvidersArePrivate('linux', { [TRANSPORT]: 'tcp' })).toBe(false);
  });
});
