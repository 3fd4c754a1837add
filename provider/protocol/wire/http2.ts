/**
 * The server side of one HTTP/2 connection (RFC 9113), as much of it as a gRPC server for
 * Terraform's go-plugin client needs: the preface and SETTINGS, HEADERS with CONTINUATION,
 * padding and priority, DATA with flow control both ways, RST_STREAM, PING, GOAWAY. A stream is
 * a plain object; what to do with it is the `StreamHandler`'s business (grpc-server.ts), and a
 * response is one HEADERS, its DATA and a trailing HEADERS, written in one piece when the
 * client's windows allow. Nothing is ever written for a stream after it was reset or after the
 * connection closed.
 */
import { log } from '../log';
import { HpackDecoder, HpackError } from './hpack';

const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

const Flag = { END_STREAM: 0x1, ACK: 0x1, END_HEADERS: 0x4, PADDED: 0x8, PRIORITY: 0x20 } as const;

/** Error codes (RFC 9113 §7). */
export const ErrorCode = {
  NO_ERROR: 0x0,
  PROTOCOL_ERROR: 0x1,
  INTERNAL_ERROR: 0x2,
  FLOW_CONTROL_ERROR: 0x3,
  STREAM_CLOSED: 0x5,
  FRAME_SIZE_ERROR: 0x6,
  COMPRESSION_ERROR: 0x9,
  ENHANCE_YOUR_CALM: 0xb,
} as const;

const Setting = { HEADER_TABLE_SIZE: 0x1, ENABLE_PUSH: 0x2, INITIAL_WINDOW_SIZE: 0x4, MAX_FRAME_SIZE: 0x5 } as const;

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
const FRAME_HEADER_BYTES = 9;
const DEFAULT_WINDOW = 65535;
const MAX_WINDOW = 2 ** 31 - 1;
/** The largest frame we accept: the protocol's default, which we never raise. */
const MAX_FRAME_SIZE = 16384;
/** Our stream window (SETTINGS_INITIAL_WINDOW_SIZE) and connection window: multi-MB states arrive without waiting for us. */
export const STREAM_WINDOW = 32 * 1024 * 1024;
export const CONNECTION_WINDOW = 64 * 1024 * 1024;
/** Request bytes a connection may hold at once (whole states travel as single messages). */
const MAX_BUFFERED_BYTES = 512 * 1024 * 1024;
/** A header block larger than this is refused (ours are a few hundred bytes). */
const MAX_HEADER_BLOCK_BYTES = 256 * 1024;
const EMPTY: Buffer = Buffer.alloc(0);

/** One request stream. */
export interface Stream {
  readonly id: number;
  /** The request's `:path`. */
  readonly path: string;
  /** The request body's DATA payloads, kept when `keepBody` (set by the handler at `open`). */
  chunks: Buffer[];
  keepBody: boolean;
  /** The handler's own (its route). */
  route: unknown;
  /** Runs once when the client is done with the stream: its END_STREAM, a reset, the connection gone (streaming calls). */
  onClientDone: (() => void) | undefined;
  /** The client has sent END_STREAM. */
  remoteEnded: boolean;
  /** Reset, answered, or the connection gone: nothing more is written for it. */
  closed: boolean;
  headersSent: boolean;
  sendWindow: number;
  /** Request bytes received since the last WINDOW_UPDATE for this stream. */
  unacknowledged: number;
  /** A response waiting for the client's windows: its DATA from `pendingOffset`, then the trailers block. */
  pending: Buffer | undefined;
  pendingOffset: number;
  pendingTrailers: Buffer | undefined;
}

/** What a connection does with its streams (GrpcServer). */
export interface StreamHandler {
  /** The request headers are in; the handler may answer at once. */
  open(connection: Http2Connection, stream: Stream): void;
  /** The client sent END_STREAM; `body` is the whole request body when the stream kept it. */
  requestEnded(connection: Http2Connection, stream: Stream, body: Buffer): void;
}

