/**
 * sendcloud_shop_order_statuses and sendcloud_shop_order_status_mapping with the real
 * terraform CLI against the Sendcloud emulator's seeded Prestashop v2 integration: create,
 * a clean second plan, drift made by hand, update, import, destroy, and the refusals. The
 * provider talks to the emulator through a proxy that validates every request and answer
 * against the v3 spec.
 */
import { SendcloudClient } from '../../api/sendcloud';
import { startSendcloudEmulator, type RunningSendcloudEmulator } from '../../src/emulators';
import { startSendcloudValidatingProxy, type ValidatingProxy } from '../emulators/support/validating-proxy';
import { TerraformWorkspace, requiredProviders } from '../helpers/workspace';

const PRESTASHOP = 1004;
let emulator: RunningSendcloudEmulator;
let proxy: ValidatingProxy;
let api: SendcloudClient;
let workspace: TerraformWorkspace;

beforeAll(async () => {
  emulator = await startSendcloudEmulator();
  proxy = await startSendcloudValidatingProxy(emulator.url);
  api = new SendcloudClient({ baseUrl: emulator.url, publicKey: emulator.publicKey, secretKey: emulator.secretKey });
  workspace = new TerraformWorkspace({ SENDCLOUD_API_BASE_URL: proxy.url, SENDCLOUD_PUBLIC_KEY: emulator.publicKey, SENDCLOUD_SECRET_KEY: emulator.secretKey });
  workspace.writeConfig({ terraform: requiredProviders(), provider: { sendcloud: {} } });
  await workspace.init();
}, 120_000);

afterAll(async () => {
  workspace?.cleanup();
  await proxy?.close();
  await emulator?.close();
});

function statusesHcl(statuses: { id: string; names: Record<string, string> }[], integrationId = PRESTASHOP): string {
  const items = statuses
    .map(({ id, names }) => `    { external_id = "${id}", translations = { ${Object.entries(names).map(([language, name]) => `"${language}" = "${name}"`).join(', ')} } },`)
    .join('\n');
  return `resource "sendcloud_shop_order_statuses" "shop" {\n  integration_id = ${integrationId}\n  statuses = [\n${items}\n  ]\n}\n`;
}

function mappingHcl(mapping: Record<string, string>, integrationId: string | number = 'sendcloud_shop_order_statuses.shop.integration_id'): string {
  const entries = Object.entries(mapping).map(([category, id]) => `    ${category} = "${id}"`).join('\n');
  return `resource "sendcloud_shop_order_status_mapping" "shop" {\n  integration_id = ${integrationId}\n  mapping = {\n${entries}\n  }\n  depends_on = [sendcloud_shop_order_statuses.shop]\n}\n`;
}

const SHOP: { id: string; names: Record<string, string> }[] = [
  { id: '2', names: { 'en-gb': 'Payment accepted', 'nl-nl': 'Betaling aanvaard' } },
  { id: '4', names: { 'en-gb': 'Shipped', 'de-de': 'Versandt' } },
  { id: '5', names: { 'en-gb': 'Delivered' } },
  { id: '6', names: { 'en-gb': 'Canceled' } },
];

