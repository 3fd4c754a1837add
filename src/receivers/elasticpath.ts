/**
 * For receivers of Elastic Path integration deliveries: checking the shared secret and the
 * shapes of what arrives (the webhook body and the message a queue receives).
 */
import type { IntegrationType } from '../../api/elasticpath-vocabulary';
import { constantTimeEqual, headerValue, type HeaderSource } from './verify';

export const ELASTIC_PATH_SECRET_HEADER = 'x-moltin-secret-key';
export const ELASTIC_PATH_TRIGGER_HEADER = 'x-moltin-integration-trigger';

/**
 * True when the request carries `X-MOLTIN-SECRET-KEY` equal to `secret` (the integration's
 * `configuration.secret_key`), compared in constant time. A missing header, an empty header or
 * an empty secret is never a match.
 */
export function verifyElasticPathWebhook(headers: HeaderSource, secret: string): boolean {
  const given = headerValue(headers, ELASTIC_PATH_SECRET_HEADER);
  if (!given || typeof secret !== 'string' || secret === '') return false;
  return constantTimeEqual(given, secret);
}

/** The integration a delivery comes from. */
export interface ElasticPathWebhookIntegration {
  id: string;
  integration_type: IntegrationType;
  name: string;
  description?: string;
}

/** The body Elastic Path POSTs to a webhook `url`. */
export interface ElasticPathWebhookEvent<Payload = ElasticPathEventPayload> {
  /** The event's id: the same on every attempt, so receivers can drop repeats (delivery is at least once). */
  id: string;
  /** The observable event, e.g. `order.paid`. */
  triggered_by: string;
  /** 1 for the first attempt, more on retries. */
  attempt: number;
  integration: ElasticPathWebhookIntegration;
  /** Deprecated by Elastic Path in favour of `payload`. */
  resources?: unknown;
  payload: Payload;
  /** Store-level events carry both; organization-level events only `org_id`. */
  store_id?: string;
  org_id?: string;
  /**
   * The integration's configuration as Elastic Path sends it in the body. `secret_key` is the
   * shared secret: never log the event as a whole.
   */
  configuration?: { url?: string; secret_key?: string };
}

/** A resource as events carry it: JSON:API `data`, or only `type` and `id` for deletions. */
export type ElasticPathEventPayload =
  | { data: ElasticPathResource; included?: Record<string, unknown> }
  | { type: string; id: string };

export interface ElasticPathResource {
  type: string;
  id: string;
  [field: string]: unknown;
}

/** An order, as `order.*` events carry it in `payload.data`. */
export interface ElasticPathOrder extends ElasticPathResource {
  type: 'order';
  status: string;
  payment: string;
  shipping: string;
  customer?: { name?: string; email?: string };
}

/** The cloud event an AWS SQS or STOMP integration receives. */
export interface ElasticPathQueueMessage<Data = ElasticPathResource | { type: string; id: string }> {
  id: string;
  integrationid: string;
  /** The observable event, e.g. `cart.updated`. */
  type: string;
  data: Data;
  datacontenttype?: string;
  source?: string;
  specversion?: string;
  storeid?: string;
}
