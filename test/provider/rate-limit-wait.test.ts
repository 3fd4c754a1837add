/**
 * max_rate_limit_wait_seconds, on both providers: how long a request waits out 429 answers
 * before it fails. When a store stays rate-limited for that long, the error says so and names
 * the setting and its environment variable.
 */
import { Diagnostics } from '../../provider/framework/types';
import { integrationsDataSource as elasticPathIntegrations } from '../../provider/elasticpath/data-source';
import { elasticPathProvider } from '../../provider/elasticpath/provider';
import type { ElasticPathProviderData } from '../../provider/elasticpath/provider-data';
import { PROVIDER_SCHEMA as ELASTICPATH_PROVIDER_SCHEMA } from '../../provider/elasticpath/schema';
import { integrationsDataSource as sendcloudIntegrations } from '../../provider/sendcloud/data-source';
import { sendcloudProvider } from '../../provider/sendcloud/provider';
import type { SendcloudProviderData } from '../../provider/sendcloud/provider-data';
import { PROVIDER_SCHEMA as SENDCLOUD_PROVIDER_SCHEMA } from '../../provider/sendcloud/schema';
import {
  startElasticPathEmulator,
  startSendcloudEmulator,
  type RunningElasticPathEmulator,
  type RunningSendcloudEmulator,
} from '../../src/emulators';

const SETTING = 'max_rate_limit_wait_seconds';
const SENDCLOUD_ENV = 'SENDCLOUD_MAX_RATE_LIMIT_WAIT_SECONDS';

function providerConfig(schema: typeof ELASTICPATH_PROVIDER_SCHEMA, values: Record<string, unknown>) {
  const config: Record<string, unknown> = Object.fromEntries(Object.keys(schema.attributes).map((name) => [name, null]));
  return { config: { ...config, ...values } as never, terraformVersion: '1.11.4' };
}

/** Every API call answers 429 with Retry-After: 1 from now on. */
async function rateLimitEverything(emulatorUrl: string): Promise<void> {
  const response = await fetch(`${emulatorUrl}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rate: 1, kinds: ['429'], retryAfterSeconds: 1 }),
  });
  expect(response.status).toBe(200);
}

let ep: RunningElasticPathEmulator | undefined;
let sc: RunningSendcloudEmulator | undefined;
afterEach(async () => {
  delete process.env[SENDCLOUD_ENV];
  await Promise.all([ep?.close(), sc?.close()]);
  ep = sc = undefined;
});

test.each([
  ['elasticpath', ELASTICPATH_PROVIDER_SCHEMA, 'ELASTICPATH_MAX_RATE_LIMIT_WAIT_SECONDS'],
  ['sendcloud', SENDCLOUD_PROVIDER_SCHEMA, SENDCLOUD_ENV],
] as const)('%s declares the setting in seconds, with its variable and a default of 5 minutes', (_, schema, env) => {
  const attribute = schema.attributes[SETTING];
  expect(attribute).toMatchObject({ type: 'number', optional: true, env });
  expect(attribute.description).toContain(`Defaults to $${env}, then 300 (5 minutes).`);
  expect(attribute.validate?.(0)).toBeUndefined();
  expect(attribute.validate?.(300)).toBeUndefined();
  expect(attribute.validate?.(3600)).toBeUndefined();
  for (const bad of [-1, 300_000]) {
    expect(attribute.validate?.(bad)).toBe(
      `${bad} is not a wait in seconds: give a number from 0 (fail on the first 429) to 3600, e.g. 300 for 5 minutes`,
    );
  }
});

test('Elastic Path: a store that stays rate-limited fails the call after the configured wait, naming the setting and its variable', async () => {
  ep = await startElasticPathEmulator();
  const configured = new Diagnostics();
  const client = (await elasticPathProvider.configure(
    providerConfig(ELASTICPATH_PROVIDER_SCHEMA, { client_id: ep.clientId, client_secret: ep.clientSecret, api_base_url: ep.url, [SETTING]: 2 }),
    configured,
  )) as ElasticPathProviderData;
  expect(configured.items).toEqual([]);
  await rateLimitEverything(ep.url);

  const diagnostics = new Diagnostics();
  expect(await elasticPathIntegrations.read({ config: { name: null }, client }, diagnostics)).toBeNull();
  expect(diagnostics.items).toEqual([expect.objectContaining({ severity: 'error', summary: 'Could not list Elastic Path integrations' })]);
  const detail = diagnostics.items[0].detail;
  expect(detail).toMatch(/^GET \/v2\/integrations: the server stayed rate-limited for \d s.* this client waits \(\d+ answers? 429 Too Many Requests: Rate limit exceeded, retry later\)/);
  expect(detail).toContain(
    'Fix: the store stayed rate-limited for as long as the provider waits: raise max_rate_limit_wait_seconds ' +
      '(or $ELASTICPATH_MAX_RATE_LIMIT_WAIT_SECONDS) to wait longer, or run fewer applies against the store at once',
  );
}, 30_000);

test('Sendcloud: the variable sets the wait when the block leaves it out; 0 fails on the first 429', async () => {
  sc = await startSendcloudEmulator();
  process.env[SENDCLOUD_ENV] = '0';
  const configured = new Diagnostics();
  const client = (await sendcloudProvider.configure(
    providerConfig(SENDCLOUD_PROVIDER_SCHEMA, { public_key: sc.publicKey, secret_key: sc.secretKey, api_base_url: sc.url }),
    configured,
  )) as SendcloudProviderData;
  expect(configured.items).toEqual([]);
  await rateLimitEverything(sc.url);

  const diagnostics = new Diagnostics();
  expect(await sendcloudIntegrations.read({ config: { shop_name: null }, client }, diagnostics)).toBeNull();
  const detail = diagnostics.items[0].detail;
  expect(detail).toMatch(/^GET \/api\/v3\/integrations: the server stayed rate-limited for 0 s/);
  expect(detail).toContain('(1 answer 429');
  expect(detail).toContain(
    'Fix: the account stayed rate-limited for as long as the provider waits: raise max_rate_limit_wait_seconds (or $SENDCLOUD_MAX_RATE_LIMIT_WAIT_SECONDS)',
  );
}, 30_000);
