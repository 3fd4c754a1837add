import { systemClock, type Clock, type RandomSource } from './clock';
import { ApiError, AuthenticationError, UnsupportedFieldError, isNotFound } from './errors';
import { HttpClient, type RequestEvent } from './http';
import { PER_MINUTE_LIMIT_ADAPTATION, RateBudget, perPeriodBucket } from './rate-limit';
import { SendcloudShopApi } from './sendcloud-shop';
import { BasicAuth, BearerAuth, TokenCache, tokenExpiry } from './token-cache';
import type { Transport } from './transport';

import {
  DEFAULT_SENDCLOUD_API_VERSION,
  SENDCLOUD_API_VERSIONS,
  SENDCLOUD_DEFAULT_BASE_URL,
  SENDCLOUD_DEFAULT_TOKEN_URL,
  SENDCLOUD_SETTING_NAMES,
  SENDCLOUD_V2_SETTING_NAMES,
  type SendcloudApiVersion,
  type SendcloudFeedbackType,
} from './sendcloud-vocabulary';

export { SENDCLOUD_DEFAULT_BASE_URL, SENDCLOUD_DEFAULT_TOKEN_URL, type SendcloudApiVersion } from './sendcloud-vocabulary';

export interface SendcloudOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Default https://account.sendcloud.com/oauth2/token. */
  tokenUrl?: string;
}

export interface SendcloudClientOptions {
  /** Host root; v3 lives under /api/v3 and v2 under /api/v2. Default https://panel.sendcloud.sc. */
  baseUrl?: string;
  /** HTTP Basic user name (the integration's public key). */
  publicKey?: string;
  /** HTTP Basic password (the integration's secret key). */
  secretKey?: string;
  /** OAuth2 client credentials, instead of publicKey/secretKey. */
  oauth?: SendcloudOAuthOptions;
  /** Default v3. */
  apiVersion?: SendcloudApiVersion;
  /** Per request. Default 30000. */
  timeoutMs?: number;
  /** Attempts per request, first included. Default 5. */
  maxAttempts?: number;
  /** No retry after an error starts later than this after the first attempt. Default 60000. */
  maxRetryTimeMs?: number;
  /** How long one request waits out 429 answers (and 503 with Retry-After), from its first one. Default 300000. */
  maxRateLimitWaitMs?: number;
  /**
   * Write budget per minute, the most this client sends. Default 100. Lowered on 429 answers
   * (other processes share the account) and climbs back while writes pass; reads alike.
   */
  writesPerMinute?: number;
  /** Write burst per second. Default 15. */
  writeBurstPerSecond?: number;
  /** Read budget per minute. Default 1000. */
  readsPerMinute?: number;
  logger?: (line: string) => void;
  /** Called after every HTTP attempt (token requests included). */
  onRequest?: (event: RequestEvent) => void;
  /** Replaces the axios transport (tests, other runtimes). */
  transport?: Transport;
  clock?: Clock;
  random?: RandomSource;
}

/** The settings a caller may change, under their v3 names. */
export interface SendcloudIntegrationSettings {
  shop_name?: string;
  shop_url?: string | null;
  service_point_enabled?: boolean;
  service_point_carriers?: string[];
  webhook_active?: boolean;
  webhook_url?: string | null;
  feedback_type?: SendcloudFeedbackType;
}

/** An integration under its v3 names, whichever API version it was read from. */
export interface SendcloudIntegration extends SendcloudIntegrationSettings {
  id: number;
  type?: string;
  created_at?: string | null;
  updated_at?: string | null;
  last_fetched_at?: string | null;
  started_failing_at?: string | null;
}

/** An integration as the v3 API sends it. */
export interface SendcloudV3Integration extends SendcloudIntegrationSettings {
  id: number;
  type?: string;
  started_failing_at?: string | null;
  last_fetched_at?: string | null;
  created_at?: string;
  updated_at?: string;
}

/** An integration as the v2 API sends it. */
export interface SendcloudV2Integration {
  id: number;
  shop_name?: string;
  shop_url?: string | null;
  system?: string;
  failing_since?: string | null;
  last_fetch?: string | null;
  last_updated_at?: string;
  service_point_enabled?: boolean;
  service_point_carriers?: string[];
  webhook_active?: boolean;
  webhook_url?: string | null;
}

/** The fields v2 PATCH and PUT accept (IntegrationUpdate in the v2 spec). */
export type SendcloudV2Settings = Omit<SendcloudIntegrationSettings, 'feedback_type'>;

