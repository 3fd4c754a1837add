/**
 * With the real terraform against the emulators: an event the catalog does not document is a
 * plan-time warning and the API's refusal reaches the user with the attribute; Subscriptions
 * events deploy; declared empty strings and absent values round-trip on both resources
 * without "inconsistent result after apply" and without a perpetual diff.
 */
import { startElasticPathEmulator, startSendcloudEmulator } from '../../src/emulators';
import { TerraformWorkspace, requiredProviders } from '../helpers/workspace';

jest.setTimeout(600_000);

let ep: Awaited<ReturnType<typeof startElasticPathEmulator>>;
let sc: Awaited<ReturnType<typeof startSendcloudEmulator>>;
let workspace: TerraformWorkspace;

const SENDCLOUD_SEED = [
  { id: 3001, shop_name: 'No URLs', shop_url: null, webhook_active: false, webhook_url: null },
  { id: 3002, shop_name: 'Hooked', shop_url: 'https://hooked.example.com/', webhook_active: true, webhook_url: 'https://hooked.example.com/parcels' },
];

beforeAll(async () => {
  ep = await startElasticPathEmulator();
  sc = await startSendcloudEmulator({ seed: SENDCLOUD_SEED });
  workspace = new TerraformWorkspace({ CHECKPOINT_DISABLE: '1' });
  await ep.admin.seed({
    id: '7d0c1f2e-0000-4000-8000-000000000001', name: 'Described', description: 'set by hand', enabled: true,
    integration_type: 'webhook', observes: ['order.paid'], configuration: { url: 'https://hooks.example.com/described' },
  });
});

afterAll(async () => {
  await ep?.close();
  await sc?.close();
  workspace?.cleanup();
});

function configuration(resource: Record<string, unknown>, imports: object[] = []): object {
  return {
    terraform: requiredProviders(),
    provider: {
      elasticpath: { api_base_url: ep.url, client_id: ep.clientId, client_secret: ep.clientSecret },
      sendcloud: { api_base_url: sc.url, public_key: sc.publicKey, secret_key: sc.secretKey },
    },
    resource,
    ...(imports.length > 0 ? { import: imports } : {}),
  };
}

const hook = (overrides: Record<string, unknown>) => ({
  name: 'Hook',
  integration_type: 'webhook',
  observes: ['order.paid'],
  configuration: { url: 'https://hooks.example.com/case' },
  ...overrides,
});

async function expectCleanPlan(): Promise<void> {
  const plan = await workspace.plan();
  expect([plan.code, plan.stdout]).toEqual([0, expect.stringMatching(/No changes/)]);
}

test('an undocumented event is a plan warning naming it; the API refuses it and the error names observes', async () => {
  workspace.writeConfig(configuration({ elasticpath_integration: { shipments: hook({ name: 'Shipments', observes: ['order.paid', 'shipment.dispatched'] }) } }));
  await workspace.init();
  const plan = await workspace.plan();
  expect(plan.code).toBe(2);
  // Said once, though terraform validates the configuration twice per plan (it would add "and one more similar warning").
  expect((plan.stdout + plan.stderr).match(/Warning: Undocumented event shipment\.dispatched/g)).toHaveLength(1);
  expect(plan.stdout + plan.stderr).not.toMatch(/more similar warning/);
  expect(plan.stdout + plan.stderr).toMatch(/"shipment\.dispatched" is not among Elastic Path's documented\s+observable\s+events/);
  expect(plan.stdout + plan.stderr).toMatch(/The API will\s+decide/);

  const apply = await workspace.attempt(['apply', '-input=false', '-no-color', '-auto-approve']);
  expect(apply.code).toBe(1);
  expect(apply.stderr).toMatch(/Error: Could not create the Elastic Path integration/);
  expect(apply.stderr).toMatch(/422 Validation Error: shipment\.dispatched\s+is not an observable event \(at \/data\/observes\/1\)/);
  // The diagnostic carries the attribute: terraform quotes the observes line of the configuration.
  expect(apply.stderr).toMatch(/"observes": \[/);
});

test('Subscriptions events deploy without a warning', async () => {
  workspace.writeConfig(configuration({ elasticpath_integration: { subscriptions: hook({ name: 'Subscriptions', observes: ['subscription.paused', 'subscription.pending_cancel', 'subscription-invoice.created'] }) } }));
  const apply = await workspace.apply();
  expect(apply.stdout + apply.stderr).not.toMatch(/Warning/);
  expect(apply.stdout).toMatch(/1 added/);
  await expectCleanPlan();
});

test('declared empty strings and absent values round-trip on both resources', async () => {
  const resources = {
    elasticpath_integration: {
      empty: hook({ name: 'Empty description', description: '', configuration: { url: 'https://hooks.example.com/empty', secret_key: '' } }),
      absent: hook({ name: 'No description' }),
      described: hook({ name: 'Described', description: '', configuration: { url: 'https://hooks.example.com/described' } }),
    },
    sendcloud_integration: {
      no_urls: { integration_id: 3001, shop_url: '', webhook_url: '' },
      hooked: { integration_id: 3002, webhook_active: false, webhook_url: '' },
    },
  };
  const imports = [{ to: 'elasticpath_integration.described', id: '7d0c1f2e-0000-4000-8000-000000000001' }];
  workspace.writeConfig(configuration(resources, imports));
  await workspace.apply();
  await expectCleanPlan();

  // An update of another attribute keeps the empty values as declared.
  resources.elasticpath_integration.empty = { ...resources.elasticpath_integration.empty, name: 'Empty description, renamed' };
  resources.elasticpath_integration.absent = { ...resources.elasticpath_integration.absent, observes: ['order.created'] };
  workspace.writeConfig(configuration(resources, imports));
  const update = await workspace.apply();
  expect(update.stdout).toMatch(/0 added, 2 changed, 0 destroyed/);
  await expectCleanPlan();

  const stored = await ep.admin.integrations();
  expect(stored.find((i) => i.id === '7d0c1f2e-0000-4000-8000-000000000001')?.description).toBe('');
  expect(stored.find((i) => i.name === 'Empty description, renamed')?.description).toBe('');
  const hooked = await sc.admin.integrations();
  expect(hooked.find((i) => i.id === 3002)).toMatchObject({ webhook_active: false, webhook_url: null });
});
