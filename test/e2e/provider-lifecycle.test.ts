/**
 * The providers' lifecycle with the real terraform CLI against the emulators: create,
 * a clean second plan, in-place update with one write, drift made out of band,
 * reconcile, deletion out of band, import, destroy; and the request counts of a no-op plan.
 */
import {
  type RunningElasticPathEmulator,
  type RunningSendcloudEmulator,
  startElasticPathEmulator,
  startSendcloudEmulator,
  type RequestLogEntry,
} from '../../src/emulators';
import { TerraformWorkspace, requiredProviders } from '../helpers/workspace';

type LoggedRequest = RequestLogEntry;

let elasticpath: RunningElasticPathEmulator;
let sendcloud: RunningSendcloudEmulator;

beforeAll(async () => {
  elasticpath = await startElasticPathEmulator();
  sendcloud = await startSendcloudEmulator();
});

afterAll(async () => {
  await elasticpath?.close();
  await sendcloud?.close();
});

const resetLog = async () => {
  // Reset clears stored objects too, so only the request log is read fresh: remember where it ends.
  return { ep: (await elasticpath.admin.requests()).length, sc: (await sendcloud.admin.requests()).length };
};
async function requestsSince(mark: { ep: number; sc: number }) {
  return {
    ep: (await elasticpath.admin.requests()).slice(mark.ep),
    sc: (await sendcloud.admin.requests()).slice(mark.sc),
  };
}
const writes = (logged: LoggedRequest[]) => logged.filter((r) => r.method !== 'GET' && !r.path.startsWith('/oauth'));

function providers() {
  return {
    elasticpath: { api_base_url: elasticpath.url, client_id: elasticpath.clientId, client_secret: elasticpath.clientSecret },
    sendcloud: { api_base_url: sendcloud.url, public_key: sendcloud.publicKey, secret_key: sendcloud.secretKey },
  };
}

const webhook = {
  name: 'Order paid hook',
  integration_type: 'webhook',
  observes: ['order.paid', 'order.created'],
  configuration: { url: 'https://hooks.example.com/paid', secret_key: 'example-webhook-secret' },
};
const sqs = {
  name: 'Orders to SQS',
  integration_type: 'aws_sqs',
  observes: ['order.created'],
  configuration: {
    url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders',
    aws_access_key_id: 'AKIAEXAMPLEKEY000001',
    aws_secret_access_key: 'example-aws-secret-access-key-0001',
    region: 'eu-west-1',
  },
};
const stomp = {
  name: 'Orders to STOMP',
  integration_type: 'stomp',
  observes: ['order.fulfilled'],
  configuration: {
    addresses: ['stomp+ssl://broker-1.example.com:61614', 'stomp+ssl://broker-2.example.com:61614'],
    destination: '/queue/orders',
    username: 'epcc',
    password: 'example-stomp-password-0001',
  },
};
const shop = {
  integration_id: 1001,
  shop_name: 'Example shop',
  webhook_active: true,
  webhook_url: 'https://hooks.example.com/parcels',
  service_point_enabled: true,
  service_point_carriers: ['dhl', 'ups'],
  feedback_type: 'eager',
};

function configuration(resources: Record<string, Record<string, object>>) {
  return { terraform: requiredProviders(), provider: providers(), resource: resources };
}

function stateOf(workspace: TerraformWorkspace, address: string): Record<string, unknown> {
  const [type, name] = address.split('.');
  const resource = workspace.state().find((r) => r.type === type && r.name === name) as
    | { instances: { attributes: Record<string, unknown> }[] }
    | undefined;
  if (!resource) throw new Error(`${address} is not in state`);
  return resource.instances[0].attributes;
}

