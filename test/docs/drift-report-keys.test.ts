/**
 * Every key of the drift JSON report is in the table of docs/drift-report.md, and every key the
 * table lists is one a report holds. The reports are made by the code that writes them
 * (classifyPlan, formatJson, failedRunJson, mergeReports): a single run, a run with --reconcile,
 * a failed stack, a run that failed as a whole, a shard, --health (a time window and a
 * baseline), and a merge with errors.
 *
 * The parts detectDrift and collectHealth assemble around those (a stack, its error and
 * reconciliation, the health section) are given here with every key their types allow
 * (`Complete`): a key added to those types without a value here fails `tsc --noEmit`
 * (`npm test`, `npm run typecheck`), and with a value, fails this test until it is documented.
 */
import type { DriftReport, StackDrift, StackError } from '../../src/drift/detect';
import { type PlanJson, type ResourceDrift, classifyPlan } from '../../src/drift/classify';
import type { HealthReport, IntegrationHealth, LastFailure } from '../../src/drift/health';
import type { Shard } from '../../src/drift/shard';
import { formatJson } from '../../src/drift/report';
import { failedRunJson } from '../../src/cli/drift';
import { mergeReports } from '../../src/cli/drift-merge-reports';
import { renderMerged } from '../../src/cli/drift-merge';
import { readPage } from './pages';

/** The type with every optional key required: a fixture of it must give them all. */
type Complete<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

const SCHEMA_PAGE = 'docs/drift-report.md';

/* A plan in `terraform show -json`'s shape: a field changed out of band, a deleted integration, an undeclared one. */
const plan: PlanJson = {
  resource_drift: [
    { address: 'elasticpath_integration.orders', mode: 'managed', type: 'elasticpath_integration', name: 'orders', change: { actions: ['update'], before: { name: 'Orders' }, after: { name: 'Orders (edited)' } } },
    { address: 'elasticpath_integration.gone', mode: 'managed', type: 'elasticpath_integration', name: 'gone', change: { actions: ['delete'], before: { name: 'Gone' }, after: null } },
  ],
  resource_changes: [
    { address: 'elasticpath_integration.orders', mode: 'managed', type: 'elasticpath_integration', name: 'orders', change: { actions: ['update'], before: { name: 'Orders (edited)' }, after: { name: 'Orders' } } },
    { address: 'elasticpath_integration.gone', mode: 'managed', type: 'elasticpath_integration', name: 'gone', change: { actions: ['create'], before: null, after: { name: 'Gone' } } },
    {
      address: 'elasticpath_integrations_exclusive.store',
      mode: 'managed',
      type: 'elasticpath_integrations_exclusive',
      name: 'store',
      change: {
        actions: ['no-op'],
        before: { id: 'default', integration_ids: ['a'], ignore_names: null, prune: true, unmanaged: [{ id: 'h', name: 'Hand made', type: 'webhook', enabled: true, observes: ['order.paid'], destination: 'https://x.example.com/hook' }] },
        after: { id: 'default', integration_ids: ['a'], ignore_names: null, prune: true, unmanaged: [] },
      },
    },
  ],
};
const resources: ResourceDrift[] = classifyPlan(plan, new Map([['elasticpath_integration.orders', 'prod/orders/Resource']]));

const error: Complete<StackError> = { command: 'terraform plan -input=false', message: 'exit 1: Error: refused' };
const reconciliation: Complete<NonNullable<StackDrift['reconciliation']>> = { applied: true, verifiedClean: false, remaining: resources.filter((entry) => entry.kind === 'unmanaged') };
const stacks: Complete<StackDrift>[] = [{ name: 'prod', resources, error, reconciliation }];
const shard: Complete<Shard> = { index: 1, count: 2 };
const report: Complete<DriftReport> = { inSync: false, stacks, shard };

