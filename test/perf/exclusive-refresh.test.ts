/**
 * Exclusive management costs no extra request: a no-op plan of 100 integrations plus an
 * elasticpath_integrations_exclusive owning them makes no more requests than the same plan
 * without it (at most 3, token included: the exclusive resource reads the list refresh fetched).
 */
import { type PerfEmulator, Workspace, integrationsConfig, requestWindow, startPerfEmulator } from '../../scripts/bench-harness';

const COUNT = 100;

let perf: PerfEmulator;
let workspace: Workspace;

function withExclusive(count: number): object {
  const config = integrationsConfig(count) as { resource: Record<string, Record<string, object>> };
  const ids = Object.keys(config.resource.elasticpath_integration).map((name) => `\${elasticpath_integration.${name}.id}`);
  config.resource.elasticpath_integrations_exclusive = { store: { integration_ids: ids } };
  return config;
}

beforeAll(async () => {
  perf = await startPerfEmulator();
  workspace = new Workspace(perf.env, withExclusive(COUNT));
  await workspace.init();
  await workspace.apply();
}, 180_000);

afterAll(async () => {
  workspace?.cleanup();
  await perf?.close();
});

test('no-op plans of 100 integrations plus exclusive management make at most 3 API requests each, token included', async () => {
  expect(workspace.state().has('elasticpath_integrations_exclusive.store')).toBe(true);
  for (let run = 0; run < 3; run += 1) {
    const window = await requestWindow(perf.emulator.url);
    const plan = await workspace.plan();
    const counted = await window.since();
    expect(plan.code).toBe(0);
    // The numbers for the report: COUNT integrations, the exclusive resource, and what they cost.
    process.stdout.write(`no-op plan, ${COUNT} integrations + exclusive: ${counted.total} requests (${counted.entries.map((entry) => `${entry.method} ${entry.path}`).join(', ')})\n`);
    expect(counted.total).toBeLessThanOrEqual(3);
    expect(counted.tokens).toBeLessThanOrEqual(1);
    expect(counted.writes).toBe(0);
    expect(counted.entries.filter((entry) => entry.method === 'GET' && entry.path.startsWith('/v2/integrations?'))).toHaveLength(1);
  }
}, 120_000);
