import { checkClassName, idFromName, tsString, uniqueIds, variableName } from '../../src/generate/naming';
import { renderIntegrationsCode } from '../../src/generate';
import type { EpIntegration } from '../../api/elasticpath';
import { ELASTIC_PATH_STORE, SENDCLOUD_ACCOUNT } from './store';

const TERRAFORM_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

test('construct ids come from the name, in characters every tool accepts', () => {
  expect(idFromName('Order paid', 'integration')).toBe('order-paid');
  expect(idFromName('Subscriptions: paused / pending cancel', 'integration')).toBe('subscriptions-paused-pending-cancel');
  expect(idFromName("Café & Crème — EU's hooks!", 'integration')).toBe('cafe-creme-eus-hooks');
  expect(idFromName('Carts/Stock: "MQ" \'main\'', 'integration')).toBe('carts-stock-mq-main');
  expect(idFromName('  --Orders__to  SQS-- ', 'integration')).toBe('orders-to-sqs');
  expect(idFromName('🚚 shipping 🚚', 'integration')).toBe('shipping');
});

test('a name without a usable letter, or starting with a digit, gets the prefix', () => {
  expect(idFromName('订单', 'integration')).toBe('integration');
  expect(idFromName('!!!', 'integration')).toBe('integration');
  expect(idFromName('', 'shop')).toBe('shop');
  expect(idFromName('2024 orders', 'integration')).toBe('integration-2024-orders');
});

test('a long name is cut at a word boundary', () => {
  const id = idFromName('Send every paid order of the European store to the fulfilment warehouse queue', 'integration');
  expect(id).toBe('send-every-paid-order-of-the-european-store-to');
  expect(id.length).toBeLessThanOrEqual(48);
});

test('duplicates get -2, -3, skipping ids another name already wants', () => {
  expect(uniqueIds(['orders', 'orders', 'orders-2', 'orders'])).toEqual(['orders', 'orders-3', 'orders-2', 'orders-4']);
  expect(uniqueIds(['a', 'b'])).toEqual(['a', 'b']);
  expect(uniqueIds(['shop'], ['shop'])).toEqual(['shop-2']);
});

test('variable names are Terraform identifiers and cannot collide', () => {
  const ids = uniqueIds(['orders', 'orders', 'orders-2', 'integration-2024-orders']);
  const names = ids.map((id) => variableName(id, 'aws_secret_access_key'));
  for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(new Set(names).size).toBe(names.length);
});

test('string literals survive quotes, backslashes, line breaks and the characters JavaScript treats as line ends', () => {
  for (const text of ["it's", 'say "hi"', `both ' and "`, 'C:\\hooks\\eu', 'one\ntwo\r\tthree', 'ls\u2028ps\u2029', '\u0000\u007f', '订单 — café']) {
    const literal = tsString(text);
    expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(new Function(`return ${literal};`)()).toBe(text);
  }
  expect(tsString("Bob's")).toBe('"Bob\'s"');
});

test('fails when the class name is not a TypeScript class name', () => {
  expect(checkClassName('ExistingIntegrations')).toBeUndefined();
  for (const bad of ['existing-integrations', '1Store', 'class', 'My Store']) {
    expect(checkClassName(bad)).toMatch(/is not a TypeScript class name/);
  }
});

const asApi = (seed: (typeof ELASTIC_PATH_STORE)[number]): EpIntegration => ({
  ...seed,
  type: 'integration',
  configuration: Object.fromEntries(
    Object.entries(seed.configuration).map(([key, value]) =>
      ['aws_access_key_id', 'aws_secret_access_key', 'password'].includes(key) ? [key, `****${String(value).slice(-4)}`] : [key, value],
    ),
  ),
});

test('the same objects in any order give the same file, with unique ids and no secret in it', () => {
  const elasticpath = ELASTIC_PATH_STORE.map(asApi);
  const first = renderIntegrationsCode({ elasticpath, sendcloud: SENDCLOUD_ACCOUNT.map((i) => ({ ...i })) });
  const second = renderIntegrationsCode({ elasticpath: [...elasticpath].reverse(), sendcloud: [...SENDCLOUD_ACCOUNT].reverse() });
  expect(second.code).toBe(first.code);

  const ids = [...first.code.matchAll(/new (?:ElasticPath|Sendcloud)Integration\(this, ['"]([^'"]+)['"]/g)].map((match) => match[1]);
  expect(ids).toHaveLength(17);
  expect(new Set(ids).size).toBe(17);
  for (const id of ids) expect(id).toMatch(TERRAFORM_IDENTIFIER);
  expect(ids).toEqual(expect.arrayContaining(['order-paid', 'order-paid-2', 'orders-to-sqs', 'orders-to-sqs-2', 'orders-to-sqs-3', 'integration', 'sendcloud-bobs-shop-nl', 'sendcloud-bobs-shop-nl-2']));

  for (const seed of ELASTIC_PATH_STORE) {
    for (const [field, value] of Object.entries(seed.configuration)) {
      if (['secret_key', 'aws_access_key_id', 'aws_secret_access_key', 'password'].includes(field)) expect(first.code).not.toContain(String(value));
    }
  }
  expect(first.code).not.toContain('****');
  expect(first.elasticpath).toEqual({ webhook: 7, aws_sqs: 4, stomp: 3 });
  expect(first.sendcloud).toBe(3);
  expect(first.variables.filter((variable) => variable.masked)).toHaveLength(11);
  expect(first.variables.filter((variable) => !variable.masked).map((variable) => variable.name)).toEqual(['order_paid_secret_key', 'wishlist_custom_api_secret_key']);
  for (const variable of first.variables) expect(first.code).toContain(`//   TF_VAR_${variable.name} `);
});

test('only the chosen vendor is written, with its imports only', () => {
  const rendered = renderIntegrationsCode({ sendcloud: SENDCLOUD_ACCOUNT.map((i) => ({ ...i })), className: 'ShopSettings' });
  expect(rendered.code).toMatch(/export class ShopSettings extends Construct/);
  expect(rendered.code).not.toMatch(/ElasticPath|TerraformVariable/);
  expect(rendered.elasticpath).toBeUndefined();
});
