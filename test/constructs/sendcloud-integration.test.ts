import { TerraformOutput, type TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { Integration } from '../../provider/gen/providers/sendcloud/integration';
import { SendcloudIntegration, type SendcloudIntegrationProps, SendcloudProvider } from '../../src/constructs';
import type { SendcloudApiVersion, SendcloudFeedbackType } from '../../src';
import { bareStack, newStack, synthesized, warningsOf } from './helpers';

Testing.setupJest();

function shop(props: Partial<SendcloudIntegrationProps> = {}, stack: TerraformStack = newStack()) {
  const construct = new SendcloudIntegration(stack, 'shop', { integrationId: 1001, ...props });
  return { stack, construct };
}

test('settings map to sendcloud_integration', () => {
  const { stack } = shop({
    shopName: 'Example Shop',
    shopUrl: 'https://shop.example.com',
    servicePointEnabled: true,
    servicePointCarriers: ['dhl', 'ups'],
    webhookActive: true,
    webhookUrl: 'https://hooks.example.com/parcels',
    feedbackType: 'delayed',
    deleteOnDestroy: true,
  });
  expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Integration, {
    integration_id: 1001,
    shop_name: 'Example Shop',
    shop_url: 'https://shop.example.com',
    service_point_enabled: true,
    service_point_carriers: ['dhl', 'ups'],
    webhook_active: true,
    webhook_url: 'https://hooks.example.com/parcels',
    feedback_type: 'delayed',
    delete_on_destroy: true,
  });
});

test('settings left out are not written, so Sendcloud keeps them', () => {
  const json = synthesized(shop().stack);
  expect(Object.values(json.resource.sendcloud_integration)).toEqual([{ integration_id: 1001 }]);
});

test('the binding is the child "Resource" and outputs are its attributes', () => {
  const { stack, construct } = shop();
  expect(construct.node.defaultChild).toBeInstanceOf(Integration);
  expect(construct.node.defaultChild?.node.id).toBe('Resource');
  const outputs = [construct.type, construct.createdAt, construct.updatedAt, construct.lastFetchedAt];
  outputs.forEach((output) => expect(Token.isUnresolved(output)).toBe(true));
  new TerraformOutput(stack, 'outputs', { value: outputs });
  expect(synthesized(stack).output.outputs.value).toEqual(
    ['type', 'created_at', 'updated_at', 'last_fetched_at'].map((attribute) =>
      expect.stringMatching(new RegExp(`^\\$\\{sendcloud_integration\\.shop_[0-9A-F]+\\.${attribute}\\}$`)),
    ),
  );
});

test('importFrom adopts the integration into state by id', () => {
  const { stack, construct } = shop();
  construct.importFrom('1001');
  expect(synthesized(stack).import).toEqual([expect.objectContaining({ id: '1001', to: expect.stringMatching(/^sendcloud_integration\.shop_/) })]);
});

test('the integration uses the provider it is given', () => {
  const stack = newStack();
  const other = new SendcloudProvider(stack, 'other-account', { alias: 'other' });
  shop({ provider: other }, stack);
  expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Integration, { provider: 'sendcloud.other' });
});

test('fails when webhookActive is true without a webhookUrl', () => {
  const { stack } = shop({ webhookActive: true });
  expect(() => Testing.synth(stack, true)).toThrow(
    /webhookUrl of stack\/shop: webhookActive is true, so Sendcloud needs webhookUrl: set it, or set webhookActive to false/,
  );
});

test('an empty shopUrl or webhookUrl means none, but not while the webhook is active', () => {
  expect(() => synthesized(shop({ shopUrl: '', webhookActive: false, webhookUrl: '' }).stack)).not.toThrow();
  const { stack } = shop({ webhookActive: true, webhookUrl: '' });
  expect(() => Testing.synth(stack, true)).toThrow(/webhookUrl of stack\/shop: webhookActive is true, so Sendcloud needs webhookUrl/);
});

test('fails when service points are enabled without a carrier', () => {
  for (const servicePointCarriers of [undefined, []]) {
    const { stack } = shop({ servicePointEnabled: true, servicePointCarriers });
    expect(() => Testing.synth(stack, true)).toThrow(
      /servicePointCarriers of stack\/shop: servicePointEnabled is true, so Sendcloud needs at least one carrier: list them in servicePointCarriers/,
    );
  }
});

test('fails when shopName is empty', () => {
  const { stack } = shop({ shopName: '' });
  expect(() => Testing.synth(stack, true)).toThrow(/shopName of stack\/shop: must not be empty: give a value/);
});

