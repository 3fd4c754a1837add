import {
  SENDCLOUD_PRESTASHOP_V2_TYPE,
  SENDCLOUD_STATUS_CATEGORIES,
  SENDCLOUD_STATUS_LANGUAGES,
  type SendcloudStatusCategory,
} from '../../../api/sendcloud-vocabulary';
import { isoSeconds, type Clock } from '../core/clock';
import { adminError, parseJsonBody, type EmulatorRequest, type EmulatorResponse } from '../core/server';
import type { SeedShopOrderStatus, StoredSendcloudIntegration } from './seed';

/*
 * The Sendcloud endpoints beside an integration's settings, from v3-integrations.yaml and
 * v2-integrations.yaml:
 *
 * Exception logs (v3 and v2), newest first, paged by a cursor that is a time:
 *   GET /integrations/logs, GET /integrations/{id}/logs   ?cursor=<date-time>&page_size=1..100 (25)
 *   v3: {data: [...]} and a `Link: <url>; rel="next"` header while older logs remain
 *   v2: {next, results: [...]} (`next` left out on the last page; `previous` is never sent)
 *   A page holds the logs created at or before the cursor; the next cursor is the time of the
 *   first log not on the page, so two logs of the same second may appear on two pages (the
 *   client keeps each id once).
 *   POST /integrations/{id}/logs (v3) records one, validated as integration-log-create.
 *
 * Shop order statuses (v3 only; the integration must be Prestashop v2, type "prestashop_v2"):
 *   GET  /shop-order-statuses?integration_id=&language=&show_deleted=
 *   POST /shop-order-statuses          every status; ones left out get deleted_at
 *   GET  /shop-order-statuses/mapping?integration_id=
 *   POST /shop-order-statuses/mapping  every category once; external_id null = unmapped
 * Where the spec leaves it open: another integration type is a 400 `invalid` naming
 * `integration_id`; a mapping to an id the shop never had is a 400 `invalid` pointing at the
 * entry; a mapping to a deleted status is kept and reads back `is_valid: false`.
 *
 * Admin: POST /__admin/exception-logs records one log in the `integration-log` shape
 * (`id` and `created_at` filled in when absent; `integration_id` must name a stored
 * integration when given).
 */

export interface StoredLog extends Record<string, unknown> {
  id: number;
  integration_id: number | null;
  created_at: string;
}

interface StoredStatus {
  external_id: string;
  translations: { status: string; language: string }[];
  deleted_at: string | null;
}

export interface ShopState {
  logs: StoredLog[];
  statuses: Map<number, StoredStatus[]>;
  mappings: Map<number, Record<SendcloudStatusCategory, string | null>>;
}

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const DEFAULT_LANGUAGE = 'en-gb';

type Errors = {
  v3(status: number, code: string, title: string, detail: string, source?: { pointer?: string; parameter?: string }): EmulatorResponse;
  v2(request: EmulatorRequest, status: number, message: string): EmulatorResponse;
};

export function emptyShopState(integrations: Iterable<StoredSendcloudIntegration & { order_statuses?: SeedShopOrderStatus[] }>): ShopState {
  const state: ShopState = { logs: [], statuses: new Map(), mappings: new Map() };
  for (const integration of integrations) {
    if (integration.order_statuses) {
      state.statuses.set(
        integration.id,
        integration.order_statuses.map((status) => ({ external_id: status.external_id, translations: status.translations.map((t) => ({ ...t })), deleted_at: null })),
      );
    }
  }
  return state;
}

/** The log endpoints; `integrationId` undefined is the account-wide list. */
export function listLogs(
  request: EmulatorRequest,
  version: 'v2' | 'v3',
  state: ShopState,
  integrationId: number | undefined,
  selfUrl: string,
  errors: Errors,
): EmulatorResponse {
  const pageSizeParam = request.query.get('page_size');
  const pageSize = pageSizeParam === null ? DEFAULT_PAGE_SIZE : Number(pageSizeParam);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    const detail = `Ensure page_size is an integer between 1 and ${MAX_PAGE_SIZE}.`;
    return version === 'v3' ? errors.v3(400, 'invalid', 'Invalid', detail, { parameter: 'page_size' }) : errors.v2(request, 400, detail);
  }
  const cursorParam = request.query.get('cursor');
  const cursor = cursorParam === null ? undefined : Date.parse(cursorParam);
  if (cursor !== undefined && Number.isNaN(cursor)) {
    const detail = 'Invalid cursor: expected a date-time.';
    return version === 'v3' ? errors.v3(400, 'invalid', 'Invalid', detail, { parameter: 'cursor' }) : errors.v2(request, 400, detail);
  }
  const matching = state.logs
    .filter((log) => integrationId === undefined || log.integration_id === integrationId)
    .filter((log) => cursor === undefined || Date.parse(log.created_at) <= cursor)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
  const page = matching.slice(0, pageSize);
  const following = matching[pageSize];
  const nextUrl = following ? `${selfUrl}?cursor=${encodeURIComponent(following.created_at)}&page_size=${pageSize}` : undefined;
  const items = page.map((log) => ({ ...log }));
  if (version === 'v3') return { status: 200, headers: nextUrl ? { link: `<${nextUrl}>; rel="next"` } : undefined, body: { data: items } };
  return { status: 200, body: { ...(nextUrl ? { next: nextUrl } : {}), results: items } };
}

