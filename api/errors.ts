import { STATUS_CODES } from 'node:http';
import { redactSecrets } from './redact';

/** One problem reported by an API, normalized from any of the vendors' error formats. */
export interface ApiProblem {
  /** The status the item itself carries (vendors send it as a number or a string). */
  status?: number;
  title: string;
  detail: string;
  /** JSON pointer into the request document, e.g. /data/configuration/url. */
  pointer?: string;
  code?: string;
}

export interface ApiErrorInit {
  status: number;
  title: string;
  detail: string;
  pointer?: string;
  code?: string;
  requestId?: string;
  method: string;
  /** Request path without the query string. */
  path: string;
  problems?: ApiProblem[];
  /** Parsed response body, kept for debugging; never part of the message. */
  responseBody?: unknown;
  retryAfterMs?: number;
  /** Which attempt produced this error (1-based). */
  attempt?: number;
  /** True when an earlier attempt of the same call failed with an unknown outcome. */
  followsUnknownOutcome?: boolean;
}

/**
 * Base class of every error the API clients throw. The message has the shape
 * "<METHOD> <path> failed with <status> <title>: <detail> (at <pointer>)"
 * and is built only from the method, the path without its query string, and the
 * server's error text with known secret values removed.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly pointer?: string;
  readonly code?: string;
  readonly requestId?: string;
  readonly method: string;
  readonly path: string;
  /** Every problem the server listed; the first one also fills title/detail/pointer/code. */
  readonly problems: ApiProblem[];
  readonly retryAfterMs?: number;
  readonly attempt?: number;
  readonly followsUnknownOutcome: boolean;
  /** Not enumerable, so that printing the error does not dump the body. */
  declare readonly responseBody?: unknown;

  constructor(init: ApiErrorInit, message?: string) {
    super(message ?? formatApiErrorMessage(init));
    this.name = new.target.name;
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    if (init.pointer !== undefined) this.pointer = init.pointer;
    if (init.code !== undefined) this.code = init.code;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
    this.problems = init.problems ?? [];
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.attempt !== undefined) this.attempt = init.attempt;
    this.followsUnknownOutcome = init.followsUnknownOutcome ?? false;
    Object.defineProperty(this, 'responseBody', { value: init.responseBody, enumerable: false });
  }
}

export class NotFoundError extends ApiError {}
/** 401 or 403: wrong credentials, expired token, or missing permission. */
export class AuthenticationError extends ApiError {}
/** 400 or 422: the server rejected the request document. */
export class ValidationError extends ApiError {}
export class RateLimitError extends ApiError {}
export class ServerError extends ApiError {}

/** The server could not be reached, or the connection failed before a response arrived. */
export class ConnectionError extends ApiError {
  /** Node's error code, e.g. ECONNREFUSED, ECONNRESET, ETIMEDOUT. */
  readonly errorCode: string;
  /** Whether the request had been fully written to the socket when the failure happened. */
  readonly requestSent: boolean;

  constructor(init: ApiErrorInit & { errorCode: string; requestSent: boolean }) {
    super(init, `${init.method} ${init.path} failed: connection error ${init.errorCode}: ${init.detail}`);
    this.errorCode = init.errorCode;
    this.requestSent = init.requestSent;
  }
}

/**
 * A non-idempotent request (a create) may or may not have been applied: the request
 * was sent, but the response was lost (timeout, connection reset) or the server failed
 * in a way that does not say whether it committed. It is never re-sent blindly; the
 * caller must look for the object first.
 */
export class OutcomeUnknownError extends ApiError {
  /** The failure that made the outcome unknown. */
  readonly cause: ApiError;

  constructor(cause: ApiError) {
    super(
      {
        status: cause.status,
        title: 'Outcome Unknown',
        detail: cause.detail,
        method: cause.method,
        path: cause.path,
        ...(cause.requestId !== undefined ? { requestId: cause.requestId } : {}),
        ...(cause.attempt !== undefined ? { attempt: cause.attempt } : {}),
      },
      `${cause.method} ${cause.path}: outcome unknown, the request may have been applied ` +
        `and was not re-sent (${cause.message})`,
    );
    this.cause = cause;
  }
}

/**
 * The server kept refusing a request for its rate (429, or 503 with Retry-After) for longer
 * than the client waits (RetryPolicy.maxRateLimitWaitMs), or asked to wait beyond it.
 */
export class RateLimitTimeoutError extends ApiError {
  /** The last refusal. */
  readonly cause: ApiError;
  /** From the request's first refusal to giving up. */
  readonly rateLimitedMs: number;
  readonly maxWaitMs: number;
  readonly refusals: number;

