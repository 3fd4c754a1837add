import { SendcloudShopOrderStatuses, SendcloudShopOrderStatusMapping } from '../../src/constructs';
import { newStack, synthesized } from './helpers';

const STATUSES = [
  { externalId: '4', translations: { 'en-gb': 'Shipped', 'nl-nl': 'Verzonden' } },
  { externalId: '5', translations: { 'en-gb': 'Delivered' } },
];

test('synthesizes both resources, the mapping after the statuses and on the same integration', () => {
  const stack = newStack();
  const statuses = new SendcloudShopOrderStatuses(stack, 'statuses', { integrationId: 1004, statuses: STATUSES });
  new SendcloudShopOrderStatusMapping(stack, 'mapping', { statuses, mapping: { IN_TRANSIT: '4', DELIVERED: '5' } });
  const json = synthesized(stack);
  const [statusesResource] = Object.values(json.resource.sendcloud_shop_order_statuses) as any[];
  expect(statusesResource).toMatchObject({
    integration_id: 1004,
    statuses: [
      { external_id: '4', translations: { 'en-gb': 'Shipped', 'nl-nl': 'Verzonden' } },
      { external_id: '5', translations: { 'en-gb': 'Delivered' } },
    ],
  });
  const [mappingResource] = Object.values(json.resource.sendcloud_shop_order_status_mapping) as any[];
  expect(mappingResource).toMatchObject({ integration_id: 1004, mapping: { IN_TRANSIT: '4', DELIVERED: '5' } });
  expect(mappingResource.depends_on).toEqual([expect.stringMatching(/^sendcloud_shop_order_statuses\.statuses_/)]);
});

test('synth refuses unknown languages and categories (naming the allowed ones) and a mapping onto an undeclared status', () => {
  const stack = newStack();
  const statuses = new SendcloudShopOrderStatuses(stack, 'statuses', {
    integrationId: 1004,
    statuses: [...STATUSES, { externalId: '6', translations: { 'pt-br': 'Cancelado' } as never }],
  });
  new SendcloudShopOrderStatusMapping(stack, 'mapping', { statuses, mapping: { SHIPPED: '4', CANCEL: '9' } as never });
  expect(() => synthesized(stack)).toThrow(/statuses of stack\/statuses: statuses\[2\]\.translations has the language "pt-br", which Sendcloud does not know: use en-us, en-gb, fr-fr, de-de, nl-nl, es-es, it-it/);
  expect(() => synthesized(stack)).toThrow(/mapping has the status category "SHIPPED", which Sendcloud does not know: use READY_TO_SEND, IN_TRANSIT, DELIVERED, CANCEL/);
  expect(() => synthesized(stack)).toThrow(/mapping\.CANCEL of stack\/mapping: "9" is not one of the shop's order statuses \("4", "5", "6"\)/);
});
