import { systemClock, type Clock, type RandomSource } from './clock';
import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  OutcomeUnknownError,
  RateLimitTimeoutError,
  createApiError,
} from './errors';
import type { RateBudget } from './rate-limit';
import { redactSecrets } from './redact';
import {
  DEFAULT_RETRY_POLICY,
  MAX_CREDENTIAL_RENEWALS,
  isRateRefusal,
  mayHaveBeenApplied,
  parseRetryAfter,
  planRefusalRetry,
  planRetry,
  shouldRenewCredentials,
  type AttemptFailure,
  type RetryPolicy,
} from './retry';
import { TransportError, createAxiosTransport, type HttpMethod, type Transport, type TransportResponse } from './transport';

export const DEFAULT_TIMEOUT_MS = 30_000;
const USER_AGENT = 'cdktf-commerce-integrations';

/** Supplies credentials for requests, and a way to renew them after a 401. */
export interface AuthProvider {
  headers(): Promise<Record<string, string>>;
  /**
   * Called when a request with `rejected` headers answered 401 and may renew them (see
   * shouldRenewCredentials). Returns true when new credentials were obtained and the request
   * is worth sending again.
   */
  refresh?(rejected: Record<string, string>): Promise<boolean>;
  /** Credential values to keep out of error messages (keys, tokens). */
  secrets(): string[];
}

/** Reported once per attempt, whatever its outcome. */
export interface RequestEvent {
  client: string;
  method: HttpMethod;
  /** Path without the query string. */
  path: string;
  attempt: number;
  status?: number;
  /** Network error code when no response arrived. */
  errorCode?: string;
  durationMs: number;
}

export interface HttpClientOptions {
  /** Short name used in log lines, e.g. "elasticpath". */
  name: string;
  /** Host root that request paths are appended to. */
  baseUrl: string;
  transport?: Transport;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  random?: RandomSource;
  logger?: (line: string) => void;
  onRequest?: (event: RequestEvent) => void;
  /** Budgets for reads (GET) and writes (everything else). A missing budget means unlimited. */
  budgets?: { read?: RateBudget; write?: RateBudget };
  auth?: AuthProvider;
  defaultHeaders?: Record<string, string>;
}

export interface ApiRequest {
  method: HttpMethod;
  /** A path below the base URL ("/v2/integrations"), or an absolute URL. */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** Whether sending twice has the same effect as once. Default: every method but POST. */
  idempotent?: boolean;
  /** Overrides the client's credentials; null sends none (token requests). */
  auth?: AuthProvider | null;
  /** Values from this request (secret fields of the body) to keep out of errors. */
  secrets?: readonly string[];
  /** Which rate budget the request draws from. Default: "read" for GET, else "write". */
  budget?: 'read' | 'write' | 'none';
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, raw text when the body was not JSON, undefined when empty. */
  body: T;
}

/**
 * The one request sender both API clients use: serialization, credentials, rate
 * budget, timeouts, retries with backoff, error mapping and logging.
 */
export class HttpClient {
  readonly name: string;
  readonly baseUrl: string;
  private readonly transport: Transport;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: RandomSource;
  private readonly logger?: (line: string) => void;
  private readonly onRequest?: (event: RequestEvent) => void;
  private readonly budgets: { read?: RateBudget; write?: RateBudget };
  private readonly auth?: AuthProvider;
  private readonly defaultHeaders: Record<string, string>;
  private attempts = 0;

