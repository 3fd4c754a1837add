import { systemClock, type Clock, type RandomSource } from './clock';
import { ApiError, AuthenticationError, OutcomeUnknownError, isNotFound } from './errors';
import { HttpClient, type RequestEvent } from './http';
import { PER_SECOND_LIMIT_ADAPTATION, RateBudget, TokenBucket } from './rate-limit';
import { BearerAuth, TokenCache, tokenExpiry } from './token-cache';
import type { Transport } from './transport';

import {
  DEFAULT_ELASTIC_PATH_REGION,
  DEFAULT_ELASTIC_PATH_REQUESTS_PER_SECOND,
  ELASTIC_PATH_REGIONS,
  ELASTIC_PATH_SECRET_CONFIGURATION_FIELDS,
  type ElasticPathRegion,
  type IntegrationType,
} from './elasticpath-vocabulary';

export { ELASTIC_PATH_REGIONS, type ElasticPathRegion, type IntegrationType } from './elasticpath-vocabulary';

/**
 * The spec does not state a maximum for page[limit]; 100 is the largest page size
 * Elastic Path stores accept (the store's page_length setting tops out there).
 */
export const ELASTIC_PATH_MAX_PAGE_LIMIT = 100;

/** Stop after this many pages even if the server keeps answering full, new pages. */
const MAX_LIST_PAGES = 10_000;

export interface ElasticPathClientOptions {
  /** Host root, e.g. https://useast.api.elasticpath.com or http://127.0.0.1:1234. Wins over region. */
  baseUrl?: string;
  /** Shortcut for baseUrl. Default useast (DEFAULT_ELASTIC_PATH_REGION). */
  region?: ElasticPathRegion;
  clientId: string;
  clientSecret: string;
  /** Sent as EP-Store-ID when set. */
  storeId?: string;
  /** Sent as EP-Org-ID when set. */
  orgId?: string;
  /** Per request. Default 30000. */
  timeoutMs?: number;
  /** Attempts per request, first included. Default 5. */
  maxAttempts?: number;
  /** No retry after an error starts later than this after the first attempt. Default 60000. */
  maxRetryTimeMs?: number;
  /** How long one request waits out 429 answers (and 503 with Retry-After), from its first one. Default 300000. */
  maxRateLimitWaitMs?: number;
  /**
   * Client-side rate budget, the most this client sends. Default 25. It is lowered on 429 answers
   * (other processes share the store) and climbs back while requests pass.
   */
  requestsPerSecond?: number;
  logger?: (line: string) => void;
  /** Called after every HTTP attempt (token requests included). */
  onRequest?: (event: RequestEvent) => void;
  /** Replaces the axios transport (tests, other runtimes). */
  transport?: Transport;
  clock?: Clock;
  random?: RandomSource;
  /** How many times a create whose outcome was unknown is looked for and re-sent. Default 3. */
  createRecoveryRounds?: number;
}

export interface EpConfiguration {
  url?: string;
  secret_key?: string;
  aws_access_key_id?: string;
  aws_secret_access_key?: string;
  region?: string;
  addresses?: string[];
  destination?: string;
  username?: string;
  password?: string;
}

export interface EpIntegrationAttributes {
  name: string;
  description?: string;
  enabled?: boolean;
  integration_type: IntegrationType;
  observes: string[];
  configuration: EpConfiguration;
}

export interface EpIntegration extends EpIntegrationAttributes {
  id: string;
  type: 'integration';
  links?: { self?: string };
  meta?: { timestamps?: { created_at?: string; updated_at?: string } };
}

/** One delivery attempt, from the integration logs endpoints. */
export interface EpIntegrationLog {
  id: string;
  succeeded: boolean;
  attempt: number;
  /** What the receiver answered. */
  body?: string;
  /** Absent when no answer arrived (timeout, connection refused). */
  status_code?: number;
  error_detail?: string;
  integration_id?: string;
  job_id?: string;
  /** When the attempt was made, when the API says (meta.timestamps.created_at). */
  created_at?: string;
}

/** One delivery of one event to one integration; its attempts are the job's logs. */
export interface EpIntegrationJob {
  id: string;
  created_at?: string;
}

export interface ListLogsOptions {
  /** Only this integration's logs; absent: every log of the store. */
  integrationId?: string;
  /** Only this job's logs (needs integrationId). */
  jobId?: string;
  /** Drop logs older than this (milliseconds since the epoch); logs without a time are kept. */
  sinceMs?: number;
  pageLimit?: number;
}