/** Fields a v2 PUT must carry, since it replaces the settings as a whole. */
export const SENDCLOUD_V2_WRITABLE_FIELDS = SENDCLOUD_V2_SETTING_NAMES;

/** Low-level access to /api/v3/integrations: raw shapes, no normalization. */
export class SendcloudV3Api {
  constructor(private readonly http: HttpClient) {}

  async list(): Promise<SendcloudV3Integration[]> {
    const { body } = await this.http.request({ method: 'GET', path: '/api/v3/integrations' });
    return expectArray(unwrapData(body), 'GET', '/api/v3/integrations') as SendcloudV3Integration[];
  }

  /** The spec wraps the object in `data`; a bare object is accepted too. */
  async get(id: number): Promise<SendcloudV3Integration> {
    const path = v3Path(id);
    const { body } = await this.http.request({ method: 'GET', path });
    return expectIntegrationObject(unwrapData(body), 'GET', path) as unknown as SendcloudV3Integration;
  }

  /** Answers 204 without a body. */
  async patch(id: number, changes: SendcloudIntegrationSettings): Promise<void> {
    await this.http.request({ method: 'PATCH', path: v3Path(id), json: changes });
  }

  async delete(id: number): Promise<void> {
    await this.http.request({ method: 'DELETE', path: v3Path(id) });
  }
}

/** Low-level access to /api/v2/integrations (maintenance mode): raw shapes, no normalization. */
export class SendcloudV2Api {
  constructor(private readonly http: HttpClient) {}

  /** The v2 list is a bare JSON array. */
  async list(): Promise<SendcloudV2Integration[]> {
    const { body } = await this.http.request({ method: 'GET', path: '/api/v2/integrations' });
    const items = Array.isArray(body) ? body : unwrapData(body, 'integrations');
    return expectArray(items, 'GET', '/api/v2/integrations') as SendcloudV2Integration[];
  }

  async get(id: number): Promise<SendcloudV2Integration> {
    const path = v2Path(id);
    const { body } = await this.http.request({ method: 'GET', path });
    return expectIntegrationObject(unwrapData(body, 'integration'), 'GET', path) as unknown as SendcloudV2Integration;
  }

  /** Partial update; answers 200 with the updated settings. */
  async patch(id: number, changes: SendcloudV2Settings): Promise<Partial<SendcloudV2Integration>> {
    const path = v2Path(id);
    const { body } = await this.http.request({ method: 'PATCH', path, json: changes });
    return isRecord(body) ? (body as Partial<SendcloudV2Integration>) : {};
  }

  /** Full update: every writable field must be sent. Answers 200 with the settings. */
  async put(id: number, settings: SendcloudV2Settings): Promise<Partial<SendcloudV2Integration>> {
    const path = v2Path(id);
    const { body } = await this.http.request({ method: 'PUT', path, json: settings });
    return isRecord(body) ? (body as Partial<SendcloudV2Integration>) : {};
  }

  async delete(id: number): Promise<void> {
    await this.http.request({ method: 'DELETE', path: v2Path(id) });
  }
}

/**
 * The budgets of one client: Sendcloud counts writes (100/minute) and reads per minute. Both
 * adapt: lowered on 429 answers, raised back while requests pass.
 */
export function sendcloudRateBudgets(
  options: Pick<SendcloudClientOptions, 'writesPerMinute' | 'writeBurstPerSecond' | 'readsPerMinute' | 'logger'>,
  clock: Clock,
): { reads: RateBudget; writes: RateBudget } {
  const writesPerMinute = options.writesPerMinute ?? 100;
  const readsPerMinute = options.readsPerMinute ?? 1000;
  const adaptive = (what: string, perMinute: number) => ({
    adaptive: PER_MINUTE_LIMIT_ADAPTATION,
    onDecrease: (share: number) =>
      options.logger?.(`sendcloud: the API refused a ${what} for its rate; this client now sends at most ${Math.round(perMinute * share)} ${what}s/minute`),
  });
  return {
    writes: new RateBudget(
      [perPeriodBucket(writesPerMinute, 60, clock), perPeriodBucket(options.writeBurstPerSecond ?? 15, 1, clock)],
      clock,
      adaptive('write', writesPerMinute),
    ),
    reads: new RateBudget([perPeriodBucket(readsPerMinute, 60, clock)], clock, adaptive('read', readsPerMinute)),
  };
}

/**
 * Client for the Sendcloud Integrations API. Sendcloud has no create endpoint:
 * integrations are read, patched and deleted by id.
 */
