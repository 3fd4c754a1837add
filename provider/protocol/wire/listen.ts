/**
 * Where the gRPC server's connections come from: a unix socket or a TCP port, plain or with
 * mutual TLS, through node:net and node:tls, or in Bun through its own listener (`Bun.listen`),
 * which starts with about a third of the instructions of Bun's node:tls (docs/benchmarks.md).
 * Either way a TLS client is served only once its handshake is done, it negotiated h2, and
 * `acceptClient` took its certificate: before any HTTP/2 byte is read.
 */
import type { AddressInfo, Server, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { log } from '../log';
import { Http2Connection, type StreamHandler, type Transport } from './http2';

export interface TlsOptions {
  certificate: string;
  privateKey: string;
  /** PEM of the one client certificate expected, when there is one (a launch's PLUGIN_CLIENT_CERT; a run host has several). */
  clientCertificate?: string;
  /**
   * Whether the client that presented this certificate (DER; the TLS handshake has proven it holds
   * the key) may talk to the provider: go-plugin passes Terraform's certificate in PLUGIN_CLIENT_CERT.
   * `socket` is the connection's socket (a node:tls one, or Bun's), which the connection's `socket` is too.
   */
  acceptClient(presented: Buffer, socket: object): boolean;
}

/** A unix socket's path, or a TCP host and port (0: a free port the system picks). */
export type ListenAddress = { path: string } | { host: string; port: number };

/** One listen attempt; after a failed one, Node lets the same server listen again. */
function listenOn(server: Server, address: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A listening server: the address it took, and how to stop it. */
export interface Listening {
  address: ListenAddress;
  stop(): Promise<void>;
}

/** The TLS server's options: the client's certificate requested, TLS 1.2 at least, ALPN h2. */
function tlsServerOptions(tls: TlsOptions) {
  return {
    key: tls.privateKey,
    cert: tls.certificate,
    // Node: trust no CA. Without `ca` it loads its whole bundled root store into the context, and
    // a non-empty `ca` copies that store first; either is the largest part of the provider's
    // start (~210 M instructions of ~480 M to the handshake line). An empty list adds nothing.
    // Bun (the released executables) reads and parses the system's CA file twice for a server
    // whose `ca` is empty or absent (~4 ms before the handshake line), and not at all for the
    // client's own certificate, which is what go-plugin's Go servers trust as the client CA.
    // Either way the client's certificate is pinned (acceptTlsClient), which trusts less than a CA
    // would: that one certificate, whose key the TLS handshake has proven the client holds.
    ca: process.versions.bun && tls.clientCertificate ? [tls.clientCertificate] : [],
    requestCert: true,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2' as const,
    // grpc-go refuses a server that does not negotiate h2.
    ALPNProtocols: ['h2'],
  };
}

/** Whether a client whose TLS handshake is done may be served: h2 negotiated, and its certificate accepted. */
function acceptTlsClient(tls: TlsOptions, socket: object, alpnProtocol: unknown, presented: Buffer | undefined): boolean {
  if (alpnProtocol !== 'h2') {
    log('WARN', 'TLS client refused: it did not negotiate HTTP/2 (ALPN h2)');
    return false;
  }
  if (presented && tls.acceptClient(presented, socket)) return true;
  log('WARN', 'TLS client refused: not the certificate Terraform passed');
  return false;
}

/**
 * Listens on the first of `addresses` that can be had (a TCP port in use is passed over, as
 * go-plugin scans its port range); each client's connection is served by `handler` and passed
 * to `opened`.
 */
export function listen(...args: Parameters<Listen>): Promise<Listening> {
  return process.versions.bun ? listenWithBun(...args) : listenWithNode(...args);
}

/** One runtime's way to listen (the arguments of `listen`). */
type Listen = (addresses: Iterable<ListenAddress>, tls: TlsOptions | undefined, handler: StreamHandler, opened: (connection: Http2Connection) => void) => Promise<Listening>;

/**
 * The first of `addresses` that `attempt` can listen on. A TCP port that is taken is passed over,
 * as go-plugin scans its port range; a unix socket path that fails fails the whole.
 */
async function firstAvailable(addresses: Iterable<ListenAddress>, attempt: (address: ListenAddress) => Promise<Listening>): Promise<Listening> {
  let refused: Error | undefined;
  for (const address of addresses) {
    try {
      return await attempt(address);
    } catch (error) {
      if ('path' in address) throw error;
      refused = error as Error;
    }
  }
  throw refused ?? new Error('no address to listen on');
}

const listenWithNode: Listen = (addresses, tls, handler, opened) => {
  const serve = (socket: Socket) => {
    // TCP: each response is one write, sent at once (no waiting on the previous one's ACK). A no-op on unix sockets.
    socket.setNoDelay(true);
    const connection = new Http2Connection(socket, handler, socket);
    socket.on('data', (chunk: Buffer) => connection.receive(chunk));
    socket.on('error', (error) => log('DEBUG', 'connection error', { error: error.message }));
    socket.on('close', () => connection.closed());
    opened(connection);
  };
  let server: Server;
  if (tls) {
    server = (require('node:tls') as typeof import('node:tls')).createServer(tlsServerOptions(tls));
    server.on('secureConnection', (socket: TLSSocket) => {
      if (acceptTlsClient(tls, socket, socket.alpnProtocol, socket.getPeerCertificate()?.raw)) serve(socket);
      else socket.destroy();
    });
    server.on('tlsClientError', (error) => log('WARN', 'TLS handshake refused', { error: error.message }));
  } else {
    // Loaded here, not at the top: Bun never needs it.
    server = (require('node:net') as typeof import('node:net')).createServer(serve);
  }
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return firstAvailable(addresses, async (address) => {
    await listenOn(server, address);
    return { address: 'path' in address ? address : { host: address.host, port: (server.address() as AddressInfo).port }, stop };
  });
};

/** What is used here of a socket of `Bun.listen` (bun-types is not part of the provider's typings). */
interface BunSocket {
  data: BunConnection | undefined;
  alpnProtocol: string | false | null;
  getPeerCertificate(): { raw?: Buffer } | undefined;
  /** Writes what the socket takes now; returns how many bytes (the rest is the caller's to keep). */
  write(data: Buffer): number;
  end(): void;
  terminate(): void;
  setNoDelay?(noDelay: boolean): void;
}
interface BunListener {
  readonly port: number;
  stop(closeActiveConnections?: boolean): void;
}
type BunListen = (options: object) => BunListener;

/** A Bun socket as an HTTP/2 connection's transport: what the socket does not take now waits for `drain`. */
class BunConnection implements Transport {
  private waiting: Buffer[] = [];
  private ending = false;
  readonly connection: Http2Connection;

  constructor(
    private readonly socket: BunSocket,
    handler: StreamHandler,
  ) {
    this.connection = new Http2Connection(this, handler, socket);
  }

  write(data: Buffer): void {
    if (this.waiting.length > 0) {
      this.waiting.push(data);
      return;
    }
    const written = Math.max(0, this.socket.write(data));
    if (written < data.length) this.waiting.push(data.subarray(written));
  }

  drain(): void {
    while (this.waiting.length > 0) {
      const data = this.waiting[0];
      const written = Math.max(0, this.socket.write(data));
      if (written < data.length) {
        this.waiting[0] = data.subarray(written);
        return;
      }
      this.waiting.shift();
    }
    if (this.ending) this.socket.end();
  }

  end(): void {
    if (this.waiting.length > 0) this.ending = true;
    else this.socket.end();
  }

  destroy(): void {
    this.waiting = [];
    this.socket.terminate();
  }
}

const listenWithBun: Listen = (addresses, tls, handler, opened) => {
  const serve = (socket: BunSocket) => {
    socket.setNoDelay?.(true);
    const transport = new BunConnection(socket, handler);
    socket.data = transport;
    opened(transport.connection);
  };
  const tlsOptions = tls && tlsServerOptions(tls);
  const options = {
    ...(tlsOptions && {
      // Bun's TLS (BoringSSL) refuses anything older than TLS 1.2 of itself; ALPN in its wire format.
      tls: { key: tlsOptions.key, cert: tlsOptions.cert, ca: tlsOptions.ca, requestCert: true, rejectUnauthorized: false, ALPNProtocols: Buffer.from('\x02h2', 'latin1') },
    }),
    socket: {
      open: (socket: BunSocket) => {
        if (!tls) serve(socket);
      },
      // The TLS handshake is done (`success`; a certificate the CA list does not vouch for is
      // reported in the third argument, and is for `acceptClient` to judge): nothing is read yet.
      handshake: (socket: BunSocket, success: boolean, error: Error | null) => {
        if (!success) {
          log('WARN', 'TLS handshake refused', { error: error?.message ?? 'failed' });
          socket.terminate();
        } else if (acceptTlsClient(tls!, socket, socket.alpnProtocol, socket.getPeerCertificate()?.raw)) serve(socket);
        else socket.terminate();
      },
      data: (socket: BunSocket, chunk: Buffer) => socket.data?.connection.receive(chunk),
      drain: (socket: BunSocket) => socket.data?.drain(),
      close: (socket: BunSocket) => socket.data?.connection.closed(),
      error: (_socket: BunSocket, error: Error) => log('DEBUG', 'connection error', { error: error.message }),
    },
  };
  const bunListen = (globalThis as unknown as { Bun: { listen: BunListen } }).Bun.listen;
  return firstAvailable(addresses, async (address) => {
    const listener = bunListen('path' in address ? { ...options, unix: address.path } : { ...options, hostname: address.host, port: address.port });
    const stop = async () => listener.stop(true);
    return { address: 'path' in address ? address : { host: address.host, port: listener.port }, stop };
  });
};
