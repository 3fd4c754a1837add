import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { version } from '../../package.json';
import { ElasticpathProvider as ElasticpathProviderBinding } from '../../provider/gen/providers/elasticpath/provider';
import { SendcloudProvider as SendcloudProviderBinding } from '../../provider/gen/providers/sendcloud/provider';
import {
  ElasticPathProvider,
  PROVIDER_REGISTRY_CONTEXT_KEY,
  PROVIDER_VERSION_CONTEXT_KEY,
  SendcloudProvider,
} from '../../src/constructs';
import type { ElasticPathRegion, SendcloudApiVersion, SendcloudV2UpdateMethod } from '../../src';
import { bareStack, synthesized, warningsOf } from './helpers';

Testing.setupJest();

test('providers left without props write empty blocks: the provider reads its environment when Terraform runs', () => {
  const stack = bareStack();
  new ElasticPathProvider(stack, 'elasticpath');
  new SendcloudProvider(stack, 'sendcloud');
  const json = synthesized(stack);
  expect(json.provider).toEqual({ elasticpath: [{}], sendcloud: [{}] });
});

test('credentials held in the environment at synth time are not copied into cdk.tf.json', () => {
  const saved = { ...process.env };
  process.env.ELASTICPATH_CLIENT_SECRET = 'environment-secret-value';
  process.env.SENDCLOUD_SECRET_KEY = 'environment-secret-value';
  try {
    const stack = bareStack();
    new ElasticPathProvider(stack, 'elasticpath');
    new SendcloudProvider(stack, 'sendcloud');
    expect(Testing.synth(stack, true)).not.toContain('environment-secret-value');
  } finally {
    process.env = saved;
  }
});

test('required_providers name the commerce-iac sources at the package version', () => {
  const stack = bareStack();
  new ElasticPathProvider(stack, 'elasticpath');
  new SendcloudProvider(stack, 'sendcloud');
  expect(synthesized(stack).terraform.required_providers).toEqual({
    elasticpath: { source: 'commerce-iac/elasticpath', version },
    sendcloud: { source: 'commerce-iac/sendcloud', version },
  });
});

test('Elastic Path provider props map to the provider block', () => {
  const stack = bareStack();
  const secret = new TerraformVariable(stack, 'client_secret', { type: 'string', sensitive: true });
  new ElasticPathProvider(stack, 'elasticpath', {
    clientId: 'client-id',
    clientSecret: secret.stringValue,
    apiBaseUrl: 'http://127.0.0.1:4010',
    region: 'euwest',
    storeId: 'store-1',
    alias: 'eu',
  });
  expect(Testing.synth(stack, true)).toHaveProviderWithProperties(ElasticpathProviderBinding, {
    client_id: 'client-id',
    client_secret: '${var.client_secret}',
    api_base_url: 'http://127.0.0.1:4010',
    region: 'euwest',
    store_id: 'store-1',
    alias: 'eu',
  });
});

test('Sendcloud provider props map to the provider block and apiVersion is readable', () => {
  const stack = bareStack();
  const provider = new SendcloudProvider(stack, 'sendcloud', {
    publicKey: 'public-key',
    apiBaseUrl: 'http://127.0.0.1:4020',
    apiVersion: 'v2',
    v2UpdateMethod: 'put',
  });
  expect(provider.apiVersion).toBe('v2');
  expect(Testing.synth(stack, true)).toHaveProviderWithProperties(SendcloudProviderBinding, {
    public_key: 'public-key',
    api_base_url: 'http://127.0.0.1:4020',
    api_version: 'v2',
    v2_update_method: 'put',
  });
});

test('fails when the Elastic Path region is not useast or euwest', () => {
  const stack = bareStack();
  // TypeScript refuses the literal; JavaScript callers and casts get the synth-time check.
  new ElasticPathProvider(stack, 'elasticpath', { region: 'apac' as ElasticPathRegion });
  expect(() => Testing.synth(stack, true)).toThrow(/region of stack\/elasticpath: "apac" is not allowed: use one of useast, euwest/);
});

test('fails when a provider apiBaseUrl is not an http(s) URL', () => {
  const stack = bareStack();
  new ElasticPathProvider(stack, 'elasticpath', { apiBaseUrl: 'useast.api.elasticpath.com' });
  new SendcloudProvider(stack, 'sendcloud', { apiBaseUrl: 'ftp://panel.sendcloud.sc' });
  expect(() => Testing.synth(stack, true)).toThrow(/apiBaseUrl of stack\/elasticpath: "useast.api.elasticpath.com" is not a valid URL/);
  expect(() => Testing.synth(stack, true)).toThrow(/apiBaseUrl of stack\/sendcloud: "ftp:\/\/panel.sendcloud.sc" uses the ftp scheme/);
});

test('fails when the Sendcloud apiVersion is not v3 or v2', () => {
  const stack = bareStack();
  new SendcloudProvider(stack, 'sendcloud', { apiVersion: 'v4' as SendcloudApiVersion });
  expect(() => Testing.synth(stack, true)).toThrow(/apiVersion of stack\/sendcloud: "v4" is not allowed: use one of v3, v2/);
});

test('fails when the Sendcloud v2UpdateMethod is not patch or put', () => {
  const stack = bareStack();
  new SendcloudProvider(stack, 'sendcloud', { v2UpdateMethod: 'post' as SendcloudV2UpdateMethod });
  expect(() => Testing.synth(stack, true)).toThrow(/v2UpdateMethod of stack\/sendcloud: "post" is not allowed: use one of patch, put/);
});

