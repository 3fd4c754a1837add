import { readFileSync } from 'node:fs';
import { SENDCLOUD_PRESTASHOP_V2_TYPE } from '../../../api/sendcloud-vocabulary';

/** A shop order status of a Prestashop v2 integration, as POST /shop-order-statuses takes it. */
export interface SeedShopOrderStatus {
  external_id: string;
  translations: { status: string; language: string }[];
}

/**
 * One Sendcloud integration as the emulator stores it, named as API v3 names its fields.
 * The Sendcloud API has no create endpoint (integrations come from connecting a shop in the
 * Sendcloud panel), so the emulator starts from a seed of these.
 */
export interface SendcloudSeedIntegration {
  id: number;
  shop_name: string;
  shop_url?: string | null;
  /** The shop system; API v2 calls it `system`. */
  type?: string;
  /** API v2: `failing_since`. */
  started_failing_at?: string | null;
  /** API v2: `last_fetch`. */
  last_fetched_at?: string | null;
  created_at?: string;
  /** API v2: `last_updated_at`. */
  updated_at?: string;
  service_point_enabled?: boolean;
  service_point_carriers?: string[];
  webhook_active?: boolean;
  webhook_url?: string | null;
  /** API v3 only. */
  feedback_type?: 'eager' | 'delayed' | 'none';
  /** Prestashop v2 only: the shop's order statuses at start. */
  order_statuses?: SeedShopOrderStatus[];
}

export type StoredSendcloudIntegration = Required<Omit<SendcloudSeedIntegration, 'order_statuses'>> & { order_statuses?: SeedShopOrderStatus[] };

/** Four integrations of different shop systems and settings (one Prestashop v2, with order statuses); example.com hosts only. */
export const DEFAULT_SENDCLOUD_SEED: readonly SendcloudSeedIntegration[] = [
  {
    id: 1001,
    shop_name: 'Emulator API Shop',
    shop_url: 'https://shop.example.com/',
    type: 'api',
    started_failing_at: null,
    last_fetched_at: null,
    created_at: '2024-01-15T09:30:00Z',
    updated_at: '2024-01-15T09:30:00Z',
    service_point_enabled: false,
    service_point_carriers: [],
    webhook_active: false,
    webhook_url: null,
    feedback_type: 'eager',
  },
  {
    id: 1002,
    shop_name: 'Emulator Shopify Store',
    shop_url: 'https://emulator-store.example.com/',
    type: 'shopify',
    started_failing_at: null,
    last_fetched_at: '2024-03-02T08:15:00Z',
    created_at: '2024-02-01T12:00:00Z',
    updated_at: '2024-02-20T16:45:00Z',
    service_point_enabled: true,
    service_point_carriers: ['postnl', 'dhl'],
    webhook_active: true,
    webhook_url: 'https://hooks.example.com/sendcloud/parcel-status',
    feedback_type: 'delayed',
  },
  {
    id: 1003,
    shop_name: 'Emulator WooCommerce',
    shop_url: 'https://woo.example.com/',
    type: 'woocommerce',
    started_failing_at: '2024-03-05T22:10:00Z',
    last_fetched_at: '2024-03-05T21:55:00Z',
    created_at: '2023-11-04T14:15:22Z',
    updated_at: '2024-01-08T12:23:56Z',
    service_point_enabled: false,
    service_point_carriers: [],
    webhook_active: false,
    webhook_url: null,
    feedback_type: 'none',
  },
  {
    id: 1004,
    shop_name: 'Emulator Prestashop',
    shop_url: 'https://prestashop.example.com/',
    type: SENDCLOUD_PRESTASHOP_V2_TYPE,
    started_failing_at: null,
    last_fetched_at: '2024-03-06T07:00:00Z',
    created_at: '2024-02-10T10:00:00Z',
    updated_at: '2024-02-10T10:00:00Z',
    service_point_enabled: false,
    service_point_carriers: [],
    webhook_active: false,
    webhook_url: null,
    // Prestashop v2 takes its feedback from the status mapping, not from feedback_type.
    feedback_type: 'eager',
    order_statuses: [
      { external_id: '2', translations: [{ status: 'Payment accepted', language: 'en-gb' }, { status: 'Betaling aanvaard', language: 'nl-nl' }] },
      { external_id: '3', translations: [{ status: 'Processing in progress', language: 'en-gb' }] },
      { external_id: '4', translations: [{ status: 'Shipped', language: 'en-gb' }, { status: 'Verzonden', language: 'nl-nl' }] },
      { external_id: '5', translations: [{ status: 'Delivered', language: 'en-gb' }, { status: 'Bezorgd', language: 'nl-nl' }] },
      { external_id: '6', translations: [{ status: 'Canceled', language: 'en-gb' }] },
    ],
  },
];

/** Fills the fields a seed may omit; throws with the offending index on a bad entry. */
export function normalizeSeed(entries: unknown, nowIso: string): StoredSendcloudIntegration[] {
  if (!Array.isArray(entries)) throw new Error('a Sendcloud seed must be a JSON array of integrations');
  const seen = new Set<number>();
  return entries.map((entry, index) => {
    const stored = normalizeIntegration(entry, nowIso);
    if (typeof stored === 'string') throw new Error(`Sendcloud seed entry ${index}: ${stored}`);
    if (seen.has(stored.id)) throw new Error(`Sendcloud seed entry ${index}: duplicate id ${stored.id}`);
    seen.add(stored.id);
    return stored;
  });
}

export function normalizeIntegration(entry: unknown, nowIso: string): StoredSendcloudIntegration | string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'must be an object';
  const raw = entry as Partial<SendcloudSeedIntegration>;
  if (typeof raw.id !== 'number' || !Number.isInteger(raw.id) || raw.id < 1) return 'id must be a positive integer';
  if (typeof raw.shop_name !== 'string') return 'shop_name must be a string';
  const createdAt = raw.created_at ?? nowIso;
  return {
    ...raw,
    id: raw.id,
    shop_name: raw.shop_name,
    shop_url: raw.shop_url ?? null,
    type: raw.type ?? 'api',
    started_failing_at: raw.started_failing_at ?? null,
    last_fetched_at: raw.last_fetched_at ?? null,
    created_at: createdAt,
    updated_at: raw.updated_at ?? createdAt,
    service_point_enabled: raw.service_point_enabled ?? false,
    service_point_carriers: [...(raw.service_point_carriers ?? [])],
    webhook_active: raw.webhook_active ?? false,
    webhook_url: raw.webhook_url ?? null,
    feedback_type: raw.feedback_type ?? 'eager',
  };
}

/** Reads a seed given inline or as a path to a JSON file (an array, or `{"integrations": [...]}`). */
export function loadSeed(seed: SendcloudSeedIntegration[] | string | undefined, nowIso: string): StoredSendcloudIntegration[] {
  if (seed === undefined) return normalizeSeed(DEFAULT_SENDCLOUD_SEED, nowIso);
  if (typeof seed !== 'string') return normalizeSeed(seed, nowIso);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(seed, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read Sendcloud seed file ${seed}: ${(error as Error).message}`);
  }
  const entries =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'integrations' in parsed
      ? (parsed as { integrations: unknown }).integrations
      : parsed;
  return normalizeSeed(entries, nowIso);
}
