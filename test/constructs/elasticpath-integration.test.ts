import { Fn, TerraformOutput, type TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { Integration } from '../../provider/gen/providers/elasticpath/integration';
import {
  type AwsSqsConfigurationOptions,
  ElasticPathIntegration,
  ElasticPathProvider,
  IntegrationConfiguration,
  type StompConfigurationOptions,
  type WebhookConfigurationOptions,
} from '../../src/constructs';
import { newStack, synthesized, warningsOf } from './helpers';

Testing.setupJest();

const webhook = () => IntegrationConfiguration.webhook({ url: 'https://hooks.example.com/orders' });

function integration(overrides: Partial<ConstructorParameters<typeof ElasticPathIntegration>[2]> = {}) {
  const stack = newStack();
  const construct = new ElasticPathIntegration(stack, 'orders', {
    name: 'Orders',
    observes: ['order.paid'],
    configuration: webhook(),
    ...overrides,
  });
  return { stack, construct };
}

/** A secret held in a sensitive variable, as the warnings recommend. */
function variable(stack: ReturnType<typeof newStack>, name: string): string {
  return new TerraformVariable(stack, name, { type: 'string', sensitive: true }).stringValue;
}

test('a webhook integration maps its props to elasticpath_integration', () => {
  const { stack } = integration({
    description: 'Paid orders to fulfilment',
    enabled: false,
    observes: ['order.paid', 'order.cancelled'],
    configuration: IntegrationConfiguration.webhook({ url: 'https://hooks.example.com/orders', secretKey: 'ignored-in-this-test' }),
  });
  expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Integration, {
    name: 'Orders',
    description: 'Paid orders to fulfilment',
    enabled: false,
    integration_type: 'webhook',
    observes: ['order.paid', 'order.cancelled'],
    configuration: { url: 'https://hooks.example.com/orders', secret_key: 'ignored-in-this-test' },
  });
});

test('an AWS SQS integration maps its props to elasticpath_integration', () => {
  const stack = newStack();
  new ElasticPathIntegration(stack, 'queue', {
    name: 'Queue',
    observes: ['order.created'],
    configuration: IntegrationConfiguration.awsSqs({
      url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders',
      awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      awsSecretAccessKey: variable(stack, 'sqs_secret'),
      region: 'eu-west-1',
    }),
  });
  expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Integration, {
    integration_type: 'aws_sqs',
    configuration: {
      url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders',
      aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE',
      aws_secret_access_key: '${var.sqs_secret}',
      region: 'eu-west-1',
    },
  });
});

test('a STOMP integration maps its props to elasticpath_integration', () => {
  const stack = newStack();
  new ElasticPathIntegration(stack, 'broker', {
    name: 'Broker',
    observes: ['customer.created'],
    configuration: IntegrationConfiguration.stomp({
      addresses: ['stomp+ssl://broker.example.com:61614', 'stomp+ssl://broker-2.example.com:61614'],
      destination: '/queue/customers',
      username: 'publisher',
      password: variable(stack, 'stomp_password'),
    }),
  });
  expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Integration, {
    integration_type: 'stomp',
    configuration: {
      addresses: ['stomp+ssl://broker.example.com:61614', 'stomp+ssl://broker-2.example.com:61614'],
      destination: '/queue/customers',
      username: 'publisher',
      password: '${var.stomp_password}',
    },
  });
});

test('omitted description and enabled are left to the provider', () => {
  const json = synthesized(integration().stack);
  const [resource] = Object.values(json.resource.elasticpath_integration) as Record<string, unknown>[];
  expect(resource).not.toHaveProperty('description');
  expect(resource).not.toHaveProperty('enabled');
});

test('the binding is the child "Resource" and outputs are its attributes', () => {
  const { construct } = integration();
  expect(construct.node.defaultChild).toBeInstanceOf(Integration);
  expect(construct.node.defaultChild?.node.id).toBe('Resource');
  for (const output of [construct.integrationId, construct.createdAt, construct.updatedAt]) {
    expect(Token.isUnresolved(output)).toBe(true);
  }
  const stack = construct.node.scope as TerraformStack;
  new TerraformOutput(stack, 'outputs', { value: [construct.integrationId, construct.createdAt, construct.updatedAt] });
  expect(synthesized(stack).output.outputs.value).toEqual([
    expect.stringMatching(/^\$\{elasticpath_integration\.orders_[0-9A-F]+\.id\}$/),
    expect.stringMatching(/^\$\{elasticpath_integration\.orders_[0-9A-F]+\.created_at\}$/),
    expect.stringMatching(/^\$\{elasticpath_integration\.orders_[0-9A-F]+\.updated_at\}$/),
  ]);
});

