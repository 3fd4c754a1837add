/**
 * The gRPC server's own HTTP/2 (provider/protocol/wire/http2.ts, grpc-server.ts, listen.ts),
 * driven by real clients (@grpc/grpc-js, node:http2) and by a client that writes raw frames, for
 * what those do not send on demand: flow control both ways, cancelled calls, PING, CONTINUATION,
 * padding, unknown frames, protocol errors, connections that close mid-response, and mutual TLS.
 * Bun runs this file too (`bun test`, test/release/bun-wire.test.ts), where the server listens
 * with `Bun.listen`, as in the released executables.
 */
import * as grpc from '@grpc/grpc-js';
import * as fs from 'node:fs';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { createServerCertificate } from '../../provider/protocol/certificate';
import { GrpcServer, type Connection, type OpenStream } from '../../provider/protocol/wire/grpc-server';
import { HpackDecoder, encodeHeaderBlock } from '../../provider/protocol/wire/hpack';
import { frame } from '../../provider/protocol/wire/http2';
import { decodeMessage, descriptor, encodeMessage } from '../../provider/protocol/wire/protobuf';

const MB = 1024 * 1024;
const READ = descriptor.services['tfplugin6.Provider'].ReadResource;

/** A gate a handler waits on, opened by the test. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Fixture {
  socketPath: string;
  server: GrpcServer;
  connections: Connection[];
  closedConnections: number;
  /** Calls of ValidateResourceConfig wait for this, when set. */
  validateGate?: { wait: Promise<void> };
  validateCalls: number;
  validateAnswered: number;
  stdioDone: number;
}

let directory: string;
beforeAll(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'h2-server-'));
});
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

let counter = 0;
async function startServer(tlsOptions?: Parameters<GrpcServer['listen']>[1]): Promise<Fixture> {
  const server = new GrpcServer();
  const fixture: Fixture = {
    socketPath: path.join(directory, `s${(counter += 1)}.sock`),
    server,
    connections: [],
    closedConnections: 0,
    validateCalls: 0,
    validateAnswered: 0,
    stdioDone: 0,
  };
  server.addService('grpc.health.v1.Health', { Check: () => ({ status: 'SERVING' }) });
  server.addService('tfplugin6.Provider', {
    // Echoes the state; `type_name` "delay:N" answers after N ms, "size:N" answers N bytes.
    ReadResource: async (request: { type_name: string; current_state?: { msgpack?: Buffer } }) => {
      const [kind, value] = request.type_name.split(':');
      if (kind === 'delay') await sleep(Number(value));
      const state = kind === 'size' ? Buffer.alloc(Number(value), 7) : (request.current_state?.msgpack ?? Buffer.alloc(0));
      return { new_state: { msgpack: state }, private: Buffer.from(request.type_name) };
    },
    ValidateResourceConfig: async () => {
      fixture.validateCalls += 1;
      await fixture.validateGate?.wait;
      fixture.validateAnswered += 1;
      return {};
    },
    GetProviderSchema: () => {
      throw new Error('schema failed: 100% broken\nsee ü/x');
    },
  });
  server.addService('plugin.GRPCStdio', {
    StreamStdio: (call: OpenStream) =>
      call.onClientDone(() => {
        fixture.stdioDone += 1;
        call.end();
      }),
  });
  await server.listen([{ path: fixture.socketPath }], tlsOptions, (connection) => {
    fixture.connections.push(connection);
    connection.once('close', () => (fixture.closedConnections += 1));
  });
  return fixture;
}

const fixtures: Fixture[] = [];
async function serve(tlsOptions?: Parameters<GrpcServer['listen']>[1]): Promise<Fixture> {
  const fixture = await startServer(tlsOptions);
  fixtures.push(fixture);
  return fixture;
}
afterEach(async () => {
  for (const fixture of fixtures.splice(0)) await fixture.server.close();
});

/** A message behind its gRPC prefix. */
function grpcBody(typeName: string, message: object): Buffer {
  const body = encodeMessage(typeName, message);
  const framed = Buffer.alloc(5 + body.length);
  framed.writeUInt32BE(body.length, 1);
  body.copy(framed, 5);
  return framed;
}

