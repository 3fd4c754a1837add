import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from './clock';
import { FaultInjector, parseFaultConfig, type FaultKind } from './faults';

/*
 * The plumbing both emulators share: one node:http server bound to 127.0.0.1, the request
 * log, fault injection, and the admin endpoints every emulator has. The vendor behaviour
 * (routes, auth, validation, error formats) lives in the hooks each emulator supplies.
 *
 * Admin side-channel (no authentication; it exists for tests and is never faulted, limited
 * or logged):
 *   GET    /__admin/requests   [{method, path, status, at, fault?, store?}] for each API call since
 *                               reset; `?store=ID` keeps the calls of one store (emulators with stores)
 *   POST   /__admin/faults     {"rate", "kinds", "latencyMs", "seed", "retryAfterSeconds"?}
 *   DELETE /__admin/faults     stop injecting faults (as does {"rate": 0})
 *   POST   /__admin/reset      clear the log, faults and limits; restore the seed state
 * plus the emulator-specific routes its hooks answer (integrations, rate-limit, tokens).
 */

export interface EmulatorRequest {
  method: string;
  /** Decoded-as-sent pathname, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised when present; absent means an empty body. */
  body?: unknown;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** null when the connection was dropped without an answer. */
  status: number | null;
  at: string;
  fault?: FaultKind | 'rate-limit';
  /** The store the call addressed, for emulators that partition their data by store. */
  store?: string;
}

export interface EmulatorHooks {
  /** Answers one vendor API call (token endpoints included). */
  handleApi(request: EmulatorRequest): Promise<EmulatorResponse> | EmulatorResponse;
  /** An error answer in the vendor's own format, for injected faults, rate limits and crashes. */
  errorResponse(request: EmulatorRequest, status: 429 | 500 | 503, retryAfterSeconds?: number): EmulatorResponse;
  /** Seconds to wait when this request exceeds the configured rate limit, else undefined. */
  checkRateLimit(request: EmulatorRequest): number | undefined;
  /** Emulator-specific admin routes; `subpath` is the path after `/__admin`. Undefined means no such route. */
  handleAdmin(request: EmulatorRequest, subpath: string): EmulatorResponse | Promise<EmulatorResponse | undefined> | undefined;
  /** Restores the seed state and drops limits and tokens. */
  reset(): void;
  /** The store an API call addresses, when the emulator partitions its data by store. */
  storeOf?(request: EmulatorRequest): string;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** Keeps a long-running `emulate` process from growing without bound. */
const MAX_LOG_ENTRIES = 10_000;
/** Query parameters whose values never enter the request log. */
const SECRET_QUERY_KEY = /secret|token|password|key|auth|signature/i;

export class EmulatorHttpServer {
  private readonly server: http.Server;
  private readonly requestLog: RequestLogEntry[] = [];
  private readonly faults = new FaultInjector();
  private baseUrl = '';