/** How a connection writes to its socket and ends it (node:net, node:tls, or Bun's sockets). */
export interface Transport {
  write(data: Buffer): void;
  /** Ends the connection once what was written has been sent. */
  end(): void;
  destroy(): void;
}

/** A 9-byte frame header at `offset` of `target`. */
function writeFrameHeader(target: Buffer, offset: number, length: number, type: number, flags: number, streamId: number): void {
  target[offset] = length >>> 16;
  target[offset + 1] = (length >>> 8) & 0xff;
  target[offset + 2] = length & 0xff;
  target[offset + 3] = type;
  target[offset + 4] = flags;
  target.writeUInt32BE(streamId, offset + 5);
}

/** One whole frame. */
export function frame(type: number, flags: number, streamId: number, payload: Buffer = EMPTY): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  writeFrameHeader(out, 0, payload.length, type, flags, streamId);
  payload.copy(out, FRAME_HEADER_BYTES);
  return out;
}

function uint32Payload(value: number): Buffer {
  const payload = Buffer.allocUnsafe(4);
  payload.writeUInt32BE(value, 0);
  return payload;
}

/** A connection error: GOAWAY with this code, then the connection closes. */
class ConnectionError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const SERVER_PREFACE = Buffer.concat([
  frame(
    FrameType.SETTINGS,
    0,
    0,
    (() => {
      const payload = Buffer.alloc(6);
      payload.writeUInt16BE(Setting.INITIAL_WINDOW_SIZE, 0);
      payload.writeUInt32BE(STREAM_WINDOW, 2);
      return payload;
    })(),
  ),
  frame(FrameType.WINDOW_UPDATE, 0, 0, uint32Payload(CONNECTION_WINDOW - DEFAULT_WINDOW)),
]);
const SETTINGS_ACK = frame(FrameType.SETTINGS, Flag.ACK, 0);

export class Http2Connection {
  private readonly streams = new Map<number, Stream>();
  private readonly decoder = new HpackDecoder();
  private closeListeners: Array<() => void> | undefined;
  private unparsed: Buffer = EMPTY;
  private prefaceReceived = false;
  private settingsReceived = false;
  private isClosed = false;
  private goingAway = false;
  private lastStreamId = 0;
  /** A header block whose CONTINUATION frames are still coming. */
  private headerBlock: { streamId: number; endStream: boolean; fragments: Buffer[]; length: number } | undefined;
  /** Frames written while a chunk is being read go out in one write at its end. */
  private batch: Buffer[] | undefined;
  private receiveWindow = CONNECTION_WINDOW;
  private unacknowledged = 0;
  private buffered = 0;
  private sendWindow = DEFAULT_WINDOW;
  private peerInitialWindow = DEFAULT_WINDOW;
  private peerMaxFrameSize = 16384;
  /** Streams with DATA waiting for a window, oldest first. */
  private readonly blocked = new Set<Stream>();

  constructor(
    private readonly transport: Transport,
    private readonly handler: StreamHandler,
    /** The client's socket (run-host.ts keeps per-launch data on it). */
    readonly socket: object,
  ) {
    transport.write(SERVER_PREFACE);
  }

  /** Whether the connection has closed (or is closing after a GOAWAY). */
  get destroyed(): boolean {
    return this.isClosed;
  }

  /** `once('close', listener)`: runs when the connection has closed. */
  once(_event: 'close', listener: () => void): this {
    if (this.isClosed) queueMicrotask(listener);
    else (this.closeListeners ??= []).push(listener);
    return this;
  }

  destroy(): void {
    this.transport.destroy();
    this.closed();
  }

