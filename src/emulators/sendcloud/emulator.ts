import { isoSeconds, systemClock, type Clock } from '../core/clock';
import { positiveNumberOrError, SlidingWindowRateLimiter } from '../core/rate-limiter';
import {
  adminError,
  EmulatorHttpServer,
  parseBasicAuth,
  parseBearer,
  parseFormBody,
  parseJsonBody,
  type EmulatorHooks,
  type EmulatorRequest,
  type EmulatorResponse,
} from '../core/server';
import { SendcloudAdmin } from './admin';
import { AccessTokens } from '../core/tokens';
import { EMULATOR_CREDENTIALS } from '../credentials';
import { loadSeed, normalizeIntegration, type SendcloudSeedIntegration, type StoredSendcloudIntegration } from './seed';
import { sendParcelStatus } from './parcel-status';
import { adminRecordLog, createLogV3, emptyShopState, handleShopOrderStatuses, listLogs, type ShopState } from './shop';
import { pythonDictRepr, validateSendcloudUpdate, type FieldIssue, type SendcloudApiVersion } from './validation';

/*
 * Sendcloud emulator: the Integrations API v3 under `/api/v3` and v2 (maintenance mode)
 * under `/api/v2`, from v3-integrations.yaml and v2-integrations.yaml in
 * test/contract/specs/sendcloud, plus the OAuth2 client-credentials token endpoint that really
 * lives on account.sendcloud.com (here `POST /oauth2/token` on the same server).
 *
 * Both versions accept HTTP Basic (public key : secret key) and OAuth2 bearer tokens.
 * Trailing slashes are optional, as on the Django-served API.
 *
 * v3                                          v2
 *   GET    /integrations    {data: [...]}       GET    /integrations    bare array
 *   GET    /integrations/id {data: {...}}       GET    /integrations/id object
 *   PATCH  /integrations/id 204, no body        PATCH  /integrations/id 200, IntegrationUpdate
 *   DELETE /integrations/id 204                 PUT    /integrations/id 200, every field required
 *                                               DELETE /integrations/id 204
 * Exception logs (v3, v2) and shop order statuses (v3): see shop.ts.
 * v3 errors: {"errors": [{status (string), code, title, detail, source?}]}
 * v2 errors: {"error": {code (integer), request, message}}
 * v2 names: system, failing_since, last_fetch, last_updated_at; no feedback_type, no created_at.
 *
 * Where the documents leave it open: a v3 id that is not an integer >= 1 is a 400 naming the
 * `id` parameter (the spec types it `integer, minimum 1`); in v2 the URL simply does not match
 * an integration (404). Unknown sort/ordering fields are ignored. Errors the specs do not
 * define (429, 5xx, 405) use each version's error shape with the nearest code.
 *
 * Admin routes (see core/server.ts for the shared ones):
 *   GET    /__admin/integrations          stored integrations (v3 field names)
 *   POST   /__admin/integrations          seed one (id = highest + 1 when absent)
 *   PATCH  /__admin/integrations/{id}     shallow merge without validation; bumps updated_at
 *   DELETE /__admin/integrations/{id}
 *   POST   /__admin/rate-limit            {"writesPerMinute": n | 0 | null}
 *   POST   /__admin/tokens/expire         invalidate every issued OAuth2 token, or expire each on its Nth call
 *   GET    /__admin/tokens                token counts (core/tokens.ts)
 *   POST   /__admin/parcel-status         send a signed parcel_status_changed webhook (parcel-status.ts)
 *   POST   /__admin/exception-logs        record one exception log (shop.ts)
 */

export interface SendcloudEmulatorOptions {
  port?: number;
  publicKey?: string;
  secretKey?: string;
  oauthClientId?: string;
  oauthClientSecret?: string;
  /** Integrations present at start (and after reset): inline, or a path to a JSON file. */
  seed?: SendcloudSeedIntegration[] | string;
  /** Enforce a limit on PATCH/PUT/DELETE calls with 429 + Retry-After when set. */
  writesPerMinute?: number;
  /** Lifetime of OAuth2 access tokens; default 3600. */
  tokenTtlSeconds?: number;
  /** Time source for token expiry, timestamps and rate limits; for tests. */
  clock?: Clock;
  /** Send webhooks to hosts other than loopback addresses. @default false */
  allowNonLoopbackDelivery?: boolean;
}

