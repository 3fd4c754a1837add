import { Testing } from 'cdktf';
import {
  ElasticPathIntegration,
  ElasticPathIntegrationsExclusive,
  ElasticPathProvider,
  IntegrationConfiguration,
  SendcloudIntegration,
  SendcloudIntegrationsExclusive,
} from '../../src/constructs';
import { newStack, synthesized } from './helpers';

const webhook = IntegrationConfiguration.webhook({ url: 'https://hooks.example.com/orders' });

function integration(stack: ReturnType<typeof newStack>, id: string, provider?: ElasticPathProvider) {
  return new ElasticPathIntegration(stack, id, { name: id, observes: ['order.paid'], configuration: webhook, provider });
}

const ref = (json: Record<string, any>, type: string, id: string) =>
  `\${${type}.${Object.keys(json.resource[type]).find((name) => name.startsWith(id.replace(/-/g, '')) || name.startsWith(id))}.id}`;

test('owns every integration of its stack with the same provider, also those declared after it', () => {
  const stack = newStack();
  const eu = new ElasticPathProvider(stack, 'eu', { alias: 'eu', storeId: 'eu-store' });
  new ElasticPathIntegrationsExclusive(stack, 'default-store', { ignoreNames: ['Platform *'] });
  new ElasticPathIntegrationsExclusive(stack, 'eu-store', { provider: eu, prune: true });
  integration(stack, 'orders');
  integration(stack, 'refunds');
  integration(stack, 'eu-orders', eu);

  const json = synthesized(stack);
  const exclusives = Object.values(json.resource.elasticpath_integrations_exclusive) as any[];
  const byProvider = (provider: string | undefined) => exclusives.find((resource) => resource.provider === provider);
  expect([...byProvider(undefined).integration_ids].sort()).toEqual(
    [ref(json, 'elasticpath_integration', 'orders'), ref(json, 'elasticpath_integration', 'refunds')].sort(),
  );
  expect(byProvider(undefined).ignore_names).toEqual(['Platform *']);
  expect(byProvider('elasticpath.eu').integration_ids).toEqual([ref(json, 'elasticpath_integration', 'eu-orders')]);
  expect(byProvider('elasticpath.eu').prune).toBe(true);
});

test('an explicitly passed unaliased provider is the default one', () => {
  const stack = newStack();
  const main = stack.node.findChild('elasticpath') as ElasticPathProvider;
  new ElasticPathIntegrationsExclusive(stack, 'store');
  integration(stack, 'orders', main);
  const json = synthesized(stack);
  const [exclusive] = Object.values(json.resource.elasticpath_integrations_exclusive) as any[];
  expect(exclusive.integration_ids).toEqual([ref(json, 'elasticpath_integration', 'orders')]);
});

test('integrationIds replaces the stack-wide default', () => {
  const stack = newStack();
  integration(stack, 'orders');
  new ElasticPathIntegrationsExclusive(stack, 'store', { integrationIds: ['a8a4b5d4-0000-4000-8000-000000000001'] });
  const [exclusive] = Object.values(synthesized(stack).resource.elasticpath_integrations_exclusive) as any[];
  expect(exclusive.integration_ids).toEqual(['a8a4b5d4-0000-4000-8000-000000000001']);
});

test('two exclusive constructs for one provider configuration fail synth, naming both', () => {
  const stack = newStack();
  new ElasticPathIntegrationsExclusive(stack, 'first');
  new ElasticPathIntegrationsExclusive(stack, 'second');
  expect(() => synthesized(stack)).toThrow(/stack\/first: stack\/second also claims exclusive management of the same provider configuration/);
});

test('an empty ignoreNames pattern is refused at synth, in the prop name', () => {
  const stack = newStack();
  new ElasticPathIntegrationsExclusive(stack, 'store', { ignoreNames: [''] });
  expect(() => synthesized(stack)).toThrow(/ignoreNames of stack\/store: holds an empty pattern/);
});

test('Sendcloud: owns the stack\'s SendcloudIntegrations, report only (no prune attribute)', () => {
  const stack = newStack();
  new SendcloudIntegration(stack, 'shop', { integrationId: 1001 });
  new SendcloudIntegrationsExclusive(stack, 'account', { ignoreNames: ['Other *'] });
  const json = synthesized(stack);
  const [exclusive] = Object.values(json.resource.sendcloud_integrations_exclusive) as any[];
  expect(exclusive).toEqual(expect.objectContaining({ integration_ids: [ref(json, 'sendcloud_integration', 'shop')], ignore_names: ['Other *'] }));
  expect(exclusive).not.toHaveProperty('prune');
});

test('ignoreChanges maps the construct\'s prop names to lifecycle.ignore_changes attribute names', () => {
  const stack = newStack();
  new ElasticPathIntegration(stack, 'orders', { name: 'Orders', observes: ['order.paid'], configuration: webhook, ignoreChanges: ['enabled', 'observes'] });
  new SendcloudIntegration(stack, 'shop', { integrationId: 1001, servicePointCarriers: ['dhl'], ignoreChanges: ['servicePointCarriers', 'webhookUrl'] });
  const json = synthesized(stack);
  const [ep] = Object.values(json.resource.elasticpath_integration) as any[];
  const [sc] = Object.values(json.resource.sendcloud_integration) as any[];
  expect(ep.lifecycle).toEqual({ ignore_changes: ['enabled', 'observes'] });
  expect(sc.lifecycle).toEqual({ ignore_changes: ['service_point_carriers', 'webhook_url'] });
});

test('ignoreChanges: [\'configuration\'] ignores everything that prop sets, the integration type included', () => {
  const stack = newStack();
  new ElasticPathIntegration(stack, 'orders', { name: 'Orders', observes: ['order.paid'], configuration: webhook, ignoreChanges: ['configuration'] });
  const [ep] = Object.values(synthesized(stack).resource.elasticpath_integration) as any[];
  expect(ep.lifecycle).toEqual({ ignore_changes: ['integration_type', 'configuration'] });
});

test('ignoreChanges refuses a name that is not a prop sent to the provider', () => {
  const stack = newStack();
  expect(
    () => new ElasticPathIntegration(stack, 'orders', { name: 'Orders', observes: ['order.paid'], configuration: webhook, ignoreChanges: ['url' as never] }),
  ).toThrow(/ignoreChanges of stack\/orders: "url" is not a prop sent to the provider; use some of name, description, enabled, observes, configuration/);
});
