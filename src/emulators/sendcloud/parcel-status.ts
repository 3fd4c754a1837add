import { adminError, parseJsonBody, type EmulatorRequest, type EmulatorResponse } from '../core/server';
import { postWebhook, refusedHostDetail } from '../core/webhook-sender';
import { signSendcloudBody } from '../../receivers/sendcloud';
import type { StoredSendcloudIntegration } from './seed';

/*
 * `POST /__admin/parcel-status` {"integration_id": 1001, "status"?: {"id", "message"}, "parcel"?: {...}}
 * sends Sendcloud's `parcel_status_changed` webhook to the integration's `webhook_url` when
 * `webhook_active` is true, signed as Sendcloud documents: the `Sendcloud-Signature` header is the
 * hex HMAC-SHA256 of the raw body, keyed by the account's secret key. One attempt; the answer
 * says what the receiver answered (`status_code`, `body`) or why nothing was sent.
 * `timestamp` and `carrier_status_change_timestamp` are milliseconds since the epoch, as
 * Sendcloud sends them.
 */

export interface ParcelStatusOptions {
  secretKey: string;
  allowNonLoopbackDelivery: boolean;
  timeoutMs: number;
  now: () => number;
}

export async function sendParcelStatus(
  request: EmulatorRequest,
  integrations: Map<number, StoredSendcloudIntegration>,
  options: ParcelStatusOptions,
): Promise<EmulatorResponse> {
  const parsed = parseJsonBody(request);
  if (parsed.error) return adminError(400, parsed.error);
  const body = parsed.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return adminError(400, 'body must be a JSON object: {"integration_id": 1001}');
  }
  const { integration_id: integrationId, status, parcel } = body as Record<string, unknown>;
  if (typeof integrationId !== 'number') return adminError(400, 'integration_id must be the number of a Sendcloud integration');
  const integration = integrations.get(integrationId);
  if (!integration) return adminError(404, `no integration ${integrationId}`);
  if (!integration.webhook_active || !integration.webhook_url) {
    return adminError(409, `integration ${integrationId} has no active webhook: set webhook_active to true and a webhook_url`);
  }
  if (status !== undefined && !isStatus(status)) return adminError(400, 'status must be {"id": <number>, "message": <string>}');
  if (parcel !== undefined && (typeof parcel !== 'object' || parcel === null || Array.isArray(parcel))) {
    return adminError(400, 'parcel must be a JSON object: fields to set on the default parcel');
  }

  const now = options.now();
  const message = {
    action: 'parcel_status_changed',
    timestamp: now,
    carrier_status_change_timestamp: now,
    parcel: { ...defaultParcel(integrationId), ...(parcel as object | undefined), ...(status ? { status } : {}) },
  };
  const raw = JSON.stringify(message);
  const outcome = await postWebhook({
    url: integration.webhook_url,
    body: raw,
    headers: { 'sendcloud-signature': signSendcloudBody(raw, options.secretKey), 'user-agent': 'sendcloud-emulator' },
    timeoutMs: options.timeoutMs,
    allowNonLoopback: options.allowNonLoopbackDelivery,
  });
  switch (outcome.kind) {
    case 'answered':
      return { status: 200, body: { sent: true, status_code: outcome.statusCode, body: outcome.body, message } };
    case 'refused-host':
      return { status: 200, body: { sent: false, error: refusedHostDetail(outcome.host), message } };
    case 'timeout':
      return { status: 200, body: { sent: true, error: `no answer within ${options.timeoutMs} ms`, message } };
    case 'unreachable':
      return { status: 200, body: { sent: false, error: `could not reach the webhook_url (${outcome.code})`, message } };
  }
}

function isStatus(value: unknown): value is { id: number; message: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { id, message } = value as Record<string, unknown>;
  return typeof id === 'number' && typeof message === 'string';
}

/** A parcel in the shape of Sendcloud's parcel_status_changed example; example.com hosts only. */
function defaultParcel(integrationId: number): Record<string, unknown> {
  const id = 100000 + Math.floor(Math.random() * 900000);
  return {
    id,
    name: 'Ada Lovelace',
    company_name: 'Example Ltd',
    address: 'Stadhuisplein 10',
    address_divided: { street: 'Stadhuisplein', house_number: '10' },
    city: 'Eindhoven',
    postal_code: '5611 EM',
    telephone: '+31612345678',
    email: 'ada@example.com',
    date_created: '2024-01-15T09:30:00',
    tracking_number: `3SEMU${id}`,
    weight: '2.000',
    label: {},
    customs_declaration: {},
    status: { id: 3, message: 'En route to sorting center' },
    data: {},
    country: { iso_3: 'NLD', iso_2: 'NL', name: 'Netherlands' },
    shipment: { id: 8, name: 'PostNL Standard' },
    order_number: `ORD${id}`,
    shipment_uuid: '87e18823-016b-479b-b9e0-c5c0c4065452',
    external_order_id: `EXT${id}`,
    external_shipment_id: null,
    integration: integrationId,
  };
}