function requestBlock(method: string): Buffer {
  return encodeHeaderBlock([
    [':method', 'POST'],
    [':scheme', 'http'],
    [':path', method],
    [':authority', 'localhost'],
    ['content-type', 'application/grpc'],
    ['te', 'trailers'],
  ]);
}

// ---- grpc-js ------------------------------------------------------------------------------

function grpcJsClient(fixture: Fixture): grpc.Client {
  return new grpc.Client(`unix:${fixture.socketPath}`, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
}

function unary(client: grpc.Client, method: string, typeNames: { request: string; response: string }, request: object): Promise<any> {
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(
      method,
      (value: object) => encodeMessage(typeNames.request, value),
      (bytes: Buffer) => decodeMessage(typeNames.response, bytes),
      request,
      (error, response) => (error ? reject(error) : resolve(response)),
    ),
  );
}

describe('served to @grpc/grpc-js', () => {
  test('a unary call', async () => {
    const fixture = await serve();
    const client = grpcJsClient(fixture);
    const health = descriptor.services['grpc.health.v1.Health'].Check;
    await expect(unary(client, '/grpc.health.v1.Health/Check', health, {})).resolves.toEqual({ status: 'SERVING' });
    client.close();
  });

  test('10 calls at once on one connection, answered in another order', async () => {
    const fixture = await serve();
    const client = grpcJsClient(fixture);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        unary(client, '/tfplugin6.Provider/ReadResource', READ, { type_name: `delay:${(10 - index) * 5}`, current_state: { msgpack: Buffer.from(`state ${index}`) } }),
      ),
    );
    answers.forEach((answer, index) => expect(Buffer.from(answer.new_state.msgpack).toString()).toBe(`state ${index}`));
    expect(fixture.connections).toHaveLength(1);
    client.close();
  });

  test('an unknown method is UNIMPLEMENTED, a failing handler INTERNAL with its message (percent-encoded as gRPC says); the connection serves on', async () => {
    const fixture = await serve();
    const client = grpcJsClient(fixture);
    await expect(unary(client, '/tfplugin6.Provider/NoSuchMethod', READ, {})).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED, details: 'unknown method /tfplugin6.Provider/NoSuchMethod' });
    const schema = descriptor.services['tfplugin6.Provider'].GetProviderSchema;
    await expect(unary(client, '/tfplugin6.Provider/GetProviderSchema', schema, {})).rejects.toMatchObject({ code: grpc.status.INTERNAL, details: 'schema failed: 100% broken\nsee ü/x' });
    const answer = await unary(client, '/tfplugin6.Provider/ReadResource', READ, { type_name: 'x', current_state: { msgpack: Buffer.from('ok') } });
    expect(Buffer.from(answer.new_state.msgpack).toString()).toBe('ok');
    client.close();
  });

  test('multi-MB states both ways', async () => {
    const fixture = await serve();
    const client = grpcJsClient(fixture);
    const state = Buffer.alloc(5 * MB, 3);
    const answer = await unary(client, '/tfplugin6.Provider/ReadResource', READ, { type_name: 'echo', current_state: { msgpack: state } });
    expect(Buffer.compare(Buffer.from(answer.new_state.msgpack), state)).toBe(0);
    client.close();
  });
});

// ---- node:http2 ---------------------------------------------------------------------------

function http2Client(fixture: Fixture, settings: http2.Settings = {}): Promise<http2.ClientHttp2Session> {
  const session = http2.connect('http://localhost', { createConnection: () => net.connect(fixture.socketPath), settings });
  return new Promise((resolve, reject) => session.once('connect', () => resolve(session)).once('error', reject));
}

function http2Call(session: http2.ClientHttp2Session, method: string, body: Buffer): Promise<{ status?: string; message?: string; data: Buffer }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': 'POST', ':path': method, 'content-type': 'application/grpc', te: 'trailers' });
    const chunks: Buffer[] = [];
    let status: string | undefined;
    let message: string | undefined;
    const take = (headers: http2.IncomingHttpHeaders) => {
      if (headers['grpc-status'] !== undefined) status = String(headers['grpc-status']);
      if (headers['grpc-message'] !== undefined) message = decodeURIComponent(String(headers['grpc-message']));
    };
    stream.on('response', take);
    stream.on('trailers', take);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve({ status, message, data: Buffer.concat(chunks) }));
    stream.end(body);
  });
}

