/** Write-only secrets from the constructs, and EphemeralSecretVariable. */
import { Testing } from 'cdktf';
import { Integration } from '../../provider/gen/providers/elasticpath/integration';
import { EphemeralSecretVariable, ElasticPathIntegration, IntegrationConfiguration } from '../../src/constructs';
import { newStack, synthesized, warningsOf } from './helpers';

Testing.setupJest();

test('EphemeralSecretVariable declares a sensitive, ephemeral, non-null string variable', () => {
  const stack = newStack();
  new EphemeralSecretVariable(stack, 'webhook_secret', { description: 'Sent as X-MOLTIN-SECRET-KEY.' });
  expect(synthesized(stack).variable.webhook_secret).toEqual({
    type: 'string',
    sensitive: true,
    nullable: false,
    ephemeral: true,
    description: 'Sent as X-MOLTIN-SECRET-KEY.',
  });
});

test('the factories pass write-only secrets through, with version 1 unless given', () => {
  const stack = newStack();
  const secret = new EphemeralSecretVariable(stack, 'secret').stringValue;
  new ElasticPathIntegration(stack, 'hook', {
    name: 'Hook',
    observes: ['order.paid'],
    configuration: IntegrationConfiguration.webhook({ url: 'https://hooks.example.com/x', secretKeyWo: secret }),
  });
  new ElasticPathIntegration(stack, 'queue', {
    name: 'Queue',
    observes: ['order.paid'],
    configuration: IntegrationConfiguration.awsSqs({
      url: 'https://sqs.eu-west-1.amazonaws.com/1/q',
      awsAccessKeyId: 'AKIAEXAMPLE',
      awsSecretAccessKeyWo: secret,
      awsSecretAccessKeyWoVersion: 4,
      region: 'eu-west-1',
    }),
  });
  const synth = Testing.synth(stack, true);
  expect(synth).toHaveResourceWithProperties(Integration, {
    name: 'Hook',
    configuration: { url: 'https://hooks.example.com/x', secret_key_wo: '${var.secret}', secret_key_wo_version: 1 },
  });
  expect(synth).toHaveResourceWithProperties(Integration, {
    name: 'Queue',
    configuration: expect.objectContaining({ aws_secret_access_key_wo: '${var.secret}', aws_secret_access_key_wo_version: 4 }),
  });
});

test('giving a secret both ways fails at synth, naming both props', () => {
  const stack = newStack();
  const secret = new EphemeralSecretVariable(stack, 'secret').stringValue;
  new ElasticPathIntegration(stack, 'broker', {
    name: 'Broker',
    observes: ['order.paid'],
    configuration: IntegrationConfiguration.stomp({ addresses: ['stomp://b:61613'], destination: '/q', username: 'u', password: secret, passwordWo: secret }),
  });
  expect(() => Testing.synth(stack, true)).toThrow(/configuration\.passwordWo of stack\/broker: Set only one of configuration\.password and configuration\.passwordWo/);
});

test('a literal write-only secret warns, recommending EphemeralSecretVariable', () => {
  const stack = newStack();
  const construct = new ElasticPathIntegration(stack, 'hook', {
    name: 'Hook',
    observes: ['order.paid'],
    configuration: IntegrationConfiguration.webhook({ url: 'https://hooks.example.com/x', secretKeyWo: 'literal-secret' }),
  });
  expect(warningsOf(construct)).toEqual([expect.stringMatching(/configuration\.secretKeyWo of stack\/hook is a literal string.*EphemeralSecretVariable/)]);
});
