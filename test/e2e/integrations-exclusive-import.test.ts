/**
 * Importing exclusive management with the real terraform: elasticpath_integrations_exclusive
 * by store id (the provider's store_id, "default" without one), sendcloud_integrations_exclusive
 * as "account"; an id of another store is refused, naming the store the provider addresses.
 */
import {
  type RunningElasticPathEmulator,
  type RunningSendcloudEmulator,
  startElasticPathEmulator,
  startSendcloudEmulator,
} from '../../src/emulators';
import { TerraformWorkspace, requiredProviders } from '../helpers/workspace';

jest.setTimeout(240_000);

const STORE = 'imported-store';
let elasticpath: RunningElasticPathEmulator;
let sendcloud: RunningSendcloudEmulator;
let workspace: TerraformWorkspace;

beforeAll(async () => {
  elasticpath = await startElasticPathEmulator();
  sendcloud = await startSendcloudEmulator();
  workspace = new TerraformWorkspace({ CHECKPOINT_DISABLE: '1' });
  workspace.writeConfig({
    terraform: requiredProviders(),
    provider: {
      elasticpath: { api_base_url: elasticpath.url, client_id: elasticpath.clientId, client_secret: elasticpath.clientSecret, store_id: STORE },
      sendcloud: { api_base_url: sendcloud.url, public_key: sendcloud.publicKey, secret_key: sendcloud.secretKey },
    },
    resource: {
      elasticpath_integration: {
        orders: { name: 'Orders', integration_type: 'webhook', observes: ['order.paid'], configuration: { url: 'https://hooks.example.com/o' } },
      },
      elasticpath_integrations_exclusive: { store: { integration_ids: ['${elasticpath_integration.orders.id}'] } },
      sendcloud_integrations_exclusive: { account: { integration_ids: [], ignore_names: ['Emulator *'] } },
    },
  });
  await workspace.init();
  await workspace.run(['apply', '-input=false', '-no-color', '-auto-approve', '-target=elasticpath_integration.orders']);
});

afterAll(async () => {
  workspace?.cleanup();
  await elasticpath?.close();
  await sendcloud?.close();
});

test('an id of another store is refused, naming the store the provider addresses', async () => {
  const result = await workspace.attempt(['import', '-input=false', '-no-color', 'elasticpath_integrations_exclusive.store', 'default']);
  expect(result.code).toBe(1);
  const message = result.stderr.replace(/\s+/g, ' ');
  expect(message).toMatch(/Store default is not this provider's store/);
  expect(message).toMatch(/addresses store "imported-store": import elasticpath_integrations_exclusive with that id/);
});

test('import by store id and as "account", then apply records the declared ids and the next plan is clean', async () => {
  await workspace.run(['import', '-input=false', '-no-color', 'elasticpath_integrations_exclusive.store', STORE]);
  await workspace.run(['import', '-input=false', '-no-color', 'sendcloud_integrations_exclusive.account', 'account']);
  const imported = workspace.state().find((resource) => resource.type === 'elasticpath_integrations_exclusive') as { instances: { attributes: { id: string } }[] };
  expect(imported.instances[0].attributes.id).toBe(STORE);

  await workspace.apply();
  expect((await workspace.plan()).code).toBe(0);
});