describe('served to node:http2', () => {
  test('requests beyond our stream and connection windows, responses paced by small client windows that change', async () => {
    const fixture = await serve();
    // The client's windows: 16 KiB per stream, the connection's default 64 KiB.
    const session = await http2Client(fixture, { initialWindowSize: 16384 });
    // 40 MB is more than our stream window (32 MB), and two of them more than the connection's (64 MB).
    for (let round = 0; round < 2; round += 1) {
      const state = Buffer.alloc(40 * MB, round + 1);
      const { status, data } = await http2Call(session, '/tfplugin6.Provider/ReadResource', grpcBody(READ.request, { type_name: 'size:3000000', current_state: { msgpack: state } }));
      expect(status).toBe('0');
      const answer = decodeMessage(READ.response, data.subarray(5));
      expect(answer.new_state.msgpack.length).toBe(3000000);
    }
    // A larger INITIAL_WINDOW_SIZE mid-connection.
    session.settings({ initialWindowSize: 1024 * 1024 });
    const { status, data } = await http2Call(session, '/tfplugin6.Provider/ReadResource', grpcBody(READ.request, { type_name: 'size:2500000' }));
    expect(status).toBe('0');
    expect(decodeMessage(READ.response, data.subarray(5)).new_state.msgpack.length).toBe(2500000);
    session.close();
  }, 60000);

  test('a bad request is INTERNAL, and the connection serves on', async () => {
    const fixture = await serve();
    const session = await http2Client(fixture);
    const compressed = Buffer.from([1, 0, 0, 0, 0]);
    await expect(http2Call(session, '/tfplugin6.Provider/ReadResource', compressed)).resolves.toMatchObject({ status: '13', message: 'bad request: compressed gRPC messages are not supported' });
    await expect(http2Call(session, '/tfplugin6.Provider/ReadResource', Buffer.alloc(0))).resolves.toMatchObject({ status: '13', message: 'bad request: expected one request message, got 0' });
    await expect(http2Call(session, '/tfplugin6.Provider/ReadResource', Buffer.from([0, 0, 0, 0, 9, 1]))).resolves.toMatchObject({ status: '13', message: 'bad request: truncated gRPC message' });
    await expect(http2Call(session, '/grpc.health.v1.Health/Check', grpcBody('grpc.health.v1.HealthCheckRequest', {}))).resolves.toMatchObject({ status: '0' });
    session.close();
  });

  test('a streaming call stays open until the client ends it, then ends OK', async () => {
    const fixture = await serve();
    const session = await http2Client(fixture);
    const stream = session.request({ ':method': 'POST', ':path': '/plugin.GRPCStdio/StreamStdio', 'content-type': 'application/grpc', te: 'trailers' });
    const headers = await new Promise<http2.IncomingHttpHeaders>((resolve) => stream.once('response', resolve));
    expect(headers[':status']).toBe(200);
    expect(fixture.stdioDone).toBe(0);
    const trailers = new Promise<http2.IncomingHttpHeaders>((resolve) => stream.once('trailers', resolve));
    stream.resume();
    stream.end();
    expect((await trailers)['grpc-status']).toBe('0');
    expect(fixture.stdioDone).toBe(1);
    session.close();
  });
});

// ---- raw frames ---------------------------------------------------------------------------

interface Frame {
  type: number;
  flags: number;
  streamId: number;
  payload: Buffer;
}

const DATA = 0x0;
const HEADERS = 0x1;
const RST_STREAM = 0x3;
const SETTINGS = 0x4;
const PING = 0x6;
const GOAWAY = 0x7;
const WINDOW_UPDATE = 0x8;
const CONTINUATION = 0x9;
const END_STREAM = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;
const PRIORITY = 0x20;

