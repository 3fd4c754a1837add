/**
 * For receivers of Sendcloud webhooks: checking `Sendcloud-Signature` and the shape of the
 * parcel status change.
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './verify';

export const SENDCLOUD_SIGNATURE_HEADER = 'sendcloud-signature';

/** The hex HMAC-SHA256 of the raw body keyed by the secret, as Sendcloud signs its webhooks. */
export function signSendcloudBody(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * True when `signatureHeader` is the HMAC-SHA256 of the raw body (the bytes as received,
 * before any JSON parsing) keyed by `secret` (the integration's secret key or webhook signature
 * key), compared in constant time. A missing signature or an empty secret is never a match.
 */
export function verifySendcloudSignature(rawBody: string | Buffer, signatureHeader: string | string[] | undefined | null, secret: string): boolean {
  const given = Array.isArray(signatureHeader) ? signatureHeader[0] : signatureHeader;
  if (!given || typeof secret !== 'string' || secret === '') return false;
  if (typeof rawBody !== 'string' && !Buffer.isBuffer(rawBody)) return false;
  return constantTimeEqual(given.trim().toLowerCase(), signSendcloudBody(rawBody, secret));
}

export interface SendcloudParcelStatus {
  id: number;
  message: string;
}

/** The parcel of a `parcel_status_changed` webhook (the fields Sendcloud's example shows). */
export interface SendcloudParcel {
  id: number;
  name?: string;
  company_name?: string;
  address?: string;
  address_divided?: { street?: string; house_number?: string | number };
  city?: string;
  postal_code?: string;
  telephone?: string;
  email?: string;
  date_created?: string;
  tracking_number?: string;
  weight?: string;
  label?: { normal_printer?: string[]; label_printer?: string };
  customs_declaration?: Record<string, unknown>;
  status: SendcloudParcelStatus;
  data?: Record<string, unknown>;
  country?: { iso_2?: string; iso_3?: string; name?: string };
  shipment?: { id: number; name: string };
  order_number?: string;
  shipment_uuid?: string;
  external_order_id?: string | null;
  external_shipment_id?: string | null;
  [field: string]: unknown;
}

/** The body Sendcloud POSTs to an integration's `webhook_url` when a parcel changes status. */
export interface SendcloudParcelStatusChanged {
  action: 'parcel_status_changed';
  /** When the status changed, milliseconds since the epoch. */
  timestamp: number;
  carrier_status_change_timestamp: number | null;
  parcel: SendcloudParcel;
}
