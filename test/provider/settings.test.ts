/**
 * Provider settings: each environment variable is declared once, on the schema attribute it
 * feeds, and every caller (the providers' configure, `generate`, `drift --health`) reads the
 * settings and builds its client through the vendor's one settings module.
 */
import { Diagnostics } from '../../provider/framework/types';
import { ELASTICPATH_ENVIRONMENT, PROVIDER_SCHEMA as ELASTICPATH_PROVIDER_SCHEMA } from '../../provider/elasticpath/schema';
import { elasticPathClient, readElasticPathSettings } from '../../provider/elasticpath/settings';
import { PROVIDER_SCHEMA as SENDCLOUD_PROVIDER_SCHEMA, SENDCLOUD_ENVIRONMENT } from '../../provider/sendcloud/schema';
import { readSendcloudSettings, sendcloudClient } from '../../provider/sendcloud/settings';
import { deliveryLogsClient } from '../../src/drift/health';
import { GenerateOptionsError, generateIntegrationsCode } from '../../src/generate';

const CREDENTIALS = { ELASTICPATH_CLIENT_ID: 'id', ELASTICPATH_CLIENT_SECRET: 'secret' };

test('each variable is declared on the attribute it feeds, and its description names it', () => {
  expect(ELASTICPATH_ENVIRONMENT).toEqual({
    client_id: 'ELASTICPATH_CLIENT_ID',
    client_secret: 'ELASTICPATH_CLIENT_SECRET',
    api_base_url: 'ELASTICPATH_API_BASE_URL',
    region: 'ELASTICPATH_REGION',
    store_id: 'ELASTICPATH_STORE_ID',
    max_requests_per_second: 'ELASTICPATH_MAX_REQUESTS_PER_SECOND',
    max_rate_limit_wait_seconds: 'ELASTICPATH_MAX_RATE_LIMIT_WAIT_SECONDS',
  });
  expect(SENDCLOUD_ENVIRONMENT).toEqual({
    public_key: 'SENDCLOUD_PUBLIC_KEY',
    secret_key: 'SENDCLOUD_SECRET_KEY',
    oauth_client_id: 'SENDCLOUD_OAUTH_CLIENT_ID',
    oauth_client_secret: 'SENDCLOUD_OAUTH_CLIENT_SECRET',
    oauth_token_url: 'SENDCLOUD_OAUTH_TOKEN_URL',
    api_base_url: 'SENDCLOUD_API_BASE_URL',
    max_rate_limit_wait_seconds: 'SENDCLOUD_MAX_RATE_LIMIT_WAIT_SECONDS',
  });
  for (const schema of [ELASTICPATH_PROVIDER_SCHEMA, SENDCLOUD_PROVIDER_SCHEMA]) {
    for (const attribute of Object.values(schema.attributes)) {
      if (attribute.env) expect(attribute.description).toContain(`Defaults to $${attribute.env}`);
      else expect(attribute.description).not.toMatch(/\$[A-Z]/);
    }
  }
});

test('a configured value wins over its variable; a variable fills an unset value, numbers parsed', () => {
  const diagnostics = new Diagnostics();
  const settings = readElasticPathSettings(
    { client_id: 'from-config', client_secret: null, region: null, max_requests_per_second: null },
    { ...CREDENTIALS, ELASTICPATH_REGION: 'euwest', ELASTICPATH_MAX_REQUESTS_PER_SECOND: '100' },
    diagnostics,
  );
  expect(diagnostics.items).toEqual([]);
  expect(settings).toEqual({ client_id: 'from-config', client_secret: 'secret', region: 'euwest', max_requests_per_second: 100 });
});

test('a bad variable is refused naming the variable and the setting, before any client exists', () => {
  const diagnostics = new Diagnostics();
  readElasticPathSettings({}, { ...CREDENTIALS, ELASTICPATH_REGION: 'mars' }, diagnostics);
  expect(diagnostics.items).toEqual([
    expect.objectContaining({ severity: 'error', summary: 'Invalid environment variable ELASTICPATH_REGION', attribute: ['region'] }),
  ]);
  expect(diagnostics.items[0].detail).toMatch(/"mars" is not allowed: use one of useast, euwest/);
});