class RawClient {
  readonly frames: Frame[] = [];
  readonly decoder = new HpackDecoder();
  closed = false;
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 9) {
        const length = this.buffer.readUIntBE(0, 3);
        if (this.buffer.length < 9 + length) break;
        const type = this.buffer[3];
        const parsed = { type, flags: this.buffer[4], streamId: this.buffer.readUInt32BE(5) & 0x7fffffff, payload: Buffer.from(this.buffer.subarray(9, 9 + length)) };
        this.buffer = this.buffer.subarray(9 + length);
        this.frames.push(parsed);
        // Acknowledge the server's SETTINGS, as any client does.
        if (type === SETTINGS && (parsed.flags & 1) === 0) this.send(SETTINGS, 1, 0);
      }
      this.notify();
    });
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
    socket.on('error', () => undefined);
  }

  /** Connects and sends the preface with `settings` (id, value pairs). */
  static connect(socketPath: string, settings: Array<[number, number]> = []): Promise<RawClient> {
    const payload = Buffer.alloc(settings.length * 6);
    settings.forEach(([id, value], index) => {
      payload.writeUInt16BE(id, index * 6);
      payload.writeUInt32BE(value, index * 6 + 2);
    });
    return new Promise((resolve, reject) => {
      const socket = net.connect(socketPath, () => {
        socket.write(Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), frame(SETTINGS, 0, 0, payload)]));
        resolve(new RawClient(socket));
      });
      socket.once('error', reject);
    });
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  send(type: number, flags: number, streamId: number, payload: Buffer = Buffer.alloc(0)): void {
    this.socket.write(frame(type, flags, streamId, payload));
  }

  /** A whole unary call on `streamId`: HEADERS, then one DATA that ends the stream. */
  call(streamId: number, method: string, body: Buffer): void {
    this.send(HEADERS, END_HEADERS, streamId, requestBlock(method));
    this.send(DATA, END_STREAM, streamId, body);
  }

  async waitFor(predicate: (frame: Frame) => boolean, ms = 5000): Promise<Frame> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      if (this.closed) throw new Error('connection closed');
      if (Date.now() > deadline) throw new Error('timed out waiting for a frame');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async waitClosed(ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('still open');
      await sleep(20);
    }
  }

  /** The gRPC status in the trailers of `streamId`. */
  async status(streamId: number): Promise<Record<string, string>> {
    const trailers = await this.waitFor((each) => each.streamId === streamId && each.type === HEADERS && (each.flags & END_STREAM) !== 0);
    // Header blocks are decoded in order; ours never index, so decoding one alone is safe.
    const fields = this.decoder.decode(trailers.payload);
    const out: Record<string, string> = {};
    for (let index = 0; index < fields.length; index += 2) out[fields[index]] = fields[index + 1];
    return out;
  }

  /** A health check on `streamId`: the status it ends with. */
  async health(streamId: number): Promise<string> {
    this.call(streamId, '/grpc.health.v1.Health/Check', HEALTH_BODY);
    return (await this.status(streamId))['grpc-status'];
  }

  dataOf(streamId: number): Buffer {
    return Buffer.concat(this.frames.filter((each) => each.streamId === streamId && each.type === DATA).map((each) => each.payload));
  }

  close(): void {
    this.socket.destroy();
  }
}

const windowUpdate = (increment: number) => {
  const payload = Buffer.alloc(4);
  payload.writeUInt32BE(increment);
  return payload;
};
const HEALTH_BODY = grpcBody('grpc.health.v1.HealthCheckRequest', {});

/** A server, a raw client, and a ValidateResourceConfig call on stream 1 whose handler waits for `open`. */
async function heldCall(): Promise<{ fixture: Fixture; client: RawClient; open: () => void }> {
  const fixture = await serve();
  const held = gate();
  fixture.validateGate = held;
  const client = await RawClient.connect(fixture.socketPath);
  client.call(1, '/tfplugin6.Provider/ValidateResourceConfig', grpcBody('tfplugin6.ValidateResourceConfig.Request', { type_name: 'x' }));
  while (fixture.validateCalls === 0) await sleep(10);
  return { fixture, client, open: held.open };
}