describe('elasticpath_integration and sendcloud_integration lifecycle', () => {
  const workspace = new TerraformWorkspace();
  const resources = { elasticpath_integration: { webhook, sqs, stomp }, sendcloud_integration: { shop } };
  afterAll(() => workspace.cleanup());

  test('create, then a second plan has no changes', async () => {
    workspace.writeConfig(configuration(resources));
    await workspace.init();
    const apply = await workspace.apply();
    expect(apply.stdout).toMatch(/Apply complete! Resources: 4 added, 0 changed, 0 destroyed/);
    const remote = await elasticpath.admin.integrations();
    expect(remote.map((r) => r.name).sort()).toEqual([webhook.name, sqs.name, stomp.name].sort());
    expect(remote.find((r) => r.name === sqs.name)?.configuration.aws_secret_access_key).toBe(sqs.configuration.aws_secret_access_key);

    const adopted = await sendcloud.admin.integrations();
    expect(adopted.find((i) => i.id === 1001)).toMatchObject({ shop_name: 'Example shop', feedback_type: 'eager' });

    const plan = await workspace.plan();
    expect(plan.code).toBe(0);
  });

  test('a no-op plan makes no writes, and at most one read per resource plus the token call', async () => {
    const mark = await resetLog();
    expect((await workspace.plan()).code).toBe(0);
    const { ep, sc } = await requestsSince(mark);
    expect(writes(ep)).toEqual([]);
    expect(writes(sc)).toEqual([]);
    expect(ep.length).toBeLessThanOrEqual(3 + 1);
    expect(sc.length).toBeLessThanOrEqual(1);
  });

  test('a changed field is updated in place with one write', async () => {
    workspace.writeConfig(
      configuration({ ...resources, elasticpath_integration: { ...resources.elasticpath_integration, webhook: { ...webhook, name: 'Order paid (renamed)' } } }),
    );
    const plan = await workspace.plan();
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/elasticpath_integration\.webhook will be updated in-place/);
    const mark = await resetLog();
    const apply = await workspace.apply();
    expect(apply.stdout).toMatch(/0 added, 1 changed, 0 destroyed/);
    const { ep } = await requestsSince(mark);
    expect(writes(ep)).toEqual([expect.objectContaining({ method: 'PUT' })]);
    expect((await workspace.plan()).code).toBe(0);
  });

  test('a change made out of band is found by plan, named, and reconciled by apply', async () => {
    const stompId = stateOf(workspace, 'elasticpath_integration.stomp').id as string;
    await elasticpath.admin.patchIntegration(stompId, { observes: ['order.fulfilled', 'order.cancelled'] });
    await sendcloud.admin.patchIntegration(1001, { webhook_url: 'https://attacker.example.com/parcels', service_point_carriers: ['dhl'] });

    const plan = await workspace.plan();
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/elasticpath_integration\.stomp will be updated in-place/);
    expect(plan.stdout).toMatch(/observes/);
    expect(plan.stdout).toMatch(/webhook_url\s+= "https:\/\/attacker\.example\.com\/parcels" -> "https:\/\/hooks\.example\.com\/parcels"/);

    await workspace.apply();
    expect((await workspace.plan()).code).toBe(0);
    const remote = await elasticpath.admin.integrations();
    expect(remote.find((r) => r.id === stompId)?.observes).toEqual(['order.fulfilled']);
  });

  test('a secret rotated out of band shows as drift without revealing either value', async () => {
    const sqsId = stateOf(workspace, 'elasticpath_integration.sqs').id as string;
    const current = (await elasticpath.admin.integrations()).find(
      (r) => r.id === sqsId,
    )!;
    await elasticpath.admin.patchIntegration(sqsId, {
      configuration: { ...current.configuration, aws_secret_access_key: 'rotated-outside-terraform-9999' },
    });
    const plan = await workspace.plan();
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/aws_secret_access_key\s+= \(sensitive value\)/);
    expect(plan.stdout + plan.stderr).not.toMatch(/rotated-outside-terraform|example-aws-secret-access-key/);
    await workspace.apply();
    expect((await workspace.plan()).code).toBe(0);
  });

  test('an integration deleted out of band is re-created by the next apply', async () => {
    const webhookId = stateOf(workspace, 'elasticpath_integration.webhook').id as string;
    await elasticpath.admin.deleteIntegration(webhookId);
    const plan = await workspace.plan();
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/elasticpath_integration\.webhook will be created/);
    await workspace.apply();
    expect(stateOf(workspace, 'elasticpath_integration.webhook').id).not.toBe(webhookId);
    expect((await workspace.plan()).code).toBe(0);
  });

  test('import by id, then apply converges and plans stay clean', async () => {
    const imported = new TerraformWorkspace();
    try {
      const sqsId = stateOf(workspace, 'elasticpath_integration.sqs').id as string;
      const webhookId = stateOf(workspace, 'elasticpath_integration.webhook').id as string;
      imported.writeConfig(
        configuration({
          elasticpath_integration: { sqs, webhook: { ...webhook, name: 'Order paid (renamed)' } },
          sendcloud_integration: { shop },
        }),
      );
      await imported.init();
      await imported.run(['import', '-no-color', '-input=false', 'elasticpath_integration.sqs', sqsId]);
      await imported.run(['import', '-no-color', '-input=false', 'elasticpath_integration.webhook', webhookId]);
      await imported.run(['import', '-no-color', '-input=false', 'sendcloud_integration.shop', '1001']);
      expect(stateOf(imported, 'elasticpath_integration.sqs')).toMatchObject({ name: sqs.name, integration_type: 'aws_sqs' });

      // The API masks secrets, so an import cannot know them: the first apply writes the
      // declared secrets once, after which nothing differs.
      const first = await imported.plan();
      expect(first.stdout).not.toMatch(/will be (created|destroyed)|must be replaced/);
      await imported.apply();
      expect((await imported.plan()).code).toBe(0);
    } finally {
      imported.cleanup();
    }
  });

  test('destroy deletes Elastic Path integrations and forgets the adopted Sendcloud one', async () => {
    const apply = await workspace.run(['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(apply.stdout).toMatch(/Destroy complete! Resources: 4 destroyed/);
    expect(await elasticpath.admin.integrations()).toEqual([]);
    const adopted = await sendcloud.admin.integrations();
    expect(adopted.some((i) => i.id === 1001)).toBe(true);
  });
});

describe('errors reach the user with the field and the fix', () => {
  const workspace = new TerraformWorkspace();
  afterAll(() => workspace.cleanup());

  test('adopting a Sendcloud integration that does not exist fails with a clear message', async () => {
    workspace.writeConfig(configuration({ sendcloud_integration: { missing: { integration_id: 999999 } } }));
    await workspace.init();
    const result = await workspace.attempt(['apply', '-auto-approve', '-no-color', '-input=false']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Sendcloud integration 999999 does not exist in this account/);
    expect(result.stderr).toMatch(/integration_id/);
  });

  test('a configuration field the integration type needs is reported before any request', async () => {
    const mark = await resetLog();
    workspace.writeConfig(
      configuration({ elasticpath_integration: { broken: { ...sqs, configuration: { url: sqs.configuration.url, region: 'eu-west-1' } } } }),
    );
    const result = await workspace.attempt(['plan', '-no-color', '-input=false']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/aws_sqs integration requires configuration\.aws_access_key_id/);
    expect(result.stderr).toMatch(/configuration/);
    const { ep } = await requestsSince(mark);
    expect(ep).toEqual([]);
  });
});
