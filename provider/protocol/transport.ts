/**
 * Where a provider process listens, chosen as go-plugin's own servers choose: a unix socket
 * where the platform has them, TCP on 127.0.0.1 on Windows. Node and Bun turn a listen on a
 * path into a named pipe on Windows, which Terraform cannot dial; go-plugin's client takes
 * `unix` and `tcp` in the handshake line and in TF_REATTACH_PROVIDERS, so TCP is what every
 * Terraform accepts there.
 */

/** go-plugin's name for the network: `net.Addr.Network()` in the handshake line and the reattach entry. */
export type PluginNetwork = 'unix' | 'tcp';

/**
 * `tcp` makes a provider listen on TCP where it would use a unix socket (the tests force it on
 * Linux; also for hosts whose temporary folder cannot hold sockets); `unix`, or unset, keeps the
 * platform's choice.
 */
export const PLUGIN_TRANSPORT_VARIABLE = 'COMMERCE_IAC_PLUGIN_TRANSPORT';

/** TCP listens on loopback only: the server is for the Terraform on this machine. */
export const LOOPBACK_HOST = '127.0.0.1';

/** go-plugin's client passes the range a plugin may listen in (Terraform: 10000 to 25000). */
export const MIN_PORT_VARIABLE = 'PLUGIN_MIN_PORT';
export const MAX_PORT_VARIABLE = 'PLUGIN_MAX_PORT';

const HIGHEST_PORT = 65535;

export type Choice<T> = { ok: true; value: T } | { ok: false; message: string };

/** The network a provider serves on, from the platform and PLUGIN_TRANSPORT_VARIABLE. */
export function pluginNetwork(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Choice<PluginNetwork> {
  const requested = (env[PLUGIN_TRANSPORT_VARIABLE] ?? '').trim();
  if (requested === '') return { ok: true, value: platform === 'win32' ? 'tcp' : 'unix' };
  if (requested === 'tcp') return { ok: true, value: 'tcp' };
  if (requested === 'unix') {
    if (platform !== 'win32') return { ok: true, value: 'unix' };
    return {
      ok: false,
      message:
        `${PLUGIN_TRANSPORT_VARIABLE}=unix is not possible on Windows: a listen on a path is a named pipe there, ` +
        `which Terraform cannot dial. Unset ${PLUGIN_TRANSPORT_VARIABLE}; the provider then listens on TCP on ${LOOPBACK_HOST}.\n`,
    };
  }
  return {
    ok: false,
    message: `${PLUGIN_TRANSPORT_VARIABLE} must be tcp or unix, or unset for the platform's choice; it is ${JSON.stringify(requested)}.\n`,
  };
}

export interface PortRange {
  min: number;
  max: number;
}

/**
 * The ports a TCP listen may take, tried from `min` up. Unset bounds are 0, as in go-plugin's
 * server, so with neither set the system picks a free port (a provider started by hand in
 * reattach mode); Terraform always sets both.
 */
export function tcpPortRange(env: NodeJS.ProcessEnv): Choice<PortRange> {
  const bounds: number[] = [];
  for (const variable of [MIN_PORT_VARIABLE, MAX_PORT_VARIABLE]) {
    const text = (env[variable] ?? '').trim();
    const port = text === '' ? 0 : Number(text);
    if (!/^\d*$/.test(text) || port > HIGHEST_PORT) {
      return {
        ok: false,
        message: `${variable} must be a port number from 0 to ${HIGHEST_PORT}; it is ${JSON.stringify(text)}. Terraform sets it; unset it or give a number.\n`,
      };
    }
    bounds.push(port);
  }
  const [min, max] = bounds;
  if (min > max) {
    return {
      ok: false,
      message: `${MIN_PORT_VARIABLE} (${min}) is greater than ${MAX_PORT_VARIABLE} (${max}): give a range whose lower bound comes first.\n`,
    };
  }
  return { ok: true, value: { min, max } };
}

/** Each port of the range on loopback, in order; lazily, since Terraform's range holds 15001 ports. */
export function* loopbackAddresses(range: PortRange): Generator<{ host: string; port: number }> {
  for (let port = range.min; port <= range.max; port++) yield { host: LOOPBACK_HOST, port };
}