test('fails when shopName is longer than 250 characters', () => {
  const { stack } = shop({ shopName: 'x'.repeat(251) });
  expect(() => Testing.synth(stack, true)).toThrow(/shopName of stack\/shop: is 251 characters long: shorten it to at most 250/);
});

test('fails when feedbackType is not eager, delayed or none', () => {
  // TypeScript refuses the literal; JavaScript callers and casts get the synth-time check.
  const { stack } = shop({ feedbackType: 'later' as SendcloudFeedbackType });
  expect(() => Testing.synth(stack, true)).toThrow(/feedbackType of stack\/shop: "later" is not allowed: use one of eager, delayed, none/);
});

test('fails when feedbackType is set and the given provider uses API v2', () => {
  const stack = newStack();
  const v2 = new SendcloudProvider(stack, 'v2', { alias: 'v2', apiVersion: 'v2' });
  shop({ feedbackType: 'eager', provider: v2 }, stack);
  expect(() => Testing.synth(stack, true)).toThrow(
    /feedbackType of stack\/shop: Sendcloud API v2 has no feedbackType: remove feedbackType, or set the provider's apiVersion to "v3"/,
  );
});

test('fails when feedbackType is set and the stack\'s default provider uses API v2', () => {
  const stack = bareStack();
  new SendcloudProvider(stack, 'sendcloud', { apiVersion: 'v2' });
  shop({ feedbackType: 'eager' }, stack);
  expect(() => Testing.synth(stack, true)).toThrow(/feedbackType of stack\/shop: Sendcloud API v2 has no feedbackType/);
});

test('feedbackType is accepted under API v3 and when the API version is only known at plan time', () => {
  const v3 = bareStack();
  new SendcloudProvider(v3, 'sendcloud', { apiVersion: 'v3' });
  shop({ feedbackType: 'eager' }, v3);
  expect(() => Testing.synth(v3, true)).not.toThrow();

  const unknown = bareStack();
  new SendcloudProvider(unknown, 'sendcloud', { apiVersion: new TerraformVariable(unknown, 'api_version', { type: 'string' }).stringValue as SendcloudApiVersion });
  shop({ feedbackType: 'eager' }, unknown);
  expect(() => Testing.synth(unknown, true)).not.toThrow();
});

test('fails when integrationId is not a positive whole number', () => {
  const { stack } = shop({ integrationId: 0 });
  expect(() => Testing.synth(stack, true)).toThrow(
    /integrationId of stack\/shop: 0 is not an integration id: give the positive whole number Sendcloud shows for the integration/,
  );
});

test('fails when shopUrl or webhookUrl is not an http(s) URL', () => {
  const { stack } = shop({ shopUrl: 'shop.example.com', webhookActive: true, webhookUrl: 'mailto:ops@example.com' });
  expect(() => Testing.synth(stack, true)).toThrow(/shopUrl of stack\/shop: "shop.example.com" is not a valid URL/);
  expect(() => Testing.synth(stack, true)).toThrow(/webhookUrl of stack\/shop: "mailto:ops@example.com" uses the mailto scheme: use https or http/);
});

test('values known only at apply time are not validated', () => {
  const stack = newStack();
  const text = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
  // Boolean props are plain booleans; a variable's value reaches them as an unresolved token.
  const flag = (name: string) => new TerraformVariable(stack, name, { type: 'bool' }).booleanValue as unknown as boolean;
  const construct = new SendcloudIntegration(stack, 'shop', {
    integrationId: new TerraformVariable(stack, 'integration_id', { type: 'number' }).numberValue,
    shopName: text('shop_name'),
    webhookActive: true,
    webhookUrl: text('webhook_url'),
    servicePointEnabled: flag('service_points'),
    feedbackType: text('feedback_type') as SendcloudFeedbackType,
    servicePointCarriers: new TerraformVariable(stack, 'carriers', { type: 'list(string)' }).listValue,
  });
  expect(() => Testing.synth(stack, true)).not.toThrow();
  expect(warningsOf(construct)).toEqual([]);
});

test('an aliased v2 provider does not affect integrations on the default provider', () => {
  const stack = newStack();
  new SendcloudProvider(stack, 'legacy', { alias: 'legacy', apiVersion: 'v2' });
  shop({ feedbackType: 'none' }, stack);
  expect(() => Testing.synth(stack, true)).not.toThrow();
});