const LOG_CREATE_FIELDS = new Set(['base_url', 'full_url', 'method', 'response_code', 'response', 'request', 'created_at', 'exception_type', 'exception']);

/** POST /api/v3/integrations/{id}/logs. */
export function createLogV3(request: EmulatorRequest, state: ShopState, integrationId: number, clock: Clock, errors: Errors): EmulatorResponse {
  const parsed = parseJsonBody(request);
  if (parsed.error || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return errors.v3(400, 'non_field_errors', 'Wrong format', 'Wrong request format, expected object');
  }
  const body = parsed.value as Record<string, unknown>;
  const extra = Object.keys(body).find((key) => !LOG_CREATE_FIELDS.has(key));
  // The spec's example: FastAPI's `extra_forbidden`, which its own ErrorObject enum lacks; `invalid` is the nearest listed code.
  if (extra) return errors.v3(400, 'invalid', 'Extra Forbidden', 'Extra inputs are not permitted', { pointer: `body/${extra}` });
  const problem = logProblem(body);
  if (problem) return errors.v3(400, problem.field === 'base_url' && body.base_url === undefined ? 'required' : 'invalid', 'Invalid', problem.message, { pointer: `body/${problem.field}` });
  const stored = recordLog(state, { ...body, integration_id: integrationId }, clock);
  return { status: 201, body: { data: stored } };
}

/** POST /__admin/exception-logs. */
export function adminRecordLog(request: EmulatorRequest, state: ShopState, integrations: Map<number, StoredSendcloudIntegration>, clock: Clock): EmulatorResponse {
  const parsed = parseJsonBody(request);
  if (parsed.error) return adminError(400, parsed.error);
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return adminError(400, 'body must be a JSON object (an integration-log)');
  const body = parsed.value as Record<string, unknown>;
  const problem = logProblem(body);
  if (problem) return adminError(400, `${problem.field}: ${problem.message}`);
  if (body.integration_id !== undefined && body.integration_id !== null) {
    if (typeof body.integration_id !== 'number' || !integrations.has(body.integration_id)) {
      return adminError(400, `integration_id: no integration ${JSON.stringify(body.integration_id)} (stored: ${[...integrations.keys()].join(', ')})`);
    }
  }
  if (body.id !== undefined && (typeof body.id !== 'number' || !Number.isInteger(body.id) || body.id < 1)) return adminError(400, 'id: must be a positive integer');
  if (body.id !== undefined && state.logs.some((log) => log.id === body.id)) return adminError(409, `log ${String(body.id)} already exists`);
  return { status: 201, body: recordLog(state, body, clock) };
}

function logProblem(body: Record<string, unknown>): { field: string; message: string } | undefined {
  if (typeof body.base_url !== 'string' || body.base_url === '') return { field: 'base_url', message: 'a non-empty string is required' };
  if (body.created_at !== undefined && body.created_at !== null && (typeof body.created_at !== 'string' || Number.isNaN(Date.parse(body.created_at)))) {
    return { field: 'created_at', message: 'must be an RFC 3339 date-time' };
  }
  if (body.response_code !== undefined && body.response_code !== null && (typeof body.response_code !== 'number' || !Number.isInteger(body.response_code) || body.response_code < 0)) {
    return { field: 'response_code', message: 'must be an integer >= 0 or null' };
  }
  return undefined;
}

function recordLog(state: ShopState, body: Record<string, unknown>, clock: Clock): StoredLog {
  const id = typeof body.id === 'number' ? body.id : Math.max(0, ...state.logs.map((log) => log.id)) + 1;
  const stored: StoredLog = {
    full_url: null,
    method: 'GET',
    response_code: null,
    response: null,
    request: null,
    exception_type: null,
    exception: null,
    ...body,
    id,
    integration_id: typeof body.integration_id === 'number' ? body.integration_id : null,
    created_at: typeof body.created_at === 'string' ? body.created_at : isoSeconds(clock()),
    protected: body.protected === true,
    additional_data: body.additional_data ?? '',
  };
  if (stored.method === null) stored.method = '';
  state.logs.push(stored);
  return stored;
}

