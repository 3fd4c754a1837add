/**
 * The run host (provider/protocol/run-host.ts): launches of one Terraform run served by one provider
 * process, each with its own client certificate, connection, Shutdown and stderr. A stand-in for
 * Terraform (helpers/fake-terraform.js) is the launchers' parent, as Terraform is; the launchers are
 * the npm mirror's (src/providers/install.ts), run by dash (/bin/sh) and by busybox sh.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { createServerCertificate, type ServerCertificate } from '../../provider/protocol/certificate';
import { RUN_HOST_FILE, RUN_HOST_VARIABLE } from '../../provider/protocol/run-host-launch';
import { installProviders, mirrorLaunchers, runHostFolders, terraformPlatform } from '../../src/providers/install';
import { PluginClient } from './helpers/grpc-client';
import { pluginEnv } from './helpers/spawn';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const HANDSHAKE = /^1\|6\|unix\|(\/[^|]+)\|grpc\|([A-Za-z0-9+/]+)$/;
const busybox = spawnSync('busybox', ['true']).status === 0;
const SHELLS: [string, string[]][] = [['dash (/bin/sh)', ['/bin/sh']], ...(busybox ? ([['busybox sh', ['busybox', 'sh']]] as [string, string[]][]) : [])];

let dir: string;
let launcher: string;
let runFolders: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-host-'));
  const installed = installProviders({ dir: path.join(dir, 'install'), bundle: path.join(REPO_ROOT, 'dist', 'provider.js') });
  launcher = mirrorLaunchers(installed.mirrorDir, terraformPlatform()).find((entry) => entry.name === 'elasticpath')!.file;
  runFolders = runHostFolders(installed.dir);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Launch {
  id: number;
  pid: number;
  line: string;
  certificate: ServerCertificate;
  client: PluginClient;
  exited: Promise<{ code: number | null; signal: string | null; stderr: string }>;
}

/** A stand-in Terraform process: the parent of the launches it is asked for. */
class FakeTerraform {
  readonly child: ChildProcess;
  private nextId = 0;
  private readonly waiting = new Map<number, { line?: (message: any) => void; exit?: (message: any) => void; early: any[] }>();
  readonly ready: Promise<void>;