describe('HTTP/2 framing, frame by frame', () => {
  test('the server prefaces with SETTINGS (a large stream window) and a connection WINDOW_UPDATE, and acknowledges ours', async () => {
    const fixture = await serve();
    const client = await RawClient.connect(fixture.socketPath);
    const settings = await client.waitFor((each) => each.type === SETTINGS && each.flags === 0);
    expect(settings.payload.readUInt16BE(0)).toBe(0x4);
    expect(settings.payload.readUInt32BE(2)).toBeGreaterThanOrEqual(16 * MB);
    const update = await client.waitFor((each) => each.type === WINDOW_UPDATE && each.streamId === 0);
    expect(update.payload.readUInt32BE(0)).toBeGreaterThanOrEqual(16 * MB);
    await client.waitFor((each) => each.type === SETTINGS && each.flags === 1);
    client.close();
  });

  test('PING is answered with its payload; unknown frame types are ignored', async () => {
    const fixture = await serve();
    const client = await RawClient.connect(fixture.socketPath);
    client.send(0xfa, 0x3, 0, Buffer.from('whatever'));
    client.send(0xfb, 0, 5, Buffer.from('on a stream'));
    client.send(PING, 0, 0, Buffer.from('12345678'));
    const pong = await client.waitFor((each) => each.type === PING);
    expect(pong.flags).toBe(1);
    expect(pong.payload.toString()).toBe('12345678');
    expect(await client.health(1)).toBe('0');
    client.close();
  });

  test('a header block in HEADERS and CONTINUATION frames, padded, with priority; padded DATA', async () => {
    const fixture = await serve();
    const client = await RawClient.connect(fixture.socketPath);
    const block = requestBlock('/tfplugin6.Provider/ReadResource');
    const third = Math.ceil(block.length / 3);
    const padding = Buffer.alloc(7);
    // Pad length, then the priority fields (exclusive bit, dependency, weight), the fragment, the padding.
    const headersPayload = Buffer.concat([Buffer.from([padding.length]), Buffer.from([0, 0, 0, 0, 16]), block.subarray(0, third), padding]);
    client.send(HEADERS, PADDED | PRIORITY, 1, headersPayload);
    client.send(CONTINUATION, 0, 1, block.subarray(third, 2 * third));
    client.send(CONTINUATION, END_HEADERS, 1, block.subarray(2 * third));
    const body = grpcBody(READ.request, { type_name: 'padded', current_state: { msgpack: Buffer.from('padded state') } });
    client.send(DATA, PADDED, 1, Buffer.concat([Buffer.from([3]), body.subarray(0, 10), Buffer.alloc(3)]));
    client.send(DATA, PADDED | END_STREAM, 1, Buffer.concat([Buffer.from([200]), body.subarray(10), Buffer.alloc(200)]));
    expect((await client.status(1))['grpc-status']).toBe('0');
    const answer = decodeMessage(READ.response, client.dataOf(1).subarray(5));
    expect(Buffer.from(answer.new_state.msgpack).toString()).toBe('padded state');
    client.close();
  });

  test('DATA waits for WINDOW_UPDATE, in frames no larger than the client allows', async () => {
    const fixture = await serve();
    // INITIAL_WINDOW_SIZE 1000, MAX_FRAME_SIZE 20000.
    const client = await RawClient.connect(fixture.socketPath, [
      [0x4, 1000],
      [0x5, 20000],
    ]);
    client.call(1, '/tfplugin6.Provider/ReadResource', grpcBody(READ.request, { type_name: 'size:100000' }));
    await client.waitFor((each) => each.type === DATA && each.streamId === 1);
    await sleep(100);
    expect(client.dataOf(1).length).toBe(1000);
    expect(client.frames.some((each) => each.type === HEADERS && each.streamId === 1 && (each.flags & END_STREAM) !== 0)).toBe(false);
    // The connection window (65535) now limits: 64535 more bytes.
    client.send(WINDOW_UPDATE, 0, 1, windowUpdate(10 * MB));
    await client.waitFor(() => client.dataOf(1).length === 65535);
    await sleep(100);
    expect(client.dataOf(1).length).toBe(65535);
    client.send(WINDOW_UPDATE, 0, 0, windowUpdate(10 * MB));
    const trailers = await client.status(1);
    expect(trailers['grpc-status']).toBe('0');
    const frames = client.frames.filter((each) => each.type === DATA && each.streamId === 1);
    expect(Math.max(...frames.map((each) => each.payload.length))).toBe(20000);
    const answer = decodeMessage(READ.response, client.dataOf(1).subarray(5));
    expect(answer.new_state.msgpack.length).toBe(100000);
    client.close();
  });

  test('a call the client resets gets no answer, and the connection serves on', async () => {
    const { fixture, client, open } = await heldCall();
    // CANCEL (0x8), as grpc-go sends for a cancelled context.
    client.send(RST_STREAM, 0, 1, windowUpdate(0x8));
    await sleep(50);
    open();
    while (fixture.validateAnswered === 0) await sleep(10);
    expect(await client.health(3)).toBe('0');
    await sleep(50);
    expect(client.frames.filter((each) => each.streamId === 1)).toEqual([]);
    client.close();
  });

  test('a connection that closes mid-response: nothing is written after, its calls end, and the server serves on', async () => {
    const fixture = await serve();
    const open = gate();
    fixture.validateGate = open;
    const client = await RawClient.connect(fixture.socketPath, [[0x4, 1000]]);
    // A response blocked on the client's window, and a call waiting on its handler.
    client.call(1, '/tfplugin6.Provider/ReadResource', grpcBody(READ.request, { type_name: 'size:1000000' }));
    client.call(3, '/tfplugin6.Provider/ValidateResourceConfig', grpcBody('tfplugin6.ValidateResourceConfig.Request', { type_name: 'x' }));
    await client.waitFor((each) => each.type === DATA && each.streamId === 1);
    while (fixture.validateCalls === 0) await sleep(10);
    client.close();
    while (fixture.closedConnections === 0) await sleep(10);
    expect(fixture.connections[0].destroyed).toBe(true);
    open.open();
    while (fixture.validateAnswered === 0) await sleep(10);
    const next = await RawClient.connect(fixture.socketPath);
    expect(await next.health(1)).toBe('0');
    next.close();
  });

  test('HEADERS on a stream the client has ended resets that stream only', async () => {
    const { fixture, client, open } = await heldCall();
    client.send(HEADERS, END_HEADERS | END_STREAM, 1, requestBlock('/tfplugin6.Provider/ValidateResourceConfig'));
    const reset = await client.waitFor((each) => each.type === RST_STREAM && each.streamId === 1);
    expect(reset.payload.readUInt32BE(0)).toBe(0x5); // STREAM_CLOSED
    open();
    expect(await client.health(3)).toBe('0');
    expect(fixture.validateCalls).toBe(1);
    expect(client.frames.filter((each) => each.streamId === 1).map((each) => each.type)).toEqual([RST_STREAM]);
    client.close();
  });

  test('a streaming call reset by the client ends without trailers', async () => {
    const fixture = await serve();
    const client = await RawClient.connect(fixture.socketPath);
    client.send(HEADERS, END_HEADERS, 1, requestBlock('/plugin.GRPCStdio/StreamStdio'));
    await client.waitFor((each) => each.type === HEADERS && each.streamId === 1);
    client.send(RST_STREAM, 0, 1, windowUpdate(0x8));
    while (fixture.stdioDone === 0) await sleep(10);
    expect(await client.health(3)).toBe('0');
    expect(client.frames.filter((each) => each.streamId === 1).map((each) => each.type)).toEqual([HEADERS]);
    client.close();
  });

  test.each([
    ['DATA on stream 0', (client: RawClient) => client.send(DATA, 0, 0, Buffer.from('x')), 0x1],
    ['a frame inside a header block', (client: RawClient) => {
      client.send(HEADERS, 0, 1, requestBlock('/grpc.health.v1.Health/Check').subarray(0, 3));
      client.send(PING, 0, 0, Buffer.alloc(8));
    }, 0x1],
    ['a header block that does not decode', (client: RawClient) => client.send(HEADERS, END_HEADERS, 1, Buffer.from([0xbf])), 0x9],
    ['a PING of the wrong size', (client: RawClient) => client.send(PING, 0, 0, Buffer.alloc(7)), 0x6],
    ['a frame larger than 16 KiB', (client: RawClient) => client.send(0xfa, 0, 0, Buffer.alloc(20000)), 0x6],
    ['a connection window overflow', (client: RawClient) => client.send(WINDOW_UPDATE, 0, 0, windowUpdate(2 ** 31 - 1)), 0x3],
  ])('a protocol error (%s) ends the connection with GOAWAY', async (_name, misbehave, code) => {
    const fixture = await serve();
    const client = await RawClient.connect(fixture.socketPath);
    await client.waitFor((each) => each.type === SETTINGS);
    misbehave(client);
    const goaway = await client.waitFor((each) => each.type === GOAWAY).catch(() => undefined);
    expect(goaway?.payload.readUInt32BE(4)).toBe(code);
    await client.waitClosed();
  });

  test('a client that does not speak HTTP/2 is closed', async () => {
    const fixture = await serve();
    const socket = net.connect(fixture.socketPath);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    socket.resume();
    await new Promise((resolve) => socket.once('close', resolve));
  });
});