test('the region, a base URL that wins over it, and the default region come out of the one client function', () => {
  const host = (env: NodeJS.ProcessEnv, config = {}) => elasticPathClient(readElasticPathSettings(config, env, new Diagnostics()) as never).baseUrl;
  expect(host(CREDENTIALS)).toBe('https://useast.api.elasticpath.com');
  expect(host({ ...CREDENTIALS, ELASTICPATH_REGION: 'euwest' })).toBe('https://euwest.api.elasticpath.com');
  expect(host({ ...CREDENTIALS, ELASTICPATH_REGION: 'euwest' }, { api_base_url: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
});

test('Sendcloud: a key pair wins over OAuth; OAuth alone is used when no key pair is complete', () => {
  const read = (env: NodeJS.ProcessEnv) => readSendcloudSettings({ api_version: 'v2' }, env, new Diagnostics());
  const oauth = { SENDCLOUD_OAUTH_CLIENT_ID: 'cid', SENDCLOUD_OAUTH_CLIENT_SECRET: 'cs' };
  expect(sendcloudClient(read({ SENDCLOUD_PUBLIC_KEY: 'p', SENDCLOUD_SECRET_KEY: 's', ...oauth })).apiVersion).toBe('v2');
  expect(read({ SENDCLOUD_PUBLIC_KEY: 'p', ...oauth })).toEqual({ public_key: 'p', oauth_client_id: 'cid', oauth_client_secret: 'cs', api_version: 'v2' });
  expect(() => sendcloudClient(read({ SENDCLOUD_PUBLIC_KEY: 'p', ...oauth }))).not.toThrow();
});

test('generate reads the same variables as the providers: a bad region or rate is refused by name before any request', async () => {
  const env = { ...CREDENTIALS, ELASTICPATH_API_BASE_URL: 'http://127.0.0.1:9', ELASTICPATH_REGION: 'apac', ELASTICPATH_MAX_REQUESTS_PER_SECOND: '0' };
  const attempt = generateIntegrationsCode({ elasticpath: true, env });
  await expect(attempt).rejects.toBeInstanceOf(GenerateOptionsError);
  await expect(attempt).rejects.toThrow(/Invalid environment variable ELASTICPATH_REGION.*Invalid environment variable ELASTICPATH_MAX_REQUESTS_PER_SECOND/);
});

test('drift --health builds its client from the provider block as the provider would: literals, TF_VAR_ references, then variables', () => {
  const client = (block: Record<string, unknown>, env: NodeJS.ProcessEnv) => {
    const made = deliveryLogsClient(block, env);
    if (typeof made === 'string') throw new Error(made);
    return made.baseUrl;
  };
  expect(client({ region: 'euwest' }, CREDENTIALS)).toBe('https://euwest.api.elasticpath.com');
  expect(client({ region: '${var.region}' }, { ...CREDENTIALS, TF_VAR_region: 'euwest' })).toBe('https://euwest.api.elasticpath.com');
  expect(client({ region: '${local.region}' }, { ...CREDENTIALS, ELASTICPATH_REGION: 'euwest' })).toBe('https://euwest.api.elasticpath.com');
  expect(deliveryLogsClient({}, {})).toMatch(/no Elastic Path credentials .*set ELASTICPATH_CLIENT_ID and ELASTICPATH_CLIENT_SECRET/);
  expect(deliveryLogsClient({ max_requests_per_second: '${var.rate}' }, { ...CREDENTIALS, ELASTICPATH_MAX_REQUESTS_PER_SECOND: '-1' })).toMatch(
    /Invalid environment variable ELASTICPATH_MAX_REQUESTS_PER_SECOND/,
  );
});