  constructor(private readonly shell: string[]) {
    this.child = fork(path.join(__dirname, 'helpers', 'fake-terraform.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.ready = new Promise((resolve) => this.child.once('message', () => resolve()));
    this.child.on('message', (message: any) => {
      const entry = this.waiting.get(message.id);
      if (!entry) return;
      const handler = message.type === 'line' ? entry.line : entry.exit;
      if (handler) handler(message);
      else entry.early.push(message);
    });
  }

  async launch(extraEnv: NodeJS.ProcessEnv = {}): Promise<Launch> {
    await this.ready;
    const id = this.nextId++;
    const certificate = createServerCertificate();
    const entry: { line?: (message: any) => void; exit?: (message: any) => void; early: any[] } = { early: [] };
    this.waiting.set(id, entry);
    const exited = new Promise<any>((resolve) => {
      entry.exit = resolve;
    });
    const lineMessage = new Promise<any>((resolve, reject) => {
      entry.line = resolve;
      void exited.then((message) => reject(new Error(`the launcher exited (${message.code ?? message.signal}) before its handshake: ${message.stderr}`)));
    });
    this.child.send({ type: 'launch', id, command: [...this.shell, launcher], env: pluginEnv(certificate.certificatePem, { TF_LOG: 'DEBUG', ...extraEnv }) });
    const { pid, line } = await lineMessage;
    // A unix socket's line gets a client; a TCP one (a launch serving itself) is only looked at.
    const client = HANDSHAKE.test(line) ? clientFor(line, certificate) : (undefined as unknown as PluginClient);
    return { id, pid, line, certificate, client, exited };
  }

  kill(launch: Launch, signal: NodeJS.Signals): void {
    this.child.send({ type: 'kill', id: launch.id, signal });
  }

  runFolder(): string {
    return path.join(runFolders, `commerce-iac-elasticpath-${this.child.pid}`);
  }

  hostPid(): number {
    return Number(fs.readFileSync(path.join(this.runFolder(), RUN_HOST_FILE), 'utf8').split('\n')[0]);
  }
}

function clientFor(line: string, client: ServerCertificate): PluginClient {
  const match = HANDSHAKE.exec(line);
  if (!match) throw new Error(`not a handshake line: ${line}`);
  const server = new X509Certificate(Buffer.from(match[2], 'base64'));
  return new PluginClient(match[1], { serverCertificatePem: server.toString(), clientCertificatePem: client.certificatePem, clientPrivateKeyPem: client.privateKeyPem });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const commandLineOf = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();

describe.each(SHELLS)('launchers run by %s', (_name, shell) => {
  let terraform: FakeTerraform;
  const clients: PluginClient[] = [];

  beforeEach(() => {
    terraform = new FakeTerraform(shell);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client?.close();
    terraform.child.kill('SIGKILL');
  });

  const launch = async (extraEnv: NodeJS.ProcessEnv = {}) => {
    const launched = await terraform.launch(extraEnv);
    clients.push(launched.client);
    return launched;
  };

  test('the launches of one run share one provider process, each over its own mTLS connection', async () => {
    const first = await launch();
    const second = await launch();
    expect(first.line).toBe(second.line);
    const host = terraform.hostPid();
    expect(commandLineOf(host)).toMatch(/dist\/provider\.js elasticpath --run-host /);
    // Terraform's plugin processes are the launchers, not the host.
    expect([first.pid, second.pid]).not.toContain(host);
    for (const launched of [first, second]) {
      const schema = await launched.client.provider('GetProviderSchema');
      expect(Object.keys(schema.resource_schemas)).toContain('elasticpath_integration');
    }
    // The run folder is the user's alone: it decides which server Terraform's launches talk to.
    expect(fs.statSync(terraform.runFolder()).mode & 0o077).toBe(0);
  });

  test('a client certificate no launch registered is refused, as is a launch\'s once its session is over', async () => {
    const launched = await launch();
    const stranger = clientFor(launched.line, createServerCertificate());
    clients.push(stranger);
    await expect(stranger.provider('GetProviderSchema')).rejects.toThrow();
    await launched.client.call('plugin.GRPCController', 'Shutdown').catch(() => undefined);
    expect(await launched.exited).toMatchObject({ code: 0 });
    const again = clientFor(launched.line, launched.certificate);
    clients.push(again);
    await expect(again.provider('GetProviderSchema')).rejects.toThrow();
  });

  test('Shutdown ends that launch alone (exit 0); the next launch is served by the same host', async () => {
    const first = await launch();
    const second = await launch();
    const host = terraform.hostPid();
    await first.client.call('plugin.GRPCController', 'Shutdown').catch(() => undefined);
    expect(await first.exited).toMatchObject({ code: 0, signal: null });
    expect(isRunning(host)).toBe(true);
    await expect(second.client.provider('GetProviderSchema')).resolves.toHaveProperty('resource_schemas');
    const third = await launch();
    expect(terraform.hostPid()).toBe(host);
    await expect(third.client.provider('GetProviderSchema')).resolves.toHaveProperty('resource_schemas');
  });

  test("each launch's log lines reach that launch's stderr, which Terraform reads", async () => {
    const first = await launch();
    const second = await launch();
    await first.client.provider('GetProviderSchema');
    await first.client.call('plugin.GRPCController', 'Shutdown').catch(() => undefined);
    await second.client.call('plugin.GRPCController', 'Shutdown').catch(() => undefined);
    expect((await first.exited).stderr).toMatch(/\[DEBUG\] provider: served RPC method="GetProviderSchema"/);
    expect((await second.exited).stderr).not.toMatch(/GetProviderSchema/);
  });

  test('a launch Terraform kills loses its connection, as a killed provider would', async () => {
    const first = await launch();
    const second = await launch();
    await first.client.provider('GetProviderSchema');
    terraform.kill(first, 'SIGKILL');
    await first.exited;
    // The host notices within its liveness check and cuts that connection; the other goes on.
    await waitFor(() => !fs.existsSync(path.join(terraform.runFolder(), `${first.pid}.cert`)), 'the killed launch\'s session to end');
    await expect(first.client.provider('GetProviderSchema')).rejects.toThrow();
    await expect(second.client.provider('GetProviderSchema')).resolves.toHaveProperty('resource_schemas');
  });

  test('the host ends with Terraform, its launches and run folder with it', async () => {
    const first = await launch();
    const host = terraform.hostPid();
    const runFolder = terraform.runFolder();
    terraform.child.kill('SIGKILL');
    await waitFor(() => !isRunning(host), 'the host to exit');
    await waitFor(() => !isRunning(first.pid), 'the orphaned launcher to exit');
    expect(fs.existsSync(runFolder)).toBe(false);
  });

  test('a host that died leaves the next launch to start another', async () => {
    await launch();
    const host = terraform.hostPid();
    process.kill(host, 'SIGKILL');
    await waitFor(() => !isRunning(host), 'the host to die');
    const next = await launch();
    expect(terraform.hostPid()).not.toBe(host);
    await expect(next.client.provider('GetProviderSchema')).resolves.toHaveProperty('resource_schemas');
  });

  test('launches started together are all served (one of them may start its own provider)', async () => {
    const launches = await Promise.all([launch(), launch(), launch()]);
    for (const launched of launches) await expect(launched.client.provider('GetProviderSchema')).resolves.toHaveProperty('resource_schemas');
  });

  test('a provider asked to serve on TCP (COMMERCE_IAC_PLUGIN_TRANSPORT=tcp, as on Windows) is started per launch', async () => {
    const first = await launch({ COMMERCE_IAC_PLUGIN_TRANSPORT: 'tcp' });
    expect(first.line).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|/);
    expect(commandLineOf(first.pid)).toMatch(/dist\/provider\.js elasticpath$/);
    expect(fs.existsSync(terraform.runFolder())).toBe(false);
  });

  test(`${RUN_HOST_VARIABLE}=off: a provider process per launch, as Terraform starts them by default`, async () => {
    const first = await launch({ [RUN_HOST_VARIABLE]: 'off' });
    const second = await launch({ [RUN_HOST_VARIABLE]: 'off' });
    expect(first.line).not.toBe(second.line);
    expect(commandLineOf(first.pid)).toMatch(/dist\/provider\.js elasticpath$/);
    expect(fs.existsSync(terraform.runFolder())).toBe(false);
  });
});
