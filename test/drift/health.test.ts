/** Delivery health: counting logs, reading declared integrations from state, the report sections, --since. */
import { parseSince } from '../../api/since';
import { parseDriftArguments } from '../../src/cli/drift';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  declaredIntegrations,
  entriesInWindow,
  healthMarkdown,
  healthText,
  mergeHealth,
  readHealthBaseline,
  summarizeLogs,
  summarizeSendcloudLogs,
  type HealthReport,
} from '../../src/drift/health';
import { mergeReports } from '../../src/cli/drift-merge-reports';
import { formatJson, formatMarkdown, formatText } from '../../src/drift/report';

const failed = (job: string, attempt: number, at: string, status?: number) => ({
  id: `${job}-${attempt}`,
  job_id: job,
  succeeded: false,
  attempt,
  created_at: at,
  ...(status === undefined ? {} : { status_code: status }),
  error_detail: status === undefined ? 'No answer within 10 seconds - treating webhook as a fail' : 'Received a status code outside of 2xx range - treating webhook as a fail',
});

test('summarizeLogs counts deliveries, failed attempts and undelivered jobs, and finds the latest failure', () => {
  const summary = summarizeLogs([
    { id: 'a-2', job_id: 'a', succeeded: true, attempt: 2, status_code: 200, created_at: '2024-05-01T10:00:05Z' },
    failed('a', 1, '2024-05-01T10:00:00Z', 503),
    failed('b', 2, '2024-05-01T11:00:05Z'),
    failed('b', 1, '2024-05-01T11:00:00Z', 500),
  ]);
  expect(summary).toEqual({
    deliveries: 2,
    failures: 3,
    undelivered: 1,
    lastFailure: { statusCode: null, errorDetail: 'No answer within 10 seconds - treating webhook as a fail', at: '2024-05-01T11:00:05Z', attempt: 2 },
  });
  expect(summarizeLogs([])).toEqual({ deliveries: 0, failures: 0, undelivered: 0, lastFailure: null });
});

test('declaredIntegrations reads elasticpath_integration instances and their provider alias from raw state', () => {
  const state = JSON.stringify({
    version: 4,
    resources: [
      { mode: 'managed', type: 'elasticpath_integration', name: 'orders', provider: 'provider["registry.terraform.io/commerce-iac/elasticpath"]', instances: [{ attributes: { id: 'id-1', name: 'Orders' } }] },
      { mode: 'managed', type: 'elasticpath_integration', name: 'eu', provider: 'provider["registry.terraform.io/commerce-iac/elasticpath"].eu', instances: [{ index_key: 0, attributes: { id: 'id-2', name: 'EU' } }] },
      { mode: 'data', type: 'elasticpath_integrations', name: 'all', instances: [{ attributes: { id: 'x' } }] },
      { mode: 'managed', type: 'sendcloud_integration', name: 'shop', instances: [{ attributes: { id: '7' } }] },
    ],
  });
  expect(declaredIntegrations(state)).toEqual([
    { provider: 'elasticpath', address: 'elasticpath_integration.orders', id: 'id-1', name: 'Orders', alias: '' },
    { provider: 'elasticpath', address: 'elasticpath_integration.eu[0]', id: 'id-2', name: 'EU', alias: 'eu' },
  ]);
  expect(declaredIntegrations('')).toEqual([]);
});

