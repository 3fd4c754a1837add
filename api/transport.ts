import axios, { type AxiosInstance } from 'axios';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute URL including the query string. */
  url: string;
  headers: Record<string, string>;
  /** Already serialized body. */
  body?: string;
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

/**
 * A failure below HTTP: no response arrived. `requestSent` says whether the request had
 * been completely written to the socket, which decides whether a create may have been
 * applied by the server.
 */
export class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly requestSent: boolean,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** The one thing the request sender needs from an HTTP library. */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
}

/**
 * The default transport, over axios. Redirects are not followed (the APIs do not
 * redirect, and following one could forward credentials), bodies are passed through
 * untouched, and every status is returned so the sender maps errors in one place.
 * axios's own environment-proxy handling is off (it does not tunnel HTTPS through
 * CONNECT); to use a proxy, pass an instance whose httpAgent/httpsAgent is a proxy agent.
 */
export function createAxiosTransport(instance: AxiosInstance = axios.create()): Transport {
  return {
    async send(request) {
      try {
        const response = await instance.request<string>({
          method: request.method,
          url: request.url,
          headers: request.headers,
          data: request.body,
          timeout: request.timeoutMs,
          maxRedirects: 0,
          responseType: 'text',
          transformRequest: [(data: unknown) => data],
          transformResponse: [(data: unknown) => data],
          validateStatus: () => true,
          proxy: false,
        });
        return {
          status: response.status,
          headers: lowerCaseHeaders(plainHeaders(response.headers)),
          body: typeof response.data === 'string' ? response.data : response.data == null ? '' : String(response.data),
        };
      } catch (err) {
        throw toTransportError(err);
      }
    },
  };
}

function toTransportError(err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as { code?: string; message?: string; request?: { writableFinished?: boolean }; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? 'UNKNOWN';
  // axios reports a timeout as ECONNABORTED; ETIMEDOUT is clearer and is what the retry policy expects.
  const normalized = code === 'ECONNABORTED' && /timeout/i.test(e.message ?? '') ? 'ETIMEDOUT' : code;
  // The Node ClientRequest finishes writing only once the whole request reached the socket.
  const requestSent = e.request?.writableFinished === true;
  return new TransportError(normalized, e.message ?? String(err), requestSent);
}

function plainHeaders(headers: unknown): Record<string, unknown> {
  const withJson = headers as { toJSON?: () => Record<string, unknown> } | undefined;
  if (withJson && typeof withJson.toJSON === 'function') return withJson.toJSON();
  return (headers ?? {}) as Record<string, unknown>;
}

function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