const lastFailure: Complete<LastFailure> = { statusCode: 500, errorDetail: 'treating webhook as a fail', at: '2024-05-01T11:00:05Z', attempt: 3 };
const integration: Complete<IntegrationHealth> = {
  provider: 'elasticpath',
  stack: 'prod',
  address: 'elasticpath_integration.orders',
  constructPath: 'prod/orders/Resource',
  id: 'id-1',
  name: 'Orders',
  deliveries: 2,
  failures: 3,
  undelivered: 1,
  lastFailure,
  windowApplied: true,
  logIds: ['l1'],
  error: 'could not read the delivery logs: not found',
};
/** A section holds `since` or `baseline`, never both: one of each. */
const sinceWindow: Omit<Complete<HealthReport>, 'baseline'> = { checkedAt: '2024-05-02T00:00:00Z', since: '2024-05-01T00:00:00Z', healthy: false, integrations: [integration] };
const baselineWindow: Omit<Complete<HealthReport>, 'since'> = {
  checkedAt: '2024-05-02T00:00:00Z',
  baseline: { source: 'previous.json', checkedAt: '2024-05-01T00:00:00Z' } satisfies Complete<NonNullable<HealthReport['baseline']>>,
  healthy: true,
  integrations: [],
};

/** The JSON texts a user's pipeline reads. */
function reports(): Record<string, unknown> {
  const single = formatJson({ inSync: false, stacks: [{ name: 'prod', resources }] });
  const full = formatJson(report);
  const withHealth = formatJson({ ...report, health: sinceWindow } as DriftReport);
  const withBaseline = formatJson({ ...report, health: baselineWindow } as DriftReport);
  const failedRun = failedRunJson('synth failed', { index: 2, count: 2 });
  const merged = renderMerged(
    mergeReports([
      { source: 'drift-1.json', text: withHealth },
      { source: 'drift-2.json', text: failedRun },
      { source: 'drift-3.json', text: undefined },
    ]),
    'json',
  );
  return Object.fromEntries(Object.entries({ single, full, withHealth, withBaseline, failedRun, merged }).map(([name, text]) => [name, JSON.parse(text)]));
}

/** Keys whose values are the configuration's or the API's, not the report's own. */
const VALUES = /\.fields\[\]\.(declared|remote)$/;

/** Every key path of a JSON value: `stacks[].resources[].kind`. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((entry) => keyPaths(entry, `${prefix}[]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, entry]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...(VALUES.test(path) ? [] : keyPaths(entry, path))];
  });
}

/** The schema table's keys, and its aliases: a key whose entries are "shaped as `OTHER`". */
function documented(): { keys: Set<string>; shapedAs: Map<string, string> } {
  const keys = new Set<string>();
  const shapedAs = new Map<string, string>();
  for (const row of readPage(SCHEMA_PAGE).matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)) {
    keys.add(row[1]);
    const shape = /shaped as `([^`]+)`/.exec(row[2]);
    if (shape) shapedAs.set(row[1], shape[1]);
  }
  return { keys, shapedAs };
}

/** A key under an alias, read as the key it is shaped as. */
function canonical(path: string, shapedAs: Map<string, string>): string {
  for (const [alias, shape] of shapedAs) {
    if (path.startsWith(`${alias}[]`)) return `${shape}${path.slice(alias.length)}`;
  }
  return path;
}

const made = reports();
const schema = documented();

test.each(Object.keys(made))('every key of the %s report is in docs/drift-report.md', (name) => {
  const undocumented = [...new Set(keyPaths(made[name]).map((path) => canonical(path, schema.shapedAs)))].filter((path) => !schema.keys.has(path));
  expect(undocumented).toEqual([]);
});

test('every key docs/drift-report.md lists is one a report holds', () => {
  const held = new Set(Object.values(made).flatMap((json) => keyPaths(json).map((path) => canonical(path, schema.shapedAs))));
  expect([...schema.keys].filter((key) => !held.has(key))).toEqual([]);
});

test('the reports made here are the kinds the page speaks of', () => {
  expect(made.failedRun).toMatchObject({ inSync: false, stacks: [], error: 'synth failed', shard: { index: 2, count: 2 } });
  expect(made.merged).toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ source: 'drift-3.json' })]), shards: { count: 2, merged: [1, 2] } });
  expect((made.single as { stacks: { resources: { kind: string }[] }[] }).stacks[0].resources.map((entry) => entry.kind).sort()).toEqual(['changed', 'deleted', 'unmanaged']);
});
