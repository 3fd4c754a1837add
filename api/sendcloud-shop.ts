/**
 * Sendcloud's per-integration shop endpoints beside the integration settings:
 * - exception logs (`GET /integrations/logs`, `GET /integrations/{id}/logs`, v3 and v2): what
 *   went wrong when Sendcloud called the shop (credentials no longer valid, a missing resource);
 * - shop order statuses and their mapping onto Sendcloud's status categories (v3 only,
 *   `/shop-order-statuses` and `/shop-order-statuses/mapping`; Prestashop v2 integrations only).
 *
 * Their vocabulary (status categories, languages, the Prestashop v2 type) is declared in
 * sendcloud-vocabulary.ts.
 */
import { ApiError } from './errors';
import type { HttpClient } from './http';
import { SENDCLOUD_STATUS_CATEGORIES, type SendcloudStatusCategory, type SendcloudStatusLanguage } from './sendcloud-vocabulary';

export {
  SENDCLOUD_PRESTASHOP_V2_TYPE,
  SENDCLOUD_STATUS_CATEGORIES,
  SENDCLOUD_STATUS_LANGUAGES,
  type SendcloudStatusCategory,
  type SendcloudStatusLanguage,
} from './sendcloud-vocabulary';

/** Largest page the log endpoints serve (v3 `page_size` maximum). */
export const SENDCLOUD_LOGS_MAX_PAGE_SIZE = 100;
/** Stops a paging loop whose cursor never ends. */
const MAX_LOG_PAGES = 1000;

/** One exception log (`integration-log` in v3, `IntegrationLog` in v2). */
export interface SendcloudIntegrationLog {
  id: number;
  /** Absent on v2 answers that leave it out (the v2 spec marks it write-only). */
  integration_id?: number | null;
  base_url: string;
  full_url?: string | null;
  method?: string | null;
  response_code?: number | null;
  response?: { headers?: Record<string, unknown> | null; body?: unknown } | null;
  request?: { headers?: unknown; payload?: unknown } | null;
  created_at?: string;
  exception_type?: string | null;
  exception?: string | null;
  protected?: boolean;
  additional_data?: unknown;
}

export interface ListSendcloudLogsOptions {
  /** Only this integration's logs; absent: every log of the account. */
  integrationId?: number;
  /** Drop logs older than this (milliseconds since the epoch); logs without a time are kept. */
  sinceMs?: number;
  /** Default and largest: 100. */
  pageSize?: number;
}

/** One shop order status with its name in each language. */
export interface SendcloudShopOrderStatus {
  external_id: string;
  translations: { status: string; language: SendcloudStatusLanguage | string }[];
}

/** A status as the GET answers it: also the name in the asked language and when it was removed. */
export interface SendcloudShopOrderStatusRead extends SendcloudShopOrderStatus {
  status?: string;
  deleted_at?: string | null;
}

export interface SendcloudStatusMappingEntry {
  status_category: SendcloudStatusCategory | string;
  external_id: string | null;
  /** Read only: false when the external id points at a deleted status. */
  is_valid?: boolean;
}

/** Exception logs and shop order statuses of one Sendcloud account, under one API version. */
export class SendcloudShopApi {
  constructor(
    private readonly http: HttpClient,
    private readonly apiVersion: 'v3' | 'v2',
  ) {}

  /**
   * Every exception log of one integration or of the account, newest first. v3 pages with a
   * cursor in the `Link` header, v2 with `next` in the body; both are followed to the end, or
   * until a page reaches logs older than `sinceMs`. A log seen on two pages (a cursor is a
   * time, and two logs may share one) is kept once.
   */
  async listLogs(options: ListSendcloudLogsOptions = {}): Promise<SendcloudIntegrationLog[]> {
    const root = `/api/${this.apiVersion}/integrations`;
    const first = options.integrationId === undefined ? `${root}/logs` : `${root}/${checkIntegrationId(options.integrationId)}/logs`;
    const pageSize = Math.max(1, Math.min(options.pageSize ?? SENDCLOUD_LOGS_MAX_PAGE_SIZE, SENDCLOUD_LOGS_MAX_PAGE_SIZE));
    const seen = new Map<number, SendcloudIntegrationLog>();
    let next: string | undefined = first;
    let query: Record<string, string | number> | undefined = { page_size: pageSize };
    for (let page = 0; next !== undefined && page < MAX_LOG_PAGES; page++) {
      const { body, headers }: { body: unknown; headers: Record<string, string> } = await this.http.request({ method: 'GET', path: next, query });
      const items = this.apiVersion === 'v3' ? (isRecord(body) ? body.data : undefined) : isRecord(body) ? body.results : undefined;
      if (!Array.isArray(items)) {
        throw new ApiError({ status: 200, title: 'Invalid Response', detail: 'expected a list of exception logs', method: 'GET', path: first });
      }
      let added = 0;
      let reachedSince = false;
      for (const raw of items) {
        const log = toLog(raw);
        if (!log) continue;
        if (options.sinceMs !== undefined && log.created_at !== undefined && Date.parse(log.created_at) < options.sinceMs) {
          reachedSince = true;
          continue;
        }
        if (!seen.has(log.id)) added++;
        seen.set(log.id, log);
      }
      if (reachedSince || (items.length > 0 && added === 0)) break;
      next = this.apiVersion === 'v3' ? nextLink(headers.link) : isRecord(body) && typeof body.next === 'string' && body.next !== '' ? body.next : undefined;
      // The next URL carries its own query (cursor and page size).
      query = undefined;
    }
    return [...seen.values()].sort(newestFirst);
  }

