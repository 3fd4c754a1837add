/**
 * detectDrift against a deployed app and the emulators: every kind of field changed out
 * of band (string, bool, set, nested, masked secret), deletion out of band, a construct
 * never deployed, a code change, construct paths, redaction of every secret in both
 * report formats, warm providers giving the same report, and reconciliation.
 */
import type { FieldDrift, ResourceDrift } from '../../src/drift/classify';
import { type DriftReport, detectDrift } from '../../src/drift/detect';
import { formatJson, formatText } from '../../src/drift/report';
import { startWarmProviders } from '../../src/providers/warm';
import {
  type AppSpec,
  type DriftEmulators,
  DriftApp,
  epIntegrationNamed,
  expectNoSecrets,
  startDriftEmulators,
  uniqueSecret,
} from './support';

const STACK = 'fields';
const SENDCLOUD_ID = 1002;
const secrets = {
  webhook: uniqueSecret('webhook-secret'),
  sqs: uniqueSecret('sqs-secret-access-key'),
  stomp: uniqueSecret('stomp-password'),
};
// Different lengths from the declared values, so the API's last-4 mask cannot match them.
const rotated = {
  // The API answers a webhook secret_key unmasked: the full rotated value reaches terraform's plan.
  webhook: `${uniqueSecret('rotated-webhook')}-out-of-band`,
  sqs: `${uniqueSecret('rotated-sqs')}-out-of-band`,
  stomp: `${uniqueSecret('rotated-stomp')}-out-of-band`,
};

const deployedSpec: AppSpec = {
  stacks: [
    {
      name: STACK,
      elasticpath: [
        {
          id: 'order-hook',
          name: 'Order hook',
          observes: ['order.paid', 'order.created'],
          type: 'webhook',
          configuration: { url: 'https://hooks.example.com/orders', secretKey: { variable: 'webhook_secret' } },
        },
        {
          id: 'order-queue',
          name: 'Order queue',
          observes: ['order.created'],
          type: 'awsSqs',
          configuration: {
            url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders',
            awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
            awsSecretAccessKey: { variable: 'sqs_secret' },
            region: 'eu-west-1',
          },
        },
        {
          id: 'customer-broker',
          name: 'Customer broker',
          observes: ['customer.created', 'customer.updated'],
          type: 'stomp',
          configuration: {
            addresses: ['stomp+ssl://broker-1.example.com:61614', 'stomp+ssl://broker-2.example.com:61614'],
            destination: '/queue/customers',
            username: 'publisher',
            password: { variable: 'stomp_password' },
          },
        },
      ],
      sendcloud: [
        {
          id: 'shop',
          props: {
            integrationId: SENDCLOUD_ID,
            shopName: 'Drift shop',
            servicePointEnabled: true,
            servicePointCarriers: ['dhl', 'ups'],
            webhookActive: true,
            webhookUrl: 'https://hooks.example.com/parcels',
          },
        },
      ],
    },
  ],
};

let emulators: DriftEmulators;
let app: DriftApp;
let env: Record<string, string>;
const allSecrets = () => [...emulators.credentialSecrets, secrets.webhook, secrets.sqs, secrets.stomp, rotated.webhook, rotated.sqs, rotated.stomp];

beforeAll(async () => {
  emulators = await startDriftEmulators();
  env = {
    ...emulators.env,
    TF_VAR_webhook_secret: secrets.webhook,
    TF_VAR_sqs_secret: secrets.sqs,
    TF_VAR_stomp_password: secrets.stomp,
  };
  app = DriftApp.create(deployedSpec);
  await app.deploy(env, [STACK]);
});

afterAll(async () => {
  app?.cleanup();
  await emulators?.close();
});

function resource(report: DriftReport, constructPath: string): ResourceDrift {
  const found = report.stacks.flatMap((stack) => stack.resources).find((r) => r.constructPath === constructPath);
  if (!found) throw new Error(`no drift reported for ${constructPath}: ${JSON.stringify(report)}`);
  return found;
}