  /** The socket has closed (or failed): every stream ends here. */
  closed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.blocked.clear();
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const stream of streams) this.closeStream(stream);
    const listeners = this.closeListeners;
    this.closeListeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }

  /** Bytes from the socket. */
  receive(chunk: Buffer): void {
    if (this.isClosed) return;
    let data = this.unparsed.length > 0 ? Buffer.concat([this.unparsed, chunk]) : chunk;
    this.batch = [];
    try {
      let offset = 0;
      if (!this.prefaceReceived) {
        if (data.length < PREFACE.length) {
          if (!PREFACE.subarray(0, data.length).equals(data)) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'not an HTTP/2 client preface');
          this.unparsed = data;
          return;
        }
        if (!PREFACE.equals(data.subarray(0, PREFACE.length))) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'not an HTTP/2 client preface');
        this.prefaceReceived = true;
        offset = PREFACE.length;
      }
      while (data.length - offset >= FRAME_HEADER_BYTES) {
        const length = (data[offset] << 16) | (data[offset + 1] << 8) | data[offset + 2];
        if (length > MAX_FRAME_SIZE) throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, `frame of ${length} bytes`);
        const end = offset + FRAME_HEADER_BYTES + length;
        if (end > data.length) break;
        const type = data[offset + 3];
        const flags = data[offset + 4];
        const streamId = data.readUInt32BE(offset + 5) & 0x7fffffff;
        const payload = data.subarray(offset + FRAME_HEADER_BYTES, end);
        offset = end;
        this.frame(type, flags, streamId, payload);
        if (this.isClosed) return;
      }
      data = data.subarray(offset);
      // What is left is less than a frame: copied, so the chunk it came in can go.
      this.unparsed = data.length === 0 ? EMPTY : Buffer.from(data);
    } catch (error) {
      if (error instanceof ConnectionError) this.goAway(error.code);
      else if (error instanceof HpackError) this.goAway(ErrorCode.COMPRESSION_ERROR);
      else {
        // A handler that threw while a stream opened: this connection ends, the process serves on.
        log('WARN', 'connection ended after an internal error', { error: (error as Error).message });
        this.goAway(ErrorCode.INTERNAL_ERROR);
      }
    } finally {
      const batch = this.batch;
      this.batch = undefined;
      if (batch && batch.length > 0 && !this.isClosed) this.transport.write(batch.length === 1 ? batch[0] : Buffer.concat(batch));
    }
  }

  private write(data: Buffer): void {
    if (this.batch) this.batch.push(data);
    else this.transport.write(data);
  }

  /** Ends the connection with GOAWAY: a protocol error from the client, or our limits. */
  private goAway(code: number): void {
    if (this.isClosed) return;
    const payload = Buffer.alloc(8);
    payload.writeUInt32BE(this.lastStreamId, 0);
    payload.writeUInt32BE(code, 4);
    const pending = this.batch ?? [];
    this.batch = undefined;
    this.transport.write(Buffer.concat([...pending, frame(FrameType.GOAWAY, 0, 0, payload)]));
    this.goingAway = true;
    this.transport.end();
    this.closed();
  }

  private frame(type: number, flags: number, streamId: number, payload: Buffer): void {
    if (this.headerBlock && type !== FrameType.CONTINUATION) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'frame inside a header block');
    if (!this.settingsReceived && type !== FrameType.SETTINGS) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'the preface is not followed by SETTINGS');
    switch (type) {
      case FrameType.DATA:
        return this.data(flags, streamId, payload);
      case FrameType.HEADERS:
        return this.headers(flags, streamId, payload);
      case FrameType.CONTINUATION:
        return this.continuation(flags, streamId, payload);
      case FrameType.PRIORITY:
        if (streamId === 0) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'PRIORITY on stream 0');
        if (payload.length !== 5) this.resetStream(streamId, ErrorCode.FRAME_SIZE_ERROR);
        return;
      case FrameType.RST_STREAM:
        return this.rstStream(streamId, payload);
      case FrameType.SETTINGS:
        return this.settings(flags, streamId, payload);
      case FrameType.PUSH_PROMISE:
        throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'PUSH_PROMISE from a client');
      case FrameType.PING:
        if (streamId !== 0) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'PING on a stream');
        if (payload.length !== 8) throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'PING of the wrong size');
        if ((flags & Flag.ACK) === 0) this.write(frame(FrameType.PING, Flag.ACK, 0, payload));
        return;
      case FrameType.GOAWAY:
        if (streamId !== 0) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'GOAWAY on a stream');
        // The client opens no more streams; those open are answered, then it closes the connection.
        return;
      case FrameType.WINDOW_UPDATE:
        return this.windowUpdate(streamId, payload);
      default:
      // Unknown frame types are ignored (RFC 9113 §4.1).
    }
  }

  private settings(flags: number, streamId: number, payload: Buffer): void {
    if (streamId !== 0) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'SETTINGS on a stream');
    if (flags & Flag.ACK) {
      if (payload.length !== 0) throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'SETTINGS ACK with a payload');
      return;
    }
    if (payload.length % 6 !== 0) throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'SETTINGS of the wrong size');
    this.settingsReceived = true;
    let grown = false;
    for (let offset = 0; offset < payload.length; offset += 6) {
      const id = payload.readUInt16BE(offset);
      const value = payload.readUInt32BE(offset + 2);
      if (id === Setting.ENABLE_PUSH && value > 1) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'ENABLE_PUSH above 1');
      if (id === Setting.INITIAL_WINDOW_SIZE) {
        if (value > MAX_WINDOW) throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, 'INITIAL_WINDOW_SIZE above 2^31-1');
        // A change applies to every open stream's window (RFC 9113 §6.9.2), which may go negative.
        const delta = value - this.peerInitialWindow;
        this.peerInitialWindow = value;
        for (const stream of this.streams.values()) {
          stream.sendWindow += delta;
          if (stream.sendWindow > MAX_WINDOW) throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, 'a stream window above 2^31-1');
        }
        grown ||= delta > 0;
      } else if (id === Setting.MAX_FRAME_SIZE) {
        if (value < 16384 || value > 16777215) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'MAX_FRAME_SIZE out of range');
        this.peerMaxFrameSize = value;
      }
      // HEADER_TABLE_SIZE: our encoder never adds to the client's table, so any size suits it.
      // MAX_CONCURRENT_STREAMS: we open none. Others: not ours, or unknown (ignored).
    }
    this.write(SETTINGS_ACK);
    if (grown) this.flushBlocked();
  }

  private headers(flags: number, streamId: number, payload: Buffer): void {
    if (streamId === 0) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'HEADERS on stream 0');
    let start = 0;
    let end = payload.length;
    if (flags & Flag.PADDED) {
      if (payload.length < 1) throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'padded HEADERS without its pad length');
      start = 1;
      end -= payload[0];
    }
    if (flags & Flag.PRIORITY) start += 5;
    if (end < start) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'HEADERS padding beyond the frame');
    const fragment = payload.subarray(start, end);
    const endStream = (flags & Flag.END_STREAM) !== 0;
    if (flags & Flag.END_HEADERS) this.headerBlockDone(streamId, endStream, fragment);
    else this.headerBlock = { streamId, endStream, fragments: [Buffer.from(fragment)], length: fragment.length };
  }

  private continuation(flags: number, streamId: number, payload: Buffer): void {
    const block = this.headerBlock;
    if (!block || block.streamId !== streamId) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'CONTINUATION without HEADERS');
    block.length += payload.length;
    if (block.length > MAX_HEADER_BLOCK_BYTES) throw new ConnectionError(ErrorCode.ENHANCE_YOUR_CALM, 'header block too large');
    block.fragments.push(Buffer.from(payload));
    if (flags & Flag.END_HEADERS) {
      this.headerBlock = undefined;
      this.headerBlockDone(streamId, block.endStream, Buffer.concat(block.fragments));
    }
  }

  private headerBlockDone(streamId: number, endStream: boolean, block: Buffer): void {
    // Decoded even when the stream is ignored: the dynamic table must follow the client's.
    const fields = this.decoder.decode(block);
    const existing = this.streams.get(streamId);
    if (existing) {
      // A stream the client has ended takes no more frames (RFC 9113 §5.1, half-closed (remote)).
      if (existing.remoteEnded) return this.resetStream(streamId, ErrorCode.STREAM_CLOSED);
      // Trailers from the client end its side of the stream.
      if (!endStream) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'a second HEADERS that does not end the stream');
      this.remoteEnd(existing);
      return;
    }
    if (streamId <= this.lastStreamId) return; // a stream already closed here
    if (streamId % 2 === 0) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'a client stream with an even id');
    this.lastStreamId = streamId;
    if (this.goingAway) return;
    let path = '';
    for (let index = 0; index < fields.length; index += 2) {
      if (fields[index] === ':path') {
        path = fields[index + 1];
        break;
      }
    }
    const stream: Stream = {
      id: streamId,
      path,
      chunks: [],
      keepBody: false,
      route: undefined,
      onClientDone: undefined,
      remoteEnded: endStream,
      closed: false,
      headersSent: false,
      sendWindow: this.peerInitialWindow,
      unacknowledged: 0,
      pending: undefined,
      pendingOffset: 0,
      pendingTrailers: undefined,
    };
    this.streams.set(streamId, stream);
    this.handler.open(this, stream);
    if (endStream && !stream.closed) this.remoteEnd(stream);
  }

  private data(flags: number, streamId: number, payload: Buffer): void {
    if (streamId === 0) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'DATA on stream 0');
    // The whole payload, padding included, counts against the windows (RFC 9113 §6.1).
    const length = payload.length;
    this.receiveWindow -= length;
    if (this.receiveWindow < 0) throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, 'DATA beyond the connection window');
    this.unacknowledged += length;
    if (this.unacknowledged >= CONNECTION_WINDOW / 2) {
      this.write(frame(FrameType.WINDOW_UPDATE, 0, 0, uint32Payload(this.unacknowledged)));
      this.receiveWindow += this.unacknowledged;
      this.unacknowledged = 0;
    }
    let start = 0;
    let end = length;
    if (flags & Flag.PADDED) {
      if (length < 1) throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'padded DATA without its pad length');
      start = 1;
      end -= payload[0];
      if (end < start) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'DATA padding beyond the frame');
    }
    const stream = this.streams.get(streamId);
    if (!stream) {
      if (streamId > this.lastStreamId) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'DATA on an idle stream');
      return; // a stream answered or reset: its data is dropped
    }
    if (stream.remoteEnded) {
      this.resetStream(streamId, ErrorCode.STREAM_CLOSED);
      return;
    }
    if (stream.keepBody && end > start) {
      this.buffered += end - start;
      if (this.buffered > MAX_BUFFERED_BYTES) throw new ConnectionError(ErrorCode.ENHANCE_YOUR_CALM, 'too much request data held');
      // A copy: a socket chunk holds many frames, and the request may outlive it.
      stream.chunks.push(Buffer.from(payload.subarray(start, end)));
    }
    if (flags & Flag.END_STREAM) {
      this.remoteEnd(stream);
      return;
    }
    stream.unacknowledged += length;
    if (stream.unacknowledged > STREAM_WINDOW) {
      this.resetStream(streamId, ErrorCode.FLOW_CONTROL_ERROR);
      return;
    }
    if (stream.unacknowledged >= STREAM_WINDOW / 2) {
      this.write(frame(FrameType.WINDOW_UPDATE, 0, streamId, uint32Payload(stream.unacknowledged)));
      stream.unacknowledged = 0;
    }
  }

  private remoteEnd(stream: Stream): void {
    stream.remoteEnded = true;
    const chunks = stream.chunks;
    stream.chunks = [];
    let body = EMPTY;
    if (chunks.length > 0) {
      body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      this.buffered -= body.length;
    }
    this.handler.requestEnded(this, stream, body);
    this.clientDone(stream);
  }

  private clientDone(stream: Stream): void {
    const callback = stream.onClientDone;
    stream.onClientDone = undefined;
    if (callback) callback();
  }

  private rstStream(streamId: number, payload: Buffer): void {
    if (streamId === 0) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'RST_STREAM on stream 0');
    if (payload.length !== 4) throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'RST_STREAM of the wrong size');
    if (streamId > this.lastStreamId) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'RST_STREAM on an idle stream');
    const stream = this.streams.get(streamId);
    if (!stream) return;
    // A cancelled call: whatever its handler returns is dropped.
    this.streams.delete(streamId);
    this.closeStream(stream);
  }

  private windowUpdate(streamId: number, payload: Buffer): void {
    if (payload.length !== 4) throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'WINDOW_UPDATE of the wrong size');
    const increment = payload.readUInt32BE(0) & 0x7fffffff;
    if (streamId === 0) {
      if (increment === 0) throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, 'WINDOW_UPDATE of 0');
      this.sendWindow += increment;
      if (this.sendWindow > MAX_WINDOW) throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, 'connection window above 2^31-1');
    } else {
      const stream = this.streams.get(streamId);
      if (!stream) return;
      if (increment === 0) return this.resetStream(streamId, ErrorCode.PROTOCOL_ERROR);
      stream.sendWindow += increment;
      if (stream.sendWindow > MAX_WINDOW) return this.resetStream(streamId, ErrorCode.FLOW_CONTROL_ERROR);
    }
    this.flushBlocked();
  }

  /** A stream error: RST_STREAM, and the stream is gone. */
  private resetStream(streamId: number, code: number): void {
    this.write(frame(FrameType.RST_STREAM, 0, streamId, uint32Payload(code)));
    const stream = this.streams.get(streamId);
    if (!stream) return;
    this.streams.delete(streamId);
    this.closeStream(stream);
  }

  /** The stream is over (the caller has taken it out of `streams`). */
  private closeStream(stream: Stream): void {
    if (stream.closed) return;
    stream.closed = true;
    this.blocked.delete(stream);
    stream.pending = undefined;
    stream.pendingTrailers = undefined;
    for (const chunk of stream.chunks) this.buffered -= chunk.length;
    stream.chunks = [];
    this.clientDone(stream);
  }

  /** Our side of the stream has ended (trailers sent): a client still sending is told to stop. */
  private finished(stream: Stream, out: Buffer[]): void {
    this.streams.delete(stream.id);
    if (!stream.remoteEnded) out.push(frame(FrameType.RST_STREAM, 0, stream.id, uint32Payload(ErrorCode.NO_ERROR)));
    this.closeStream(stream);
  }

  /** The response headers alone (a streaming call's; its trailers follow at `end`). */
  sendHeaders(stream: Stream, block: Buffer): void {
    if (stream.closed || this.isClosed || stream.headersSent) return;
    stream.headersSent = true;
    this.write(this.headerFrames(stream.id, block, false));
  }

  /** A header block that ends the stream: a streaming call's trailers, or a trailers-only response. */
  end(stream: Stream, block: Buffer): void {
    if (stream.closed || this.isClosed) return;
    stream.headersSent = true;
    const out = [this.headerFrames(stream.id, block, true)];
    this.finished(stream, out);
    this.write(out.length === 1 ? out[0] : Buffer.concat(out));
  }

  /** A whole response: `headers` (unless sent already), `data`, then `trailers` ending the stream. */
  respond(stream: Stream, headers: Buffer | undefined, data: Buffer, trailers: Buffer): void {
    if (stream.closed || this.isClosed) return;
    const length = data.length;
    const headerBlock = stream.headersSent ? undefined : headers;
    stream.headersSent = true;
    if (
      length <= this.peerMaxFrameSize &&
      length <= stream.sendWindow &&
      length <= this.sendWindow &&
      (headerBlock?.length ?? 0) <= this.peerMaxFrameSize &&
      trailers.length <= this.peerMaxFrameSize &&
      stream.remoteEnded
    ) {
      // The usual case: one buffer, three frames.
      const headerBytes = headerBlock ? FRAME_HEADER_BYTES + headerBlock.length : 0;
      const out = Buffer.allocUnsafe(headerBytes + (length > 0 ? FRAME_HEADER_BYTES + length : 0) + FRAME_HEADER_BYTES + trailers.length);
      let offset = 0;
      if (headerBlock) {
        writeFrameHeader(out, 0, headerBlock.length, FrameType.HEADERS, Flag.END_HEADERS, stream.id);
        headerBlock.copy(out, FRAME_HEADER_BYTES);
        offset = headerBytes;
      }
      if (length > 0) {
        writeFrameHeader(out, offset, length, FrameType.DATA, 0, stream.id);
        data.copy(out, offset + FRAME_HEADER_BYTES);
        offset += FRAME_HEADER_BYTES + length;
        stream.sendWindow -= length;
        this.sendWindow -= length;
      }
      writeFrameHeader(out, offset, trailers.length, FrameType.HEADERS, Flag.END_HEADERS | Flag.END_STREAM, stream.id);
      trailers.copy(out, offset + FRAME_HEADER_BYTES);
      this.streams.delete(stream.id);
      this.closeStream(stream);
      this.write(out);
      return;
    }
    const out: Buffer[] = headerBlock ? [this.headerFrames(stream.id, headerBlock, false)] : [];
    stream.pending = data;
    stream.pendingOffset = 0;
    stream.pendingTrailers = trailers;
    this.sendPending(stream, out);
    this.write(out.length === 1 ? out[0] : Buffer.concat(out));
  }

  /** DATA of `stream` as far as the windows allow, then its trailers when all is sent. */
  private sendPending(stream: Stream, out: Buffer[]): void {
    const data = stream.pending!;
    while (stream.pendingOffset < data.length) {
      const size = Math.min(data.length - stream.pendingOffset, stream.sendWindow, this.sendWindow, this.peerMaxFrameSize);
      if (size <= 0) {
        this.blocked.add(stream);
        return;
      }
      const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
      writeFrameHeader(header, 0, size, FrameType.DATA, 0, stream.id);
      out.push(header, data.subarray(stream.pendingOffset, stream.pendingOffset + size));
      stream.pendingOffset += size;
      stream.sendWindow -= size;
      this.sendWindow -= size;
    }
    this.blocked.delete(stream);
    out.push(this.headerFrames(stream.id, stream.pendingTrailers!, true));
    this.finished(stream, out);
  }

  /** Sends what the windows now allow of the streams waiting for them. */
  private flushBlocked(): void {
    if (this.blocked.size === 0 || this.isClosed) return;
    const out: Buffer[] = [];
    for (const stream of [...this.blocked]) {
      if (this.sendWindow <= 0) break;
      if (stream.sendWindow > 0) this.sendPending(stream, out);
    }
    if (out.length > 0) this.write(Buffer.concat(out));
  }

  /** A header block as HEADERS and, beyond the client's frame size, CONTINUATION frames. */
  private headerFrames(streamId: number, block: Buffer, endStream: boolean): Buffer {
    const endFlag = endStream ? Flag.END_STREAM : 0;
    if (block.length <= this.peerMaxFrameSize) {
      const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + block.length);
      writeFrameHeader(out, 0, block.length, FrameType.HEADERS, Flag.END_HEADERS | endFlag, streamId);
      block.copy(out, FRAME_HEADER_BYTES);
      return out;
    }
    const frames: Buffer[] = [];
    for (let offset = 0; offset < block.length; offset += this.peerMaxFrameSize) {
      const piece = block.subarray(offset, offset + this.peerMaxFrameSize);
      const last = offset + this.peerMaxFrameSize >= block.length;
      const type = offset === 0 ? FrameType.HEADERS : FrameType.CONTINUATION;
      frames.push(frame(type, (offset === 0 ? endFlag : 0) | (last ? Flag.END_HEADERS : 0), streamId, piece));
    }
    return Buffer.concat(frames);
  }
}