  constructor(cause: ApiError, details: { rateLimitedMs: number; maxWaitMs: number; refusals: number; retryAfterMs?: number }) {
    const limited = seconds(details.rateLimitedMs);
    const answers = `${details.refusals} ${details.refusals === 1 ? 'answer' : 'answers'} ${cause.status} ${cause.title}`;
    const why =
      details.retryAfterMs !== undefined && details.rateLimitedMs < details.maxWaitMs
        ? `the server stayed rate-limited for ${limited} and asked to wait ${seconds(details.retryAfterMs)} more, ` +
          `past the ${seconds(details.maxWaitMs)} this client waits`
        : `the server stayed rate-limited for ${limited}, the longest this client waits`;
    super(
      {
        status: cause.status,
        title: cause.title,
        detail: cause.detail,
        method: cause.method,
        path: cause.path,
        ...(cause.requestId !== undefined ? { requestId: cause.requestId } : {}),
        ...(cause.attempt !== undefined ? { attempt: cause.attempt } : {}),
        ...(details.retryAfterMs !== undefined ? { retryAfterMs: details.retryAfterMs } : {}),
      },
      `${cause.method} ${cause.path}: ${why} (${answers}${cause.detail ? `: ${cause.detail}` : ''})`,
    );
    this.cause = cause;
    this.rateLimitedMs = details.rateLimitedMs;
    this.maxWaitMs = details.maxWaitMs;
    this.refusals = details.refusals;
  }
}

function seconds(ms: number): string {
  const whole = Math.round(ms / 1000);
  return whole >= 120 && whole % 60 === 0 ? `${whole / 60} min` : `${whole} s`;
}

/** Thrown before any request when a caller asks for something the API version cannot do. */
export class UnsupportedFieldError extends Error {
  constructor(
    readonly field: string,
    readonly apiVersion: string,
    hint: string,
  ) {
    super(`${field} is not supported by the Sendcloud ${apiVersion} API: ${hint}`);
    this.name = 'UnsupportedFieldError';
  }
}

export function isNotFound(err: unknown): err is NotFoundError {
  return err instanceof NotFoundError;
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

export function formatApiErrorMessage(init: Pick<ApiErrorInit, 'method' | 'path' | 'status' | 'title' | 'detail' | 'pointer' | 'problems'>): string {
  let message = `${init.method} ${init.path} failed with ${init.status} ${init.title}`;
  if (init.detail) message += `: ${init.detail}`;
  if (init.pointer) message += ` (at ${init.pointer})`;
  const others = (init.problems ?? []).slice(1);
  if (others.length > 0) {
    message += `; also: ${others.map(formatProblem).join('; ')}`;
  }
  return message;
}

function formatProblem(problem: ApiProblem): string {
  let text = problem.title;
  if (problem.detail) text += `: ${problem.detail}`;
  if (problem.pointer) text += ` (at ${problem.pointer})`;
  return text;
}

export interface ErrorResponse {
  status: number;
  /** Parsed JSON body, or the raw text when it was not JSON, or undefined when empty. */
  body: unknown;
  headers?: Record<string, string>;
  method: string;
  path: string;
  /** Values that must not appear in the error: credentials, secret fields of the request. */
  secrets?: readonly string[];
  retryAfterMs?: number;
  attempt?: number;
  followsUnknownOutcome?: boolean;
}

/** The one factory that turns an HTTP error response into the right ApiError subclass. */
export function createApiError(response: ErrorResponse): ApiError {
  const secrets = response.secrets ?? [];
  const clean = (text: string) => redactSecrets(text, secrets);
  const problems = parseProblems(response.body).map((p) => ({
    ...p,
    title: clean(p.title),
    detail: clean(p.detail),
    ...(p.pointer !== undefined ? { pointer: clean(p.pointer) } : {}),
  }));
  const first = problems[0];
  const statusText = STATUS_CODES[response.status] ?? 'Error';
  const init: ApiErrorInit = {
    status: response.status,
    title: first?.title || statusText,
    detail: first?.detail ?? '',
    method: response.method,
    path: response.path,
    problems,
    responseBody: response.body,
    ...(first?.pointer !== undefined ? { pointer: first.pointer } : {}),
    ...(first?.code !== undefined ? { code: first.code } : {}),
    ...requestIdFrom(response.headers),
    ...(response.retryAfterMs !== undefined ? { retryAfterMs: response.retryAfterMs } : {}),
    ...(response.attempt !== undefined ? { attempt: response.attempt } : {}),
    ...(response.followsUnknownOutcome ? { followsUnknownOutcome: true } : {}),
  };
  const ErrorClass = errorClassFor(response.status);
  return new ErrorClass(init);
}

export function errorClassFor(status: number): new (init: ApiErrorInit) => ApiError {
  if (status === 404) return NotFoundError;
  if (status === 401 || status === 403) return AuthenticationError;
  if (status === 400 || status === 422) return ValidationError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  return ApiError;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid', 'x-correlation-id'];

function requestIdFrom(headers: Record<string, string> | undefined): { requestId?: string } {
  if (!headers) return {};
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name];
    if (value) return { requestId: value };
  }
  return {};
}

