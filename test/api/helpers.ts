import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../api/clock';
import { TransportError, type Transport, type TransportRequest, type TransportResponse } from '../../api/transport';

/** A clock whose sleeps return at once and move time forward; every sleep is recorded. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public time = Date.UTC(2025, 0, 1)) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Returns the given numbers in turn, then repeats the last one. */
export function sequenceRandom(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: RecordedRequest, res: ServerResponse, raw: IncomingMessage) => unknown;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1, port 0, that records every request before handing it on. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: raw.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: raw.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res, raw)).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

export type ScriptStep =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { networkError: string; requestSent: boolean };

/** A transport that answers from a script and records what it was asked. */
export class ScriptedTransport implements Transport {
  readonly sent: TransportRequest[] = [];
  constructor(private readonly steps: ScriptStep[], private readonly fallback?: ScriptStep) {}

  async send(request: TransportRequest): Promise<TransportResponse> {
    this.sent.push(request);
    const step = this.steps.shift() ?? this.fallback;
    if (!step) throw new Error(`no scripted answer for ${request.method} ${request.url}`);
    if ('networkError' in step) throw new TransportError(step.networkError, `simulated ${step.networkError}`, step.requestSent);
    return {
      status: step.status,
      headers: { 'content-type': 'application/json', ...(step.headers ?? {}) },
      body: step.body === undefined ? '' : typeof step.body === 'string' ? step.body : JSON.stringify(step.body),
    };
  }
}

/**
 * A clock for several concurrent callers: sleeps wait on a timer queue, and run() moves time
 * from timer to timer, letting the woken callers go on before the next one fires. No real waiting.
 */
export class SimulatedClock implements Clock {
  private readonly timers: Array<{ at: number; order: number; wake: () => void }> = [];
  private order = 0;
  constructor(public time = Date.UTC(2025, 0, 1)) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.timers.push({ at: this.time + Math.max(0, ms), order: this.order++, wake });
    });
  }

  /** Fires timers in time order until none is left before `untilMs` from now (or none at all). */
  async run(untilMs: number): Promise<void> {
    const end = this.time + untilMs;
    await settle();
    while (this.timers.length > 0) {
      this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.timers[0]!;
      if (next.at > end) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.wake();
      await settle();
    }
    this.time = Math.max(this.time, end);
  }
}

/** Lets every callback already queued (promise chains included) run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