test('a literal provider secret gets a warning pointing at the environment variable, without the secret', () => {
  const stack = bareStack();
  const elasticpath = new ElasticPathProvider(stack, 'elasticpath', { clientId: 'id', clientSecret: 'literal-client-secret' });
  const sendcloud = new SendcloudProvider(stack, 'sendcloud', { publicKey: 'pk', secretKey: 'literal-secret-key' });
  expect(warningsOf(elasticpath)).toEqual([
    expect.stringMatching(/^clientSecret of stack\/elasticpath is a literal string.*set the environment variable ELASTICPATH_CLIENT_SECRET/),
  ]);
  expect(warningsOf(sendcloud)).toEqual([
    expect.stringMatching(/^secretKey of stack\/sendcloud is a literal string.*set the environment variable SENDCLOUD_SECRET_KEY/),
  ]);
  expect([...warningsOf(elasticpath), ...warningsOf(sendcloud)].join('\n')).not.toMatch(/literal-(client-secret|secret-key)/);
});

test('non-secret literals and secrets from variables get no warning', () => {
  const stack = bareStack();
  const secret = new TerraformVariable(stack, 'secret', { type: 'string', sensitive: true }).stringValue;
  const elasticpath = new ElasticPathProvider(stack, 'elasticpath', { clientId: 'id', clientSecret: secret });
  const sendcloud = new SendcloudProvider(stack, 'sendcloud', { publicKey: 'pk', secretKey: secret, oauthClientSecret: secret });
  expect([...warningsOf(elasticpath), ...warningsOf(sendcloud)]).toEqual([]);
});

describe('the registry the providers come from', () => {
  test('source and version given to each provider go into required_providers', () => {
    const stack = bareStack();
    new ElasticPathProvider(stack, 'elasticpath', { source: 'app.terraform.io/acme/elasticpath', version: '~> 0.2' });
    new SendcloudProvider(stack, 'sendcloud', { source: 'registry.example.com/platform/sendcloud', version: '>= 0.2.0, < 1.0.0' });
    const json = synthesized(stack);
    expect(json.terraform.required_providers).toEqual({
      elasticpath: { source: 'app.terraform.io/acme/elasticpath', version: '~> 0.2' },
      sendcloud: { source: 'registry.example.com/platform/sendcloud', version: '>= 0.2.0, < 1.0.0' },
    });
    // The two props choose where the provider comes from; they are no provider arguments.
    expect(json.provider).toEqual({ elasticpath: [{}], sendcloud: [{}] });
  });

  test('the context keys set an app-wide default, and a provider may still name its own', () => {
    const app = Testing.app({ context: { 'commerce-iac:providerRegistry': '127.0.0.1:8443/commerce-iac', 'commerce-iac:providerVersion': '~> 0.1' } });
    const first = new TerraformStack(app, 'first');
    new ElasticPathProvider(first, 'elasticpath');
    new SendcloudProvider(first, 'sendcloud', { source: 'app.terraform.io/acme/sendcloud', version: '0.2.1' });
    expect(synthesized(first).terraform.required_providers).toEqual({
      elasticpath: { source: '127.0.0.1:8443/commerce-iac/elasticpath', version: '~> 0.1' },
      sendcloud: { source: 'app.terraform.io/acme/sendcloud', version: '0.2.1' },
    });
    expect(PROVIDER_REGISTRY_CONTEXT_KEY).toBe('commerce-iac:providerRegistry');
    expect(PROVIDER_VERSION_CONTEXT_KEY).toBe('commerce-iac:providerVersion');
  });

  test('an alias of a provider from a registry keeps that source', () => {
    const stack = bareStack();
    new ElasticPathProvider(stack, 'us', { source: 'app.terraform.io/acme/elasticpath' });
    new ElasticPathProvider(stack, 'eu', { source: 'app.terraform.io/acme/elasticpath', alias: 'eu', region: 'euwest' });
    const json = synthesized(stack);
    expect(json.terraform.required_providers.elasticpath).toEqual({ source: 'app.terraform.io/acme/elasticpath', version });
    expect(json.provider.elasticpath).toEqual([{}, { alias: 'eu', region: 'euwest' }]);
  });

  test('a source that is no address, or names another type, fails at synth naming the field and the fix', () => {
    const stack = bareStack();
    expect(() => new ElasticPathProvider(stack, 'a', { source: 'https://app.terraform.io/acme/elasticpath' })).toThrow(
      /ElasticPathProvider source "https:\/\/app.terraform.io\/acme\/elasticpath" is not a provider source address: expected \[HOSTNAME\/\]NAMESPACE\/elasticpath/,
    );
    expect(() => new SendcloudProvider(stack, 'b', { source: 'app.terraform.io/acme/elasticpath' })).toThrow(
      /SendcloudProvider source .* names the provider type "elasticpath": it must end in \/sendcloud/,
    );
    expect(() => new SendcloudProvider(stack, 'c', { version: 'latest' })).toThrow(/SendcloudProvider version "latest" is not a version constraint: write e.g. "~> 0.2"/);
    const app = Testing.app({ context: { 'commerce-iac:providerRegistry': 'app.terraform.io/acme/elasticpath' } });
    expect(() => new ElasticPathProvider(new TerraformStack(app, 's'), 'd')).toThrow(
      /context commerce-iac:providerRegistry \("app.terraform.io\/acme\/elasticpath"\): expected HOSTNAME\/NAMESPACE/,
    );
  });
});
