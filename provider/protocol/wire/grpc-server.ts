/**
 * A minimal gRPC server on node:http2 (the gRPC-over-HTTP/2 framing: a
 * length-prefixed message per DATA payload, status in trailers). It covers what a
 * Terraform provider serves: unary calls, plus streams that only need to stay
 * open. Loading it costs a fraction of a general gRPC library, which matters
 * because Terraform starts the provider process for every command.
 */
import * as http2 from 'node:http2';
import type { AddressInfo, Server } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { log } from '../log';
import { decodeMessage, descriptor, encodeMessage, type MethodDescriptor } from './protobuf';

/** gRPC status codes used here. */
export const GrpcStatus = {
  OK: 0,
  INTERNAL: 13,
  UNIMPLEMENTED: 12,
} as const;

/** `connection` identifies the client's HTTP/2 session: one per provider configuration in Terraform. */
export type UnaryHandler = (request: any, connection: object) => Promise<object> | object;

/** A call on a streaming method; this server only ever ends such streams, it sends nothing. */
export interface OpenStream {
  /** Ends the call with status OK. */
  end(): void;
  /** Runs when the client half-closes, cancels, or the connection goes. */
  onClientDone(callback: () => void): void;
}
export type StreamHandler = (call: OpenStream) => void;

interface Route {
  method: MethodDescriptor;
  unary?: UnaryHandler;
  stream?: StreamHandler;
}

export interface TlsOptions {
  certificate: string;
  privateKey: string;
  /** PEM of the one client certificate expected, when there is one (a launch's PLUGIN_CLIENT_CERT; a run host has several). */
  clientCertificate?: string;
  /**
   * Whether the client that presented this certificate (DER; the TLS handshake has proven it holds
   * the key) may talk to the provider: go-plugin passes Terraform's certificate in PLUGIN_CLIENT_CERT.
   */
  acceptClient(presented: Buffer, socket: TLSSocket): boolean;
}

/** Outstanding data allowed per connection, in MB: whole states travel as single messages. */
const MAX_SESSION_MEMORY_MB = 512;

/** The DER bytes of a PEM certificate. */
export function pemToDer(pem: string): Buffer {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem);
  if (!body) throw new Error('the client certificate (PLUGIN_CLIENT_CERT) is not a PEM certificate');
  return Buffer.from(body[1].replace(/\s+/g, ''), 'base64');
}

/** The gRPC message prefix: a compression flag (0) and the message length. */
const MESSAGE_HEADER_BYTES = 5;

/** A response message encoded behind its gRPC prefix, in one buffer. */
function encodeFramed(typeName: string, response: object): Buffer {
  const framed = encodeMessage(typeName, response, MESSAGE_HEADER_BYTES);
  framed[0] = 0;
  framed.writeUInt32BE(framed.length - MESSAGE_HEADER_BYTES, 1);
  return framed;
}

/** Splits a request body into its gRPC messages. */
function unframe(body: Buffer): Buffer[] {
  const messages: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    if (body.length - offset < 5) throw new Error('truncated gRPC message header');
    if (body[offset] !== 0) throw new Error('compressed gRPC messages are not supported');
    const length = body.readUInt32BE(offset + 1);
    const start = offset + 5;
    if (start + length > body.length) throw new Error('truncated gRPC message');
    messages.push(body.subarray(start, start + length));
    offset = start + length;
  }
  return messages;
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

function isOpen(stream: http2.ServerHttp2Stream): boolean {
  return !stream.destroyed && !stream.closed;
}

// The same header and trailer objects for every response: node:http2 copies them before use.
const RESPONSE_HEADERS = { ':status': 200, 'content-type': 'application/grpc' } as const;
const OK_TRAILERS = { 'grpc-status': String(GrpcStatus.OK) } as const;
// gRPC has no use for a `date` header; without it each response has one header less to encode.
// `sendDate` is read by node:http2's header processing though missing from its typings; a Node
// that ignored it would only send the date.
const NO_DATE = { sendDate: false } as http2.ServerStreamResponseOptions;
const WAIT_FOR_TRAILERS: http2.ServerStreamResponseOptions = { ...NO_DATE, waitForTrailers: true };
const END_WITHOUT_MESSAGE: http2.ServerStreamResponseOptions = { ...NO_DATE, endStream: true };

/** A response with no messages: status in the headers ("trailers-only"). */
function respondWithStatus(stream: http2.ServerHttp2Stream, code: number, message: string): void {
  if (!isOpen(stream) || stream.headersSent) return;
  stream.respond(
    {
      ':status': 200,
      'content-type': 'application/grpc',
      'grpc-status': String(code),
      'grpc-message': encodeURIComponent(message),
    },
    END_WITHOUT_MESSAGE,
  );
}

/** A 'wantTrailers' listener shared by every stream (`this` is the stream), so no closure per call. */
function sendOkTrailers(this: http2.ServerHttp2Stream): void {
  this.sendTrailers(OK_TRAILERS);
}

function respondWithMessage(stream: http2.ServerHttp2Stream, framedMessage: Buffer): void {
  if (!isOpen(stream)) return;
  stream.respond(RESPONSE_HEADERS, WAIT_FOR_TRAILERS);
  stream.once('wantTrailers', sendOkTrailers);
  stream.end(framedMessage);
}