// ---- TLS ----------------------------------------------------------------------------------

describe('mutual TLS', () => {
  const serverCertificate = createServerCertificate();
  const clientCertificate = createServerCertificate();
  const stranger = createServerCertificate();

  function tlsSession(fixture: Fixture, identity: { certificatePem: string; privateKeyPem: string }, alpn = ['h2']): Promise<http2.ClientHttp2Session> {
    const session = http2.connect('https://localhost', {
      createConnection: () =>
        tls.connect({ path: fixture.socketPath, ALPNProtocols: alpn, cert: identity.certificatePem, key: identity.privateKeyPem, ca: serverCertificate.certificatePem, servername: 'localhost' }),
    });
    return new Promise((resolve, reject) => {
      session.once('connect', () => resolve(session));
      session.once('error', reject);
      session.once('close', () => reject(new Error('closed')));
    });
  }

  test('serves the certificate acceptClient takes (seeing its DER and socket), and closes on others before any HTTP/2', async () => {
    const presented: Buffer[] = [];
    const sockets: object[] = [];
    const fixture = await serve({
      certificate: serverCertificate.certificatePem,
      privateKey: serverCertificate.privateKeyPem,
      clientCertificate: clientCertificate.certificatePem,
      acceptClient: (der, socket) => {
        presented.push(der);
        sockets.push(socket);
        return der.equals(clientCertificate.certificateDer);
      },
    });
    const session = await tlsSession(fixture, clientCertificate);
    await expect(http2Call(session, '/grpc.health.v1.Health/Check', HEALTH_BODY)).resolves.toMatchObject({ status: '0' });
    session.close();
    // The connection's socket is the one acceptClient saw (run-host.ts keeps the launch's session on it).
    expect(fixture.connections[0].socket).toBe(sockets[0]);

    // The client may see its handshake done before the server closes: either way no call is answered.
    const refused = await tlsSession(fixture, stranger)
      .then((other) => http2Call(other, '/grpc.health.v1.Health/Check', HEALTH_BODY))
      .catch(() => ({ status: undefined }));
    expect(refused.status).toBeUndefined();
    expect(presented.map((der) => der.equals(stranger.certificateDer))).toEqual([false, true]);
    expect(fixture.connections).toHaveLength(1);
  });

  test('a client that does not negotiate h2 is refused', async () => {
    const fixture = await serve({
      certificate: serverCertificate.certificatePem,
      privateKey: serverCertificate.privateKeyPem,
      acceptClient: () => true,
    });
    const socket = tls.connect({ path: fixture.socketPath, cert: clientCertificate.certificatePem, key: clientCertificate.privateKeyPem, rejectUnauthorized: false });
    socket.on('error', () => undefined);
    socket.resume();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(fixture.connections).toHaveLength(0);
  });
});
