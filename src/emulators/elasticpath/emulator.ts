import { randomUUID } from 'node:crypto';
import { isoSeconds, systemClock, type Clock } from '../core/clock';
import { positiveNumberOrError, SlidingWindowRateLimiter } from '../core/rate-limiter';
import {
  adminError,
  EmulatorHttpServer,
  parseBearer,
  parseFormBody,
  parseJsonBody,
  type EmulatorHooks,
  type EmulatorRequest,
  type EmulatorResponse,
} from '../core/server';
import { ElasticPathAdmin } from './admin';
import { AccessTokens } from '../core/tokens';
import { EMULATOR_CREDENTIALS } from '../credentials';
import {
  isIntegrationType,
  isObject,
  validateCreate,
  validateUpdate,
  type IntegrationAttributes,
  type StoredElasticPathIntegration,
  type ValidationIssue,
} from './validation';
import { pageCount, pageLinks, parsePage } from './paging';
import { EventDeliveries, type DeliveryOptions } from './deliveries';

/*
 * Elastic Path Composable Commerce emulator: `POST /oauth/access_token` (client_credentials)
 * and the Integrations API under `/v2/integrations`, as documented by authentication.yaml and
 * integrations.yaml in test/contract/specs/elasticpath.
 *
 * Choices where the documents disagree or say nothing:
 * - Create answers 201 (the developer docs) rather than 200 (the spec); delete answers 200
 *   with an empty body, the only status the spec lists for it.
 * - Validation errors are 422 (the spec; its examples show 400). Malformed JSON and bad
 *   paging parameters are 400.
 * - Error `status` is an integer under /v2 (ErrorBody in integrations.yaml) and a string on
 *   the token endpoint (Errors in authentication.yaml).
 * - The list carries the spec's top-level `results.total` and the platform-wide
 *   `meta.page` / `meta.results` block. `page[limit]` defaults to 25 and may not exceed 100;
 *   `page[offset]` may not exceed 10000. `first`/`prev` are omitted on the first page and
 *   `next`/`last` when there is no further page, as PaginationLinks describes.
 * - `aws_access_key_id`, `aws_secret_access_key` and the STOMP `password` are answered masked:
 *   one `*` per hidden character followed by the last 4 characters, the form of the spec's
 *   examples (`****************JIMB`). A webhook `secret_key` is answered as stored; the
 *   spec shows it unmasked.
 * - Only the client_credentials grant is emulated; `implicit` is refused with 400.
 *
 * Stores: integrations are kept per store. The `EP-Store-ID` header selects the store of an API
 * call (absent: the default store, `DEFAULT_STORE_ID`); the rate limit is counted per store, as
 * Elastic Path counts it. Tokens are valid for every store.
 *
 * Admin routes (see core/server.ts for the shared ones); each takes `?store=ID` (absent: the
 * default store):
 *   GET    /__admin/integrations          raw stored integrations, unmasked
 *   POST   /__admin/integrations          store one raw object (id generated when absent)
 *   PATCH  /__admin/integrations/{id}     shallow merge without validation; bumps updated_at
 *   DELETE /__admin/integrations/{id}
 *   POST   /__admin/rate-limit            {"requestsPerSecond": n | 0 | null}, for every store
 *   POST   /__admin/tokens/expire         invalidate every issued token, or expire each on its Nth call
 *   GET    /__admin/tokens                token counts (core/tokens.ts)
 *   POST   /__admin/events                fire an event: deliveries, jobs and logs (deliveries.ts)
 *   GET    /__admin/deliveries            the deliveries of the store and the messages sent (secrets masked)
 *   POST   /__admin/log-timestamps        {"enabled": false}: logs and jobs without a time, as the real API answers
 */

export interface ElasticPathEmulatorOptions {
  port?: number;
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds?: number;
  /** Enforce a rate limit on /v2 calls with 429 + Retry-After when set. */
  requestsPerSecond?: number;
  /** Time source for token expiry, timestamps and rate limits; for tests. */
  clock?: Clock;
  /** How events fired with `POST /__admin/events` are delivered (attempts, backoff, time scale, hosts). */
  delivery?: DeliveryOptions;
}