/** The shop order status endpoints (v3). `rest` is the path after /api/v3. */
export function handleShopOrderStatuses(
  request: EmulatorRequest,
  rest: string,
  state: ShopState,
  integrations: Map<number, StoredSendcloudIntegration>,
  clock: Clock,
  errors: Errors,
): EmulatorResponse {
  const mapping = rest === '/shop-order-statuses/mapping';
  let integrationIdRaw: unknown;
  let body: Record<string, unknown> | undefined;
  if (request.method === 'GET') {
    integrationIdRaw = request.query.get('integration_id');
    if (integrationIdRaw === null) return errors.v3(400, 'non_field_errors', 'integration ID', 'Integration ID is a required GET parameter');
    integrationIdRaw = /^\d+$/.test(integrationIdRaw as string) ? Number(integrationIdRaw) : integrationIdRaw;
  } else if (request.method === 'POST') {
    const parsed = parseJsonBody(request);
    if (parsed.error || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      return errors.v3(400, 'non_field_errors', 'Wrong format', 'Wrong request format, expected object');
    }
    body = parsed.value as Record<string, unknown>;
    if (body.integration_id === undefined) return errors.v3(400, 'required', 'Required', 'This field is required.', { pointer: 'body/integration_id' });
    integrationIdRaw = body.integration_id;
  } else {
    return errors.v3(405, 'invalid', 'Method Not Allowed', `Method "${request.method}" not allowed.`);
  }
  const where = request.method === 'GET' ? { parameter: 'integration_id' } : { pointer: 'body/integration_id' };
  if (typeof integrationIdRaw !== 'number' || !Number.isInteger(integrationIdRaw) || integrationIdRaw < 1) {
    return errors.v3(400, 'invalid', 'Invalid', 'A valid integer is required.', where);
  }
  const integration = integrations.get(integrationIdRaw);
  if (!integration) return errors.v3(404, 'not_found', 'Not Found', 'The Integration could not be found with the search criteria given');
  if (integration.type !== SENDCLOUD_PRESTASHOP_V2_TYPE) {
    return errors.v3(400, 'invalid', 'Invalid', `Integration ${integration.id} is of type "${integration.type}": only the Prestashop V2 integration is supported.`, where);
  }
  const statuses = state.statuses.get(integration.id) ?? [];
  if (mapping) {
    return request.method === 'GET' ? readMapping(integration.id, state, statuses) : writeMapping(body!, integration.id, state, statuses, errors);
  }
  return request.method === 'GET' ? readStatuses(request, statuses, errors) : writeStatuses(body!, integration.id, state, statuses, clock, errors);
}

function readStatuses(request: EmulatorRequest, statuses: StoredStatus[], errors: Errors): EmulatorResponse {
  const language = request.query.get('language');
  if (language !== null && !(SENDCLOUD_STATUS_LANGUAGES as readonly string[]).includes(language)) {
    return errors.v3(400, 'invalid_choice', 'Invalid Choice', `"${language}" is not a valid choice.`, { parameter: 'language' });
  }
  const showDeleted = request.query.get('show_deleted') === 'true';
  const data = statuses
    .filter((status) => showDeleted || status.deleted_at === null)
    .map((status) => ({
      external_id: status.external_id,
      status: translated(status, language ?? DEFAULT_LANGUAGE),
      deleted_at: status.deleted_at,
      translations: status.translations.map((t) => ({ ...t })),
    }));
  return { status: 200, body: { data } };
}

/** In the language asked for, else en-gb, else the first language alphabetically (as the spec says). */
function translated(status: StoredStatus, language: string): string {
  const byLanguage = new Map(status.translations.map((t) => [t.language, t.status]));
  return byLanguage.get(language) ?? byLanguage.get(DEFAULT_LANGUAGE) ?? [...status.translations].sort((a, b) => a.language.localeCompare(b.language))[0]?.status ?? '';
}