/** Configuration fields whose values are credentials (the vocabulary's list, under its older name). */
export const EP_SECRET_CONFIGURATION_FIELDS = ELASTIC_PATH_SECRET_CONFIGURATION_FIELDS;

const TOKEN_PATH = '/oauth/access_token';
const INTEGRATIONS_PATH = '/v2/integrations';

/**
 * The budget every request of one client draws from: Elastic Path counts its limit per store
 * over one second. A small burst keeps any one-second window near the limit (a full second's
 * burst would allow twice it). It adapts: lowered on 429 answers, raised back while requests pass.
 */
export function elasticPathRateBudget(requestsPerSecond: number, clock: Clock, logger?: (line: string) => void): RateBudget {
  const burst = Math.max(1, Math.round(requestsPerSecond / 5));
  return new RateBudget([new TokenBucket({ capacity: burst, refillPerSecond: requestsPerSecond }, clock)], clock, {
    adaptive: PER_SECOND_LIMIT_ADAPTATION,
    onDecrease: (share) =>
      logger?.(`elasticpath: the store refused a request for its rate; this client now sends at most ${(requestsPerSecond * share).toFixed(1)} requests/s`),
  });
}

/** Client for the Elastic Path Commerce Cloud Integrations API. */
export class ElasticPathClient {
  readonly baseUrl: string;
  private readonly http: HttpClient;
  private readonly tokens: TokenCache;
  private readonly clientId: string;
  private readonly clientSecret: string;
  private readonly createRecoveryRounds: number;
  private readonly logger?: (line: string) => void;
  private readonly clock: Clock;

  constructor(options: ElasticPathClientOptions) {
    if (!options.clientId) throw new Error('elastic path client_id is required');
    if (!options.clientSecret) throw new Error('elastic path client_secret is required');
    if (options.region !== undefined && !(options.region in ELASTIC_PATH_REGIONS)) {
      throw new Error(`elastic path region must be one of ${Object.keys(ELASTIC_PATH_REGIONS).join(', ')}, got "${options.region}"`);
    }
    this.baseUrl = (options.baseUrl ?? ELASTIC_PATH_REGIONS[options.region ?? DEFAULT_ELASTIC_PATH_REGION]).replace(/\/+$/, '');
    this.clientId = options.clientId;
    this.clientSecret = options.clientSecret;
    this.createRecoveryRounds = options.createRecoveryRounds ?? 3;
    if (options.logger) this.logger = options.logger;
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    const budget = elasticPathRateBudget(options.requestsPerSecond ?? DEFAULT_ELASTIC_PATH_REQUESTS_PER_SECOND, clock, options.logger);
    this.tokens = new TokenCache(() => this.fetchToken(), clock);
    const scopeHeaders: Record<string, string> = {};
    if (options.storeId) scopeHeaders['EP-Store-ID'] = options.storeId;
    if (options.orgId) scopeHeaders['EP-Org-ID'] = options.orgId;
    this.http = new HttpClient({
      name: 'elasticpath',
      baseUrl: this.baseUrl,
      clock,
      budgets: { read: budget, write: budget },
      auth: new BearerAuth(this.tokens, [this.clientSecret]),
      defaultHeaders: scopeHeaders,
      retry: { maxAttempts: options.maxAttempts, maxRetryTimeMs: options.maxRetryTimeMs, maxRateLimitWaitMs: options.maxRateLimitWaitMs },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    });
  }

  /** Fetches (and caches) an access token: wrong credentials fail here once, before any resource is touched. */
  async verifyCredentials(): Promise<void> {
    await this.tokens.get();
  }

  /** HTTP attempts made by this client so far (token requests and retries included). */
  get requestCount(): number {
    return this.http.requestCount;
  }

  /**
   * Every integration of the store, following page[offset] until a page is short, the
   * reported total is reached, or a page holds only ids already seen (an endpoint that
   * ignores paging then costs one extra request instead of an endless loop).
   */
  async listIntegrations(options: { pageLimit?: number } = {}): Promise<EpIntegration[]> {
    const limit = Math.max(1, Math.min(options.pageLimit ?? ELASTIC_PATH_MAX_PAGE_LIMIT, ELASTIC_PATH_MAX_PAGE_LIMIT));
    const seen = new Set<string>();
    const all: EpIntegration[] = [];
    let offset = 0;
    for (let page = 1; page <= MAX_LIST_PAGES; page++) {
      const { body, items } = await this.listPage(limit, offset);
      const fresh = items.filter((item) => !seen.has(item.id));
      if (items.length > 0 && fresh.length === 0) break;
      for (const item of fresh) {
        seen.add(item.id);
        all.push(item);
      }
      if (isLastPage(body, items.length, limit, all.length)) break;
      offset += items.length;
    }
    return all;
  }

