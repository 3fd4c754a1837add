/**
 * Runs a provider definition as a Terraform plugin (protocol 6 over gRPC, with
 * go-plugin's handshake and automatic mutual TLS), or, in reattach mode, as a
 * long-lived provider that Terraform attaches to through TF_REATTACH_PROVIDERS;
 * on a unix socket, or on TCP on 127.0.0.1 where transport.ts says so (Windows).
 */
import { chmodSync, mkdtempSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProviderSource } from '../framework/types';
import { createServerCertificate } from './certificate';
import { checkLaunchEnvironment, handshakeLine, type PluginAddress, reattachConfig } from './handshake';
import { log } from './log';
import type { PluginServerOptions } from './plugin-server';
import { LOOPBACK_HOST, MAX_PORT_VARIABLE, MIN_PORT_VARIABLE, loopbackAddresses, pluginNetwork, tcpPortRange } from './transport';
import { pemToDer, type ListenAddress } from './wire/grpc-server';

export interface ServeOptions {
  /**
   * Debug mode for a warm provider: no magic cookie and no TLS; prints one JSON line
   * with the TF_REATTACH_PROVIDERS value and keeps running across Terraform runs.
   */
  reattach?: boolean;
  /** The provider's source address used in the reattach line, e.g. "registry.terraform.io/commerce-iac/toy". */
  address?: string;
}

/** How often the provider checks that Terraform, its parent, is still alive. */
const PARENT_CHECK_MS = 1000;

/**
 * The socket goes in a directory of its own, mode 0700 whatever the umask: in reattach mode
 * the provider serves plain gRPC, and a socket in the shared temporary folder would let any
 * local user drive it with its configured credentials.
 */
function privateSocketPath(base: string): string {
  const directory = mkdtempSync(join(base, 'tfp-'));
  chmodSync(directory, 0o700);
  // Short name: unix socket paths are limited to ~107 bytes.
  return join(directory, 'plugin.sock');
}

/**
 * Writes a line to stdout with one system call. Not process.stdout: under Bun its first use
 * builds the stream (~14 ms, more than half the provider's start to its handshake line).
 * A pipe takes up to 4 KB in one write and the handshake line is under 1 KB, but a partial
 * write is finished all the same.
 */
function writeToStdout(text: string): void {
  const bytes = Buffer.from(text);
  for (let written = 0; written < bytes.length; ) written += writeSync(1, bytes, written);
}

/** Ends the process with a message on stderr, which Terraform shows for a plugin that did not start. */
function exitWithMessage(message: string): never {
  process.stderr.write(message);
  process.exit(1);
}

interface ListenPlan {
  addresses: Iterable<ListenAddress>;
  /** What was tried, for the error when nothing could be had. */
  description: string;
}

/** Where to listen (transport.ts decides the network); a unix socket's directory goes when the process exits. */
function listenPlan(env: NodeJS.ProcessEnv): ListenPlan {
  const network = pluginNetwork(process.platform, env);
  if (!network.ok) exitWithMessage(network.message);
  if (network.value === 'unix') {
    const socketPath = privateSocketPath(env.PLUGIN_UNIX_SOCKET_DIR || tmpdir());
    process.on('exit', () => rmSync(dirname(socketPath), { recursive: true, force: true }));
    return { addresses: [{ path: socketPath }], description: socketPath };
  }
  const range = tcpPortRange(env);
  if (!range.ok) exitWithMessage(range.message);
  const { min, max } = range.value;
  return {
    addresses: loopbackAddresses(range.value),
    description: `${LOOPBACK_HOST} at any port from ${min} to ${max} (${MIN_PORT_VARIABLE}..${MAX_PORT_VARIABLE})`,
  };
}

function pluginAddress(listening: ListenAddress): PluginAddress {
  return 'path' in listening ? { network: 'unix', address: listening.path } : { network: 'tcp', address: `${listening.host}:${listening.port}` };
}

/**
 * Exits when the launching Terraform is gone: a provider orphaned by a killed
 * Terraform would otherwise run forever, since nobody calls Shutdown.
 */
function exitWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, PARENT_CHECK_MS).unref();
}

export type { ProviderSource };

export async function serve(provider: ProviderSource, options: ServeOptions = {}): Promise<void> {
  const env = process.env;
  if (!options.reattach) {
    const check = checkLaunchEnvironment(env);
    if (!check.ok) exitWithMessage(check.message);
  }
  const plan = listenPlan(env);
  // A plain termination signal skips 'exit' handlers (the socket's removal); turn it into an orderly exit.
  process.on('SIGTERM', () => process.exit(0));
  const { startPluginServer } = await import('./plugin-server');
  const start = async (serverOptions: PluginServerOptions): Promise<PluginAddress> => {
    try {
      return pluginAddress(await startPluginServer(provider, plan.addresses, serverOptions));
    } catch (error) {
      throw new Error(`the provider could not listen on ${plan.description}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  if (options.reattach) {
    if (!options.address) throw new Error('serve({ reattach: true }) needs the provider address in options.address');
    const listening = await start({
      // Terraform ends each run with Shutdown; a reattached provider outlives the run.
      onShutdown: () => log('DEBUG', 'shutdown requested; staying up for the next run (reattach mode)'),
    });
    process.on('SIGINT', () => process.exit(0));
    writeToStdout(`${reattachConfig(options.address, listening, process.pid)}\n`);
    return;
  }

  const clientCertificatePem = env.PLUGIN_CLIENT_CERT;
  const certificate = clientCertificatePem ? createServerCertificate() : undefined;
  const terraformCertificate = clientCertificatePem ? pemToDer(clientCertificatePem) : undefined;
  const listening = await start({
    tls:
      terraformCertificate && certificate
        ? {
            certificate: certificate.certificatePem,
            privateKey: certificate.privateKeyPem,
            clientCertificate: clientCertificatePem,
            acceptClient: (presented) => presented.equals(terraformCertificate),
          }
        : undefined,
    // Terraform waits for the process to end after Shutdown: leave at once.
    onShutdown: () => process.exit(0),
  });
  // An interrupt reaches the whole process group; Terraform handles it and stops the provider itself.
  process.on('SIGINT', () => log('DEBUG', 'interrupt received; waiting for Terraform to stop the provider'));
  exitWithParent();
  writeToStdout(handshakeLine(listening, certificate?.certificateDer));
  log('DEBUG', 'provider serving', { address: options.address, network: listening.network, listening: listening.address });
}
