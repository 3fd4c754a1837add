/**
 * Exclusive management end to end, with the real terraform, the built CLI and the emulators:
 * a store with 3 declared and 2 hand-made integrations (one matching ignore_names) plus a
 * second store in the same stack. The plan and every report format name exactly the one
 * undeclared, non-ignored integration per store, never its secret and never across stores;
 * prune = false reports only (no diff, nothing deleted); prune = true plans an in-place change
 * and apply removes it, leaving declared and ignored ones; then plan and drift are clean.
 * Sendcloud: an undeclared integration is reported and never deleted. ignoreChanges: a change
 * of an ignored field out of band (`enabled`, and the type and fields `configuration` sets) is
 * not drift.
 */
import { terraform } from '../../src/drift/terraform';
import {
  type AppSpec,
  type DriftEmulators,
  DriftApp,
  type ProcessResult,
  type StoredEpIntegration,
  expectNoSecrets,
  runDriftCli,
  startDriftEmulators,
  uniqueSecret,
} from './support';

jest.setTimeout(300_000);

const STORE_STACK = 'store';
const SHIPPING_STACK = 'shipping';
const SECOND_STORE = 'eu-store';
const handMadeSecret = uniqueSecret('hand-made-webhook-secret');
const secondStoreSecret = uniqueSecret('eu-hand-made-secret');

let emulators: DriftEmulators;
let app: DriftApp;
let env: Record<string, string>;

const webhook = (id: string, name: string, extra: Partial<AppSpec['stacks'][number]['elasticpath'][number]> = {}) => ({
  id,
  name,
  observes: ['order.paid'],
  type: 'webhook' as const,
  configuration: { url: `https://hooks.example.com/${id}` },
  ...extra,
});

function spec(prune: boolean): AppSpec {
  return {
    stacks: [
      {
        name: STORE_STACK,
        elasticpathAliases: [{ alias: 'eu', apiBaseUrl: emulators.elasticpath.url, storeId: SECOND_STORE }],
        elasticpath: [
          webhook('orders', 'Orders'),
          webhook('refunds', 'Refunds', { ignoreChanges: ['enabled', 'configuration'] }),
          webhook('customers', 'Customers'),
          webhook('eu-orders', 'EU orders', { providerAlias: 'eu' }),
        ],
        sendcloud: [],
        exclusive: {
          elasticpath: [
            { id: 'store-exclusive', ignoreNames: ['Platform *'], prune },
            { id: 'eu-exclusive', providerAlias: 'eu', prune },
          ],
        },
      },
      {
        name: SHIPPING_STACK,
        elasticpath: [],
        sendcloud: [{ id: 'shop', props: { integrationId: 1001, shopName: 'Exclusive shop' } }],
        exclusive: { sendcloud: [{ id: 'account-exclusive', ignoreNames: ['Emulator Woo*', 'Emulator Presta*'] }] },
      },
    ],
  };
}

async function stored(store?: string): Promise<StoredEpIntegration[]> {
  return (store ? emulators.elasticpath.admin.store(store) : emulators.elasticpath.admin).integrations();
}

const names = (integrations: { name: string }[]) => integrations.map((integration) => integration.name).sort();
const everySecret = () => [...emulators.credentialSecrets, handMadeSecret, secondStoreSecret];

async function drift(args: string[]): Promise<ProcessResult> {
  const result = await runDriftCli(['--app-dir', app.dir, ...args], env);
  expectNoSecrets(result.stdout + result.stderr, everySecret(), `drift ${args.join(' ')}`);
  return result;
}

function plan(stack: string, extra: string[] = []) {
  return terraform(['plan', '-input=false', '-no-color', '-detailed-exitcode', ...extra], { cwd: app.stackDir(stack), env, okCodes: [2] });
}

interface UnmanagedEntry {
  kind: string;
  prune: boolean;
  integration: { provider: string; store: string; id: string; name: string; type: string; destination: string };
}

function unmanagedOf(report: { stacks: { name: string; resources: UnmanagedEntry[] }[] }, stack: string): UnmanagedEntry[] {
  return report.stacks
    .find((each) => each.name === stack)!
    .resources.filter((resource) => resource.kind === 'unmanaged')
    .sort((a, b) => a.integration.store.localeCompare(b.integration.store));
}

let handMadeId: string;
let secondStoreHandMadeId: string;

