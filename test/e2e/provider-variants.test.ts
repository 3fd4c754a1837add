/**
 * Provider settings beyond the defaults, with the real terraform against the emulators:
 * Sendcloud API v2 with PATCH and with PUT, Sendcloud OAuth2, credentials from the
 * environment, and both data sources.
 */
import {
  type RunningElasticPathEmulator,
  type RequestLogEntry,
  type RunningSendcloudEmulator,
  startElasticPathEmulator,
  startSendcloudEmulator,
} from '../../src/emulators';
import { TerraformWorkspace, requiredProviders } from '../helpers/workspace';

let elasticpath: RunningElasticPathEmulator;
let sendcloud: RunningSendcloudEmulator;
const workspaces: TerraformWorkspace[] = [];

beforeAll(async () => {
  elasticpath = await startElasticPathEmulator();
  sendcloud = await startSendcloudEmulator();
});

afterAll(async () => {
  for (const workspace of workspaces) workspace.cleanup();
  await elasticpath?.close();
  await sendcloud?.close();
});

function workspace(env: NodeJS.ProcessEnv = {}): TerraformWorkspace {
  const created = new TerraformWorkspace(env);
  workspaces.push(created);
  return created;
}

async function sendcloudRequestsDuring(action: () => Promise<unknown>): Promise<RequestLogEntry[]> {
  const before = (await sendcloud.admin.requests()).length;
  await action();
  return (await sendcloud.admin.requests()).slice(before);
}

const shopSettings = (shopName: string) => ({
  integration_id: 1002,
  shop_name: shopName,
  shop_url: 'https://v2-shop.example.com',
  webhook_active: true,
  webhook_url: 'https://hooks.example.com/v2-parcels',
});

describe.each(['patch', 'put'])('Sendcloud API v2 with v2_update_method = %s', (method) => {
  const tf = workspace();

  test('adopts, updates with the chosen method, and plans clean', async () => {
    const provider = {
      sendcloud: { api_base_url: sendcloud.url, public_key: sendcloud.publicKey, secret_key: sendcloud.secretKey, api_version: 'v2', v2_update_method: method },
    };
    tf.writeConfig({ terraform: requiredProviders(), provider, resource: { sendcloud_integration: { shop: shopSettings(`Shop via v2 ${method}`) } } });
    await tf.init();
    const adopt = await sendcloudRequestsDuring(() => tf.apply());
    const writes = adopt.filter((r) => r.method !== 'GET');
    expect(writes).toEqual([expect.objectContaining({ method: method.toUpperCase(), path: '/api/v2/integrations/1002' })]);
    expect(adopt.every((r) => r.path.startsWith('/api/v2/'))).toBe(true);
    expect((await tf.plan()).code).toBe(0);

    tf.writeConfig({ terraform: requiredProviders(), provider, resource: { sendcloud_integration: { shop: shopSettings(`Shop via v2 ${method}, renamed`) } } });
    const update = await sendcloudRequestsDuring(() => tf.apply());
    expect(update.filter((r) => r.method !== 'GET')).toEqual([expect.objectContaining({ method: method.toUpperCase() })]);
    const stored = await sendcloud.admin.integrations();
    expect(stored.find((i) => i.id === 1002)?.shop_name).toBe(`Shop via v2 ${method}, renamed`);
    expect((await tf.plan()).code).toBe(0);
  });

  test('fails when feedback_type is declared under v2, naming the attribute', async () => {
    const provider = { sendcloud: { api_base_url: sendcloud.url, public_key: sendcloud.publicKey, secret_key: sendcloud.secretKey, api_version: 'v2' } };
    tf.writeConfig({
      terraform: requiredProviders(),
      provider,
      resource: { sendcloud_integration: { shop: { ...shopSettings('Shop'), feedback_type: 'eager' } } },
    });
    const plan = await tf.attempt(['plan', '-no-color', '-input=false']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/Sendcloud API v2 has no feedback_type/);
    expect(plan.stderr).toMatch(/feedback_type/);
  });
});

test('Sendcloud with OAuth2 client credentials from the environment', async () => {
  const tf = workspace({
    SENDCLOUD_API_BASE_URL: sendcloud.url,
    SENDCLOUD_OAUTH_CLIENT_ID: sendcloud.oauthClientId,
    SENDCLOUD_OAUTH_CLIENT_SECRET: sendcloud.oauthClientSecret,
    SENDCLOUD_OAUTH_TOKEN_URL: sendcloud.tokenUrl,
  });
  tf.writeConfig({
    terraform: requiredProviders(),
    provider: { sendcloud: {} },
    resource: { sendcloud_integration: { shop: { integration_id: 1003, shop_name: 'OAuth shop' } } },
  });
  await tf.init();
  const requests = await sendcloudRequestsDuring(() => tf.apply());
  expect(requests.some((r) => r.path.includes('oauth2/token') && r.status === 200)).toBe(true);
  expect((await tf.plan()).code).toBe(0);
});

test('data sources list integrations, filtered by name', async () => {
  const tf = workspace({
    ELASTICPATH_API_BASE_URL: elasticpath.url,
    ELASTICPATH_CLIENT_ID: elasticpath.clientId,
    ELASTICPATH_CLIENT_SECRET: elasticpath.clientSecret,
    SENDCLOUD_API_BASE_URL: sendcloud.url,
    SENDCLOUD_PUBLIC_KEY: sendcloud.publicKey,
    SENDCLOUD_SECRET_KEY: sendcloud.secretKey,
  });
  const hook = (name: string) => ({ name, integration_type: 'webhook', observes: ['order.paid'], configuration: { url: `https://hooks.example.com/${name}` } });
  tf.writeConfig({
    terraform: requiredProviders(),
    provider: { elasticpath: {}, sendcloud: {} },
    resource: { elasticpath_integration: { a: hook('listed-a'), b: hook('listed-b') } },
    data: {
      elasticpath_integrations: { only_b: { name: 'listed-b', depends_on: ['elasticpath_integration.a', 'elasticpath_integration.b'] } },
      sendcloud_integrations: { all: {} },
    },
    output: {
      only_b: { value: '${data.elasticpath_integrations.only_b.integrations[*].name}' },
      only_b_id: { value: '${data.elasticpath_integrations.only_b.integrations[0].id}' },
      b_id: { value: '${elasticpath_integration.b.id}' },
      shops: { value: '${data.sendcloud_integrations.all.integrations[*].id}' },
    },
  });
  await tf.init();
  await tf.apply();
  const outputs = JSON.parse((await tf.run(['output', '-json'])).stdout) as Record<string, { value: unknown }>;
  expect(outputs.only_b.value).toEqual(['listed-b']);
  expect(outputs.only_b_id.value).toBe(outputs.b_id.value);
  expect(outputs.shops.value).toEqual(expect.arrayContaining([1001, 1002, 1003]));
});