export interface RunningSendcloudEmulator {
  url: string;
  /** Typed caller of this emulator's `/__admin` routes. */
  admin: SendcloudAdmin;
  publicKey: string;
  secretKey: string;
  oauthClientId: string;
  oauthClientSecret: string;
  tokenUrl: string;
  close(): Promise<void>;
  /** Restores the seed state, as `POST /__admin/reset` does. */
  reset(): void;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NOT_FOUND_V3 = 'The Integration could not be found with the search criteria given';
const NOT_FOUND_V2 = 'No Integration matches the given query.';

const V3_SORT_FIELDS: Record<string, keyof StoredSendcloudIntegration> = {
  integration_type: 'type',
  type: 'type',
  created_at: 'created_at',
  updated_at: 'updated_at',
  last_fetch: 'last_fetched_at',
  last_fetched_at: 'last_fetched_at',
  failing_since: 'started_failing_at',
  started_failing_at: 'started_failing_at',
};

const V2_ORDERING_FIELDS: Record<string, keyof StoredSendcloudIntegration> = {
  id: 'id',
  shop_name: 'shop_name',
  system: 'type',
  last_fetch: 'last_fetched_at',
  failing_since: 'started_failing_at',
  last_updated_at: 'updated_at',
};

interface V3ErrorEntry {
  status: string;
  code: string;
  title: string;
  detail: string;
  source?: { pointer?: string; parameter?: string };
}

function v3Errors(status: number, errors: V3ErrorEntry[], headers?: Record<string, string>): EmulatorResponse {
  return { status, headers, body: { errors } };
}

function v3Error(status: number, code: string, title: string, detail: string, source?: V3ErrorEntry['source']): EmulatorResponse {
  return v3Errors(status, [{ status: String(status), code, title, detail, ...(source ? { source } : {}) }]);
}

function v2Error(request: EmulatorRequest, status: number, message: string, headers?: Record<string, string>): EmulatorResponse {
  return { status, headers, body: { error: { code: status, request: request.path.replace(/^\/+/, ''), message } } };
}

function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): EmulatorResponse {
  return { status, headers: { 'cache-control': 'no-store', ...headers }, body: { error, error_description: description } };
}

const SHOP_ERRORS = { v3: v3Error, v2: v2Error };

const CODE_TITLES: Record<FieldIssue['code'], string> = {
  invalid: 'Invalid',
  required: 'Required',
  invalid_choice: 'Invalid Choice',
  null: 'Null',
  not_a_list: 'Not A List',
  non_field_errors: 'Wrong format',
};