/** Longest server text we copy into a message; HTML error pages can be huge. */
const MAX_TEXT = 300;

/**
 * Reads the error formats seen in the specs:
 * - JSON:API `{"errors":[{status,title,detail,code,source:{pointer}}]}` (Elastic Path, Sendcloud v3),
 *   with `status` as number or string and `errors` possibly a single object (Sendcloud v3 quirk)
 *   or a field->messages map;
 * - Sendcloud v2 `{"error":{"code","request","message"}}`;
 * - OAuth2 `{"error":"invalid_client","error_description":"..."}`;
 * - `{"detail": "..."}` / `{"message": "..."}`, plain text, or an empty body.
 */
export function parseProblems(body: unknown): ApiProblem[] {
  if (body === undefined || body === null || body === '') return [];
  if (typeof body === 'string') {
    const text = body.trim();
    return text ? [{ title: '', detail: truncate(text) }] : [];
  }
  if (typeof body !== 'object') return [];
  const record = body as Record<string, unknown>;

  if (Array.isArray(record.errors)) {
    return record.errors.filter(isObject).map(problemFromJsonApi);
  }
  if (isObject(record.errors)) {
    const errors = record.errors;
    if (['title', 'detail', 'status', 'code'].some((k) => k in errors)) {
      return [problemFromJsonApi(errors)];
    }
    return problemsFromFieldMap(errors);
  }
  if (isObject(record.error)) {
    const error = record.error;
    const status = toStatus(error.code);
    return [
      {
        ...(status !== undefined ? { status } : {}),
        title: '',
        detail: textOf(error.message),
      },
    ];
  }
  if (typeof record.error === 'string') {
    return [{ title: record.error, detail: textOf(record.error_description) }];
  }
  if (typeof record.detail === 'string' || typeof record.message === 'string') {
    return [{ title: textOf(record.title), detail: textOf(record.detail ?? record.message) }];
  }
  return [];
}

function problemFromJsonApi(item: Record<string, unknown>): ApiProblem {
  const status = toStatus(item.status);
  const pointer = pointerFrom(item.source);
  const problem: ApiProblem = { title: textOf(item.title), detail: textOf(item.detail) };
  if (status !== undefined) problem.status = status;
  if (pointer !== undefined) problem.pointer = pointer;
  if (typeof item.code === 'string' && item.code) problem.code = item.code;
  else if (typeof item.code === 'number') problem.code = String(item.code);
  return problem;
}

/** `{"shop_url": ["Enter a valid URL."]}`, the shape Django REST framework uses. */
function problemsFromFieldMap(map: Record<string, unknown>): ApiProblem[] {
  return Object.entries(map).map(([field, messages]) => ({
    title: 'Invalid',
    detail: Array.isArray(messages) ? messages.map(textOf).join(' ') : textOf(messages),
    pointer: toPointer(field),
  }));
}

function pointerFrom(source: unknown): string | undefined {
  if (typeof source === 'string' && source) return toPointer(source);
  if (!isObject(source)) return undefined;
  if (typeof source.pointer === 'string' && source.pointer) return toPointer(source.pointer);
  if (typeof source.parameter === 'string' && source.parameter) return source.parameter;
  if (typeof source.header === 'string' && source.header) return source.header;
  return undefined;
}

/**
 * Normalizes "data.configuration.url" or "body/unknown_field" (both seen in vendor
 * answers) into a JSON pointer. Strings that already are pointers pass unchanged.
 */
export function toPointer(location: string): string {
  if (location.startsWith('/')) return location;
  return '/' + location.split(/[./]/).filter(Boolean).join('/');
}

function toStatus(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{3}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return truncate(value.trim());
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return truncate(JSON.stringify(value));
}

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}...` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
