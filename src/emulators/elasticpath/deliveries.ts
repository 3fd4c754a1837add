import { randomUUID } from 'node:crypto';
import { REDACTED } from '../../../api/redact';
import { isoSeconds, type Clock } from '../core/clock';
import { adminError, parseJsonBody, type EmulatorRequest, type EmulatorResponse } from '../core/server';
import { postWebhook, refusedHostDetail, type WebhookOutcome } from '../core/webhook-sender';
import { pageLinks, parsePage } from './paging';
import type { StoredElasticPathIntegration } from './validation';

/*
 * Events, deliveries, jobs and logs of the Elastic Path emulator.
 *
 * `POST /__admin/events` {"event": "order.paid", "payload"?: {...}, "store"?: "ID", "wait"?: true}
 * fires an event in a store: every enabled integration of that store observing it gets one
 * delivery, which is one job. A webhook delivery POSTs the documented body (id, triggered_by,
 * attempt, integration, resources, payload, store_id, org_id) with `X-MOLTIN-INTEGRATION-TRIGGER`
 * and, when the integration has a secret, `X-MOLTIN-SECRET-KEY`. A non-2xx answer, no answer
 * within the timeout (10 s, as documented) or no connection is a failed attempt; failed attempts
 * are retried with exponential backoff up to `maxAttempts`. Every attempt is a log of the job.
 * AWS SQS and STOMP deliveries are recorded (with the cloud-event message the docs describe), not
 * sent: one successful log says so. The answer is 202 with the jobs started, or, with `"wait":
 * true`, 200 once every delivery has succeeded or run out of attempts.
 *
 * `GET /__admin/deliveries` lists every delivery of the store with the messages sent.
 *
 * The four documented read endpoints answer per store (the EP-Store-ID header):
 *   GET /v2/integrations/logs                          every log of the store
 *   GET /v2/integrations/{id}/logs                     the logs of one integration (404 if none)
 *   GET /v2/integrations/{id}/jobs                     its jobs
 *   GET /v2/integrations/{id}/jobs/{job}/logs          the logs of one job
 * Newest first, paged with page[limit]/page[offset] and LogsPaginationLinks (first, prev, next).
 * Where the spec is silent: logs and jobs carry `meta.timestamps.created_at` (the spec's objects
 * have no time, and "recent failures" needs one); a log of an attempt that got no answer has no
 * `status_code` and an empty `body`; the jobs list is paged like the logs. `logTimestamps: false`
 * (or `POST /__admin/log-timestamps {"enabled": false}`, or `emulate --no-log-timestamps`) leaves
 * the time out, as the real API answers, so health checks can be tested against that.
 *
 * The webhook body carries `configuration` (url, secret_key) as both of the spec's payload
 * examples do; `GET /__admin/deliveries` shows the message with the secret masked.
 */

export interface DeliveryOptions {
  /** Attempts per delivery, the first included. @default 5 */
  maxAttempts?: number;
  /** Wait before the second attempt; doubles for each further one. @default 1000 */
  firstRetryDelayMs?: number;
  /** The longest wait between attempts. @default 60000 */
  maxRetryDelayMs?: number;
  /** How long a receiver may take to answer; Elastic Path documents 10 seconds. @default 10000 */
  timeoutMs?: number;
  /** Multiplies every wait between attempts; tests shorten them with e.g. 0.001. @default 1 */
  timeScale?: number;
  /** Deliver to hosts other than loopback addresses. @default false */
  allowNonLoopbackDelivery?: boolean;
  /** The `org_id` sent with store-level events. @default a fixed emulator id */
  orgId?: string;
  /**
   * Answer logs and jobs with `meta.timestamps.created_at`. Elastic Path's spec gives them no
   * time: false answers as the real API does. @default true
   */
  logTimestamps?: boolean;
}

type DeliveryState = 'delivering' | 'delivered' | 'failed' | 'recorded';

interface JobRecord {
  id: string;
  store: string;
  integrationId: string;
  createdAtMs: number;
}

interface LogRecord {
  id: string;
  store: string;
  integrationId: string;
  jobId: string;
  succeeded: boolean;
  attempt: number;
  body: string;
  statusCode?: number;
  errorDetail?: string;
  createdAtMs: number;
}