test('Sendcloud: sendcloud_integration instances are read by integration_id, and every exception log is a failure', () => {
  const state = JSON.stringify({
    version: 4,
    resources: [
      { mode: 'managed', type: 'sendcloud_integration', name: 'shop', provider: 'provider["registry.terraform.io/commerce-iac/sendcloud"].nl', instances: [{ attributes: { id: '1002', integration_id: 1002, shop_name: 'NL shop' } }] },
    ],
  });
  expect(declaredIntegrations(state)).toEqual([{ provider: 'sendcloud', address: 'sendcloud_integration.shop', id: '1002', name: 'NL shop', alias: 'nl' }]);
  const log = (id: number, at: string, code: number | null, exception: string) => ({ id, base_url: 'https://shop.example.com', full_url: 'https://shop.example.com/api/orders', method: 'GET', response_code: code, exception, created_at: at });
  expect(summarizeSendcloudLogs([log(1, '2024-05-01T10:00:00Z', 401, 'old'), log(2, '2024-05-01T11:00:00Z', 401, 'API credentials are no longer valid')])).toEqual({
    deliveries: null,
    failures: 2,
    undelivered: null,
    lastFailure: { statusCode: 401, errorDetail: 'API credentials are no longer valid, GET https://shop.example.com/api/orders', at: '2024-05-01T11:00:00Z', attempt: null },
  });
  expect(summarizeSendcloudLogs([])).toEqual({ deliveries: null, failures: 0, undelivered: null, lastFailure: null });

  const report: HealthReport = {
    checkedAt: '2024-05-02T00:00:00Z',
    since: '2024-05-01T00:00:00Z',
    healthy: false,
    integrations: [
      { provider: 'sendcloud', stack: 'prod', address: 'sendcloud_integration.shop', id: '1002', name: 'NL shop', deliveries: null, failures: 2, undelivered: null, lastFailure: { statusCode: 401, errorDetail: 'API credentials are no longer valid', at: '2024-05-01T11:00:00Z', attempt: null }, windowApplied: true, logIds: ['7', '8'] },
      { provider: 'sendcloud', stack: 'prod', address: 'sendcloud_integration.quiet', id: '1001', name: null, deliveries: null, failures: 0, undelivered: null, lastFailure: null, windowApplied: true, logIds: [] },
    ],
  };
  expect(healthText(report).split('\n').slice(2, 6)).toEqual([
    '  ✗ prod/sendcloud_integration.shop (NL shop)  2 exception log(s)',
    '      last failure 2024-05-01T11:00:00Z: HTTP 401, API credentials are no longer valid',
    '  ✓ prod/sendcloud_integration.quiet  no exception logs',
    'Unhealthy: 1 of 2 integration(s) failed deliveries.',
  ]);
  expect(healthMarkdown(report)).toContain('| ✗ | `prod/sendcloud_integration.shop` (NL shop) | – | 2 | – | 2024-05-01T11:00:00Z: HTTP 401, API credentials are no longer valid |');
});

const unhealthy: HealthReport = {
  checkedAt: '2024-05-02T00:00:00Z',
  since: '2024-05-01T00:00:00Z',
  healthy: false,
  integrations: [
    {
      provider: 'elasticpath',
      stack: 'prod',
      address: 'elasticpath_integration.orders',
      id: 'id-1',
      name: 'Orders | paid',
      deliveries: 2,
      failures: 3,
      undelivered: 1,
      lastFailure: { statusCode: 500, errorDetail: 'Received a status code outside of 2xx range - treating webhook as a fail', at: '2024-05-01T11:00:05Z', attempt: 3 },
      windowApplied: true,
      logIds: ['l1', 'l2', 'l3', 'l4'],
    },
    { provider: 'elasticpath', stack: 'prod', address: 'elasticpath_integration.quiet', id: 'id-2', name: null, deliveries: 1, failures: 0, undelivered: 0, lastFailure: null, windowApplied: true, logIds: ['l5'] },
    { provider: 'elasticpath', stack: 'prod', address: 'elasticpath_integration.gone', id: 'id-3', name: null, deliveries: 0, failures: 0, undelivered: 0, lastFailure: null, windowApplied: true, logIds: [], error: 'could not read the delivery logs: not found' },
  ],
};

test('the text section stands apart from drift and names the last failure', () => {
  const text = formatText({ inSync: true, stacks: [{ name: 'prod', resources: [] }], health: unhealthy } as never);
  expect(text).toContain('In sync: remote objects match the code.\n\nDelivery health since 2024-05-01T00:00:00Z (apart from drift):');
  expect(healthText(unhealthy).split('\n')).toEqual([
    '',
    'Delivery health since 2024-05-01T00:00:00Z (apart from drift):',
    '  ✗ prod/elasticpath_integration.orders (Orders | paid)  2 deliveries, 3 failed attempt(s), 1 not delivered',
    '      last failure 2024-05-01T11:00:05Z, attempt 3: HTTP 500, Received a status code outside of 2xx range - treating webhook as a fail',
    '  ✓ prod/elasticpath_integration.quiet  1 delivery, no failures',
    '  ✗ prod/elasticpath_integration.gone  could not read the delivery logs: not found',
    'Unhealthy: 2 of 3 integration(s) failed deliveries.',
    '',
  ]);
  expect(formatText({ inSync: true, stacks: [] })).not.toContain('Delivery health');
});