export interface RunningElasticPathEmulator {
  url: string;
  /** Typed caller of this emulator's `/__admin` routes (default store; `.store(id)` for others). */
  admin: ElasticPathAdmin;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
  /** Restores the empty state, as `POST /__admin/reset` does. */
  reset(): void;
}


/** The store of API calls without an `EP-Store-ID` header and admin calls without `?store=`. */
export const DEFAULT_STORE_ID = 'default';
const STORE_HEADER = 'ep-store-id';
/** Restated from the vendor's behaviour, not imported: the emulator checks the clients' own list (see validation.ts). */
const MASKED_CONFIGURATION_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'password'];
const INTEGRATIONS_PATH = '/v2/integrations';

interface ErrorEntry {
  status: number;
  title: string;
  detail?: string;
  source?: { pointer: string };
}

function apiErrors(status: number, errors: ErrorEntry[], headers?: Record<string, string>): EmulatorResponse {
  return { status, headers, body: { errors } };
}

function apiError(status: number, title: string, detail?: string): EmulatorResponse {
  return apiErrors(status, [{ status, title, ...(detail === undefined ? {} : { detail }) }]);
}

/** Token endpoint errors follow authentication.yaml, where `status` is a string. */
function tokenError(status: number, title: string, detail: string): EmulatorResponse {
  return { status, body: { errors: [{ title, status: String(status), detail }] } };
}

function validationFailure(issues: ValidationIssue[]): EmulatorResponse {
  return apiErrors(
    422,
    issues.map((issue) => ({ status: 422, title: 'Validation Error', detail: issue.detail, source: { pointer: issue.pointer } })),
  );
}

export function maskSecret(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const visible = value.length > 4 ? value.slice(-4) : '';
  return '*'.repeat(value.length - visible.length) + visible;
}

const STATUS_TITLES: Record<429 | 500 | 503, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

