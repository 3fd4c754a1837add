/**
 * go-plugin's start-up contract: Terraform launches the plugin with a magic
 * cookie and the protocol versions it speaks in the environment, and reads one
 * line from the plugin's stdout:
 *   CORE-PROTOCOL|APP-PROTOCOL|NETWORK|ADDRESS|grpc|SERVER-CERT
 */
import type { PluginNetwork } from './transport';

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
/** go-plugin's own handshake version. */
export const CORE_PROTOCOL_VERSION = 1;
/** Terraform plugin protocol major version served here. */
export const PLUGIN_PROTOCOL_VERSION = 6;

export type LaunchCheck = { ok: true } | { ok: false; message: string };

export function checkLaunchEnvironment(env: NodeJS.ProcessEnv): LaunchCheck {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return {
      ok: false,
      message:
        'This program is a Terraform provider plugin. It is not meant to be run directly:\n' +
        'Terraform starts it when a configuration uses the provider. Run terraform init and\n' +
        'terraform plan in a directory whose configuration requires this provider instead.\n',
    };
  }
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? '')
    .split(',')
    .map((version) => version.trim())
    .filter(Boolean);
  if (!offered.includes(String(PLUGIN_PROTOCOL_VERSION))) {
    return {
      ok: false,
      message:
        `This provider speaks Terraform plugin protocol version ${PLUGIN_PROTOCOL_VERSION}, but the Terraform ` +
        `that started it offers ${offered.length ? offered.join(', ') : 'no version'}. ` +
        'Use Terraform 1.0 or later.\n',
    };
  }
  return { ok: true };
}

/** Where the provider listens, as go-plugin's `net.Addr`: `unix` and a socket path, or `tcp` and `127.0.0.1:PORT`. */
export interface PluginAddress {
  network: PluginNetwork;
  address: string;
}

/** The handshake line; the certificate is base64 without padding, as go-plugin reads it. */
export function handshakeLine(listening: PluginAddress, certificateDer?: Buffer): string {
  const parts = [CORE_PROTOCOL_VERSION, PLUGIN_PROTOCOL_VERSION, listening.network, listening.address, 'grpc'];
  const certificate = certificateDer ? certificateDer.toString('base64').replace(/=+$/, '') : '';
  return `${[...parts, certificate].join('|')}\n`;
}

/** The TF_REATTACH_PROVIDERS value that attaches Terraform to an already running provider. */
export function reattachConfig(providerAddress: string, listening: PluginAddress, pid: number): string {
  return JSON.stringify({
    [providerAddress]: {
      Protocol: 'grpc',
      ProtocolVersion: PLUGIN_PROTOCOL_VERSION,
      Pid: pid,
      Test: true,
      Addr: { Network: listening.network, String: listening.address },
    },
  });
}
