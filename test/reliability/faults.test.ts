/**
 * Reliability 1: a large apply against APIs that fail a fifth of their calls (429 with and
 * without Retry-After, 500, 503, connection reset before and after the server acted) ends
 * with exactly the declared objects, state that matches them, and a clean plan; an error
 * only the API can find reaches the user with its detail and attribute, and costs nothing else.
 */
import type { FaultKind } from '../../src/emulators';
import {
  TF_FLAGS,
  applyUntilClean,
  countFaults,
  duplicateNames,
  epIntegration,
  epMismatches,
  epResources,
  readLocalState,
  recordFigures,
  scMismatches,
  scResources,
  scSettings,
  sendcloudSeed,
  stateInstances,
  stateVersusRemote,
  terraformConfig,
  useEmulators,
} from './support/harness';

const EP_COUNT = 100;
const SC_FIRST_ID = 2001;
const SC_COUNT = 20;
const SC_IDS = Array.from({ length: SC_COUNT }, (_, i) => SC_FIRST_ID + i);
const FAULT_KINDS: FaultKind[] = ['429', '500', '503', 'reset-before', 'reset-after'];
const FAULT_RATE = 0.2;
/** Applies allowed before the scenario counts as not converging. */
const MAX_APPLIES = 4;

const emulators = useEmulators({ sendcloud: { seed: sendcloudSeed(SC_FIRST_ID, SC_COUNT) }, resetEach: true });
const epAdmin = () => emulators.ep.admin;
const scAdmin = () => emulators.sc.admin;