class ElasticPathEmulator implements EmulatorHooks {
  private readonly stores = new Map<string, Map<string, StoredElasticPathIntegration>>();
  private readonly tokens: AccessTokens;
  private readonly limiters = new Map<string, SlidingWindowRateLimiter>();
  private requestsPerSecond: number | undefined;
  baseUrl = '';
  readonly deliveries: EventDeliveries;

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    private readonly tokenTtlSeconds: number,
    private readonly initialRequestsPerSecond: number | undefined,
    private readonly clock: Clock,
    deliveryOptions: DeliveryOptions = {},
  ) {
    this.tokens = new AccessTokens(clock, tokenTtlSeconds, 20, 'hex');
    this.deliveries = new EventDeliveries(deliveryOptions, clock, () => this.baseUrl);
    this.setRateLimit(initialRequestsPerSecond);
  }

  private setRateLimit(requestsPerSecond: number | undefined): void {
    this.requestsPerSecond = requestsPerSecond || undefined;
    this.limiters.clear();
  }

  storeOf(request: EmulatorRequest): string {
    const header = request.headers[STORE_HEADER];
    const value = Array.isArray(header) ? header[0] : header;
    return value ? value : DEFAULT_STORE_ID;
  }

  private adminStore(request: EmulatorRequest): string {
    return request.query.get('store') || DEFAULT_STORE_ID;
  }

  /** The integrations of one store, made empty on first use. */
  private integrationsOf(store: string): Map<string, StoredElasticPathIntegration> {
    let integrations = this.stores.get(store);
    if (!integrations) {
      integrations = new Map();
      this.stores.set(store, integrations);
    }
    return integrations;
  }

  reset(): void {
    this.stores.clear();
    this.tokens.reset();
    this.setRateLimit(this.initialRequestsPerSecond);
    this.deliveries.reset();
  }

  checkRateLimit(request: EmulatorRequest): number | undefined {
    if (!request.path.startsWith('/v2/') || !this.requestsPerSecond) return undefined;
    const store = this.storeOf(request);
    let limiter = this.limiters.get(store);
    if (!limiter) {
      limiter = new SlidingWindowRateLimiter(this.requestsPerSecond, 1000, this.clock);
      this.limiters.set(store, limiter);
    }
    return limiter.tryAcquire();
  }

  errorResponse(request: EmulatorRequest, status: 429 | 500 | 503, retryAfterSeconds?: number): EmulatorResponse {
    const headers = retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) };
    const detail = status === 429 ? 'Rate limit exceeded, retry later' : 'there was a problem processing your request';
    if (request.path.startsWith('/oauth/')) {
      return { ...tokenError(status, STATUS_TITLES[status], detail), headers };
    }
    return apiErrors(status, [{ status, title: STATUS_TITLES[status], detail }], headers);
  }

  handleApi(request: EmulatorRequest): EmulatorResponse {
    if (request.path === '/oauth/access_token') {
      if (request.method !== 'POST') return tokenError(405, 'Method Not Allowed', 'use POST');
      return this.issueToken(request);
    }
    if (request.path !== '/v2' && !request.path.startsWith('/v2/')) return apiError(404, 'Not Found', 'no such endpoint');
    const unauthorized = this.authenticate(request);
    if (unauthorized) return unauthorized;

    const path = request.path.replace(/\/+$/, '');
    const integrations = this.integrationsOf(this.storeOf(request));
    if (path === INTEGRATIONS_PATH) {
      if (request.method === 'GET') return this.list(integrations, request);
      if (request.method === 'POST') return this.create(integrations, request);
      return apiError(405, 'Method Not Allowed', `${request.method} is not allowed on ${INTEGRATIONS_PATH}`);
    }
    const deliveryAnswer = this.deliveries.handleApi(this.storeOf(request), path, request, integrations);
    if (deliveryAnswer) return deliveryAnswer;
    const match = /^\/v2\/integrations\/([^/]+)$/.exec(path);
    if (!match) return apiError(404, 'Not Found', 'no such endpoint');
    const id = decodeURIComponent(match[1]);
    switch (request.method) {
      case 'GET':
        return this.get(integrations, id);
      case 'PUT':
        return this.update(integrations, id, request);
      case 'DELETE':
        return this.remove(integrations, id);
      default:
        return apiError(405, 'Method Not Allowed', `${request.method} is not allowed on an integration`);
    }
  }

  private issueToken(request: EmulatorRequest): EmulatorResponse {
    const form = parseFormBody(request);
    const grantType = form.get('grant_type');
    const clientId = form.get('client_id');
    if (!grantType) return tokenError(400, 'Bad Request', "The field 'grant_type' is required");
    if (grantType !== 'client_credentials') {
      return tokenError(400, 'Bad Request', "The emulator supports only the 'client_credentials' grant type");
    }
    if (!clientId) return tokenError(400, 'Bad Request', "The field 'client_id' is required");
    if (clientId !== this.clientId || form.get('client_secret') !== this.clientSecret) {
      return tokenError(401, 'Unauthorized', 'The client credentials are not valid');
    }
    const { token, expiresAtMs } = this.tokens.issue();
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'Bearer',
        expires: Math.floor(expiresAtMs / 1000),
        expires_in: this.tokenTtlSeconds,
        identifier: 'client_credentials',
      },
    };
  }

  private authenticate(request: EmulatorRequest): EmulatorResponse | undefined {
    const token = parseBearer(request.headers.authorization);
    if (!token) return apiError(401, 'Unauthorized', 'An access token is required: Authorization: Bearer <token>');
    if (!this.tokens.accept(token)) {
      return apiError(401, 'Unauthorized', 'The access token is invalid or has expired');
    }
    return undefined;
  }

  private view(integration: StoredElasticPathIntegration): Record<string, unknown> {
    const configuration: Record<string, unknown> = { ...integration.configuration };
    for (const key of MASKED_CONFIGURATION_KEYS) {
      if (key in configuration) configuration[key] = maskSecret(configuration[key]);
    }
    return {
      id: integration.id,
      type: 'integration',
      name: integration.name,
      description: integration.description,
      enabled: integration.enabled,
      integration_type: integration.integration_type,
      observes: [...integration.observes],
      configuration,
      links: { self: `${this.baseUrl}${INTEGRATIONS_PATH}/${integration.id}` },
      meta: { timestamps: { created_at: integration.created_at, updated_at: integration.updated_at } },
    };
  }

  private list(integrations: Map<string, StoredElasticPathIntegration>, request: EmulatorRequest): EmulatorResponse {
    const page = parsePage(request);
    if (Array.isArray(page)) return apiErrors(400, page.map((detail) => ({ status: 400, title: 'Bad Request', detail })));
    const all = [...integrations.values()];
    const total = all.length;
    return {
      status: 200,
      body: {
        data: all.slice(page.offset, page.offset + page.limit).map((integration) => this.view(integration)),
        links: pageLinks(`${this.baseUrl}${INTEGRATIONS_PATH}`, page, total, { withLast: true }),
        meta: {
          page: { limit: page.limit, offset: page.offset, current: Math.floor(page.offset / page.limit) + 1, total: pageCount(page, total) },
          results: { total },
        },
        results: { total },
      },
    };
  }

  private create(integrations: Map<string, StoredElasticPathIntegration>, request: EmulatorRequest): EmulatorResponse {
    const parsed = parseJsonBody(request);
    if (parsed.error) return apiError(400, 'Bad Request', parsed.error);
    const { attributes, issues } = validateCreate(parsed.value);
    if (!attributes) return validationFailure(issues);
    const now = isoSeconds(this.clock());
    const integration: StoredElasticPathIntegration = {
      id: randomUUID(),
      type: 'integration',
      ...attributes,
      created_at: now,
      updated_at: now,
    };
    integrations.set(integration.id, integration);
    return { status: 201, body: { data: this.view(integration) } };
  }

  private get(integrations: Map<string, StoredElasticPathIntegration>, id: string): EmulatorResponse {
    const integration = integrations.get(id);
    if (!integration) return notFound();
    return { status: 200, body: { data: this.view(integration) } };
  }

  private update(
    integrations: Map<string, StoredElasticPathIntegration>,
    id: string,
    request: EmulatorRequest,
  ): EmulatorResponse {
    const integration = integrations.get(id);
    if (!integration) return notFound();
    const parsed = parseJsonBody(request);
    if (parsed.error) return apiError(400, 'Bad Request', parsed.error);
    const { patch, issues } = validateUpdate(parsed.value, integration);
    if (!patch) return validationFailure(issues);
    const changed = Object.entries(patch).some(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(integration[key as keyof IntegrationAttributes]),
    );
    if (changed) {
      Object.assign(integration, patch, { updated_at: isoSeconds(this.clock()) });
    }
    return { status: 200, body: { data: this.view(integration) } };
  }

  private remove(integrations: Map<string, StoredElasticPathIntegration>, id: string): EmulatorResponse {
    if (!integrations.delete(id)) return notFound();
    return { status: 200 };
  }

  handleAdmin(request: EmulatorRequest, subpath: string): EmulatorResponse | Promise<EmulatorResponse | undefined> | undefined {
    if (subpath === '/events' || subpath === '/deliveries') {
      return this.deliveries.handleAdmin(request, subpath, (store) => this.integrationsOf(store), this.adminStore(request));
    }
    const integrations = this.integrationsOf(this.adminStore(request));
    if (subpath === '/integrations') {
      if (request.method === 'GET') return { status: 200, body: [...integrations.values()] };
      if (request.method === 'POST') return this.adminInsert(integrations, request);
      return undefined;
    }
    const match = /^\/integrations\/([^/]+)$/.exec(subpath);
    if (match) {
      const id = decodeURIComponent(match[1]);
      if (request.method === 'PATCH') return this.adminPatch(integrations, id, request);
      if (request.method === 'DELETE') {
        return integrations.delete(id) ? { status: 204 } : adminError(404, `no integration ${id}`);
      }
      return undefined;
    }
    if (subpath === '/rate-limit' && request.method === 'POST') {
      const parsed = parseJsonBody(request);
      if (parsed.error) return adminError(400, parsed.error);
      const body = isObject(parsed.value) ? parsed.value : {};
      const limit = positiveNumberOrError(body.requestsPerSecond, 'requestsPerSecond');
      if (typeof limit === 'string') return adminError(400, limit);
      this.setRateLimit(limit);
      return { status: 200, body: { requestsPerSecond: limit ?? null } };
    }
    if (subpath === '/log-timestamps' && request.method === 'POST') {
      const parsed = parseJsonBody(request);
      if (parsed.error) return adminError(400, parsed.error);
      const enabled = isObject(parsed.value) ? parsed.value.enabled : undefined;
      if (typeof enabled !== 'boolean') return adminError(400, 'give {"enabled": false} to answer logs and jobs without a time (as the real API does), {"enabled": true} to add it back');
      this.deliveries.setLogTimestamps(enabled);
      return { status: 200, body: { enabled } };
    }
    return this.tokens.handleAdmin(request, subpath);
  }

  private adminInsert(integrations: Map<string, StoredElasticPathIntegration>, request: EmulatorRequest): EmulatorResponse {
    const parsed = parseJsonBody(request);
    if (parsed.error) return adminError(400, parsed.error);
    if (!isObject(parsed.value)) return adminError(400, 'body must be a JSON object');
    const raw = parsed.value;
    const now = isoSeconds(this.clock());
    const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : randomUUID();
    if (integrations.has(id)) return adminError(409, `integration ${id} already exists`);
    const integration = {
      type: 'integration',
      name: '',
      description: '',
      enabled: false,
      integration_type: isIntegrationType(raw.integration_type) ? raw.integration_type : 'webhook',
      observes: [],
      configuration: {},
      created_at: now,
      updated_at: now,
      ...raw,
      id,
    } as StoredElasticPathIntegration;
    integrations.set(id, integration);
    return { status: 201, body: integration };
  }

  private adminPatch(
    integrations: Map<string, StoredElasticPathIntegration>,
    id: string,
    request: EmulatorRequest,
  ): EmulatorResponse {
    const integration = integrations.get(id);
    if (!integration) return adminError(404, `no integration ${id}`);
    const parsed = parseJsonBody(request);
    if (parsed.error) return adminError(400, parsed.error);
    if (!isObject(parsed.value)) return adminError(400, 'body must be a JSON object');
    Object.assign(integration, { updated_at: isoSeconds(this.clock()) }, parsed.value, { id });
    return { status: 200, body: integration };
  }
}

function notFound(): EmulatorResponse {
  return apiError(404, 'Not Found', 'The resource could not be found');
}

export async function startElasticPathEmulator(options: ElasticPathEmulatorOptions = {}): Promise<RunningElasticPathEmulator> {
  const clock = options.clock ?? systemClock;
  const emulator = new ElasticPathEmulator(
    options.clientId ?? EMULATOR_CREDENTIALS.elasticpath.clientId,
    options.clientSecret ?? EMULATOR_CREDENTIALS.elasticpath.clientSecret,
    options.tokenTtlSeconds ?? 3600,
    options.requestsPerSecond,
    clock,
    options.delivery,
  );
  const server = new EmulatorHttpServer(emulator, clock);
  emulator.baseUrl = await server.listen(options.port ?? 0);
  return {
    url: server.url,
    admin: new ElasticPathAdmin(server.url),
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    close: () => {
      emulator.deliveries.stop();
      return server.close();
    },
    reset: () => server.reset(),
  };
}