interface DeliveryRecord {
  event_id: string;
  job_id: string;
  integration_id: string;
  integration_type: string;
  triggered_by: string;
  store: string;
  state: DeliveryState;
  attempts: number;
  /** The body of the last webhook POST, or the queue message that was recorded. */
  message: unknown;
  done: Promise<void>;
}

/** One delivery, as `GET /__admin/deliveries` shows it. */
export type EmulatorDelivery = Omit<DeliveryRecord, 'done'>;

const DEFAULT_ORG_ID = '00000000-0000-4000-8000-0000000e0001';
const NON_2XX_DETAIL = 'Received a status code outside of 2xx range - treating webhook as a fail';
const EVENT_NAME = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$/i;
/** Keeps a long-running `emulate` process from growing without bound. */
const MAX_LOGS = 10_000;

export class EventDeliveries {
  private readonly jobs: JobRecord[] = [];
  private readonly logs: LogRecord[] = [];
  private readonly deliveries: DeliveryRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private aborter = new AbortController();
  private readonly settings: Required<DeliveryOptions>;

  constructor(
    private readonly options: DeliveryOptions,
    private readonly clock: Clock,
    private readonly baseUrl: () => string,
  ) {
    this.settings = {
      maxAttempts: options.maxAttempts ?? 5,
      firstRetryDelayMs: options.firstRetryDelayMs ?? 1000,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
      timeoutMs: options.timeoutMs ?? 10_000,
      timeScale: options.timeScale ?? 1,
      allowNonLoopbackDelivery: options.allowNonLoopbackDelivery ?? false,
      orgId: options.orgId ?? DEFAULT_ORG_ID,
      logTimestamps: options.logTimestamps ?? true,
    };
    if (!Number.isInteger(this.settings.maxAttempts) || this.settings.maxAttempts < 1) {
      throw new Error(`delivery maxAttempts must be an integer of at least 1, got ${options.maxAttempts}`);
    }
    if (!(this.settings.timeScale >= 0)) throw new Error(`delivery timeScale must be a number >= 0, got ${options.timeScale}`);
  }

  /** Stops retries and in-flight calls, forgets every job and log, and restores the configured logTimestamps. */
  reset(): void {
    this.stop();
    this.settings.logTimestamps = this.options.logTimestamps ?? true;
    this.aborter = new AbortController();
    this.jobs.length = 0;
    this.logs.length = 0;
    this.deliveries.length = 0;
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.aborter.abort();
  }

  /** The answers of the four documented endpoints, or undefined when the path is none of them. */
  handleApi(
    store: string,
    path: string,
    request: EmulatorRequest,
    integrations: Map<string, StoredElasticPathIntegration>,
  ): EmulatorResponse | undefined {
    const route = /^\/v2\/integrations\/(?:logs|([^/]+)\/(logs|jobs)|([^/]+)\/jobs\/([^/]+)\/logs)$/.exec(path);
    if (!route) return undefined;
    if (request.method !== 'GET') return apiError(405, 'Method Not Allowed', `${request.method} is not allowed on ${path}`);
    const page = parsePage(request);
    if (Array.isArray(page)) return { status: 400, body: { errors: page.map((detail) => ({ status: 400, title: 'Bad Request', detail })) } };
    const [, listIntegration, list, jobIntegration, jobId] = route;
    const integrationId = decodeURIComponent(listIntegration ?? jobIntegration ?? '');
    if (integrationId && !integrations.has(integrationId)) return apiError(404, 'Not Found', 'The resource could not be found');

    const url = `${this.baseUrl()}${path}`;
    if (list === 'jobs') {
      const jobs = newestFirst(this.jobs.filter((job) => job.store === store && job.integrationId === integrationId));
      const view = (job: JobRecord) => jobView(job, this.settings.logTimestamps);
      return { status: 200, body: { data: jobs.slice(page.offset, page.offset + page.limit).map(view), links: pageLinks(url, page, jobs.length, { withLast: false }) } };
    }
    if (jobId !== undefined) {
      const job = this.jobs.find((candidate) => candidate.store === store && candidate.integrationId === integrationId && candidate.id === decodeURIComponent(jobId));
      if (!job) return apiError(404, 'Not Found', 'The resource could not be found');
    }
    const logs = newestFirst(
      this.logs.filter(
        (log) =>
          log.store === store &&
          (!integrationId || log.integrationId === integrationId) &&
          (jobId === undefined || log.jobId === decodeURIComponent(jobId)),
      ),
    );
    const view = (log: LogRecord) => logView(log, this.settings.logTimestamps);
    return { status: 200, body: { data: logs.slice(page.offset, page.offset + page.limit).map(view), links: pageLinks(url, page, logs.length, { withLast: false }) } };
  }