beforeAll(async () => {
  emulators = await startDriftEmulators();
  env = { ...emulators.env };
  app = DriftApp.create(spec(false));
  await app.deploy(env, [STORE_STACK, SHIPPING_STACK]);
  // Made by hand in Commerce Manager: one nobody declares, one another repository owns.
  handMadeId = (
    await emulators.elasticpath.admin.seed({
      name: 'Hand made webhook',
      integration_type: 'webhook',
      enabled: true,
      observes: ['order.created'],
      configuration: { url: 'https://unknown.example.net/orders', secret_key: handMadeSecret },
    })
  ).id;
  await emulators.elasticpath.admin.seed({
    name: 'Platform sync',
    integration_type: 'webhook',
    enabled: true,
    observes: ['order.paid'],
    configuration: { url: 'https://platform.example.com/sync' },
  });
  secondStoreHandMadeId = (
    await emulators.elasticpath.admin.store(SECOND_STORE).seed({
      name: 'EU hand made',
      integration_type: 'webhook',
      enabled: true,
      observes: ['customer.created'],
      configuration: { url: 'https://eu.example.net/hook', secret_key: secondStoreSecret },
    })
  ).id;
});

afterAll(async () => {
  app?.cleanup();
  await emulators?.close();
});

test('the two provider configurations of one stack keep their integrations in their own stores', async () => {
  expect(names(await stored())).toEqual(['Customers', 'Hand made webhook', 'Orders', 'Platform sync', 'Refunds']);
  expect(names(await stored(SECOND_STORE))).toEqual(['EU hand made', 'EU orders']);
});

test('prune = false: the plan has no changes, warns with the undeclared one of each store, never its secret', async () => {
  const result = await plan(STORE_STACK);
  const output = result.stdout + result.stderr;
  expect(result.code).toBe(0);
  expect(output).toMatch(/Warning: 1 integration\(s\) of Elastic Path store default not declared in this configuration/);
  expect(output).toMatch(/Warning: 1 integration\(s\) of Elastic Path store eu-store not declared in this configuration/);
  expect(output).toContain(`${handMadeId} "Hand made webhook" (webhook, https://unknown.example.net/orders, enabled, observes order.created)`);
  expect(output).toContain(`${secondStoreHandMadeId} "EU hand made"`);
  expect(output).not.toContain('Platform sync');
  expectNoSecrets(output, everySecret(), 'the plan');
});

test('drift exits 2 and names the undeclared integration per store in every format, without secrets', async () => {
  const json = await drift(['--stack', STORE_STACK, '--format', 'json']);
  expect(json.code).toBe(2);
  const report = JSON.parse(json.stdout);
  expect(report.schemaVersion).toBe(1);
  expect(unmanagedOf(report, STORE_STACK).map((entry) => ({ ...entry.integration, prune: entry.prune }))).toEqual([
    {
      provider: 'elasticpath',
      store: 'default',
      id: handMadeId,
      name: 'Hand made webhook',
      type: 'webhook',
      destination: 'https://unknown.example.net/orders',
      prune: false,
    },
    {
      provider: 'elasticpath',
      store: SECOND_STORE,
      id: secondStoreHandMadeId,
      name: 'EU hand made',
      type: 'webhook',
      destination: 'https://eu.example.net/hook',
      prune: false,
    },
  ]);
  // Nothing else differs: only the two undeclared integrations.
  expect(report.stacks[0].resources).toHaveLength(2);

  const shorthand = await drift(['--stack', STORE_STACK, '--json', '--skip-synth']);
  expect(JSON.parse(shorthand.stdout)).toEqual(report);

  const text = await drift(['--stack', STORE_STACK, '--skip-synth']);
  expect(text.code).toBe(2);
  expect(text.stdout).toMatch(new RegExp(`elasticpath store default\\s+not declared in code: ${handMadeId} "Hand made webhook"\\s+reported only`));
  expect(text.stdout).toMatch(new RegExp(`elasticpath store ${SECOND_STORE}\\s+not declared in code: ${secondStoreHandMadeId} "EU hand made"`));
  expect(text.stdout).not.toContain('Platform sync');

  const markdown = await drift(['--stack', STORE_STACK, '--format', 'markdown', '--skip-synth']);
  expect(markdown.code).toBe(2);
  expect(markdown.stdout).toContain('### Stack `store`: 2 resource(s) differ');
  expect(markdown.stdout).toContain(
    `| elasticpath | \`default\` | \`${handMadeId}\` | \`Hand made webhook\` | \`webhook\` | \`https://unknown.example.net/orders\` | reported only (prune is off) |`,
  );
  expect(markdown.stdout).toContain(`| elasticpath | \`${SECOND_STORE}\` | \`${secondStoreHandMadeId}\` | \`EU hand made\``);
  expect(markdown.stdout).not.toContain('Platform sync');
});