  /** The integration's statuses, removed ones included when `showDeleted`. v3 only. */
  async getShopOrderStatuses(integrationId: number, options: { showDeleted?: boolean } = {}): Promise<SendcloudShopOrderStatusRead[]> {
    const path = this.v3Only('/api/v3/shop-order-statuses');
    const { body } = await this.http.request({
      method: 'GET',
      path,
      query: { integration_id: checkIntegrationId(integrationId), ...(options.showDeleted ? { show_deleted: 'true' } : {}) },
    });
    const data = isRecord(body) ? body.data : undefined;
    if (!Array.isArray(data)) throw new ApiError({ status: 200, title: 'Invalid Response', detail: 'expected a list of shop order statuses', method: 'GET', path });
    return data.filter(isRecord).map((raw) => ({
      external_id: String(raw.external_id),
      ...(typeof raw.status === 'string' ? { status: raw.status } : {}),
      deleted_at: typeof raw.deleted_at === 'string' ? raw.deleted_at : null,
      translations: Array.isArray(raw.translations)
        ? raw.translations.filter(isRecord).map((t) => ({ status: String(t.status), language: String(t.language) }))
        : [],
    }));
  }

  /** Replaces every status of the integration: statuses left out are deleted. v3 only. */
  async putShopOrderStatuses(integrationId: number, statuses: readonly SendcloudShopOrderStatus[]): Promise<void> {
    const path = this.v3Only('/api/v3/shop-order-statuses');
    // Writing the same list twice has the same effect, so a lost answer may be retried.
    await this.http.request({ method: 'POST', path, idempotent: true, json: { integration_id: checkIntegrationId(integrationId), statuses } });
  }

  async getStatusMapping(integrationId: number): Promise<SendcloudStatusMappingEntry[]> {
    const path = this.v3Only('/api/v3/shop-order-statuses/mapping');
    const { body } = await this.http.request({ method: 'GET', path, query: { integration_id: checkIntegrationId(integrationId) } });
    const data = isRecord(body) ? body.data : undefined;
    const mapping = isRecord(data) ? data.mapping : undefined;
    if (!Array.isArray(mapping)) throw new ApiError({ status: 200, title: 'Invalid Response', detail: 'expected a status mapping', method: 'GET', path });
    return mapping.filter(isRecord).map((entry) => ({
      status_category: String(entry.status_category),
      external_id: entry.external_id === null || entry.external_id === undefined ? null : String(entry.external_id),
      ...(typeof entry.is_valid === 'boolean' ? { is_valid: entry.is_valid } : {}),
    }));
  }

  /**
   * Upserts the mapping. The API wants every category once, so a category `mapping` leaves
   * out is sent as null (unmapped).
   */
  async putStatusMapping(integrationId: number, mapping: Partial<Record<SendcloudStatusCategory, string | null>>): Promise<void> {
    const path = this.v3Only('/api/v3/shop-order-statuses/mapping');
    const entries = SENDCLOUD_STATUS_CATEGORIES.map((category) => ({ status_category: category, external_id: mapping[category] ?? null }));
    await this.http.request({ method: 'POST', path, idempotent: true, json: { integration_id: checkIntegrationId(integrationId), mapping: entries } });
  }

  private v3Only(path: string): string {
    if (this.apiVersion !== 'v3') {
      throw new Error('shop order statuses exist only in the Sendcloud API v3: set api_version = "v3" (the default)');
    }
    return path;
  }
}

/** The URL of `rel="next"` in an RFC 8288 Link header, if any. */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*(.*)$/.exec(part);
    const rel = match ? /(?:^|;)\s*rel\s*=\s*"?([^";]*)"?/i.exec(match[2]) : null;
    if (match && rel && rel[1].toLowerCase().split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}

function toLog(raw: unknown): SendcloudIntegrationLog | undefined {
  if (!isRecord(raw)) return undefined;
  const id = typeof raw.id === 'string' ? Number(raw.id) : raw.id;
  if (typeof id !== 'number' || !Number.isFinite(id)) return undefined;
  return { ...(raw as unknown as SendcloudIntegrationLog), id, base_url: String(raw.base_url ?? '') };
}

function newestFirst(a: SendcloudIntegrationLog, b: SendcloudIntegrationLog): number {
  const at = (log: SendcloudIntegrationLog) => (log.created_at ? Date.parse(log.created_at) || 0 : 0);
  return at(b) - at(a) || b.id - a.id;
}

function checkIntegrationId(id: number): number {
  if (!Number.isInteger(id) || id < 1) throw new RangeError(`a sendcloud integration id is a positive integer, got ${String(id)}`);
  return id;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