  /** Whether logs and jobs are answered with a time (see logTimestamps). */
  setLogTimestamps(enabled: boolean): void {
    this.settings.logTimestamps = enabled;
  }

  /** `POST /__admin/events` and `GET /__admin/deliveries`; undefined for other routes. */
  async handleAdmin(
    request: EmulatorRequest,
    subpath: string,
    integrationsOf: (store: string) => Map<string, StoredElasticPathIntegration>,
    adminStore: string,
  ): Promise<EmulatorResponse | undefined> {
    if (subpath === '/deliveries' && request.method === 'GET') {
      return { status: 200, body: this.deliveries.filter((delivery) => delivery.store === adminStore).map(deliveryView) };
    }
    if (subpath !== '/events' || request.method !== 'POST') return undefined;
    const parsed = parseJsonBody(request);
    if (parsed.error) return adminError(400, parsed.error);
    const body = parsed.value;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return adminError(400, 'body must be a JSON object: {"event": "order.paid"}');
    const { event, payload, store, wait } = body as Record<string, unknown>;
    if (typeof event !== 'string' || !EVENT_NAME.test(event)) {
      return adminError(400, 'event must be an observable event name such as "order.paid": give {"event": "<entity>.<action>"}');
    }
    if (payload !== undefined && (typeof payload !== 'object' || payload === null || Array.isArray(payload))) {
      return adminError(400, 'payload must be a JSON object (or left out for a plausible default)');
    }
    if (store !== undefined && (typeof store !== 'string' || store === '')) return adminError(400, 'store must be a non-empty string');
    const storeId = (store as string | undefined) ?? adminStore;
    const fired = this.fire(storeId, event, (payload as Record<string, unknown> | undefined) ?? defaultPayload(event), integrationsOf(storeId));
    if (wait === true) await Promise.all(fired.map((delivery) => delivery.done));
    return {
      status: wait === true ? 200 : 202,
      body: { event: event, store: storeId, deliveries: fired.map(deliveryView) },
    };
  }

  private fire(
    store: string,
    event: string,
    payload: Record<string, unknown>,
    integrations: Map<string, StoredElasticPathIntegration>,
  ): DeliveryRecord[] {
    const eventId = randomUUID();
    const observing = [...integrations.values()].filter((integration) => integration.enabled && integration.observes.includes(event));
    return observing.map((integration) => {
      const job: JobRecord = { id: randomUUID(), store, integrationId: integration.id, createdAtMs: this.clock() };
      this.jobs.push(job);
      const delivery: DeliveryRecord = {
        event_id: eventId,
        job_id: job.id,
        integration_id: integration.id,
        integration_type: integration.integration_type,
        triggered_by: event,
        store,
        state: 'delivering',
        attempts: 0,
        message: undefined,
        done: Promise.resolve(),
      };
      this.deliveries.push(delivery);
      if (this.deliveries.length > MAX_LOGS) this.deliveries.shift();
      if (integration.integration_type === 'webhook') {
        delivery.done = this.deliverWebhook(delivery, integration, payload);
      } else {
        // Queues are recorded, not sent: the emulator speaks neither the SQS API nor STOMP.
        delivery.message = queueMessage(eventId, integration, event, payload, store, this.baseUrl());
        delivery.state = 'recorded';
        delivery.attempts = 1;
        this.log(job, { succeeded: true, attempt: 1, body: `recorded by the emulator; ${integration.integration_type} messages are not sent` });
      }
      return delivery;
    });
  }