export class SendcloudClient {
  readonly apiVersion: SendcloudApiVersion;
  readonly baseUrl: string;
  readonly v3: SendcloudV3Api;
  readonly v2: SendcloudV2Api;
  /** Exception logs (v3 and v2) and shop order statuses with their mapping (v3). */
  readonly shop: SendcloudShopApi;
  private readonly http: HttpClient;

  constructor(options: SendcloudClientOptions) {
    const apiVersion = options.apiVersion ?? DEFAULT_SENDCLOUD_API_VERSION;
    if (!SENDCLOUD_API_VERSIONS.includes(apiVersion)) throw new Error(`sendcloud apiVersion must be "v3" or "v2", got "${String(apiVersion)}"`);
    this.apiVersion = apiVersion;
    this.baseUrl = (options.baseUrl ?? SENDCLOUD_DEFAULT_BASE_URL).replace(/\/+$/, '');
    const clock = options.clock ?? systemClock;
    const { reads, writes } = sendcloudRateBudgets(options, clock);
    const shared = {
      clock,
      retry: { maxAttempts: options.maxAttempts, maxRetryTimeMs: options.maxRetryTimeMs, maxRateLimitWaitMs: options.maxRateLimitWaitMs },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    };
    this.http = new HttpClient({
      name: 'sendcloud',
      baseUrl: this.baseUrl,
      budgets: { read: reads, write: writes },
      auth: createSendcloudAuth(options, () => this.http, clock),
      ...shared,
    });
    this.v3 = new SendcloudV3Api(this.http);
    this.v2 = new SendcloudV2Api(this.http);
    this.shop = new SendcloudShopApi(this.http, apiVersion);
  }

  /** HTTP attempts made by this client so far (token requests and retries included). */
  get requestCount(): number {
    return this.http.requestCount;
  }

  async listIntegrations(): Promise<SendcloudIntegration[]> {
    if (this.apiVersion === 'v3') return (await this.v3.list()).map(fromV3);
    return (await this.v2.list()).map(fromV2);
  }

  /** Throws NotFoundError when the integration does not exist. */
  async getIntegration(id: number): Promise<SendcloudIntegration> {
    if (this.apiVersion === 'v3') return fromV3(await this.v3.get(id));
    return fromV2(await this.v2.get(id));
  }

  /**
   * v3: PATCH the given fields (204), then GET the object.
   * v2 patch (default): PATCH returns the settings; if that answer lacks the read-only
   *   fields (id, system), the object is read back with GET.
   * v2 put: GET the current object, merge the changes, PUT every writable field. Null
   *   values are left out of the PUT body, since v2 rejects null (so v2 PUT cannot clear
   *   shop_url or webhook_url).
   * Under v2, feedback_type does not exist and asking for it throws UnsupportedFieldError.
   */
  async updateIntegration(id: number, changes: SendcloudIntegrationSettings, options: { v2Method?: 'patch' | 'put' } = {}): Promise<SendcloudIntegration> {
    const fields = definedOnly(changes);
    if (this.apiVersion === 'v3') {
      if (Object.keys(fields).length > 0) await this.v3.patch(id, fields);
      return this.getIntegration(id);
    }
    if ('feedback_type' in fields) {
      throw new UnsupportedFieldError('feedback_type', 'v2', 'remove feedback_type, or use apiVersion "v3"');
    }
    const v2Fields = fields as SendcloudV2Settings;
    if ((options.v2Method ?? 'patch') === 'patch') {
      if (Object.keys(v2Fields).length === 0) return this.getIntegration(id);
      const answer = await this.v2.patch(id, v2Fields);
      if (typeof answer.id === 'number' && typeof answer.system === 'string') return fromV2(answer as SendcloudV2Integration);
      return this.getIntegration(id);
    }
    const current = await this.v2.get(id);
    const merged: Record<string, unknown> = { ...current, ...v2Fields };
    const full: Record<string, unknown> = {};
    for (const field of SENDCLOUD_V2_WRITABLE_FIELDS) {
      if (merged[field] !== undefined && merged[field] !== null) full[field] = merged[field];
    }
    const answer = await this.v2.put(id, full as SendcloudV2Settings);
    return fromV2({ ...current, ...full, ...answer, id } as SendcloudV2Integration);
  }

  /** A 404 that follows our own lost-but-applied attempt counts as success. */
  async deleteIntegration(id: number): Promise<void> {
    try {
      if (this.apiVersion === 'v3') await this.v3.delete(id);
      else await this.v2.delete(id);
    } catch (err) {
      if (isNotFound(err) && err.followsUnknownOutcome) return;
      throw err;
    }
  }
}