test('the JSON report carries health under its own key, and only when asked', () => {
  const report = { inSync: true, stacks: [] };
  expect(JSON.parse(formatJson({ ...report, health: unhealthy } as never))).toMatchObject({ inSync: true, stacks: [], health: unhealthy });
  expect(JSON.parse(formatJson(report))).not.toHaveProperty('health');
});

test('the Markdown section is a table with escaped cells', () => {
  const markdown = healthMarkdown(unhealthy);
  expect(markdown).toContain('### Delivery health since 2024-05-01T00:00:00Z');
  expect(markdown).toContain('| ✗ | `prod/elasticpath_integration.orders` (Orders \\| paid) | 2 | 3 | 1 | 2024-05-01T11:00:05Z, attempt 3: HTTP 500, Received');
  expect(markdown).toContain('| ✓ | `prod/elasticpath_integration.quiet` | 1 | 0 | 0 | - |');
  expect(healthMarkdown({ checkedAt: 'x', since: 'x', healthy: true, integrations: [] })).toContain('No Elastic Path or Sendcloud integrations declared.');
  const full = formatMarkdown({ inSync: true, stacks: [{ name: 'prod', resources: [] }], health: unhealthy } as never);
  expect(full).toMatch(/Drift report[\s\S]*### Delivery health since 2024-05-01T00:00:00Z/);
  expect(formatMarkdown({ inSync: true, stacks: [] })).not.toContain('Delivery health');
});

test('parseSince reads durations and RFC 3339 times, and explains anything else', () => {
  const now = Date.UTC(2024, 4, 2, 12, 0, 0);
  expect(parseSince('24h', now)).toBe(now - 86_400_000);
  expect(parseSince('1h30m', now)).toBe(now - 5_400_000);
  expect(parseSince('7d', now)).toBe(now - 7 * 86_400_000);
  expect(parseSince('2024-05-01T00:00:00Z', now)).toBe(Date.UTC(2024, 4, 1));
  expect(parseSince('2024-05-01T02:00:00+02:00', now)).toBe(Date.UTC(2024, 4, 1));
  expect(parseSince('yesterday', now)).toMatch(/"yesterday" is neither a duration nor a time: write a duration such as 24h/);
  expect(parseSince('2024-05-01', now)).toEqual(expect.any(String));
});

test('drift arguments: --health, --since and --fail-on-unhealthy', () => {
  expect(parseDriftArguments(['--health', '--since', '2h', '--fail-on-unhealthy'])).toMatchObject({ health: true, since: '2h', failOnUnhealthy: true });
  expect(parseDriftArguments([])).toMatchObject({ health: false, failOnUnhealthy: false });
  expect(() => parseDriftArguments(['--fail-on-unhealthy'])).toThrow('--since, --health-baseline and --fail-on-unhealthy belong to --health: add --health');
  expect(parseDriftArguments(['--health', '--health-baseline', 'previous.json'])).toMatchObject({ health: true, healthBaseline: 'previous.json' });
  expect(() => parseDriftArguments(['--health', '--since', '2h', '--health-baseline', 'previous.json'])).toThrow(/two windows/);
  expect(() => parseDriftArguments(['--health', '--since', 'soon'])).toThrow(/--since "soon" is neither a duration/);
});

describe('windows without timestamps', () => {
  // As the real Elastic Path API answers: no time on any log.
  const untimed = [
    { id: 'new-fail', failed: true },
    { id: 'old-fail', failed: true },
    { id: 'old-ok', failed: false },
  ];
  const baselineOf = (ids: string[]) => ({ source: 'previous.json', checkedAt: null, seen: new Map([['int-1', new Set(ids)]]) });

  test('a baseline counts exactly the logs the previous report did not list, with or without times', () => {
    expect(entriesInWindow(untimed, { baseline: baselineOf(['old-fail', 'old-ok']) }, 'int-1')).toEqual({ counted: [untimed[0]], windowApplied: true, untimed: 3 });
    // An integration the previous report did not have: every log is new.
    expect(entriesInWindow(untimed, { baseline: baselineOf([]) }, 'int-2').counted).toHaveLength(3);
  });

  test('--since on logs without a time keeps them all and says the window was not applied', () => {
    expect(entriesInWindow(untimed, { sinceMs: Date.UTC(2099, 0, 1) }, 'int-1')).toEqual({ counted: untimed, windowApplied: false, untimed: 3 });
    const timed = [
      { id: 'a', at: '2024-05-01T10:00:00Z', failed: true },
      { id: 'b', at: '2024-04-01T10:00:00Z', failed: true },
    ];
    expect(entriesInWindow(timed, { sinceMs: Date.UTC(2024, 4, 1) }, 'int-1')).toEqual({ counted: [timed[0]], windowApplied: true, untimed: 0 });
  });

  test('every format says when the window could not be applied', () => {
    const report: HealthReport = {
      ...unhealthy,
      integrations: [{ ...unhealthy.integrations[0], windowApplied: false }],
    };
    expect(healthText(report)).toContain("its logs carry no time (Elastic Path's never do): --since could not be applied, so the whole history is counted");
    expect(healthMarkdown(report)).toContain('**Window not applied** to `prod/elasticpath_integration.orders`: its logs carry no time');
    expect(JSON.parse(formatJson({ inSync: true, stacks: [], health: report } as never)).health.integrations[0].windowApplied).toBe(false);
  });

  test('readHealthBaseline takes the ids of a previous JSON report and names the fix for anything else', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-baseline-'));
    try {
      const file = path.join(dir, 'previous.json');
      fs.writeFileSync(file, formatJson({ inSync: true, stacks: [], health: unhealthy } as never));
      const baseline = readHealthBaseline(file);
      expect(baseline.checkedAt).toBe('2024-05-02T00:00:00Z');
      expect([...(baseline.seen.get('id-1') ?? [])]).toEqual(['l1', 'l2', 'l3', 'l4']);
      expect(healthText({ ...unhealthy, since: undefined, baseline: { source: file, checkedAt: baseline.checkedAt } })).toContain(
        `Delivery health since the previous check (${file}, 2024-05-02T00:00:00Z) (apart from drift):`,
      );
      expect(() => readHealthBaseline(path.join(dir, 'missing.json'))).toThrow(/does not exist: give the JSON report of the previous `drift --health` run/);
      fs.writeFileSync(file, JSON.stringify({ inSync: true, stacks: [] }));
      expect(() => readHealthBaseline(file)).toThrow(/has no "health" section/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('drift merge keeps the shards\' health: every integration, healthy only when all are', () => {
  const healthy: HealthReport = { ...unhealthy, healthy: true, integrations: [{ ...unhealthy.integrations[1], stack: 'b' }] };
  const shard = (index: number, health: HealthReport) => ({
    source: `shard-${index}.json`,
    text: JSON.stringify({ inSync: true, stacks: [{ name: `s${index}`, resources: [] }], shard: { index, count: 2 }, health }),
  });
  const merged = mergeReports([shard(1, unhealthy), shard(2, healthy)]);
  expect(merged.errors).toEqual([]);
  expect(merged.health).toMatchObject({ healthy: false, since: unhealthy.since });
  expect(merged.health?.integrations).toHaveLength(4);
  expect(mergeHealth([healthy])?.healthy).toBe(true);
  const mixed = mergeReports([shard(1, unhealthy), { source: 'shard-2.json', text: JSON.stringify({ inSync: true, stacks: [], shard: { index: 2, count: 2 } }) }]);
  expect(mixed.errors).toEqual([{ source: 'merge', message: 'shard-2.json have no health section while others do: run every job with --health' }]);
});