  constructor(options: HttpClientOptions) {
    this.name = options.name;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.transport = options.transport ?? createAxiosTransport();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...definedOnly(options.retry ?? {}) };
    if (!(this.policy.maxAttempts >= 1)) throw new RangeError('maxAttempts must be at least 1');
    if (!(this.policy.maxRateLimitWaitMs >= 0)) throw new RangeError('maxRateLimitWaitMs must be 0 or more');
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    if (options.logger) this.logger = options.logger;
    if (options.onRequest) this.onRequest = options.onRequest;
    this.budgets = options.budgets ?? {};
    if (options.auth) this.auth = options.auth;
    this.defaultHeaders = { Accept: 'application/json', 'User-Agent': USER_AGENT, ...options.defaultHeaders };
  }

  /** HTTP attempts made so far, retries and token requests included. */
  get requestCount(): number {
    return this.attempts;
  }

  get retryPolicy(): Readonly<RetryPolicy> {
    return this.policy;
  }

  async request<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>> {
    const auth = request.auth === undefined ? this.auth : request.auth ?? undefined;
    const sent = { credentials: {} as Record<string, string> };
    /** The credentials answered 401 so far in this call, each as one string, compared only. */
    const refused: string[] = [];
    for (;;) {
      try {
        return await this.sendWithRetries<T>(request, auth, sent);
      } catch (err) {
        // A 401 may mean the token expired or was revoked: renew it and send again (see shouldRenewCredentials).
        if (!(err instanceof AuthenticationError && err.status === 401 && auth?.refresh)) throw err;
        const credentials = Object.entries(sent.credentials).sort().join('\n');
        if (!shouldRenewCredentials(refused, credentials) || !(await auth.refresh(sent.credentials))) throw err;
        refused.push(credentials);
        this.log(`${this.name} ${request.method} ${displayPath(this.buildUrl(request.path, undefined))} renewing credentials after 401 (renewal ${refused.length} of at most ${MAX_CREDENTIAL_RENEWALS})`);
      }
    }
  }

  /**
   * Credentials are taken for each attempt after the rate budget lets it go, so a request
   * that waited in the queue does not leave with a token that expired meanwhile; `sent`
   * records the last ones used, for the 401 renewals above.
   */
  private async sendWithRetries<T>(
    request: ApiRequest,
    auth: AuthProvider | undefined,
    sent: { credentials: Record<string, string> },
  ): Promise<ApiResponse<T>> {
    const url = this.buildUrl(request.path, request.query);
    const path = displayPath(url);
    const idempotent = request.idempotent ?? request.method !== 'POST';
    const { body, contentType } = serializeBody(request);
    const baseHeaders: Record<string, string> = { ...this.defaultHeaders, ...request.headers };
    if (contentType) baseHeaders['Content-Type'] = contentType;
    const secrets = () => [...(auth?.secrets() ?? []), ...(request.secrets ?? [])];
    const budget = this.budgetFor(request);

    const startedAt = this.clock.now();
    let followsUnknownOutcome = false;
    /** Attempts that failed with an error (refusals for rate excluded): what maxAttempts bounds. */
    let errors = 0;
    let refusals = 0;
    let firstRefusalAt: number | undefined;
    let lastRefusalAt: number | undefined;
    /** Time between refusals and the next send, left out of maxRetryTimeMs (it has its own budget). */
    let rateLimitedMs = 0;
    for (let attempt = 1; ; attempt++) {
      if (budget) await budget.acquire();
      if (lastRefusalAt !== undefined) {
        rateLimitedMs += this.clock.now() - lastRefusalAt;
        lastRefusalAt = undefined;
      }
      sent.credentials = auth ? await auth.headers() : {};
      const headers = { ...baseHeaders, ...sent.credentials };
      const attemptStart = this.clock.now();
      let response: TransportResponse | undefined;
      let failure: AttemptFailure;
      let error: ApiError;
      try {
        this.attempts++;
        response = await this.transport.send({ method: request.method, url, headers, ...(body !== undefined ? { body } : {}), timeoutMs: this.timeoutMs });
      } catch (err) {
        const transportError = toTransportError(err);
        this.report(request.method, path, attempt, attemptStart, { errorCode: transportError.code });
        failure = { kind: 'network', code: transportError.code, requestSent: transportError.requestSent };
        error = new ConnectionError({
          status: 0,
          title: 'Connection Error',
          detail: redactSecrets(transportError.message, secrets()),
          method: request.method,
          path,
          attempt,
          errorCode: transportError.code,
          requestSent: transportError.requestSent,
        });
      }
      if (response) {
        this.report(request.method, path, attempt, attemptStart, { status: response.status });
        const parsed = parseBody(response);
        if (response.status < 400) {
          budget?.accepted();
          if (parsed.invalidJson) {
            throw new ApiError({ status: response.status, title: 'Invalid Response', detail: 'the response body is not valid JSON', method: request.method, path, attempt });
          }
          return { status: response.status, headers: response.headers, body: parsed.value as T };
        }
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.clock.now());
        failure = { kind: 'status', status: response.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
        error = createApiError({
          status: response.status,
          body: parsed.value,
          headers: response.headers,
          method: request.method,
          path,
          secrets: secrets(),
          attempt,
          followsUnknownOutcome,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        });
        if (!isRateRefusal(failure)) budget?.accepted();
      }

      if (isRateRefusal(failure!)) {
        const now = this.clock.now();
        firstRefusalAt ??= now;
        refusals++;
        budget?.refused();
        const retryAfterMs = failure!.kind === 'status' ? failure!.retryAfterMs : undefined;
        const plan = planRefusalRetry({ retryAfterMs, refusals, rateLimitedMs: now - firstRefusalAt, policy: this.policy, random: this.random });
        if (!plan.retry) {
          this.log(`${this.name} ${request.method} ${path} giving up: rate-limited for ${now - firstRefusalAt} ms`);
          throw new RateLimitTimeoutError(error!, {
            rateLimitedMs: plan.rateLimitedMs,
            maxWaitMs: this.policy.maxRateLimitWaitMs,
            refusals,
            ...(plan.reason === 'retry-after-too-long' && plan.retryAfterMs !== undefined ? { retryAfterMs: plan.retryAfterMs } : {}),
          });
        }
        this.log(
          `${this.name} ${request.method} ${path} waiting ${plan.delayMs} ms after ${describeFailure(failure!)}` +
            `${retryAfterMs !== undefined ? ` (Retry-After ${retryAfterMs} ms)` : ''}, rate-limited for ${now - firstRefusalAt} ms so far`,
        );
        lastRefusalAt = now;
        await this.clock.sleep(plan.delayMs);
        continue;
      }

      errors++;
      const plan = planRetry({
        failure: failure!,
        idempotent,
        attempt: errors,
        elapsedMs: this.clock.now() - startedAt - rateLimitedMs,
        policy: this.policy,
        random: this.random,
      });
      if (!plan.retry) {
        if (plan.verdict === 'outcome-unknown') throw new OutcomeUnknownError(error!);
        if (plan.verdict === 'retry') this.log(`${this.name} ${request.method} ${path} giving up: ${plan.reason}`);
        throw error!;
      }
      if (mayHaveBeenApplied(failure!)) followsUnknownOutcome = true;
      this.log(`${this.name} ${request.method} ${path} retrying in ${plan.delayMs} ms after ${describeFailure(failure!)} (error ${errors} of at most ${this.policy.maxAttempts})`);
      await this.clock.sleep(plan.delayMs);
    }
  }

  private budgetFor(request: ApiRequest): RateBudget | undefined {
    const kind = request.budget ?? (request.method === 'GET' ? 'read' : 'write');
    if (kind === 'none') return undefined;
    return this.budgets[kind];
  }

  private buildUrl(path: string, query: ApiRequest['query']): string {
    const base = /^https?:\/\//i.test(path) ? path : `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
    const pairs = Object.entries(query ?? {}).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
    if (pairs.length === 0) return base;
    // Brackets stay literal in keys such as page[limit], as the vendors document them.
    const encodeKey = (key: string) => encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
    const queryString = pairs.map(([k, v]) => `${encodeKey(k)}=${encodeURIComponent(String(v))}`).join('&');
    return `${base}${base.includes('?') ? '&' : '?'}${queryString}`;
  }

  private report(method: HttpMethod, path: string, attempt: number, startedAt: number, outcome: { status?: number; errorCode?: string }): void {
    const durationMs = this.clock.now() - startedAt;
    const result = outcome.status !== undefined ? String(outcome.status) : outcome.errorCode;
    this.log(`${this.name} ${method} ${path} -> ${result} (attempt ${attempt}, ${durationMs} ms)`);
    this.onRequest?.({ client: this.name, method, path, attempt, durationMs, ...outcome });
  }

  private log(line: string): void {
    this.logger?.(line);
  }
}

function serializeBody(request: ApiRequest): { body?: string; contentType?: string } {
  if (request.form !== undefined) {
    return { body: new URLSearchParams(request.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  if (request.json !== undefined) return { body: JSON.stringify(request.json), contentType: 'application/json' };
  return {};
}

function parseBody(response: TransportResponse): { value: unknown; invalidJson: boolean } {
  const text = response.body;
  if (text === undefined || text.trim() === '') return { value: undefined, invalidJson: false };
  const contentType = response.headers['content-type'] ?? '';
  const looksJson = /json/i.test(contentType) || /^\s*[[{]/.test(text);
  if (!looksJson) return { value: text, invalidJson: false };
  try {
    return { value: JSON.parse(text), invalidJson: false };
  } catch {
    return { value: text, invalidJson: true };
  }
}

/** The path shown in logs and errors: never the query string, never the host's credentials. */
function displayPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

function describeFailure(failure: AttemptFailure): string {
  return failure.kind === 'status' ? `status ${failure.status}` : failure.code;
}

function toTransportError(err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as { code?: string; message?: string };
  return new TransportError(e?.code ?? 'UNKNOWN', e?.message ?? String(err), false);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