  private async deliverWebhook(
    delivery: DeliveryRecord,
    integration: StoredElasticPathIntegration,
    payload: Record<string, unknown>,
  ): Promise<void> {
    const job = this.jobs.find((candidate) => candidate.id === delivery.job_id) as JobRecord;
    const configuration = integration.configuration as Record<string, unknown>;
    const secret = typeof configuration.secret_key === 'string' && configuration.secret_key !== '' ? configuration.secret_key : undefined;
    const headers: Record<string, string> = { 'x-moltin-integration-trigger': delivery.triggered_by, 'user-agent': 'elasticpath-emulator' };
    if (secret) headers['x-moltin-secret-key'] = secret;
    const signal = this.aborter.signal;
    for (let attempt = 1; attempt <= this.settings.maxAttempts; attempt++) {
      const message = {
        id: delivery.event_id,
        triggered_by: delivery.triggered_by,
        attempt,
        integration: {
          id: integration.id,
          integration_type: integration.integration_type,
          name: integration.name,
          description: integration.description,
        },
        // Deprecated in favour of `payload`, still sent, as a JSON string like the docs' example.
        resources: JSON.stringify(payload),
        payload,
        store_id: delivery.store,
        org_id: this.settings.orgId,
        configuration: { url: String(configuration.url ?? ''), ...(secret ? { secret_key: secret } : {}) },
      };
      // What the admin view shows: the body as sent, the secret masked.
      delivery.message = { ...message, configuration: { ...message.configuration, ...(secret ? { secret_key: REDACTED } : {}) } };
      delivery.attempts = attempt;
      const outcome = await postWebhook({
        url: String(configuration.url ?? ''),
        body: JSON.stringify(message),
        headers,
        timeoutMs: this.settings.timeoutMs,
        allowNonLoopback: this.settings.allowNonLoopbackDelivery,
        signal,
      });
      if (signal.aborted) return;
      const logged = attemptLog(outcome, this.settings.timeoutMs);
      this.log(job, { ...logged, attempt });
      if (logged.succeeded) {
        delivery.state = 'delivered';
        return;
      }
      // A host the emulator may not call will not become callable by waiting.
      if (outcome.kind === 'refused-host' || attempt === this.settings.maxAttempts) break;
      const delayMs = Math.min(this.settings.maxRetryDelayMs, this.settings.firstRetryDelayMs * 2 ** (attempt - 1)) * this.settings.timeScale;
      if (!(await this.sleep(delayMs, signal))) return;
    }
    delivery.state = 'failed';
  }

  private sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve(false);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(!signal.aborted);
      }, ms);
      this.timers.add(timer);
      signal.addEventListener('abort', () => resolve(false), { once: true });
    });
  }

  private log(job: JobRecord, entry: Pick<LogRecord, 'succeeded' | 'attempt' | 'body' | 'statusCode' | 'errorDetail'>): void {
    this.logs.push({ id: randomUUID(), store: job.store, integrationId: job.integrationId, jobId: job.id, createdAtMs: this.clock(), ...entry });
    if (this.logs.length > MAX_LOGS) this.logs.shift();
  }
}

function attemptLog(outcome: WebhookOutcome, timeoutMs: number): Pick<LogRecord, 'succeeded' | 'body' | 'statusCode' | 'errorDetail'> {
  switch (outcome.kind) {
    case 'answered': {
      const succeeded = outcome.statusCode >= 200 && outcome.statusCode < 300;
      return { succeeded, body: outcome.body, statusCode: outcome.statusCode, ...(succeeded ? {} : { errorDetail: NON_2XX_DETAIL }) };
    }
    case 'timeout':
      return { succeeded: false, body: '', errorDetail: `No answer within ${timeoutMs / 1000} seconds - treating webhook as a fail` };
    case 'unreachable':
      return { succeeded: false, body: '', errorDetail: `Could not reach the webhook url (${outcome.code}) - treating webhook as a fail` };
    case 'refused-host':
      return { succeeded: false, body: '', errorDetail: refusedHostDetail(outcome.host) };
  }
}

function newestFirst<T extends { createdAtMs: number }>(items: T[]): T[] {
  // Stable: records of the same second keep their reverse insertion order.
  return items.map((item, index) => ({ item, index })).sort((a, b) => b.item.createdAtMs - a.item.createdAtMs || b.index - a.index).map(({ item }) => item);
}