function writeStatuses(body: Record<string, unknown>, integrationId: number, state: ShopState, current: StoredStatus[], clock: Clock, errors: Errors): EmulatorResponse {
  const input = body.statuses;
  if (!Array.isArray(input)) return errors.v3(400, 'not_a_list', 'Not A List', 'Expected a list of items.', { pointer: 'body/statuses' });
  const seen = new Set<string>();
  const next: StoredStatus[] = [];
  for (const [index, raw] of input.entries()) {
    const pointer = `body/statuses/${index}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return errors.v3(400, 'invalid', 'Invalid', 'Expected an object.', { pointer });
    const entry = raw as Record<string, unknown>;
    if (typeof entry.external_id !== 'string' || entry.external_id === '') return errors.v3(400, 'required', 'Required', 'external_id is required.', { pointer: `${pointer}/external_id` });
    if (seen.has(entry.external_id)) return errors.v3(400, 'invalid', 'Invalid', `external_id "${entry.external_id}" is given twice.`, { pointer: `${pointer}/external_id` });
    seen.add(entry.external_id);
    const translations = entry.translations;
    if (!Array.isArray(translations) || translations.length < 1 || translations.length > SENDCLOUD_STATUS_LANGUAGES.length) {
      return errors.v3(400, 'invalid', 'Invalid', `Give 1 to ${SENDCLOUD_STATUS_LANGUAGES.length} translations.`, { pointer: `${pointer}/translations` });
    }
    const languages = new Set<string>();
    for (const [t, translation] of translations.entries()) {
      const tr = (typeof translation === 'object' && translation !== null ? translation : {}) as Record<string, unknown>;
      if (typeof tr.status !== 'string' || tr.status === '') return errors.v3(400, 'required', 'Required', 'status is required.', { pointer: `${pointer}/translations/${t}/status` });
      if (typeof tr.language !== 'string' || !(SENDCLOUD_STATUS_LANGUAGES as readonly string[]).includes(tr.language) || languages.has(tr.language)) {
        return errors.v3(400, 'invalid_choice', 'Invalid Choice', `"${String(tr.language)}" is not a valid choice.`, { pointer: `${pointer}/translations/${t}/language` });
      }
      languages.add(tr.language);
    }
    next.push({
      external_id: entry.external_id,
      translations: (translations as { status: string; language: string }[]).map((t) => ({ status: t.status, language: t.language })),
      deleted_at: null,
    });
  }
  const now = isoSeconds(clock());
  const removed = current.filter((status) => !seen.has(status.external_id)).map((status) => ({ ...status, deleted_at: status.deleted_at ?? now }));
  state.statuses.set(integrationId, [...next, ...removed]);
  return { status: 200, body: null };
}

function readMapping(integrationId: number, state: ShopState, statuses: StoredStatus[]): EmulatorResponse {
  const mapped = state.mappings.get(integrationId);
  const live = new Set(statuses.filter((status) => status.deleted_at === null).map((status) => status.external_id));
  const mapping = SENDCLOUD_STATUS_CATEGORIES.map((category) => {
    const externalId = mapped?.[category] ?? null;
    return { status_category: category, external_id: externalId, is_valid: externalId === null || live.has(externalId) };
  });
  return { status: 200, body: { data: { integration_id: integrationId, mapping } } };
}

function writeMapping(body: Record<string, unknown>, integrationId: number, state: ShopState, statuses: StoredStatus[], errors: Errors): EmulatorResponse {
  const input = body.mapping;
  if (!Array.isArray(input)) return errors.v3(400, 'not_a_list', 'Not A List', 'Expected a list of items.', { pointer: 'body/mapping' });
  const known = new Set(statuses.map((status) => status.external_id));
  const result: Partial<Record<SendcloudStatusCategory, string | null>> = {};
  for (const [index, raw] of input.entries()) {
    const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const category = entry.status_category;
    if (typeof category !== 'string' || !(SENDCLOUD_STATUS_CATEGORIES as readonly string[]).includes(category)) {
      return errors.v3(400, 'invalid_choice', 'Invalid Choice', `"${String(category)}" is not a valid choice.`, { pointer: `body/mapping/${index}/status_category` });
    }
    if (category in result) return errors.v3(400, 'invalid', 'Invalid', `${category} is given twice.`, { pointer: `body/mapping/${index}/status_category` });
    if (!('external_id' in entry)) return errors.v3(400, 'required', 'Required', 'This field is required.', { pointer: `body/mapping/${index}/external_id` });
    const externalId = entry.external_id;
    if (externalId !== null && (typeof externalId !== 'string' || !known.has(externalId))) {
      return errors.v3(400, 'invalid', 'Invalid', `"${String(externalId)}" is not a status of this integration.`, { pointer: `body/mapping/${index}/external_id` });
    }
    result[category as SendcloudStatusCategory] = externalId as string | null;
  }
  const missing = SENDCLOUD_STATUS_CATEGORIES.filter((category) => !(category in result));
  if (missing.length > 0) return errors.v3(400, 'required', 'Required', `Map every status category: ${missing.join(', ')} missing.`, { pointer: 'body/mapping' });
  state.mappings.set(integrationId, result as Record<SendcloudStatusCategory, string | null>);
  return { status: 200, body: null };
}