function createSendcloudAuth(options: SendcloudClientOptions, http: () => HttpClient, clock: Clock) {
  if (options.oauth) {
    const { clientId, clientSecret } = options.oauth;
    if (!clientId || !clientSecret) throw new Error('sendcloud oauth needs clientId and clientSecret');
    const tokenUrl = options.oauth.tokenUrl ?? SENDCLOUD_DEFAULT_TOKEN_URL;
    const clientAuth = new BasicAuth(clientId, clientSecret);
    const tokens = new TokenCache(async () => {
      try {
        const { body } = await http().request<Record<string, unknown>>({
          method: 'POST',
          path: tokenUrl,
          form: { grant_type: 'client_credentials', scope: 'api' },
          // Sendcloud documents client authentication with HTTP Basic on the token endpoint.
          auth: clientAuth,
          idempotent: true,
          budget: 'none',
        });
        const value = body?.access_token;
        if (typeof value !== 'string' || value === '') {
          throw new ApiError({ status: 200, title: 'Invalid Response', detail: 'the token response has no access_token', method: 'POST', path: new URL(tokenUrl).pathname });
        }
        return { value, expiresAt: tokenExpiry({ expires_in: body.expires_in }, clock.now()) };
      } catch (err) {
        if (err instanceof ApiError && (err.status === 400 || err.status === 401 || err.status === 403)) {
          throw new AuthenticationError({
            status: err.status,
            title: err.title,
            detail: `${err.detail ? `${err.detail}; ` : ''}check the Sendcloud OAuth client id and client secret`,
            method: err.method,
            path: err.path,
          });
        }
        throw err;
      }
    }, clock);
    return new BearerAuth(tokens, [clientSecret, ...clientAuth.secrets()]);
  }
  if (options.publicKey && options.secretKey) return new BasicAuth(options.publicKey, options.secretKey);
  throw new Error('sendcloud credentials are required: set publicKey and secretKey, or oauth { clientId, clientSecret }');
}

/** Normalizes a v3 object, keeping only known fields. */
export function fromV3(raw: SendcloudV3Integration | Record<string, unknown>): SendcloudIntegration {
  const r = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { id: toId(r.id) };
  for (const field of [
    'type',
    ...SENDCLOUD_SETTING_NAMES,
    'created_at',
    'updated_at',
    'last_fetched_at',
    'started_failing_at',
  ]) {
    if (r[field] !== undefined) out[field] = r[field];
  }
  return out as unknown as SendcloudIntegration;
}

/** v2 names that differ from v3: system, failing_since, last_fetch, last_updated_at. */
const V2_TO_V3_NAMES: Record<string, string> = {
  system: 'type',
  failing_since: 'started_failing_at',
  last_fetch: 'last_fetched_at',
  last_updated_at: 'updated_at',
};

/** Normalizes a v2 object to v3 names. v2 has no created_at and no feedback_type. */
export function fromV2(raw: SendcloudV2Integration | Record<string, unknown>): SendcloudIntegration {
  const r = raw as Record<string, unknown>;
  const renamed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r)) renamed[V2_TO_V3_NAMES[key] ?? key] = value;
  const out = fromV3(renamed);
  delete (out as { feedback_type?: unknown }).feedback_type;
  delete (out as { created_at?: unknown }).created_at;
  return out;
}

function v3Path(id: number): string {
  return `/api/v3/integrations/${checkId(id)}`;
}

function v2Path(id: number): string {
  return `/api/v2/integrations/${checkId(id)}`;
}

function checkId(id: number): number {
  if (!Number.isInteger(id) || id < 1) throw new RangeError(`a sendcloud integration id is a positive integer, got ${String(id)}`);
  return id;
}

function toId(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : NaN;
}

function unwrapData(body: unknown, alternateKey?: string): unknown {
  if (isRecord(body) && 'data' in body) return body.data;
  if (alternateKey && isRecord(body) && alternateKey in body) return body[alternateKey];
  return body;
}

function expectArray(value: unknown, method: string, path: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new ApiError({ status: 200, title: 'Invalid Response', detail: 'expected a list of integrations', method, path });
  }
  return value;
}

function expectIntegrationObject(value: unknown, method: string, path: string): Record<string, unknown> {
  if (!isRecord(value) || value.id === undefined) {
    throw new ApiError({ status: 200, title: 'Invalid Response', detail: 'the response has no integration', method, path });
  }
  return value;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