  constructor(
    private readonly hooks: EmulatorHooks,
    private readonly clock: Clock,
  ) {
    this.server = http.createServer((req, res) => {
      this.dispatch(req, res).catch(() => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'emulator failure' }));
        } else {
          res.destroy();
        }
      });
    });
    // Node's default keep-alive timeout (5 s) would hold jest open after close().
    this.server.keepAliveTimeout = 1000;
  }

  get url(): string {
    return this.baseUrl;
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${address.port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Clears the request log and faults; the hooks restore their own state. */
  reset(): void {
    this.requestLog.length = 0;
    this.faults.configure(undefined);
    this.hooks.reset();
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const request = await readRequest(req);
    if (request === 'too-large') {
      sendResponse(res, { status: 413, body: { error: 'request body larger than 1 MiB' } });
      return;
    }
    if (request.path === '/__admin' || request.path.startsWith('/__admin/')) {
      sendResponse(res, await this.handleAdmin(request));
      return;
    }
    await this.handleApiCall(request, res);
  }

  private async handleApiCall(request: EmulatorRequest, res: http.ServerResponse): Promise<void> {
    const entry: RequestLogEntry = {
      method: request.method,
      path: loggablePath(request),
      status: null,
      at: new Date(this.clock()).toISOString(),
    };
    const store = this.hooks.storeOf?.(request);
    if (store !== undefined) entry.store = store;
    this.record(entry);

    const fault = this.faults.next();
    if (fault) entry.fault = fault;
    const config = this.faults.current;

    if (fault === 'reset-before') {
      res.socket?.destroy();
      return;
    }
    if (fault === '429' || fault === '500' || fault === '503') {
      const status = Number(fault) as 429 | 500 | 503;
      const answer = this.hooks.errorResponse(request, status, status === 429 ? config?.retryAfterSeconds : undefined);
      entry.status = answer.status;
      sendResponse(res, answer);
      return;
    }
    if (fault === 'latency' && config) await delay(config.latencyMs);

    const waitSeconds = this.hooks.checkRateLimit(request);
    if (waitSeconds !== undefined) {
      const answer = this.hooks.errorResponse(request, 429, waitSeconds);
      entry.status = answer.status;
      entry.fault = 'rate-limit';
      sendResponse(res, answer);
      return;
    }

    let answer: EmulatorResponse;
    try {
      answer = await this.hooks.handleApi(request);
    } catch {
      // Never echo the exception: it may quote a request body that holds secrets.
      answer = this.hooks.errorResponse(request, 500);
    }
    if (fault === 'reset-after') {
      // The write is committed; the client just never hears about it.
      res.socket?.destroy();
      return;
    }
    entry.status = answer.status;
    sendResponse(res, answer);
  }

  private record(entry: RequestLogEntry): void {
    this.requestLog.push(entry);
    if (this.requestLog.length > MAX_LOG_ENTRIES) this.requestLog.shift();
  }

  private async handleAdmin(request: EmulatorRequest): Promise<EmulatorResponse> {
    const subpath = request.path.slice('/__admin'.length).replace(/\/+$/, '') || '/';
    const route = `${request.method} ${subpath}`;
    switch (route) {
      case 'GET /requests': {
        const store = request.query.get('store');
        const entries = store === null ? this.requestLog : this.requestLog.filter((entry) => entry.store === store);
        return { status: 200, body: entries.map((entry) => ({ ...entry })) };
      }
      case 'POST /faults': {
        const parsed = parseJsonBody(request);
        if (parsed.error) return adminError(400, parsed.error);
        const config = parseFaultConfig(parsed.value);
        if (typeof config === 'string') return adminError(400, config);
        this.faults.configure(config);
        return { status: 200, body: { faults: this.faults.current ?? null } };
      }
      case 'DELETE /faults':
        this.faults.configure(undefined);
        return { status: 204 };
      case 'POST /reset':
        this.reset();
        return { status: 204 };
      default:
        return (await this.hooks.handleAdmin(request, subpath)) ?? adminError(404, `no admin route ${route}`);
    }
  }
}

export function adminError(status: number, message: string): EmulatorResponse {
  return { status, body: { error: message } };
}

export function parseJsonBody(request: EmulatorRequest): { value?: unknown; error?: string } {
  if (request.body.length === 0) return { error: 'request body is empty; expected JSON' };
  try {
    return { value: JSON.parse(request.body.toString('utf8')) as unknown };
  } catch {
    return { error: 'request body is not valid JSON' };
  }
}

export function parseFormBody(request: EmulatorRequest): URLSearchParams {
  return new URLSearchParams(request.body.toString('utf8'));
}

/** Splits `Authorization: Basic ...` into user and password, or undefined when absent or malformed. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function parseBearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function loggablePath(request: EmulatorRequest): string {
  if ([...request.query.keys()].length === 0) return request.path;
  const safe = new URLSearchParams();
  for (const [key, value] of request.query) safe.append(key, SECRET_QUERY_KEY.test(key) ? 'REDACTED' : value);
  return `${request.path}?${safe.toString()}`;
}

async function readRequest(req: http.IncomingMessage): Promise<EmulatorRequest | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
}

function sendResponse(res: http.ServerResponse, answer: EmulatorResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(answer.body), 'utf8');
  headers['content-type'] ??= 'application/json';
  headers['content-length'] = String(payload.length);
  res.writeHead(answer.status, headers);
  res.end(payload);
}

/** Unref'd: a long injected latency must not keep a process alive whose server has closed. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