/** Terraform wraps diagnostics at 80 columns: match the words, whatever whitespace is between them. */
function wrapped(text: string): RegExp {
  return new RegExp(text.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
}

const posts = () => proxy.exchanges.filter((exchange) => exchange.startsWith('POST'));

test('create, no-op, drift by hand, update, import and destroy', async () => {
  workspace.writeFile('main.tf', statusesHcl(SHOP) + mappingHcl({ READY_TO_SEND: '2', IN_TRANSIT: '4', DELIVERED: '5' }));
  await workspace.apply();
  expect((await api.shop.getShopOrderStatuses(PRESTASHOP)).map((status) => [status.external_id, status.translations.length])).toEqual([
    ['2', 2],
    ['4', 2],
    ['5', 1],
    ['6', 1],
  ]);
  expect((await api.shop.getStatusMapping(PRESTASHOP)).map((entry) => [entry.status_category, entry.external_id])).toEqual([
    ['READY_TO_SEND', '2'],
    ['IN_TRANSIT', '4'],
    ['DELIVERED', '5'],
    ['CANCEL', null],
  ]);

  // A second plan is clean and writes nothing.
  proxy.exchanges.length = 0;
  expect((await workspace.plan()).code).toBe(0);
  expect(posts()).toEqual([]);

  // Changes made by hand show as drift, and apply puts the declared values back.
  await api.shop.putShopOrderStatuses(PRESTASHOP, [
    { external_id: '2', translations: [{ status: 'Paid', language: 'en-gb' }] },
    { external_id: '4', translations: [{ status: 'Shipped', language: 'en-gb' }, { status: 'Versandt', language: 'de-de' }] },
    { external_id: '5', translations: [{ status: 'Delivered', language: 'en-gb' }] },
    { external_id: '6', translations: [{ status: 'Canceled', language: 'en-gb' }] },
  ]);
  await api.shop.putStatusMapping(PRESTASHOP, { READY_TO_SEND: '2', IN_TRANSIT: '4', DELIVERED: '5', CANCEL: '6' });
  const drifted = await workspace.plan();
  expect(drifted.code).toBe(2);
  expect(drifted.stdout).toMatch(/~ "en-gb" = "Paid" -> "Payment accepted"/);
  expect(drifted.stdout).toMatch(/\+ "nl-nl" = "Betaling aanvaard"/);
  expect(drifted.stdout).toMatch(/- "CANCEL"\s+=\s+"6" -> null/);
  proxy.exchanges.length = 0;
  await workspace.apply();
  expect(posts()).toEqual(['POST v3/shop-order-statuses 200', 'POST v3/shop-order-statuses/mapping 200']);
  expect((await api.shop.getShopOrderStatuses(PRESTASHOP))[0].translations).toEqual([
    { status: 'Payment accepted', language: 'en-gb' },
    { status: 'Betaling aanvaard', language: 'nl-nl' },
  ]);
  expect((await api.shop.getStatusMapping(PRESTASHOP)).find((entry) => entry.status_category === 'CANCEL')?.external_id).toBeNull();

  // Update in place: a new status, one dropped, the mapping onto the new one.
  workspace.writeFile('main.tf', statusesHcl([...SHOP.slice(0, 3), { id: '7', names: { 'fr-fr': 'Annulée', 'en-gb': 'Cancelled' } }]) + mappingHcl({ IN_TRANSIT: '4', DELIVERED: '5', CANCEL: '7' }));
  const update = await workspace.plan();
  expect(update.stdout).toMatch(/2 to change, 0 to destroy/);
  await workspace.apply();
  const live = await api.shop.getShopOrderStatuses(PRESTASHOP);
  expect(live.map((status) => status.external_id)).toEqual(['2', '4', '5', '7']);
  expect((await api.shop.getStatusMapping(PRESTASHOP)).map((entry) => entry.external_id)).toEqual([null, '4', '5', '7']);
  expect((await workspace.plan()).code).toBe(0);

  // Import: forget both, import them by integration id, and the plan is clean again.
  await workspace.run(['state', 'rm', 'sendcloud_shop_order_statuses.shop', 'sendcloud_shop_order_status_mapping.shop']);
  await workspace.run(['import', '-input=false', '-no-color', 'sendcloud_shop_order_statuses.shop', String(PRESTASHOP)]);
  await workspace.run(['import', '-input=false', '-no-color', 'sendcloud_shop_order_status_mapping.shop', String(PRESTASHOP)]);
  expect((await workspace.plan()).code).toBe(0);

  // Destroy says what it leaves behind, and leaves it.
  const destroyed = await workspace.run(['destroy', '-input=false', '-no-color', '-auto-approve']);
  expect(destroyed.stdout).toMatch(/Warning: Sendcloud integration 1004 keeps its shop order statuses/);
  expect(destroyed.stdout).toMatch(wrapped('the 4 status(es) 2, 4, 5, 7 stay in Sendcloud'));
  expect(destroyed.stdout).toMatch(/Warning: Sendcloud integration 1004 keeps its status mapping/);
  expect(destroyed.stdout).toMatch(wrapped('IN_TRANSIT -> "4", DELIVERED -> "5", CANCEL -> "7" stays in Sendcloud'));
  expect((await api.shop.getShopOrderStatuses(PRESTASHOP)).map((status) => status.external_id)).toEqual(['2', '4', '5', '7']);
  expect(proxy.violations).toEqual([]);
}, 300_000);

test('refusals: unknown category and language at plan, a missing id with the ids the shop has, a non-Prestashop integration', async () => {
  // The mapping names the integration itself: Terraform skips validating what depends on a resource that failed validation.
  workspace.writeFile('main.tf', statusesHcl([{ id: '2', names: { 'pt-br': 'Pago' } }]) + mappingHcl({ SHIPPED: '2' }, PRESTASHOP).replace(/\s*depends_on = \[[^\]]*\]\n/, '\n'));
  const plan = await workspace.attempt(['plan', '-input=false', '-no-color']);
  expect(plan.code).toBe(1);
  expect(plan.stderr).toMatch(/Invalid value for statuses/);
  expect(plan.stderr).toMatch(wrapped('statuses[0].translations has the language "pt-br", which Sendcloud does not know: use en-us, en-gb, fr-fr, de-de, nl-nl, es-es, it-it'));
  expect(plan.stderr).toMatch(/Invalid value for mapping/);
  expect(plan.stderr).toMatch(wrapped('mapping has the status category "SHIPPED", which Sendcloud does not know: use READY_TO_SEND, IN_TRANSIT, DELIVERED, CANCEL'));

  proxy.exchanges.length = 0;
  workspace.writeFile('main.tf', mappingHcl({ DELIVERED: '99' }, PRESTASHOP).replace(/\s*depends_on = \[[^\]]*\]\n/, '\n'));
  const missing = await workspace.attempt(['apply', '-input=false', '-no-color', '-auto-approve']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/The shop of Sendcloud integration 1004 has no order status "99"/);
  expect(missing.stderr).toMatch(wrapped('mapping["DELIVERED"] points at "99", but the shop\'s order statuses are "2", "4", "5", "7"'));
  expect(posts()).toEqual([]);

  workspace.writeFile('main.tf', statusesHcl(SHOP, 1002));
  const other = await workspace.attempt(['apply', '-input=false', '-no-color', '-auto-approve']);
  expect(other.code).toBe(1);
  expect(other.stderr).toMatch(wrapped('Sendcloud integration 1002 ("Emulator Shopify Store", type shopify) has no shop order statuses'));
  expect(other.stderr).toMatch(wrapped('Only Prestashop v2 integrations have shop order statuses'));
  expect(proxy.violations).toEqual([]);
}, 300_000);