  /**
   * Delivery attempts (newest first as the API answers them): the store's, one integration's
   * (`GET /v2/integrations/{id}/logs`) or one job's. Follows `links.next` page by page.
   */
  async listIntegrationLogs(options: ListLogsOptions = {}): Promise<EpIntegrationLog[]> {
    if (options.jobId !== undefined && options.integrationId === undefined) throw new Error('listing the logs of a job needs its integrationId');
    const path =
      options.integrationId === undefined
        ? `${INTEGRATIONS_PATH}/logs`
        : options.jobId === undefined
          ? `${integrationPath(options.integrationId)}/logs`
          : `${integrationPath(options.integrationId)}/jobs/${encodeURIComponent(options.jobId)}/logs`;
    const logs = (await this.listPages(path, options.pageLimit)).map(toEpIntegrationLog);
    const since = options.sinceMs;
    if (since === undefined) return logs;
    return logs.filter((log) => log.created_at === undefined || !(Date.parse(log.created_at) < since));
  }

  /** The jobs (deliveries) of one integration. Throws NotFoundError when the integration does not exist. */
  async listIntegrationJobs(integrationId: string, options: { pageLimit?: number } = {}): Promise<EpIntegrationJob[]> {
    const items = await this.listPages(`${integrationPath(integrationId)}/jobs`, options.pageLimit);
    return items.map((raw) => {
      const record = isRecord(raw) ? raw : {};
      const createdAt = timestampOf(record);
      return { id: String(record.id ?? ''), ...(createdAt ? { created_at: createdAt } : {}) };
    });
  }

  /** Every item of a paged list whose pages end when `links.next` is absent or a page is short. */
  private async listPages(path: string, pageLimit: number | undefined): Promise<unknown[]> {
    const limit = Math.max(1, Math.min(pageLimit ?? ELASTIC_PATH_MAX_PAGE_LIMIT, ELASTIC_PATH_MAX_PAGE_LIMIT));
    const all: unknown[] = [];
    let offset = 0;
    for (let page = 1; page <= MAX_LIST_PAGES; page++) {
      const { body } = await this.http.request<{ data?: unknown[]; links?: { next?: unknown } }>({
        method: 'GET',
        path,
        query: { 'page[limit]': limit, 'page[offset]': offset },
      });
      const items = Array.isArray(body?.data) ? body.data : [];
      all.push(...items);
      if (items.length < limit || !body?.links?.next) break;
      offset += items.length;
    }
    return all;
  }

  /**
   * The first page of the store's integrations (the largest page the API allows), and whether
   * it holds all of them: a store of up to 100 integrations is read in one request.
   */
  async listIntegrationsFirstPage(): Promise<{ objects: EpIntegration[]; complete: boolean }> {
    const { body, items } = await this.listPage(ELASTIC_PATH_MAX_PAGE_LIMIT, 0);
    return { objects: items, complete: isLastPage(body, items.length, ELASTIC_PATH_MAX_PAGE_LIMIT, items.length) };
  }

  private async listPage(limit: number, offset: number): Promise<{ body: ListBody | undefined; items: EpIntegration[] }> {
    const { body } = await this.http.request<ListBody>({
      method: 'GET',
      path: INTEGRATIONS_PATH,
      query: { 'page[limit]': limit, 'page[offset]': offset },
    });
    return { body, items: (Array.isArray(body?.data) ? body.data : []).map(toEpIntegration) };
  }

  /** Throws NotFoundError when the integration does not exist. */
  async getIntegration(id: string): Promise<EpIntegration> {
    const { body } = await this.http.request<SingleBody>({ method: 'GET', path: integrationPath(id) });
    return this.expectIntegration(body, 'GET', integrationPath(id));
  }