async function faultsOn(seed: number, retryAfterSeconds?: number): Promise<void> {
  const settings = { rate: FAULT_RATE, kinds: FAULT_KINDS, seed, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
  await Promise.all([epAdmin().faults(settings), scAdmin().faults({ ...settings, seed: seed + 1 })]);
}

describe.each([
  { variant: 'with Retry-After: 1', retryAfterSeconds: 1, seed: 7 },
  { variant: 'without Retry-After', retryAfterSeconds: undefined, seed: 11 },
])('under faults at rate 0.2 ($variant)', ({ variant, retryAfterSeconds, seed }) => {
  const elasticpath = epResources('faulty', EP_COUNT);
  const sendcloud = scResources(SC_IDS);

  test(`${EP_COUNT} Elastic Path creates and ${SC_COUNT} Sendcloud adoptions converge without duplicates, and the next plan is clean`, async () => {
    const workspace = await emulators.workspaceWith(terraformConfig({ urls: emulators.urls, elasticpath, sendcloud }));
    await faultsOn(seed, retryAfterSeconds);

    const started = Date.now();
    const runs = await applyUntilClean(workspace, MAX_APPLIES);
    const timeMs = Date.now() - started;
    const [epLog, scLog] = await Promise.all([epAdmin().requests(), scAdmin().requests()]);
    await Promise.all([epAdmin().clearFaults(), scAdmin().clearFaults()]);

    const epRemote = await epAdmin().integrations();
    const scRemote = await scAdmin().integrations();
    const duplicates = duplicateNames(epRemote);
    recordFigures({
      scenario: `faults 0.2 ${variant}: ${EP_COUNT} EP + ${SC_COUNT} SC`,
      requests: epLog.length + scLog.length,
      faultsInjected: countFaults(epLog) + countFaults(scLog),
      duplicates: duplicates.length,
      timeMs,
      applies: runs.length,
      notes:
        `${lostCreates(epLog)} creates with unknown outcome (500 / reset after POST)` +
        (runs.length > 1 ? `; first apply failed: ${firstErrorLine(runs[0].stdout + runs[0].stderr)}` : ''),
    });

    expect(runs[runs.length - 1]).toMatchObject({ code: 0 });
    expect(countFaults(epLog)).toBeGreaterThan(0);
    expect(countFaults(scLog)).toBeGreaterThan(0);
    expect(new Set([...epLog, ...scLog].map((entry) => entry.fault).filter(Boolean))).toEqual(new Set(FAULT_KINDS));
    expect(lostCreates(epLog)).toBeGreaterThan(0);
    expect(duplicates).toEqual([]);
    expect(epRemote).toHaveLength(EP_COUNT);
    expect(epMismatches(elasticpath as Record<string, Record<string, unknown>>, epRemote)).toEqual([]);
    expect(scMismatches(sendcloud as Record<string, Record<string, unknown>>, scRemote)).toEqual([]);

    const state = stateInstances(readLocalState(workspace.dir));
    expect(state).toHaveLength(EP_COUNT + SC_COUNT);
    expect(stateVersusRemote(state, epRemote, scRemote)).toEqual({ orphans: [], missing: [], different: [] });

    const plan = await workspace.plan();
    expect({ code: plan.code, changes: plan.code === 0 ? '' : plan.stdout }).toEqual({ code: 0, changes: '' });
  }, 300_000);
});

test('an error only the API finds shows its detail and attribute, and every other resource is applied', async () => {
  const good = epResources('kept', 6);
  // Blank names pass the provider's checks (they are not empty); the APIs refuse them.
  const blankName = { ...epIntegration('blank', 0), name: '   ' };
  const goodShop = scSettings(SC_FIRST_ID);
  const blankShop = { ...scSettings(SC_FIRST_ID + 1), shop_name: '   ' };
  const workspace = await emulators.workspaceWith(
    terraformConfig({
      urls: emulators.urls,
      elasticpath: { ...good, blank_name: blankName },
      sendcloud: { good_shop: goodShop, blank_shop: blankShop },
    }),
  );
  const scBefore = (await scAdmin().integrations()).find((item) => item.id === SC_FIRST_ID + 1);
  await faultsOn(23, 1);

  const started = Date.now();
  const first = await workspace.attempt(['apply', ...TF_FLAGS, '-auto-approve']);
  const [epLog, scLog] = await Promise.all([epAdmin().requests(), scAdmin().requests()]);
  await Promise.all([epAdmin().clearFaults(), scAdmin().clearFaults()]);
  // Faults may have cost another resource its retries; a second apply (faults off) settles those.
  const second = await workspace.attempt(['apply', ...TF_FLAGS, '-auto-approve']);
  const output = first.stdout + first.stderr;

  const epRemote = await epAdmin().integrations();
  const scRemote = await scAdmin().integrations();
  recordFigures({
    scenario: 'final API error (422 blank name, 400 blank shop_name) under faults',
    requests: epLog.length + scLog.length,
    faultsInjected: countFaults(epLog) + countFaults(scLog),
    duplicates: duplicateNames(epRemote).length,
    timeMs: Date.now() - started,
    applies: 2,
  });

  expect(first.code).toBe(1);
  // Elastic Path's 422: the API's own detail, the attribute it blamed, the resource.
  expect(output).toMatch(/with elasticpath_integration\.blank_name,/);
  expect(output).toMatch(/"name": "   "/);
  expect(output).toMatch(/name must be a\s+non-empty string/);
  // Sendcloud's 400: same.
  expect(output).toMatch(/with sendcloud_integration\.blank_shop,/);
  expect(output).toMatch(/"shop_name": "   "/);
  expect(output).toMatch(/This field may not\s+be blank/);
  expect(output).not.toMatch(/Outcome Unknown|panic|TypeError/);

  // The second apply fails for the same two resources only, with the same details.
  expect(second.code).toBe(1);
  const errors = (second.stdout + second.stderr).match(/^Error: .*$/gm) ?? [];
  expect(errors).toHaveLength(2);
  expect(second.stdout + second.stderr).toMatch(/name must be a\s+non-empty string/);

  // Nothing else is lost: the good objects exist once, are in state, and the refused ones left no trace.
  const state = stateInstances(readLocalState(workspace.dir));
  expect(epRemote.map((item) => item.name).sort()).toEqual(Object.values(good).map((item) => String((item as { name: string }).name)).sort());
  expect(stateVersusRemote(state, epRemote, scRemote)).toEqual({ orphans: [], missing: [], different: [] });
  expect(state.map((instance) => instance.name).sort()).toEqual([...Object.keys(good), 'good_shop'].sort());
  expect(scMismatches({ good_shop: goodShop }, scRemote)).toEqual([]);
  expect(scRemote.find((item) => item.id === SC_FIRST_ID + 1)).toEqual(scBefore);
}, 240_000);

/** POSTs whose outcome the client could not know: the server failed with 500, or acted and then reset. */
function lostCreates(log: Array<{ method: string; path: string; fault?: string }>): number {
  return log.filter((entry) => entry.method === 'POST' && entry.path === '/v2/integrations' && (entry.fault === '500' || entry.fault === 'reset-after'))
    .length;
}

function firstErrorLine(output: string): string {
  const match = /Error: (.*)\n(?:.*\n){0,6}?\n?(.*failed.*|.*gave up.*|.*connection.*)/i.exec(output) ?? /Error: (.*)/.exec(output);
  return match ? match.slice(1).filter(Boolean).join(' / ').slice(0, 200) : 'no error line';
}