function jobView(job: JobRecord, withTime: boolean): Record<string, unknown> {
  return { id: job.id, type: 'integration-job', ...(withTime ? { meta: { timestamps: { created_at: isoSeconds(job.createdAtMs) } } } : {}) };
}

function logView(log: LogRecord, withTime: boolean): Record<string, unknown> {
  return {
    id: log.id,
    type: 'integration',
    succeeded: log.succeeded,
    attempt: log.attempt,
    body: log.body,
    ...(log.statusCode === undefined ? {} : { status_code: log.statusCode }),
    ...(log.errorDetail === undefined ? {} : { error_detail: log.errorDetail }),
    relationships: {
      integration: { data: { id: log.integrationId, type: 'integration' } },
      job: { data: { id: log.jobId, type: 'integration-job' } },
    },
    ...(withTime ? { meta: { timestamps: { created_at: isoSeconds(log.createdAtMs) } } } : {}),
  };
}

function deliveryView(delivery: DeliveryRecord): EmulatorDelivery {
  const { done: _done, ...view } = delivery;
  return view;
}

function apiError(status: number, title: string, detail: string): EmulatorResponse {
  return { status, body: { errors: [{ status, title, detail }] } };
}

/** The cloud-event message a queue integration receives, as the docs' message-queue example shows. */
function queueMessage(
  eventId: string,
  integration: StoredElasticPathIntegration,
  event: string,
  payload: Record<string, unknown>,
  store: string,
  source: string,
): Record<string, unknown> {
  return {
    data: typeof payload.data === 'object' && payload.data !== null ? payload.data : payload,
    datacontenttype: 'application/json',
    id: eventId,
    integrationid: integration.id,
    source,
    specversion: '1.0',
    storeid: store,
    type: event,
  };
}

const ORDER_STATES: Record<string, { status: string; payment: string; shipping: string }> = {
  created: { status: 'incomplete', payment: 'unpaid', shipping: 'unfulfilled' },
  updated: { status: 'incomplete', payment: 'unpaid', shipping: 'unfulfilled' },
  authorized: { status: 'incomplete', payment: 'authorized', shipping: 'unfulfilled' },
  paid: { status: 'complete', payment: 'paid', shipping: 'unfulfilled' },
  fulfilled: { status: 'complete', payment: 'paid', shipping: 'fulfilled' },
  cancelled: { status: 'cancelled', payment: 'unpaid', shipping: 'unfulfilled' },
  refunded: { status: 'complete', payment: 'refunded', shipping: 'unfulfilled' },
};

/**
 * A plausible payload when the caller gives none: for deletions only the type and id, as the
 * docs' deleted-resource example shows; for orders an order in the state the event names; for
 * anything else a bare resource of the event's entity.
 */
export function defaultPayload(event: string): Record<string, unknown> {
  const dot = event.lastIndexOf('.');
  const entity = event.slice(0, dot);
  const action = event.slice(dot + 1);
  const id = randomUUID();
  if (action === 'deleted') return { type: entity, id };
  const timestamps = { created_at: '2024-01-15T09:30:00Z', updated_at: '2024-01-15T09:30:00Z' };
  const state = ORDER_STATES[action];
  if (entity === 'order' && state) {
    const price = (amount: number) => ({ amount, currency: 'GBP', formatted: `£${(amount / 100).toFixed(2)}` });
    return {
      data: {
        type: 'order',
        id,
        ...state,
        customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
        shipping_address: { first_name: 'Ada', last_name: 'Lovelace', line_1: '1 Example Street', city: 'London', postcode: 'N1 1AA', country: 'GB' },
        billing_address: { first_name: 'Ada', last_name: 'Lovelace', line_1: '1 Example Street', city: 'London', postcode: 'N1 1AA', country: 'GB' },
        links: {},
        meta: { display_price: { with_tax: price(10000), without_tax: price(10000), tax: price(0) }, timestamps },
        relationships: { items: { data: [{ type: 'item', id: randomUUID() }] } },
      },
    };
  }
  return { data: { type: entity, id, meta: { timestamps } } };
}