function compareNullable(a: unknown, b: unknown): number {
  if (a === b) return 0;
  // PostgreSQL's default: NULLs sort after every value in ascending order.
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

function sortIntegrations(
  integrations: StoredSendcloudIntegration[],
  keys: Array<{ field: keyof StoredSendcloudIntegration; descending: boolean }>,
): StoredSendcloudIntegration[] {
  return [...integrations].sort((left, right) => {
    for (const { field, descending } of keys) {
      const order = compareNullable(left[field], right[field]);
      if (order !== 0) return descending ? -order : order;
    }
    return left.id - right.id;
  });
}

function parseSortParam(value: string | null, fields: Record<string, keyof StoredSendcloudIntegration>) {
  const keys: Array<{ field: keyof StoredSendcloudIntegration; descending: boolean }> = [];
  for (const part of (value ?? '').split(',')) {
    const name = part.trim().replace(/^-/, '');
    const field = fields[name];
    if (field) keys.push({ field, descending: part.trim().startsWith('-') });
  }
  return keys;
}

class SendcloudEmulator implements EmulatorHooks {
  private integrations = new Map<number, StoredSendcloudIntegration>();
  private shop: ShopState = emptyShopState([]);
  baseUrl = '';
  private readonly tokens: AccessTokens;
  private limiter: SlidingWindowRateLimiter | undefined;
  private readonly seedState: StoredSendcloudIntegration[];

  constructor(
    readonly publicKey: string,
    readonly secretKey: string,
    readonly oauthClientId: string,
    readonly oauthClientSecret: string,
    seed: SendcloudSeedIntegration[] | string | undefined,
    private readonly initialWritesPerMinute: number | undefined,
    private readonly tokenTtlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.tokens = new AccessTokens(clock, tokenTtlSeconds, 24, 'base64url');
    this.seedState = loadSeed(seed, isoSeconds(clock()));
    this.reset();
  }

  reset(): void {
    this.integrations = new Map(this.seedState.map((entry) => [entry.id, structuredClone(entry)]));
    this.shop = emptyShopState(this.seedState);
    this.tokens.reset();
    this.setRateLimit(this.initialWritesPerMinute);
  }

  private setRateLimit(writesPerMinute: number | undefined): void {
    this.limiter = writesPerMinute ? new SlidingWindowRateLimiter(writesPerMinute, 60_000, this.clock) : undefined;
  }

  checkRateLimit(request: EmulatorRequest): number | undefined {
    if (!request.path.startsWith('/api/') || !WRITE_METHODS.has(request.method)) return undefined;
    return this.limiter?.tryAcquire();
  }

  errorResponse(request: EmulatorRequest, status: 429 | 500 | 503, retryAfterSeconds?: number): EmulatorResponse {
    const headers = retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) };
    const detail =
      status === 429
        ? `Request was throttled.${retryAfterSeconds === undefined ? '' : ` Expected available in ${retryAfterSeconds} seconds.`}`
        : status === 503
          ? 'Service temporarily unavailable, try again later.'
          : 'A server error occurred.';
    if (request.path.startsWith('/oauth2/')) {
      return oauthError(status, status === 503 || status === 429 ? 'temporarily_unavailable' : 'server_error', detail, headers);
    }
    if (request.path.startsWith('/api/v2/')) return v2Error(request, status, detail, headers);
    const code = status === 429 ? 'throttled' : status === 503 ? 'service_unavailable' : 'error';
    const title = status === 429 ? 'Throttled' : status === 503 ? 'Service Unavailable' : 'Server Error';
    return v3Errors(status, [{ status: String(status), code, title, detail }], headers);
  }

  handleApi(request: EmulatorRequest): EmulatorResponse {
    const path = request.path.replace(/\/+$/, '');
    if (path === '/oauth2/token') {
      if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'use POST');
      return this.issueToken(request);
    }
    const match = /^\/api\/(v2|v3)(\/.*)?$/.exec(path);
    if (!match) return v3Error(404, 'not_found', 'Not Found', 'Not found.');
    const version = match[1] as SendcloudApiVersion;
    const rest = match[2] ?? '';

    const unauthorized = this.authenticate(request, version);
    if (unauthorized) return unauthorized;

    if (rest === '/integrations') {
      if (request.method !== 'GET') return this.methodNotAllowed(request, version);
      return version === 'v3' ? this.listV3(request) : this.listV2(request);
    }
    if (rest === '/integrations/logs') {
      if (request.method !== 'GET') return this.methodNotAllowed(request, version);
      return listLogs(request, version, this.shop, undefined, `${this.baseUrl}${path}`, SHOP_ERRORS);
    }
    const logsMatch = /^\/integrations\/([^/]+)\/logs$/.exec(rest);
    if (logsMatch) {
      const id = this.parseId(request, version, decodeURIComponent(logsMatch[1]));
      if (typeof id !== 'number') return id;
      if (!this.integrations.has(id)) {
        return version === 'v3' ? v3Error(404, 'not_found', 'Not Found', NOT_FOUND_V3) : v2Error(request, 404, NOT_FOUND_V2);
      }
      if (request.method === 'GET') return listLogs(request, version, this.shop, id, `${this.baseUrl}${path}`, SHOP_ERRORS);
      if (request.method === 'POST' && version === 'v3') return createLogV3(request, this.shop, id, this.clock, SHOP_ERRORS);
      return this.methodNotAllowed(request, version);
    }
    if (version === 'v3' && (rest === '/shop-order-statuses' || rest === '/shop-order-statuses/mapping')) {
      return handleShopOrderStatuses(request, rest, this.shop, this.integrations, this.clock, SHOP_ERRORS);
    }
    const idMatch = /^\/integrations\/([^/]+)$/.exec(rest);
    if (!idMatch) {
      return version === 'v3' ? v3Error(404, 'not_found', 'Not Found', 'Not found.') : v2Error(request, 404, 'Not found.');
    }
    const id = this.parseId(request, version, decodeURIComponent(idMatch[1]));
    if (typeof id !== 'number') return id;
    const integration = this.integrations.get(id);
    if (!integration) {
      return version === 'v3' ? v3Error(404, 'not_found', 'Not Found', NOT_FOUND_V3) : v2Error(request, 404, NOT_FOUND_V2);
    }
    switch (`${version} ${request.method}`) {
      case 'v3 GET':
        return { status: 200, body: { data: viewV3(integration) } };
      case 'v2 GET':
        return { status: 200, body: viewV2(integration) };
      case 'v3 PATCH':
        return this.update(request, integration, 'v3', false);
      case 'v2 PATCH':
        return this.update(request, integration, 'v2', false);
      case 'v2 PUT':
        return this.update(request, integration, 'v2', true);
      case 'v3 DELETE':
      case 'v2 DELETE':
        this.integrations.delete(id);
        return { status: 204 };
      default:
        return this.methodNotAllowed(request, version);
    }
  }

  private methodNotAllowed(request: EmulatorRequest, version: SendcloudApiVersion): EmulatorResponse {
    const detail = `Method "${request.method}" not allowed.`;
    return version === 'v3' ? v3Error(405, 'method_not_allowed', 'Method Not Allowed', detail) : v2Error(request, 405, detail);
  }

  private parseId(request: EmulatorRequest, version: SendcloudApiVersion, raw: string): number | EmulatorResponse {
    if (version === 'v2') {
      // Django routes only digits to the detail view; anything else matches no integration.
      return /^\d+$/.test(raw) ? Number(raw) : v2Error(request, 404, NOT_FOUND_V2);
    }
    if (!/^-?\d+$/.test(raw)) {
      return v3Error(400, 'invalid', 'Invalid', 'A valid integer is required.', { parameter: 'id' });
    }
    const id = Number(raw);
    if (id < 1) return v3Error(400, 'min_value', 'Min Value', 'Ensure this value is greater than or equal to 1.', { parameter: 'id' });
    return id;
  }

  private issueToken(request: EmulatorRequest): EmulatorResponse {
    const form = parseFormBody(request);
    // RFC 6749 2.3.1: client credentials in the body or as HTTP Basic.
    const basic = parseBasicAuth(request.headers.authorization);
    const clientId = basic?.user ?? form.get('client_id');
    const clientSecret = basic?.password ?? form.get('client_secret');
    const grantType = form.get('grant_type');
    if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
    if (clientId !== this.oauthClientId || clientSecret !== this.oauthClientSecret) {
      return oauthError(401, 'invalid_client', 'Client authentication failed.', { 'www-authenticate': 'Basic realm="oauth2"' });
    }
    const scope = form.get('scope') ?? 'api';
    if (scope.split(' ').some((item) => item !== 'api')) return oauthError(400, 'invalid_scope', 'the only scope is api');
    const { token } = this.tokens.issue();
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: { access_token: token, token_type: 'Bearer', expires_in: this.tokenTtlSeconds, scope: 'api' },
    };
  }

  private authenticate(request: EmulatorRequest, version: SendcloudApiVersion): EmulatorResponse | undefined {
    const header = request.headers.authorization;
    let failure: { title: string; detail: string } | undefined;
    if (!header) {
      failure = { title: 'No credentials', detail: 'Authentication credentials were not provided.' };
    } else if (/^Bearer\s/i.test(header)) {
      if (!this.tokens.accept(parseBearer(header) ?? '')) {
        failure = { title: 'Invalid token', detail: 'The access token is invalid or has expired.' };
      }
    } else {
      const basic = parseBasicAuth(header);
      if (!basic || basic.user !== this.publicKey || basic.password !== this.secretKey) {
        failure = {
          title: 'Invalid username/password.',
          detail: 'The username or password provided is incorrect. Please make a request with the valid credentials.',
        };
      }
    }
    if (!failure) return undefined;
    const headers = { 'www-authenticate': 'Basic realm="api"' };
    if (version === 'v2') return v2Error(request, 401, failure.title === 'No credentials' ? failure.detail : failure.title, headers);
    return {
      ...v3Error(401, 'authentication_failed', failure.title, failure.detail),
      headers,
    };
  }

  private listV3(request: EmulatorRequest): EmulatorResponse {
    const requested = parseSortParam(request.query.get('sort'), V3_SORT_FIELDS);
    // Documented default: by last_fetch, then created_at.
    const keys = requested.length > 0 ? requested : [
      { field: 'last_fetched_at' as const, descending: false },
      { field: 'created_at' as const, descending: false },
    ];
    return { status: 200, body: { data: sortIntegrations([...this.integrations.values()], keys).map(viewV3) } };
  }

  private listV2(request: EmulatorRequest): EmulatorResponse {
    const keys = parseSortParam(request.query.get('ordering'), V2_ORDERING_FIELDS);
    return { status: 200, body: sortIntegrations([...this.integrations.values()], keys).map(viewV2) };
  }

  private update(
    request: EmulatorRequest,
    integration: StoredSendcloudIntegration,
    version: SendcloudApiVersion,
    full: boolean,
  ): EmulatorResponse {
    const parsed = parseJsonBody(request);
    const body = parsed.error ? undefined : parsed.value;
    const { patch, issues } = validateSendcloudUpdate(body, integration, version, full);
    if (!patch) return this.validationFailure(request, version, issues);
    const changed = Object.entries(patch).some(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(integration[key as keyof StoredSendcloudIntegration]),
    );
    if (changed) Object.assign(integration, patch, { updated_at: isoSeconds(this.clock()) });
    if (version === 'v3') return { status: 204 };
    return { status: 200, body: viewV2Update(integration) };
  }

  private validationFailure(request: EmulatorRequest, version: SendcloudApiVersion, issues: FieldIssue[]): EmulatorResponse {
    if (version === 'v2') return v2Error(request, 400, pythonDictRepr(issues));
    return v3Errors(
      400,
      issues.map((issue) => ({
        status: '400',
        code: issue.code,
        title: CODE_TITLES[issue.code],
        detail: issue.message,
        // The v3 spec's only pointer example is FastAPI-style: `body/<field>`.
        ...(issue.code === 'non_field_errors' ? {} : { source: { pointer: `body/${issue.field}` } }),
      })),
    );
  }

  allowNonLoopbackDelivery = false;

  handleAdmin(request: EmulatorRequest, subpath: string): EmulatorResponse | Promise<EmulatorResponse> | undefined {
    if (subpath === '/parcel-status' && request.method === 'POST') {
      return sendParcelStatus(request, this.integrations, {
        secretKey: this.secretKey,
        allowNonLoopbackDelivery: this.allowNonLoopbackDelivery,
        timeoutMs: 10_000,
        now: this.clock,
      });
    }
    if (subpath === '/exception-logs' && request.method === 'POST') return adminRecordLog(request, this.shop, this.integrations, this.clock);
    if (subpath === '/integrations') {
      if (request.method === 'GET') return { status: 200, body: [...this.integrations.values()].sort((a, b) => a.id - b.id) };
      if (request.method === 'POST') return this.adminInsert(request);
      return undefined;
    }
    const match = /^\/integrations\/(\d+)$/.exec(subpath);
    if (match) {
      const id = Number(match[1]);
      if (request.method === 'PATCH') return this.adminPatch(id, request);
      if (request.method === 'DELETE') return this.integrations.delete(id) ? { status: 204 } : adminError(404, `no integration ${id}`);
      return undefined;
    }
    if (subpath === '/rate-limit' && request.method === 'POST') {
      const parsed = parseJsonBody(request);
      if (parsed.error) return adminError(400, parsed.error);
      const body = (typeof parsed.value === 'object' && parsed.value !== null ? parsed.value : {}) as Record<string, unknown>;
      const limit = positiveNumberOrError(body.writesPerMinute, 'writesPerMinute');
      if (typeof limit === 'string') return adminError(400, limit);
      this.setRateLimit(limit);
      return { status: 200, body: { writesPerMinute: limit ?? null } };
    }
    return this.tokens.handleAdmin(request, subpath);
  }

  private adminInsert(request: EmulatorRequest): EmulatorResponse {
    const parsed = parseJsonBody(request);
    if (parsed.error) return adminError(400, parsed.error);
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      return adminError(400, 'body must be a JSON object');
    }
    const raw = parsed.value as Record<string, unknown>;
    const id = raw.id ?? Math.max(1000, ...this.integrations.keys()) + 1;
    const stored = normalizeIntegration({ ...raw, id }, isoSeconds(this.clock()));
    if (typeof stored === 'string') return adminError(400, stored);
    if (this.integrations.has(stored.id)) return adminError(409, `integration ${stored.id} already exists`);
    this.integrations.set(stored.id, stored);
    const statuses = emptyShopState([stored]).statuses.get(stored.id);
    if (statuses) this.shop.statuses.set(stored.id, statuses);
    return { status: 201, body: stored };
  }

  private adminPatch(id: number, request: EmulatorRequest): EmulatorResponse {
    const integration = this.integrations.get(id);
    if (!integration) return adminError(404, `no integration ${id}`);
    const parsed = parseJsonBody(request);
    if (parsed.error) return adminError(400, parsed.error);
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      return adminError(400, 'body must be a JSON object');
    }
    Object.assign(integration, { updated_at: isoSeconds(this.clock()) }, parsed.value, { id });
    return { status: 200, body: integration };
  }
}