test('the integration uses the provider it is given', () => {
  const stack = newStack();
  const secondStore = new ElasticPathProvider(stack, 'second-store', { alias: 'second' });
  new ElasticPathIntegration(stack, 'orders', { name: 'Orders', observes: ['order.paid'], configuration: webhook(), provider: secondStore });
  expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Integration, { provider: 'elasticpath.second' });
});

test('importFrom adopts an existing integration by id', () => {
  const { stack, construct } = integration();
  construct.importFrom('9f5c1a52-1d1a-4c7e-8d3c-2b9f1c2d3e4f');
  const json = synthesized(stack);
  expect(json.import).toEqual([
    expect.objectContaining({ id: '9f5c1a52-1d1a-4c7e-8d3c-2b9f1c2d3e4f', to: expect.stringMatching(/^elasticpath_integration\.orders_/) }),
  ]);
});

test('fails when more than 5 events are observed', () => {
  const { stack } = integration({
    observes: ['order.created', 'order.updated', 'order.paid', 'order.authorized', 'order.fulfilled', 'order.cancelled'],
  });
  expect(() => Testing.synth(stack, true)).toThrow(
    /observes of stack\/orders: 6 events are given, Elastic Path allows at most 5 per integration: split them across several integrations/,
  );
});

test('fails when an event is not an event name at all', () => {
  const { stack } = integration({ observes: ['Order Paid'] });
  expect(() => Testing.synth(stack, true)).toThrow(/observes of stack\/orders: "Order Paid" is not an event name: events are <entity>.<action>/);
});

