/**
 * Batched refresh with the real terraform against the Elastic Path emulator: a no-op plan of
 * 100 integrations is served by one token and list calls, it refreshes state exactly as one
 * GET per integration does (COMMERCE_IAC_BATCH_READS=0), and drift made out of band on a few
 * of the 100 is still found.
 */
import { type PerfEmulator, Workspace, integrationName, integrationsConfig, requestWindow, startPerfEmulator } from '../../scripts/bench-harness';

const COUNT = 100;

let perf: PerfEmulator;
let workspace: Workspace;
const twins: Workspace[] = [];

interface StoredIntegration {
  id: string;
  name: string;
}

beforeAll(async () => {
  perf = await startPerfEmulator();
  workspace = new Workspace(perf.env, integrationsConfig(COUNT));
  await workspace.init();
  await workspace.apply();
}, 120_000);

afterAll(async () => {
  for (const each of [workspace, ...twins]) each?.cleanup();
  await perf?.close();
});

async function storedByName(): Promise<Map<string, StoredIntegration>> {
  const all = (await perf.emulator.admin.integrations()) as StoredIntegration[];
  return new Map(all.map((integration) => [integration.name, integration]));
}

test('no-op plans of 100 integrations make at most 3 API requests each, token included, and no writes', async () => {
  expect(workspace.state().size).toBe(COUNT);
  // Several plans: how the reads arrive (together, or a first one alone) varies from run to run.
  for (let run = 0; run < 3; run += 1) {
    const window = await requestWindow(perf.emulator.url);
    const plan = await workspace.plan();
    const counted = await window.since();

    expect(plan.code).toBe(0);
    expect(counted.entries.map((entry) => `${entry.method} ${entry.path}`)).toHaveLength(Math.min(counted.total, 3));
    expect(counted.tokens).toBeLessThanOrEqual(1);
    expect(counted.writes).toBe(0);
    // The list answers the reads: one list call (the store holds exactly one page).
    expect(counted.entries.filter((entry) => entry.method === 'GET' && entry.path.startsWith('/v2/integrations?'))).toHaveLength(1);
  }
}, 60_000);

test('refresh with batching leaves the same state as one GET per integration (COMMERCE_IAC_BATCH_READS=0)', async () => {
  // Change some objects out of band first, so the refresh has something to bring in.
  const stored = await storedByName();
  await perf.emulator.admin.patchIntegration(stored.get(integrationName(3))!.id, { name: 'renamed by hand' });
  await perf.emulator.admin.patchIntegration(stored.get(integrationName(41))!.id, { observes: ['order.created'] });
  await perf.emulator.admin.deleteIntegration(stored.get(integrationName(77))!.id);

  const batched = workspace.copy();
  const perObject = workspace.copy();
  twins.push(batched, perObject);
  const refresh = ['apply', '-refresh-only', '-auto-approve', '-input=false', '-no-color'];

  const batchedWindow = await requestWindow(perf.emulator.url);
  await batched.run(refresh);
  const batchedRequests = await batchedWindow.since();
  const perObjectWindow = await requestWindow(perf.emulator.url);
  await perObject.run(refresh, { COMMERCE_IAC_BATCH_READS: '0' });
  const perObjectRequests = await perObjectWindow.since();

  const batchedState = batched.state();
  expect(batchedState).toEqual(perObject.state());
  // The refresh saw the changes: one integration gone, two changed.
  expect(batchedState.size).toBe(COUNT - 1);
  expect(batchedState.get('elasticpath_integration.i003')?.name).toBe('renamed by hand');
  expect(batchedState.get('elasticpath_integration.i041')?.observes).toEqual(['order.created']);
  // And the switch did what it says: a GET per integration against a few calls.
  expect(perObjectRequests.entries.filter((entry) => /^\/v2\/integrations\/[^/?]+$/.test(entry.path))).toHaveLength(COUNT);
  expect(batchedRequests.total).toBeLessThanOrEqual(4);
  expect(batchedRequests.writes + perObjectRequests.writes).toBe(0);
}, 120_000);

test('drift made out of band on a few of the 100 is found by a batched plan', async () => {
  // The workspace's own state still holds the objects as applied; the emulator holds the changes of the test above.
  const window = await requestWindow(perf.emulator.url);
  await workspace.run(['plan', '-input=false', '-no-color', '-out=drift.tfplan']);
  const counted = await window.since();
  const shown = JSON.parse((await workspace.run(['show', '-json', 'drift.tfplan'])).stdout) as {
    resource_drift?: { address: string; change: { actions: string[] } }[];
    resource_changes?: { address: string; change: { actions: string[] } }[];
  };

  const drifted = (shown.resource_drift ?? []).map((entry) => `${entry.address}:${entry.change.actions.join('+')}`).sort();
  expect(drifted).toEqual(['elasticpath_integration.i003:update', 'elasticpath_integration.i041:update', 'elasticpath_integration.i077:delete']);
  const planned = (shown.resource_changes ?? [])
    .filter((entry) => !entry.change.actions.includes('no-op'))
    .map((entry) => `${entry.address}:${entry.change.actions.join('+')}`)
    .sort();
  expect(planned).toEqual(['elasticpath_integration.i003:update', 'elasticpath_integration.i041:update', 'elasticpath_integration.i077:create']);
  // The deleted one is missing from the list, so it costs its own GET (answered 404).
  expect(counted.total).toBeLessThanOrEqual(4);
  expect(counted.writes).toBe(0);
}, 120_000);
