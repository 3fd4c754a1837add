/**
 * The redactor every drift output passes through: secrets from the configuration, the
 * environment and the plan, found however Terraform quotes or wraps them.
 */
import { Redactor, secretEnvironmentVariables, secretsOfConfiguration, sensitiveValuesOfPlan } from '../../src/drift/redact';

test('a secret is replaced as written, JSON-escaped, and split over a wrapped line, raw or inside JSON', () => {
  const secret = 'pa"ss\\word-0123456789abcdef';
  const redactor = new Redactor().add(secret);
  expect(redactor.redact(`  14:         "client_secret": ${JSON.stringify(secret)},`)).toBe('  14:         "client_secret": "(sensitive)",');
  expect(redactor.redact(`raw ${secret} end`)).toBe('raw (sensitive) end');
  // Terraform wraps a long diagnostic line, indenting the continuation.
  const wrapped = `Error: refused ${secret.slice(0, 10)}\n  ${secret.slice(10)} here`;
  expect(redactor.redact(wrapped)).toBe('Error: refused (sensitive) here');
  // The same text inside a JSON report.
  expect(redactor.redact(JSON.stringify({ message: wrapped }))).toBe(JSON.stringify({ message: 'Error: refused (sensitive) here' }));
});

test('a long secret with spaces, wrapped by Terraform at a space, is caught; short values are not treated as secrets', () => {
  const passphrase = 'correct horse battery staple and a long tail of more words that no line holds';
  const redactor = new Redactor().add([passphrase, 'abc', '${var.hook_secret}']);
  const wrapped = `│ Error: the value correct horse battery staple and a long tail of\n│ more words that no line holds was refused`;
  expect(redactor.redact(wrapped)).toBe('│ Error: the value (sensitive) was refused');
  expect(redactor.redact('abc ${var.hook_secret}')).toBe('abc ${var.hook_secret}');
  expect(redactor.size).toBe(2); // the passphrase, as written and URL-encoded
});

test('redactValue replaces secrets in every string of a report, keys untouched', () => {
  const redactor = new Redactor().add('s3cr3t-value');
  expect(redactor.redactValue({ stacks: [{ name: 'a', error: { command: null, message: 'x s3cr3t-value y' } }], n: 1 })).toEqual({
    stacks: [{ name: 'a', error: { command: null, message: 'x (sensitive) y' } }],
    n: 1,
  });
});

test('the configuration secrets are the schema-sensitive attributes of both providers and their resources, and sensitive variables', () => {
  const synthesized = {
    provider: {
      elasticpath: [{ client_id: 'id-visible', client_secret: 'ep-client-secret' }, { alias: 'b', client_secret: '${var.other}' }],
      sendcloud: [{ public_key: 'pk-visible', secret_key: 'sc-secret-key', oauth_client_secret: 'sc-oauth-secret' }],
    },
    resource: {
      elasticpath_integration: {
        hook: { name: 'orders', configuration: { url: 'https://example.com', secret_key: 'webhook-secret', secret_key_wo: 'webhook-wo' } },
        sqs: { name: 'sqs', configuration: { aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: 'aws-secret', aws_secret_access_key_wo: 'aws-wo' } },
        stomp: { name: 'stomp', configuration: { username: 'user-visible', password: 'stomp-password', password_wo: 'stomp-wo' } },
      },
      sendcloud_integration: { shop: { shop_name: 'visible shop' } },
    },
    variable: { hook_secret: { type: 'string', sensitive: true, default: 'variable-default' }, plain: { default: 'not-secret' } },
  };
  const { values, sensitiveVariables } = secretsOfConfiguration(synthesized);
  expect(values.sort()).toEqual(
    ['${var.other}', 'AKIAEXAMPLE', 'aws-secret', 'aws-wo', 'ep-client-secret', 'sc-oauth-secret', 'sc-secret-key', 'stomp-password', 'stomp-wo', 'variable-default', 'webhook-secret', 'webhook-wo'].sort(),
  );
  expect(sensitiveVariables).toEqual(['hook_secret']);
});

test('the secret environment variables come from the providers\' sensitive settings', () => {
  expect(secretEnvironmentVariables().sort()).toEqual(['ELASTICPATH_CLIENT_SECRET', 'SENDCLOUD_OAUTH_CLIENT_SECRET', 'SENDCLOUD_SECRET_KEY']);
});

test('values a plan marks sensitive are collected, nested ones included', () => {
  const plan = {
    resource_changes: [
      {
        change: {
          before: { configuration: { secret_key: 'old-secret', url: 'u' } },
          after: { configuration: { secret_key: 'new-secret', url: 'u' } },
          before_sensitive: { configuration: { secret_key: true } },
          after_sensitive: { configuration: { secret_key: true } },
        },
      },
    ],
    output_changes: { token: { before: null, after: 'output-secret', before_sensitive: false, after_sensitive: true } },
  };
  expect(sensitiveValuesOfPlan(plan)).toEqual(['old-secret', 'new-secret', 'output-secret']);
});

test('a secret an API echoes URL-encoded (a form body) is caught too', () => {
  const redactor = new Redactor().add('p@ss word/with&signs');
  expect(redactor.redact(`body: client_secret=${encodeURIComponent('p@ss word/with&signs')}&grant_type=x`)).toBe('body: client_secret=(sensitive)&grant_type=x');
});