function field(drift: ResourceDrift, path: string): FieldDrift | undefined {
  return drift.fields.find((f) => f.path === path);
}

function expectRedacted(report: DriftReport): void {
  expectNoSecrets(formatText(report), allSecrets(), 'the text report');
  expectNoSecrets(formatJson(report), allSecrets(), 'the JSON report');
}

describe('fields changed out of band', () => {
  let report: DriftReport;

  beforeAll(async () => {
    const hook = await epIntegrationNamed(emulators, 'Order hook');
    await emulators.elasticpath.admin.patchIntegration(hook.id, {
      name: 'Order hook (edited in the dashboard)',
      enabled: false,
      configuration: { ...hook.configuration, url: 'https://changed-by-hand.example.com/orders', secret_key: rotated.webhook },
    });
    const queue = await epIntegrationNamed(emulators, 'Order queue');
    await emulators.elasticpath.admin.patchIntegration(queue.id, {
      configuration: { ...queue.configuration, aws_secret_access_key: rotated.sqs },
    });
    const broker = await epIntegrationNamed(emulators, 'Customer broker');
    await emulators.elasticpath.admin.patchIntegration(broker.id, {
      observes: ['customer.created', 'customer.deleted'],
      configuration: {
        ...broker.configuration,
        addresses: ['stomp+ssl://broker-3.example.com:61614'],
        destination: '/queue/customers-edited',
        password: rotated.stomp,
      },
    });
    await emulators.sendcloud.admin.patchIntegration(SENDCLOUD_ID, { webhook_active: false, service_point_carriers: ['dhl'] });

    report = await detectDrift({ appDir: app.dir, env });
  });

  test('the report is out of sync, lists the one stack, and marks each drifted resource "changed"', () => {
    expect(report.inSync).toBe(false);
    expect(report.stacks.map((stack) => stack.name)).toEqual([STACK]);
    const resources = report.stacks[0].resources;
    expect(resources.map((r) => r.constructPath).sort()).toEqual(
      [`${STACK}/customer-broker/Resource`, `${STACK}/order-hook/Resource`, `${STACK}/order-queue/Resource`, `${STACK}/shop/Resource`].sort(),
    );
    expect(resources.map((r) => r.kind)).toEqual(['changed', 'changed', 'changed', 'changed']);
  });

  test('each resource carries its terraform address and its construct path', () => {
    for (const drift of report.stacks[0].resources) {
      const [, id] = drift.constructPath!.split('/');
      const type = id === 'shop' ? 'sendcloud_integration' : 'elasticpath_integration';
      expect(drift.address).toMatch(new RegExp(`^${type}\\.${id}_[0-9A-F]{8}$`));
    }
  });

  test('string fields: name and configuration.url, with the declared and the remote value', () => {
    const hook = resource(report, `${STACK}/order-hook/Resource`);
    expect(field(hook, 'name')).toEqual({ path: 'name', declared: 'Order hook', remote: 'Order hook (edited in the dashboard)' });
    expect(field(hook, 'configuration.url')).toEqual({
      path: 'configuration.url',
      declared: 'https://hooks.example.com/orders',
      remote: 'https://changed-by-hand.example.com/orders',
    });
  });

  test('bool fields: enabled (left at its default in code) and Sendcloud webhook_active', () => {
    expect(field(resource(report, `${STACK}/order-hook/Resource`), 'enabled')).toEqual({ path: 'enabled', declared: true, remote: false });
    expect(field(resource(report, `${STACK}/shop/Resource`), 'webhook_active')).toEqual({ path: 'webhook_active', declared: true, remote: false });
  });

  test('set fields: observes and service_point_carriers, compared as sets', () => {
    const observes = field(resource(report, `${STACK}/customer-broker/Resource`), 'observes');
    expect(observes?.declared).toEqual(expect.arrayContaining(['customer.created', 'customer.updated']));
    expect(observes?.remote).toEqual(expect.arrayContaining(['customer.created', 'customer.deleted']));
    expect([(observes?.declared as string[]).length, (observes?.remote as string[]).length]).toEqual([2, 2]);
    const carriers = field(resource(report, `${STACK}/shop/Resource`), 'service_point_carriers');
    expect({ ...carriers, declared: [...(carriers?.declared as string[])].sort() }).toEqual({
      path: 'service_point_carriers',
      declared: ['dhl', 'ups'],
      remote: ['dhl'],
    });
  });

  test('nested configuration fields: STOMP destination and addresses', () => {
    const broker = resource(report, `${STACK}/customer-broker/Resource`);
    expect(field(broker, 'configuration.destination')).toEqual({
      path: 'configuration.destination',
      declared: '/queue/customers',
      remote: '/queue/customers-edited',
    });
    expect(field(broker, 'configuration.addresses')).toEqual({
      path: 'configuration.addresses',
      declared: ['stomp+ssl://broker-1.example.com:61614', 'stomp+ssl://broker-2.example.com:61614'],
      remote: ['stomp+ssl://broker-3.example.com:61614'],
    });
    expect(field(broker, 'configuration.username')).toBeUndefined();
  });

  test('secrets rotated out of band (masked by the API or not) are reported with both values "(sensitive)"', () => {
    expect(field(resource(report, `${STACK}/order-hook/Resource`), 'configuration.secret_key')).toEqual({
      path: 'configuration.secret_key',
      declared: '(sensitive)',
      remote: '(sensitive)',
    });
    expect(resource(report, `${STACK}/order-queue/Resource`).fields).toEqual([
      { path: 'configuration.aws_secret_access_key', declared: '(sensitive)', remote: '(sensitive)' },
    ]);
    expect(field(resource(report, `${STACK}/customer-broker/Resource`), 'configuration.password')).toEqual({
      path: 'configuration.password',
      declared: '(sensitive)',
      remote: '(sensitive)',
    });
  });

  test('fields that did not change, and provider-computed ones, are not reported', () => {
    const paths = report.stacks[0].resources.flatMap((r) => r.fields.map((f) => `${r.constructPath}:${f.path}`));
    expect(paths.filter((p) => /:(id|created_at|updated_at|last_fetched_at|type|integration_type|configuration\.username|configuration\.region)$/.test(p))).toEqual([]);
    expect(resource(report, `${STACK}/shop/Resource`).fields.map((f) => f.path).sort()).toEqual(['service_point_carriers', 'webhook_active']);
  });

  test('no secret value (credentials, declared or rotated) appears in the text or the JSON report', () => {
    expectRedacted(report);
    expect(formatText(report)).toMatch(/configuration\.aws_secret_access_key\s+\(sensitive\)\s+\(sensitive\)/);
  });

  test('with warm providers (TF_REATTACH_PROVIDERS) the report is the same', async () => {
    const warm = await startWarmProviders({ env: emulators.env });
    try {
      // Only the warm processes hold valid credentials: a provider launched by terraform itself would fail to log in.
      const launchedProvidersWouldFail = { ELASTICPATH_CLIENT_SECRET: 'not-the-secret', SENDCLOUD_SECRET_KEY: 'not-the-secret' };
      const warmReport = await detectDrift({ appDir: app.dir, env: { ...env, ...launchedProvidersWouldFail, ...warm.env }, skipSynth: true });
      expect(warmReport).toEqual(report);
    } finally {
      await warm.close();
    }
  });

  test('--reconcile applies the saved plan, verifies a clean plan, and a following check is in sync', async () => {
    const reconciled = await detectDrift({ appDir: app.dir, env, reconcile: true, skipSynth: true });
    expect(reconciled.stacks[0].resources).toHaveLength(4);
    expect(reconciled.stacks[0].reconciliation).toEqual({ applied: true, verifiedClean: true, remaining: [] });
    expectRedacted(reconciled);

    const after = await detectDrift({ appDir: app.dir, env, skipSynth: true });
    expect(after).toEqual({ inSync: true, stacks: [{ name: STACK, resources: [] }] });
    const broker = await epIntegrationNamed(emulators, 'Customer broker');
    expect(broker.configuration).toMatchObject({ destination: '/queue/customers', password: secrets.stomp });
    expect((await epIntegrationNamed(emulators, 'Order hook')).configuration).toMatchObject({ secret_key: secrets.webhook });
    expect((await epIntegrationNamed(emulators, 'Order queue')).configuration).toMatchObject({ aws_secret_access_key: secrets.sqs });
  });
});