test('an undocumented event that is not a custom API event is a warning naming it, and the API decides', () => {
  const { stack, construct: orders } = integration({ observes: ['order.shipped', 'subscription.paused', 'wishlist.created'] });
  expect(() => synthesized(stack)).not.toThrow();
  const warnings = warningsOf(orders);
  expect(warnings).toEqual([
    expect.stringMatching(/^observes of stack\/orders: "order.shipped" is not among Elastic Path's documented observable events \(order is documented to publish order.created, .*\)\. The API will decide/),
  ]);
  synthesized(stack);
  expect(warningsOf(orders)).toHaveLength(1);
});

test('fails when the name is empty', () => {
  const { stack } = integration({ name: '' });
  expect(() => Testing.synth(stack, true)).toThrow(/name of stack\/orders: must not be empty: give a value/);
});

test('fails when a webhook url is not http or https', () => {
  const { stack } = integration({ configuration: IntegrationConfiguration.webhook({ url: 'ftp://hooks.example.com/orders' }) });
  expect(() => Testing.synth(stack, true)).toThrow(/configuration\.url of stack\/orders: "ftp:\/\/hooks.example.com\/orders" uses the ftp scheme: use https or http/);
});

test('fails when a webhook url is not a URL at all', () => {
  const { stack } = integration({ configuration: IntegrationConfiguration.webhook({ url: 'hooks.example.com' }) });
  expect(() => Testing.synth(stack, true)).toThrow(/configuration\.url of stack\/orders: "hooks.example.com" is not a valid URL: give an absolute URL/);
});

test('fails when a STOMP address uses another scheme', () => {
  const stack = newStack();
  new ElasticPathIntegration(stack, 'broker', {
    name: 'Broker',
    observes: ['customer.created'],
    configuration: IntegrationConfiguration.stomp({
      addresses: ['https://broker.example.com'],
      destination: '/queue/customers',
      username: 'publisher',
      password: variable(stack, 'stomp_password'),
    }),
  });
  expect(() => Testing.synth(stack, true)).toThrow(/configuration\.addresses of stack\/broker: "https:\/\/broker.example.com" uses the https scheme: use stomp or stomp\+ssl/);
});

test('fails when a required STOMP setting is empty', () => {
  const stack = newStack();
  new ElasticPathIntegration(stack, 'broker', {
    name: 'Broker',
    observes: ['customer.created'],
    configuration: IntegrationConfiguration.stomp({
      addresses: ['stomp://broker.example.com:61613'],
      destination: '',
      username: 'publisher',
      password: variable(stack, 'stomp_password'),
    }),
  });
  expect(() => Testing.synth(stack, true)).toThrow(/configuration\.destination of stack\/broker: must not be empty/);
});

// The factories' types require these fields; a JavaScript caller can still leave them out.
test.each([
  ['webhook', () => IntegrationConfiguration.webhook({} as WebhookConfigurationOptions), 'url'],
  [
    'aws_sqs',
    () => IntegrationConfiguration.awsSqs({ url: 'https://sqs.eu-west-1.amazonaws.com/1/q', awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE' } as AwsSqsConfigurationOptions),
    'awsSecretAccessKey',
  ],
  ['stomp', () => IntegrationConfiguration.stomp({ addresses: ['stomp://b.example.com:61613'] } as StompConfigurationOptions), 'destination'],
])('fails when a %s configuration lacks a setting its type requires', (type, configuration, prop) => {
  const { stack } = integration({ configuration: configuration() });
  expect(() => Testing.synth(stack, true)).toThrow(
    new RegExp(`configuration\\.${prop} of stack/orders: A ${type} integration requires configuration\\.${prop}: set it`),
  );
});

test('fails when a configuration setting belongs to another integration type', () => {
  const configuration = IntegrationConfiguration.webhook({ url: 'https://hooks.example.com', region: 'eu-west-1' } as WebhookConfigurationOptions);
  const { stack } = integration({ configuration });
  expect(() => Testing.synth(stack, true)).toThrow(
    /configuration\.region of stack\/orders: configuration\.region is only used by aws_sqs integrations: remove it, or change integrationType/,
  );
});

test('every problem is reported at once, each naming its prop', () => {
  const { stack } = integration({ name: '', observes: ['order shipped'], configuration: IntegrationConfiguration.webhook({ url: 'ftp://x' }) });
  let message = '';
  try {
    Testing.synth(stack, true);
  } catch (error) {
    message = String(error);
  }
  expect(message).toMatch(/name of stack\/orders/);
  expect(message).toMatch(/observes of stack\/orders/);
  expect(message).toMatch(/configuration\.url of stack\/orders/);
});

test('values known only at apply time are not validated', () => {
  const stack = newStack();
  const url = new TerraformVariable(stack, 'hook_url', { type: 'string' });
  const construct = new ElasticPathIntegration(stack, 'orders', {
    name: new TerraformVariable(stack, 'name', { type: 'string' }).stringValue,
    observes: [Fn.lower('ORDER.SHIPPED'), 'order.paid'],
    configuration: IntegrationConfiguration.webhook({ url: `${url.stringValue}/orders` }),
  });
  expect(() => Testing.synth(stack, true)).not.toThrow();
  expect(warningsOf(construct)).toEqual([]);

  const listToken = newStack();
  new ElasticPathIntegration(listToken, 'orders', {
    name: 'Orders',
    observes: new TerraformVariable(listToken, 'events', { type: 'list(string)' }).listValue,
    configuration: webhook(),
  });
  expect(() => Testing.synth(listToken, true)).not.toThrow();
});

test('a literal secret gets a warning that names the prop, not the secret', () => {
  const stack = newStack();
  const hook = new ElasticPathIntegration(stack, 'hook', {
    name: 'Hook',
    observes: ['order.paid'],
    configuration: IntegrationConfiguration.webhook({ url: 'https://hooks.example.com', secretKey: 'literal-webhook-secret' }),
  });
  const queue = new ElasticPathIntegration(stack, 'queue', {
    name: 'Queue',
    observes: ['order.paid'],
    configuration: IntegrationConfiguration.awsSqs({
      url: 'https://sqs.eu-west-1.amazonaws.com/1/q',
      awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      awsSecretAccessKey: 'literal-aws-secret',
      region: 'eu-west-1',
    }),
  });
  const broker = new ElasticPathIntegration(stack, 'broker', {
    name: 'Broker',
    observes: ['order.paid'],
    configuration: IntegrationConfiguration.stomp({
      addresses: ['stomp://b.example.com:61613'],
      destination: '/queue/q',
      username: 'u',
      password: 'literal-stomp-password',
    }),
  });
  expect(warningsOf(hook)).toEqual([expect.stringMatching(/^configuration\.secretKey of stack\/hook is a literal string.*sensitive TerraformVariable/)]);
  expect(warningsOf(queue)).toEqual([
    expect.stringMatching(/^configuration\.awsAccessKeyId of stack\/queue is a literal string/),
    expect.stringMatching(/^configuration\.awsSecretAccessKey of stack\/queue is a literal string/),
  ]);
  expect(warningsOf(broker)).toEqual([expect.stringMatching(/^configuration\.password of stack\/broker is a literal string/)]);
  const text = [hook, queue, broker].flatMap(warningsOf).join('\n');
  expect(text).not.toMatch(/literal-(webhook-secret|aws-secret|stomp-password)/);
  // A warning, not an error: the stack still synthesizes.
  expect(() => Testing.synth(stack, true)).not.toThrow();
});

test('a secret from a sensitive variable gets no warning', () => {
  const stack = newStack();
  const construct = new ElasticPathIntegration(stack, 'hook', {
    name: 'Hook',
    observes: ['order.paid'],
    configuration: IntegrationConfiguration.webhook({ url: 'https://hooks.example.com', secretKey: variable(stack, 'hook_secret') }),
  });
  expect(warningsOf(construct)).toEqual([]);
});
