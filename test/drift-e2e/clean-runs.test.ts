/**
 * No false positives: a deployed app stays "in sync" over repeated checks while the APIs
 * change what the code does not own (timestamps, Sendcloud's last_fetched_at, settings and
 * descriptions left out of the code) and answer sets in another order. A check only reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectDrift } from '../../src/drift/detect';
import {
  type AppSpec,
  type DriftEmulators,
  DriftApp,
  epIntegrationNamed,
  runDriftCli,
  startDriftEmulators,
  uniqueSecret,
} from './support';

const STACK = 'clean';
const SENDCLOUD_ID = 1003;
const HOOK_EVENTS = ['order.created', 'order.paid', 'order.cancelled'];

const spec: AppSpec = {
  stacks: [
    {
      name: STACK,
      elasticpath: [
        {
          id: 'order-hook',
          name: 'Order hook',
          observes: HOOK_EVENTS,
          type: 'webhook',
          configuration: { url: 'https://hooks.example.com/orders', secretKey: { variable: 'webhook_secret' } },
        },
        {
          id: 'customer-broker',
          name: 'Customer broker',
          enabled: false,
          observes: ['customer.updated', 'customer.created'],
          type: 'stomp',
          configuration: {
            addresses: ['stomp+ssl://broker.example.com:61614'],
            destination: '/queue/customers',
            username: 'publisher',
            password: { variable: 'stomp_password' },
          },
        },
      ],
      sendcloud: [
        {
          id: 'shop',
          props: { integrationId: SENDCLOUD_ID, shopName: 'Clean shop', servicePointEnabled: true, servicePointCarriers: ['ups', 'dhl'], webhookActive: false },
        },
      ],
    },
  ],
};

interface LoggedRequest {
  method: string;
  path: string;
}

let emulators: DriftEmulators;
let app: DriftApp;
let env: Record<string, string>;

beforeAll(async () => {
  emulators = await startDriftEmulators();
  env = { ...emulators.env, TF_VAR_webhook_secret: uniqueSecret('webhook-secret'), TF_VAR_stomp_password: uniqueSecret('stomp-password') };
  app = DriftApp.create(spec);
  await app.deploy(env, [STACK]);
});

afterAll(async () => {
  app?.cleanup();
  await emulators?.close();
});

/** What the APIs change on their own, or what someone changes that the code leaves out. */
async function changeWhatTheCodeDoesNotOwn(round: number): Promise<void> {
  const hook = await epIntegrationNamed(emulators, 'Order hook');
  const reordered = round % 2 === 0 ? [...HOOK_EVENTS].reverse() : [HOOK_EVENTS[1], HOOK_EVENTS[2], HOOK_EVENTS[0]];
  await emulators.elasticpath.admin.patchIntegration(hook.id, {
    observes: reordered,
    description: `described in the dashboard, round ${round}`,
    updated_at: `2031-01-0${round}T10:00:00Z`,
  });
  await emulators.sendcloud.admin.patchIntegration(SENDCLOUD_ID, {
    last_fetched_at: `2031-01-0${round}T10:05:00Z`,
    feedback_type: round % 2 === 0 ? 'eager' : 'delayed',
    shop_url: `https://shop-${round}.example.com/`,
    service_point_carriers: round % 2 === 0 ? ['dhl', 'ups'] : ['ups', 'dhl'],
  });
}

function writesSince(log: LoggedRequest[]): LoggedRequest[] {
  return log.filter((request) => request.method !== 'GET' && !request.path.startsWith('/oauth'));
}

test('three checks in a row are in sync while server-side fields, undeclared settings and set order change', async () => {
  const statePath = path.join(app.dir, `terraform.${STACK}.tfstate`);
  const stateBefore = fs.readFileSync(statePath, 'utf8');
  const logStart = {
    ep: (await emulators.elasticpath.admin.requests()).length,
    sc: (await emulators.sendcloud.admin.requests()).length,
  };

  const first = await detectDrift({ appDir: app.dir, env });
  expect(first).toEqual({ inSync: true, stacks: [{ name: STACK, resources: [] }] });

  await changeWhatTheCodeDoesNotOwn(1);
  const remoteHook = await epIntegrationNamed(emulators, 'Order hook');
  expect(remoteHook.observes).not.toEqual(HOOK_EVENTS);
  expect(stateBefore).not.toContain(remoteHook.updated_at);
  const second = await detectDrift({ appDir: app.dir, env, skipSynth: true });
  expect(second).toEqual({ inSync: true, stacks: [{ name: STACK, resources: [] }] });

  await changeWhatTheCodeDoesNotOwn(2);
  const third = await runDriftCli(['--app-dir', app.dir, '--json'], env);
  expect({ code: third.code, report: JSON.parse(third.stdout) }).toEqual({
    code: 0,
    report: { schemaVersion: 1, inSync: true, stacks: [{ name: STACK, resources: [] }] },
  });

  // A check reads: no API writes, and the state file is untouched.
  expect(writesSince((await emulators.elasticpath.admin.requests()).slice(logStart.ep))).toEqual([]);
  expect(writesSince((await emulators.sendcloud.admin.requests()).slice(logStart.sc))).toEqual([]);
  expect(fs.readFileSync(statePath, 'utf8')).toBe(stateBefore);
});