  /**
   * Creates an integration. A create is never re-sent blindly: when its outcome is
   * unknown (response lost after the request was sent, or a 5xx other than 503), the
   * integrations are listed and one matching the request is returned if found; only if
   * none matches is the create sent again (at most `createRecoveryRounds` sends).
   *
   * Matching rule: same `name` and same `integration_type`. Among several matches, one
   * that also has the same `observes` (as a set) and the same `configuration.url` is
   * preferred, then the most recently created. Elastic Path does not enforce unique
   * names, so a pre-existing integration with the same name and type could be adopted
   * in this rare path; keep names unique per store to rule that out.
   */
  async createIntegration(attributes: EpIntegrationAttributes): Promise<EpIntegration> {
    const document = { data: { type: 'integration', ...withoutEmpty(attributes) } };
    for (let round = 1; ; round++) {
      try {
        const { body } = await this.http.request<SingleBody>({
          method: 'POST',
          path: INTEGRATIONS_PATH,
          json: document,
          secrets: secretValues(attributes.configuration),
        });
        return this.expectIntegration(body, 'POST', INTEGRATIONS_PATH);
      } catch (err) {
        if (!(err instanceof OutcomeUnknownError)) throw err;
        let existing: EpIntegration | undefined;
        try {
          existing = findCreatedIntegration(await this.listIntegrations(), attributes);
        } catch (listError) {
          // Without the list we cannot tell whether the create happened; report that, not the list failure.
          this.logger?.(`elasticpath could not list integrations to resolve an unknown create outcome: ${(listError as Error).message}`);
          throw err;
        }
        if (existing) {
          this.logger?.(`elasticpath POST ${INTEGRATIONS_PATH} outcome was unknown; found the created integration ${existing.id}`);
          return existing;
        }
        if (round >= this.createRecoveryRounds) throw err;
        this.logger?.(`elasticpath POST ${INTEGRATIONS_PATH} outcome was unknown and no matching integration exists; sending again`);
      }
    }
  }

  /** Sends only the given fields; empty strings and undefined values are left out. */
  async updateIntegration(id: string, changes: Partial<EpIntegrationAttributes>): Promise<EpIntegration> {
    const path = integrationPath(id);
    const { body } = await this.http.request<SingleBody>({
      method: 'PUT',
      path,
      json: { data: { type: 'integration', ...withoutEmpty(changes) } },
      secrets: secretValues(changes.configuration),
    });
    return this.expectIntegration(body, 'PUT', path);
  }

  /** Accepts 200 or 204. A 404 that follows our own lost-but-applied attempt counts as success. */
  async deleteIntegration(id: string): Promise<void> {
    try {
      await this.http.request({ method: 'DELETE', path: integrationPath(id) });
    } catch (err) {
      if (isNotFound(err) && err.followsUnknownOutcome) return;
      throw err;
    }
  }

  private async fetchToken() {
    try {
      const { body } = await this.http.request<Record<string, unknown>>({
        method: 'POST',
        path: TOKEN_PATH,
        form: { grant_type: 'client_credentials', client_id: this.clientId, client_secret: this.clientSecret },
        auth: null,
        // Asking for a token twice is harmless, so a lost answer may be retried.
        idempotent: true,
        secrets: [this.clientSecret],
      });
      const value = body?.access_token;
      if (typeof value !== 'string' || value === '') {
        throw new ApiError({ status: 200, title: 'Invalid Response', detail: 'the token response has no access_token', method: 'POST', path: TOKEN_PATH });
      }
      return { value, expiresAt: tokenExpiry(body, this.clock.now()) };
    } catch (err) {
      if (err instanceof AuthenticationError || (err instanceof ApiError && err.status === 400)) {
        throw new AuthenticationError(
          {
            status: err.status,
            title: err.title,
            detail: `${err.detail ? `${err.detail}; ` : ''}check the Elastic Path client_id and client_secret`,
            method: err.method,
            path: err.path,
            ...(err.requestId !== undefined ? { requestId: err.requestId } : {}),
          },
        );
      }
      throw err;
    }
  }

  private expectIntegration(body: SingleBody | undefined, method: string, path: string): EpIntegration {
    const data = body?.data;
    if (!isRecord(data) || typeof data.id !== 'string') {
      throw new ApiError({ status: 200, title: 'Invalid Response', detail: 'the response has no integration in data', method, path });
    }
    return toEpIntegration(data);
  }
}

interface ListBody {
  data?: unknown[];
  meta?: { results?: { total?: unknown }; page?: { total?: unknown; current?: unknown } };
  results?: { total?: unknown };
}

/** Whether a list page is the last: short, or the reported total (of items or of pages) is reached. */
function isLastPage(body: ListBody | undefined, pageItems: number, limit: number, seenSoFar: number): boolean {
  if (pageItems < limit) return true;
  const total = numberOrUndefined(body?.meta?.results?.total ?? body?.results?.total);
  if (total !== undefined && seenSoFar >= total) return true;
  const pageTotal = numberOrUndefined(body?.meta?.page?.total);
  const pageCurrent = numberOrUndefined(body?.meta?.page?.current);
  return pageTotal !== undefined && pageCurrent !== undefined && pageCurrent >= pageTotal;
}