test('--reconcile with prune = false deletes nothing and keeps reporting', async () => {
  const result = await drift(['--stack', STORE_STACK, '--reconcile', '--json', '--skip-synth']);
  expect(result.code).toBe(2);
  expect(JSON.parse(result.stdout).stacks[0].reconciliation).toBeUndefined();
  expect(names(await stored())).toContain('Hand made webhook');
  expect(names(await stored(SECOND_STORE))).toContain('EU hand made');
});

test('Sendcloud: an undeclared integration is reported and never deleted, even by --reconcile', async () => {
  const result = await drift(['--stack', SHIPPING_STACK, '--reconcile', '--json']);
  expect(result.code).toBe(2);
  const entries = unmanagedOf(JSON.parse(result.stdout), SHIPPING_STACK);
  expect(entries.map((entry) => entry.integration)).toEqual([
    {
      provider: 'sendcloud',
      store: 'account',
      id: '1002',
      name: 'Emulator Shopify Store',
      type: 'shopify',
      destination: 'https://emulator-store.example.com/',
    },
  ]);
  const remaining = await emulators.sendcloud.admin.integrations();
  expect(remaining.map((integration) => integration.id)).toEqual(expect.arrayContaining([1001, 1002, 1003]));
});

test('prune = true: the plan is an in-place change listing exactly the undeclared one per store, without its secret', async () => {
  app.writeSpec(spec(true));
  await app.synth(env);
  const result = await plan(STORE_STACK, ['-out=prune.tfplan']);
  expect(result.code).toBe(2);
  expect(result.stdout).toMatch(/2 to change, 0 to destroy/);
  expect(result.stdout).toContain('"Hand made webhook"');
  expect(result.stdout).toContain('"EU hand made"');
  expect(result.stdout).not.toContain('Platform sync');
  expectNoSecrets(result.stdout + result.stderr, everySecret(), 'the prune plan');

  const shown = JSON.parse((await terraform(['show', '-json', 'prune.tfplan'], { cwd: app.stackDir(STORE_STACK), env })).stdout) as {
    resource_changes: { type: string; change: { actions: string[]; before: { id: string; unmanaged: { name: string }[] }; after: { unmanaged: unknown[] } } }[];
  };
  const exclusive = shown.resource_changes.filter((change) => change.type === 'elasticpath_integrations_exclusive');
  expect(exclusive.map((change) => [change.change.before.id, change.change.actions, names(change.change.before.unmanaged), change.change.after.unmanaged]).sort()).toEqual([
    ['default', ['update'], ['Hand made webhook'], []],
    [SECOND_STORE, ['update'], ['EU hand made'], []],
  ]);
});

test('drift --reconcile with prune = true removes them, leaves declared and ignored ones; next plan and drift are clean', async () => {
  const reconciled = await drift(['--stack', STORE_STACK, '--reconcile', '--format', 'markdown', '--skip-synth']);
  expect(reconciled.code).toBe(0);
  expect(reconciled.stdout).toContain('deleted by reconcile');
  expect(reconciled.stdout).toContain('_Reconciled: applied, and a new plan is clean._');

  expect(names(await stored())).toEqual(['Customers', 'Orders', 'Platform sync', 'Refunds']);
  expect(names(await stored(SECOND_STORE))).toEqual(['EU orders']);

  expect((await plan(STORE_STACK)).code).toBe(0);
  const after = await drift(['--stack', STORE_STACK, '--json', '--skip-synth']);
  expect(after.code).toBe(0);
  expect(JSON.parse(after.stdout)).toEqual({ schemaVersion: 1, inSync: true, stacks: [{ name: STORE_STACK, resources: [] }] });
});

test('ignoreChanges: a change of an ignored field out of band is not drift (exit 0)', async () => {
  const refunds = (await stored()).find((integration) => integration.name === 'Refunds')!;
  // `configuration` covers what that prop sets: the fields and the integration type.
  await emulators.elasticpath.admin.patchIntegration(refunds.id, {
    enabled: false,
    integration_type: 'stomp',
    configuration: { addresses: ['tcp://broker.example.com:61613'], destination: '/queue/refunds', username: 'refunds' },
  });
  expect((await plan(STORE_STACK)).code).toBe(0);
  const result = await drift(['--stack', STORE_STACK, '--skip-synth']);
  expect(result.stdout).toContain('stack store: in sync');
  expect(result.code).toBe(0);
  // The same change of a field that is not ignored is drift.
  const orders = (await stored()).find((integration) => integration.name === 'Orders')!;
  await emulators.elasticpath.admin.patchIntegration(orders.id, { enabled: false });
  expect((await drift(['--stack', STORE_STACK, '--skip-synth'])).code).toBe(2);
});
