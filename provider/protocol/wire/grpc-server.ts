/**
 * A minimal gRPC server (the gRPC-over-HTTP/2 framing: a length-prefixed message per
 * request and response, status in trailers) on HTTP/2 framing of our own (./http2.ts, ./hpack.ts)
 * over a plain node:net or node:tls socket. It covers what a Terraform provider serves: unary
 * calls, plus streams that only need to stay open. Loading it costs a fraction of a general gRPC
 * library, or of node:http2, which matters because Terraform starts the provider process for every
 * command; and each call is a small object and one socket write, not a node:http2 stream.
 */
import { encodeHeaderBlock } from './hpack';
import { Http2Connection, type Stream, type StreamHandler as Http2StreamHandler } from './http2';
import { listen, type ListenAddress, type TlsOptions } from './listen';
import { decodeMessage, descriptor, encodeMessage, type MethodDescriptor } from './protobuf';

export type { ListenAddress, TlsOptions } from './listen';

/** gRPC status codes used here. */
export const GrpcStatus = {
  OK: 0,
  INTERNAL: 13,
  UNIMPLEMENTED: 12,
} as const;

/** `connection` identifies the client's HTTP/2 connection: one per provider configuration in Terraform. */
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

// The header blocks of every response, encoded once (literals the client does not index).
const RESPONSE_HEADERS = encodeHeaderBlock([
  [':status', '200'],
  ['content-type', 'application/grpc'],
]);
const OK_TRAILERS = encodeHeaderBlock([['grpc-status', String(GrpcStatus.OK)]]);

/** grpc-message's percent-encoding (gRPC over HTTP/2): UTF-8, each byte outside ' '..'~' and '%' as %XX. */
function percentEncode(message: string): string {
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    out += byte < 0x20 || byte > 0x7e || byte === 0x25 ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
  }
  return out;
}

/** A response with no messages: status in the headers ("trailers-only"). */
function statusBlock(code: number, message: string): Buffer {
  return encodeHeaderBlock([
    [':status', '200'],
    ['content-type', 'application/grpc'],
    ['grpc-status', String(code)],
    ['grpc-message', percentEncode(message)],
  ]);
}

/** A connection as `onConnection` and the handlers see it. */
export type Connection = Http2Connection;

export class GrpcServer implements Http2StreamHandler {
  private readonly routes = new Map<string, Route>();
  private stopListening: (() => Promise<void>) | undefined;
  private readonly connections = new Set<Http2Connection>();

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
   * accepts are served. `onConnection` sees each client's connection (the `connection` handlers
   * get: `destroy()`, `once('close', …)`, and its `socket`) as it opens. Resolves with the address
   * taken, a TCP port 0 replaced by the port the system chose.
   */
  async listen(addresses: Iterable<ListenAddress>, tls?: TlsOptions, onConnection?: (connection: Connection) => void): Promise<ListenAddress> {
    const listening = await listen(addresses, tls, this, (connection) => {
      this.connections.add(connection);
      connection.once('close', () => this.connections.delete(connection));
      onConnection?.(connection);
    });
    this.stopListening = listening.stop;
    return listening.address;
  }

  /** Stops listening and closes the connections still open. */
  close(): Promise<void> {
    for (const connection of [...this.connections]) connection.destroy();
    return this.stopListening?.() ?? Promise.resolve();
  }

  /** HTTP/2: a request's headers are in. */
  open(connection: Http2Connection, stream: Stream): void {
    const route = this.routes.get(stream.path);
    if (!route) {
      connection.end(stream, statusBlock(GrpcStatus.UNIMPLEMENTED, `unknown method ${stream.path}`));
      return;
    }
    stream.route = route;
    if (route.stream) {
      // Messages from the client are dropped: nothing here needs them.
      connection.sendHeaders(stream, RESPONSE_HEADERS);
      route.stream({
        end: () => connection.end(stream, OK_TRAILERS),
        onClientDone: (callback) => {
          stream.onClientDone = callback;
        },
      });
      return;
    }
    stream.keepBody = true;
  }

  /** HTTP/2: the client has sent the whole request. */
  requestEnded(connection: Http2Connection, stream: Stream, body: Buffer): void {
    const route = stream.route as Route | undefined;
    if (route?.unary) void this.answerUnary(connection, stream, route, body);
  }

  private async answerUnary(connection: Http2Connection, stream: Stream, route: Route, body: Buffer): Promise<void> {
    let request: unknown;
    try {
      const messages = unframe(body);
      if (messages.length !== 1) throw new Error(`expected one request message, got ${messages.length}`);
      request = decodeMessage(route.method.request, messages[0]);
    } catch (error) {
      connection.end(stream, statusBlock(GrpcStatus.INTERNAL, `bad request: ${(error as Error).message}`));
      return;
    }
    try {
      const response = await route.unary!(request, connection);
      connection.respond(stream, RESPONSE_HEADERS, encodeFramed(route.method.response, response), OK_TRAILERS);
    } catch (error) {
      connection.end(stream, statusBlock(GrpcStatus.INTERNAL, (error as Error).message));
    }
  }
}
