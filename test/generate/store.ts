/**
 * The store the generate suites adopt: 14 Elastic Path integrations of all three types
 * (names with spaces, punctuation, non-Latin letters and duplicates; Subscriptions and
 * custom API events; disabled ones; masked secrets) and 3 Sendcloud integrations.
 * Fixed ids, so the generated file is the same on every run.
 */
import type { SendcloudSeedIntegration, StoredElasticPathIntegration } from '../../src/emulators';

type Seed = Omit<StoredElasticPathIntegration, 'type' | 'created_at' | 'updated_at'>;

const uuid = (n: number) => `0c9e6f3a-5b1d-4e2a-9f7c-${String(n).padStart(12, '0')}`;

const sqs = (n: number) => ({
  url: `https://sqs.eu-west-1.amazonaws.com/123456789012/queue-${n}`,
  aws_access_key_id: `AKIAGENERATETEST00${String(n).padStart(2, '0')}`,
  aws_secret_access_key: `generate-test-aws-secret-access-key-${n}-Zq7`,
  region: 'eu-west-1',
});

const stomp = (n: number) => ({
  addresses: [`stomp+ssl://b-${n}.mq.eu-west-1.example.com:61614`],
  destination: `/queue/integrations-${n}`,
  username: `integration-user-${n}`,
  password: `generate-test-stomp-password-${n}-Xy`,
});

export const ELASTIC_PATH_STORE: Seed[] = [
  { id: uuid(1), name: 'Order paid', description: 'Fire an event on order paid', enabled: true, integration_type: 'webhook', observes: ['order.paid'], configuration: { url: 'https://hooks.example.com/paid', secret_key: 'generate-test-webhook-secret-1' } },
  { id: uuid(2), name: 'Order paid', description: '', enabled: false, integration_type: 'webhook', observes: ['order.refunded', 'order.paid'], configuration: { url: 'https://hooks.example.com/paid-2' } },
  { id: uuid(3), name: 'Subscriptions: paused / pending cancel', description: 'Billing team', enabled: true, integration_type: 'webhook', observes: ['subscription.paused', 'subscription.pending_cancel', 'subscription-invoice.created'], configuration: { url: 'https://billing.example.com/hooks?team=subs&v=2' } },
  { id: uuid(4), name: "Café & Crème — EU's hooks!", description: 'Posts to C:\\hooks\\eu\nsecond line', enabled: true, integration_type: 'webhook', observes: ['customer.created'], configuration: { url: 'https://eu.example.com/hooks' } },
  { id: uuid(5), name: '2024 orders (archive)', description: '', enabled: false, integration_type: 'webhook', observes: ['order.created'], configuration: { url: 'http://archive.example.com/orders' } },
  { id: uuid(6), name: 'Wishlist (custom API)', description: 'custom API events', enabled: true, integration_type: 'webhook', observes: ['wishlist.created', 'wishlist.deleted'], configuration: { url: 'https://wishlist.example.com/hook', secret_key: 'generate-test-webhook-secret-6' } },
  { id: uuid(7), name: 'Orders to SQS', description: '', enabled: true, integration_type: 'aws_sqs', observes: ['order.created', 'order.paid'], configuration: sqs(7) },
  { id: uuid(8), name: 'Orders to SQS', description: 'the old queue', enabled: false, integration_type: 'aws_sqs', observes: ['order.fulfilled'], configuration: sqs(8) },
  { id: uuid(9), name: 'orders-to-sqs', description: '', enabled: true, integration_type: 'aws_sqs', observes: ['order.cancelled'], configuration: sqs(9) },
  { id: uuid(10), name: 'Subscriptions → SQS', description: '', enabled: true, integration_type: 'aws_sqs', observes: ['subscription.created', 'subscription.create-failed'], configuration: sqs(10) },
  { id: uuid(11), name: 'Carts to Amazon MQ', description: '', enabled: true, integration_type: 'stomp', observes: ['cart.updated'], configuration: stomp(11) },
  { id: uuid(12), name: 'Carts/Stock: "MQ" \'main\'', description: 'stock', enabled: true, integration_type: 'stomp', observes: ['stock-transaction.created', 'cart.deleted'], configuration: stomp(12) },
  { id: uuid(13), name: '订单', description: '', enabled: false, integration_type: 'stomp', observes: ['order.cancelled'], configuration: stomp(13) },
  { id: uuid(14), name: 'class', description: '', enabled: true, integration_type: 'webhook', observes: ['subscription-subscriber.updated'], configuration: { url: 'https://class.example.com/' } },
];

export const SENDCLOUD_ACCOUNT: SendcloudSeedIntegration[] = [
  { id: 2001, shop_name: "Bob's Shop (NL)", shop_url: 'https://bob.example.com/', type: 'shopify', service_point_enabled: true, service_point_carriers: ['postnl', 'dhl'], webhook_active: true, webhook_url: 'https://bob.example.com/parcels', feedback_type: 'delayed' },
  { id: 2002, shop_name: "Bob's Shop (NL)", shop_url: null, type: 'api', service_point_enabled: false, service_point_carriers: [], webhook_active: false, webhook_url: null, feedback_type: 'eager' },
  { id: 2003, shop_name: 'Woo / Staging', shop_url: 'https://staging.woo.example.com/', type: 'woocommerce', service_point_enabled: false, service_point_carriers: [], webhook_active: false, webhook_url: null, feedback_type: 'none' },
];

/**
 * A Prestashop v2 shop with order statuses, for the adopt suite only (the other suites count
 * the three above); its status mapping is set through the API after start.
 */
export const PRESTASHOP_SHOP: SendcloudSeedIntegration = {
  id: 2004, shop_name: 'Presta (BE)', shop_url: 'https://presta.example.com/', type: 'prestashop_v2', service_point_enabled: false, service_point_carriers: [], webhook_active: false, webhook_url: null, feedback_type: 'eager',
  order_statuses: [
    { external_id: 'PS_OS_PAYMENT', translations: [{ status: 'Payment accepted', language: 'en-gb' }, { status: 'Paiement accepté', language: 'fr-fr' }] },
    { external_id: 'PS_OS_SHIPPING', translations: [{ status: "Shipped (it's on its way)", language: 'en-gb' }] },
    { external_id: 'PS_OS_DELIVERED', translations: [{ status: 'Delivered', language: 'en-gb' }, { status: 'Geleverd', language: 'nl-nl' }] },
  ],
};
export const PRESTASHOP_MAPPING = { READY_TO_SEND: 'PS_OS_PAYMENT', IN_TRANSIT: 'PS_OS_SHIPPING', DELIVERED: 'PS_OS_DELIVERED' } as const;

/** The value a secret variable must be given: the seeded secret it stands for. */
export function seededSecret(integrationId: string, attribute: string): string {
  const integration = ELASTIC_PATH_STORE.find((candidate) => candidate.id === integrationId);
  const field = attribute.replace(/^configuration\./, '');
  const value = integration?.configuration[field];
  if (typeof value !== 'string') throw new Error(`no seeded ${attribute} for ${integrationId}`);
  return value;
}