test('an integration deleted out of band is "deleted", with the declared values and no remote ones', async () => {
  const queue = await epIntegrationNamed(emulators, 'Order queue');
  await emulators.elasticpath.admin.deleteIntegration(queue.id);

  const report = await detectDrift({ appDir: app.dir, env, skipSynth: true });
  expect(report.inSync).toBe(false);
  expect(report.stacks[0].resources).toHaveLength(1);
  const deleted = resource(report, `${STACK}/order-queue/Resource`);
  expect(deleted.kind).toBe('deleted');
  expect(field(deleted, 'name')).toEqual({ path: 'name', declared: 'Order queue', remote: null });
  expect(field(deleted, 'configuration.aws_secret_access_key')).toEqual({
    path: 'configuration.aws_secret_access_key',
    declared: '(sensitive)',
    remote: null,
  });
  expect(deleted.fields.some((f) => f.path === 'id')).toBe(false);
  expectRedacted(report);

  const reconciled = await detectDrift({ appDir: app.dir, env, skipSynth: true, reconcile: true });
  expect(reconciled.stacks[0].reconciliation?.verifiedClean).toBe(true);
  expect((await epIntegrationNamed(emulators, 'Order queue')).id).not.toBe(queue.id);
});

test('a construct added in code is "not-created"; a field changed in code with the remote untouched is "config-changed"', async () => {
  const [stack] = deployedSpec.stacks;
  app.writeSpec({
    stacks: [
      {
        ...stack,
        elasticpath: [
          ...stack.elasticpath.map((integration) => (integration.id === 'order-hook' ? { ...integration, name: 'Order hook v2' } : integration)),
          {
            id: 'refund-hook',
            name: 'Refund hook',
            observes: ['order.refunded'],
            type: 'webhook',
            configuration: { url: 'https://hooks.example.com/refunds', secretKey: { variable: 'webhook_secret' } },
          },
        ],
      },
    ],
  });
  try {
    const report = await detectDrift({ appDir: app.dir, env });
    expect(report.inSync).toBe(false);
    expect(report.stacks[0].resources).toHaveLength(2);

    const added = resource(report, `${STACK}/refund-hook/Resource`);
    expect(added.kind).toBe('not-created');
    expect(added.address).toMatch(/^elasticpath_integration\.refund-hook_[0-9A-F]{8}$/);
    expect(field(added, 'name')).toEqual({ path: 'name', declared: 'Refund hook', remote: null });
    expect(field(added, 'observes')).toEqual({ path: 'observes', declared: ['order.refunded'], remote: null });
    expect(field(added, 'configuration.secret_key')).toEqual({ path: 'configuration.secret_key', declared: '(sensitive)', remote: null });

    const renamed = resource(report, `${STACK}/order-hook/Resource`);
    expect(renamed).toEqual({
      address: expect.stringMatching(/^elasticpath_integration\.order-hook_/),
      constructPath: `${STACK}/order-hook/Resource`,
      kind: 'config-changed',
      fields: [{ path: 'name', declared: 'Order hook v2', remote: 'Order hook' }],
    });
    expectRedacted(report);
  } finally {
    app.writeSpec(deployedSpec);
  }
});