function viewV3(integration: StoredSendcloudIntegration): Record<string, unknown> {
  return {
    id: integration.id,
    shop_name: integration.shop_name,
    shop_url: integration.shop_url,
    type: integration.type,
    started_failing_at: integration.started_failing_at,
    last_fetched_at: integration.last_fetched_at,
    created_at: integration.created_at,
    updated_at: integration.updated_at,
    service_point_enabled: integration.service_point_enabled,
    service_point_carriers: [...integration.service_point_carriers],
    webhook_active: integration.webhook_active,
    webhook_url: integration.webhook_url,
    feedback_type: integration.feedback_type,
  };
}

function viewV2(integration: StoredSendcloudIntegration): Record<string, unknown> {
  return {
    id: integration.id,
    shop_name: integration.shop_name,
    shop_url: integration.shop_url,
    system: integration.type,
    failing_since: integration.started_failing_at,
    last_fetch: integration.last_fetched_at,
    last_updated_at: integration.updated_at,
    service_point_enabled: integration.service_point_enabled,
    service_point_carriers: [...integration.service_point_carriers],
    webhook_active: integration.webhook_active,
    webhook_url: integration.webhook_url,
  };
}

/** The v2 PATCH/PUT answer is the IntegrationUpdate object, not the full integration. */
function viewV2Update(integration: StoredSendcloudIntegration): Record<string, unknown> {
  return {
    shop_name: integration.shop_name,
    shop_url: integration.shop_url,
    last_updated_at: integration.updated_at,
    service_point_enabled: integration.service_point_enabled,
    service_point_carriers: [...integration.service_point_carriers],
    webhook_active: integration.webhook_active,
    webhook_url: integration.webhook_url,
  };
}

export async function startSendcloudEmulator(options: SendcloudEmulatorOptions = {}): Promise<RunningSendcloudEmulator> {
  const clock = options.clock ?? systemClock;
  const credentials = EMULATOR_CREDENTIALS.sendcloud;
  const emulator = new SendcloudEmulator(
    options.publicKey ?? credentials.publicKey,
    options.secretKey ?? credentials.secretKey,
    options.oauthClientId ?? credentials.oauthClientId,
    options.oauthClientSecret ?? credentials.oauthClientSecret,
    options.seed,
    options.writesPerMinute,
    options.tokenTtlSeconds ?? 3600,
    clock,
  );
  emulator.allowNonLoopbackDelivery = options.allowNonLoopbackDelivery ?? false;
  const server = new EmulatorHttpServer(emulator, clock);
  const url = await server.listen(options.port ?? 0);
  emulator.baseUrl = url;
  return {
    url,
    admin: new SendcloudAdmin(url),
    publicKey: emulator.publicKey,
    secretKey: emulator.secretKey,
    oauthClientId: emulator.oauthClientId,
    oauthClientSecret: emulator.oauthClientSecret,
    tokenUrl: `${url}/oauth2/token`,
    close: () => server.close(),
    reset: () => server.reset(),
  };
}