export class GrpcServer {
  private readonly routes = new Map<string, Route>();
  private server: http2.Http2Server | http2.Http2SecureServer | undefined;

  /** Registers the handlers of a service from the descriptor (e.g. "tfplugin6.Provider"). */
  addService(serviceName: string, handlers: Record<string, UnaryHandler | StreamHandler>): void {
    const methods = descriptor.services[serviceName];
    if (!methods) throw new Error(`unknown service ${serviceName}`);
    for (const [name, handler] of Object.entries(handlers)) {
      const method = methods[name];
      if (!method) throw new Error(`service ${serviceName} has no method ${name}`);
      const streaming = method.requestStream || method.responseStream;
      this.routes.set(
        `/${serviceName}/${name}`,
        streaming ? { method, stream: handler as StreamHandler } : { method, unary: handler as UnaryHandler },
      );
    }
  }

  /**
   * Listens on the first of `addresses` that can be had (a TCP port in use is passed over, as
   * go-plugin scans its port range); with `tls`, only clients whose certificate `acceptClient`
   * accepts are served. `onConnection` sees each client's HTTP/2 session (the `connection` handlers
   * get) as it opens. Resolves with the address taken, a TCP port 0 replaced by the
   * port the system chose.
   */
  async listen(addresses: Iterable<ListenAddress>, tls?: TlsOptions, onConnection?: (connection: http2.ServerHttp2Session) => void): Promise<ListenAddress> {
    const server = tls
      ? http2.createSecureServer({
          key: tls.privateKey,
          cert: tls.certificate,
          // Node: trust no CA. Without `ca` it loads its whole bundled root store into the context, and
          // a non-empty `ca` copies that store first; either is the largest part of the provider's
          // start (~210 M instructions of ~480 M to the handshake line). An empty list adds nothing.
          // Bun (the released executables) reads and parses the system's CA file twice for a server
          // whose `ca` is empty or absent (~4 ms before the handshake line), and not at all for the
          // client's own certificate, which is what go-plugin's Go servers trust as the client CA.
          // Either way the client's certificate is pinned below, which trusts less than a CA would:
          // that one certificate, whose key the TLS handshake has proven the client holds.
          ca: process.versions.bun && tls.clientCertificate ? [tls.clientCertificate] : [],
          requestCert: true,
          rejectUnauthorized: false,
          minVersion: 'TLSv1.2',
          maxSessionMemory: MAX_SESSION_MEMORY_MB,
        })
      : http2.createServer({ maxSessionMemory: MAX_SESSION_MEMORY_MB });
    if (tls) {
      // Before the HTTP/2 session reads anything from the connection.
      server.prependListener('secureConnection', (socket: TLSSocket) => {
        const presented = socket.getPeerCertificate()?.raw;
        if (presented && tls.acceptClient(presented, socket)) return;
        log('WARN', 'TLS client refused: not the certificate Terraform passed');
        socket.destroy();
      });
    }
    if (onConnection) server.on('session', onConnection);
    this.server = server;
    server.on('stream', (stream, headers) => this.dispatch(stream, headers));
    server.on('sessionError', (error) => log('DEBUG', 'connection error', { error: error.message }));
    server.on('tlsClientError', (error) => log('WARN', 'TLS handshake refused', { error: error.message }));
    let refused: Error | undefined;
    for (const address of addresses) {
      try {
        await listenOn(server, address);
        return 'path' in address ? address : { host: address.host, port: (server.address() as AddressInfo).port };
      } catch (error) {
        if ('path' in address) throw error;
        refused = error as Error;
      }
    }
    throw refused ?? new Error('no address to listen on');
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private dispatch(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on('error', (error) => log('DEBUG', 'stream error', { error: error.message }));
    const path = String(headers[':path'] ?? '');
    const route = this.routes.get(path);
    if (!route) {
      respondWithStatus(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${path}`);
      return;
    }
    if (route.stream) {
      this.openStream(stream, route.stream);
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      // A request usually arrives in one DATA frame: no copy then.
      void this.answerUnary(stream, route, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
  }

  private async answerUnary(stream: http2.ServerHttp2Stream, route: Route, body: Buffer): Promise<void> {
    let request: unknown;
    try {
      const messages = unframe(body);
      if (messages.length !== 1) throw new Error(`expected one request message, got ${messages.length}`);
      request = decodeMessage(route.method.request, messages[0]);
    } catch (error) {
      respondWithStatus(stream, GrpcStatus.INTERNAL, `bad request: ${(error as Error).message}`);
      return;
    }
    try {
      const response = await route.unary!(request, stream.session ?? stream);
      respondWithMessage(stream, encodeFramed(route.method.response, response));
    } catch (error) {
      respondWithStatus(stream, GrpcStatus.INTERNAL, (error as Error).message);
    }
  }

  private openStream(stream: http2.ServerHttp2Stream, handler: StreamHandler): void {
    stream.respond(RESPONSE_HEADERS, WAIT_FOR_TRAILERS);
    stream.once('wantTrailers', sendOkTrailers);
    // Messages from the client are read and dropped: nothing here needs them.
    stream.on('data', () => undefined);
    handler({
      end: () => {
        if (isOpen(stream)) stream.end();
      },
      onClientDone: (callback) => {
        stream.once('end', callback);
        stream.once('close', callback);
      },
    });
  }
}