interface SingleBody {
  data?: unknown;
}

function integrationPath(id: string): string {
  if (!id) throw new Error('an integration id is required');
  return `${INTEGRATIONS_PATH}/${encodeURIComponent(id)}`;
}

/** Maps an API object to EpIntegration, tolerating JSON:API `attributes` nesting. */
export function toEpIntegration(raw: unknown): EpIntegration {
  const record = isRecord(raw) ? raw : {};
  const attributes = isRecord(record.attributes) ? record.attributes : {};
  const source: Record<string, unknown> = { ...attributes, ...record };
  const integration: EpIntegration = {
    id: String(source.id ?? ''),
    type: 'integration',
    name: typeof source.name === 'string' ? source.name : '',
    integration_type: source.integration_type as IntegrationType,
    observes: Array.isArray(source.observes) ? source.observes.map(String) : [],
    configuration: isRecord(source.configuration) ? (source.configuration as EpConfiguration) : {},
  };
  if (typeof source.description === 'string') integration.description = source.description;
  if (typeof source.enabled === 'boolean') integration.enabled = source.enabled;
  if (isRecord(source.links)) integration.links = source.links as EpIntegration['links'];
  if (isRecord(source.meta)) integration.meta = source.meta as EpIntegration['meta'];
  return integration;
}

function toEpIntegrationLog(raw: unknown): EpIntegrationLog {
  const record = isRecord(raw) ? raw : {};
  const relationships = isRecord(record.relationships) ? record.relationships : {};
  const relatedId = (name: string) => {
    const related = relationships[name];
    const data = isRecord(related) && isRecord(related.data) ? related.data : undefined;
    return typeof data?.id === 'string' ? data.id : undefined;
  };
  const log: EpIntegrationLog = {
    id: String(record.id ?? ''),
    succeeded: record.succeeded === true,
    attempt: numberOrUndefined(record.attempt) ?? 1,
  };
  if (typeof record.body === 'string') log.body = record.body;
  const statusCode = numberOrUndefined(record.status_code);
  if (statusCode !== undefined) log.status_code = statusCode;
  if (typeof record.error_detail === 'string' && record.error_detail !== '') log.error_detail = record.error_detail;
  const integrationId = relatedId('integration');
  if (integrationId) log.integration_id = integrationId;
  const jobId = relatedId('job');
  if (jobId) log.job_id = jobId;
  const createdAt = timestampOf(record);
  if (createdAt) log.created_at = createdAt;
  return log;
}

function timestampOf(record: Record<string, unknown>): string | undefined {
  const meta = isRecord(record.meta) ? record.meta : {};
  const timestamps = isRecord(meta.timestamps) ? meta.timestamps : {};
  return typeof timestamps.created_at === 'string' ? timestamps.created_at : undefined;
}

/** The integration a lost create produced, by the rule documented on createIntegration. */
export function findCreatedIntegration(candidates: readonly EpIntegration[], wanted: EpIntegrationAttributes): EpIntegration | undefined {
  const matches = candidates.filter((c) => c.name === wanted.name && c.integration_type === wanted.integration_type);
  if (matches.length <= 1) return matches[0];
  const wantedObserves = [...new Set(wanted.observes)].sort().join('\n');
  const closeness = (c: EpIntegration) =>
    ([...new Set(c.observes)].sort().join('\n') === wantedObserves ? 2 : 0) +
    ((c.configuration?.url ?? '') === (wanted.configuration?.url ?? '') ? 1 : 0);
  const createdAt = (c: EpIntegration) => Date.parse(c.meta?.timestamps?.created_at ?? '') || 0;
  return [...matches].sort((a, b) => closeness(b) - closeness(a) || createdAt(b) - createdAt(a))[0];
}

/**
 * Drops undefined values, and empty strings inside configuration (an empty configuration
 * field means "none"). A top-level empty string, such as a cleared description, is sent.
 */
function withoutEmpty<T extends object>(value: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[key] = key === 'configuration' && isRecord(v) ? withoutEmptyStrings(v) : v;
  }
  return out as Partial<T>;
}

function withoutEmptyStrings(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
}

function secretValues(configuration: EpConfiguration | undefined): string[] {
  if (!configuration) return [];
  return EP_SECRET_CONFIGURATION_FIELDS.map((field) => configuration[field]).filter((v): v is string => typeof v === 'string' && v !== '');
}

function numberOrUndefined(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
