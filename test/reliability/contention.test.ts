/**
 * Issue 25: several applies into one store at once share its rate limit instead of failing on
 * 429. Four workspaces apply 50 Elastic Path integrations each into one store limited to 25
 * requests/s (a development store), all at once, then 50 updates each, all at once; two
 * workspaces adopt and then update 40 Sendcloud integrations each against the account's 100
 * writes a minute. Every apply succeeds, nothing is duplicated, and the plans after are clean.
 * (How fast they get there is measured by `npm run bench`, not here.)
 *
 * The Sendcloud rounds start in beforeAll and run beside the Elastic Path ones: they spend most
 * of their minute waiting for the write window, which would otherwise add a minute to the suite.
 */
import {
  startElasticPathEmulator,
  startSendcloudEmulator,
  type RunningElasticPathEmulator,
  type RunningSendcloudEmulator,
} from '../../src/emulators';
import type { TerraformWorkspace } from '../helpers/workspace';
import {
  Admin,
  TF_FLAGS,
  duplicateNames,
  epIntegration,
  epMismatches,
  newWorkspace,
  readLocalState,
  recordFigures,
  scMismatches,
  scSettings,
  sendcloudSeed,
  stateInstances,
  stateVersusRemote,
  terraformConfig,
  type StoredEpIntegration,
} from './support/harness';

const EP_WORKSPACES = 4;
const EP_PER_WORKSPACE = 50;
const EP_REQUESTS_PER_SECOND = 25;
const SC_WORKSPACES = 2;
const SC_PER_WORKSPACE = 40;
const SC_FIRST_ID = 7001;
const SC_WRITES_PER_MINUTE = 100;

let ep: RunningElasticPathEmulator;
let sc: RunningSendcloudEmulator;
let epWorkspaces: TerraformWorkspace[] = [];
let scWorkspaces: TerraformWorkspace[] = [];
let sendcloudRounds: Promise<SendcloudRounds>;

beforeAll(async () => {
  [ep, sc] = await Promise.all([
    startElasticPathEmulator({ requestsPerSecond: EP_REQUESTS_PER_SECOND }),
    startSendcloudEmulator({ seed: sendcloudSeed(SC_FIRST_ID, SC_WORKSPACES * SC_PER_WORKSPACE), writesPerMinute: SC_WRITES_PER_MINUTE }),
  ]);
  epWorkspaces = await Promise.all(Array.from({ length: EP_WORKSPACES }, () => newWorkspace()));
  scWorkspaces = await Promise.all(Array.from({ length: SC_WORKSPACES }, () => newWorkspace()));
  const urls = { elasticpath: ep.url, sendcloud: sc.url };
  epWorkspaces.forEach((workspace, index) => workspace.writeConfig(terraformConfig({ urls, elasticpath: epDeclared(index, 1) })));
  scWorkspaces.forEach((workspace, index) => workspace.writeConfig(terraformConfig({ urls, sendcloud: scDeclared(index, 1) })));
  await Promise.all([...epWorkspaces, ...scWorkspaces].map((workspace) => workspace.init()));
  sendcloudRounds = runSendcloudRounds();
  // Examined by its test; this keeps a failure from being reported as unhandled before then.
  sendcloudRounds.catch(() => undefined);
}, 240_000);

afterAll(async () => {
  await Promise.all([ep?.close(), sc?.close()]);
  for (const workspace of [...epWorkspaces, ...scWorkspaces]) workspace.cleanup();
});

/** Workspace `index`'s integrations; round 2 gives each a description, so that every one is updated. */
function epDeclared(index: number, round: 1 | 2): Record<string, Record<string, unknown>> {
  const prefix = `team${index + 1}`;
  return Object.fromEntries(
    Array.from({ length: EP_PER_WORKSPACE }, (_, i) => [
      `${prefix}_${i}`,
      { ...epIntegration(prefix, i), ...(round === 2 ? { description: `${prefix} integration ${i}, round 2` } : {}) },
    ]),
  );
}

/** Workspace `index`'s Sendcloud integrations (seeded ones, adopted); round 2 renames every shop. */
function scDeclared(index: number, round: 1 | 2): Record<string, Record<string, unknown>> {
  const ids = Array.from({ length: SC_PER_WORKSPACE }, (_, i) => SC_FIRST_ID + index * SC_PER_WORKSPACE + i);
  return Object.fromEntries(
    ids.map((id) => [`shop_${id}`, { ...scSettings(id), ...(round === 2 ? { shop_name: `Managed shop ${id}, round 2` } : {}) }]),
  );
}

async function applyAll(workspaces: TerraformWorkspace[]) {
  return Promise.all(workspaces.map((workspace) => workspace.attempt(['apply', ...TF_FLAGS, '-auto-approve'])));
}

function outcomes(runs: Array<{ code: number; stdout: string; stderr: string }>) {
  return runs.map((run) => ({ code: run.code, output: run.code === 0 ? '' : run.stdout + run.stderr }));
}

const succeeded = (count: number) => Array.from({ length: count }, () => ({ code: 0, output: '' }));

async function planAll(workspaces: TerraformWorkspace[]) {
  const plans = await Promise.all(workspaces.map((workspace) => workspace.plan()));
  return plans.map((plan) => ({ code: plan.code, output: plan.code === 0 ? '' : plan.stdout }));
}

test(
  `${EP_WORKSPACES} concurrent applies of ${EP_PER_WORKSPACE} creates, then ${EP_PER_WORKSPACE} updates, share one store at ` +
    `${EP_REQUESTS_PER_SECOND} requests/s: no failure, no duplicate, clean plans`,
  async () => {
    const admin = new Admin(ep.url);
    const urls = { elasticpath: ep.url, sendcloud: sc.url };
    const started = Date.now();

    const creates = await applyAll(epWorkspaces);
    expect(outcomes(creates)).toEqual(succeeded(EP_WORKSPACES));
    for (const run of creates) expect(run.stdout).toContain(`Apply complete! Resources: ${EP_PER_WORKSPACE} added, 0 changed, 0 destroyed.`);
    const created = await admin.integrations<StoredEpIntegration>();
    expect(created).toHaveLength(EP_WORKSPACES * EP_PER_WORKSPACE);
    expect(duplicateNames(created)).toEqual([]);

    epWorkspaces.forEach((workspace, index) => workspace.writeConfig(terraformConfig({ urls, elasticpath: epDeclared(index, 2) })));
    const updates = await applyAll(epWorkspaces);
    expect(outcomes(updates)).toEqual(succeeded(EP_WORKSPACES));
    for (const run of updates) expect(run.stdout).toContain(`Apply complete! Resources: 0 added, ${EP_PER_WORKSPACE} changed, 0 destroyed.`);
    const timeMs = Date.now() - started;

    const remote = await admin.integrations<StoredEpIntegration & { description?: string }>();
    const log = await admin.requests();
    const answers429 = log.filter((entry) => entry.status === 429).length;
    recordFigures({
      scenario: `contention: ${EP_WORKSPACES} applies x (${EP_PER_WORKSPACE} creates, then ${EP_PER_WORKSPACE} updates), one EP store at ${EP_REQUESTS_PER_SECOND} req/s`,
      requests: log.length,
      faultsInjected: answers429,
      duplicates: duplicateNames(remote).length,
      timeMs,
      applies: 2 * EP_WORKSPACES,
      notes: `${answers429} answers were 429 from the limiter`,
    });

    expect(remote).toHaveLength(EP_WORKSPACES * EP_PER_WORKSPACE);
    expect(new Set(remote.map((integration) => integration.name)).size).toBe(EP_WORKSPACES * EP_PER_WORKSPACE);
    const declared = Object.assign({}, ...epWorkspaces.map((_, index) => epDeclared(index, 2))) as Record<string, Record<string, unknown>>;
    expect(epMismatches(declared, remote)).toEqual([]);
    const undescribed = remote.filter((integration) => !/, round 2$/.test(integration.description ?? '')).map((integration) => integration.name);
    expect(undescribed).toEqual([]);
    const state = epWorkspaces.flatMap((workspace) => stateInstances(readLocalState(workspace.dir)));
    expect(stateVersusRemote(state, remote)).toEqual({ orphans: [], missing: [], different: [] });
    // The stores' limit was in force: without it this test would prove nothing.
    expect(answers429).toBeGreaterThan(0);

    expect(await planAll(epWorkspaces)).toEqual(succeeded(EP_WORKSPACES));
  },
  300_000,
);

interface SendcloudRounds {
  adoptions: Array<{ code: number; stdout: string; stderr: string }>;
  updates: Array<{ code: number; stdout: string; stderr: string }>;
  timeMs: number;
}

/** 80 adoptions, then 80 updates: 160 writes against 100 a minute, so the second round waits for the window. */
async function runSendcloudRounds(): Promise<SendcloudRounds> {
  const urls = { elasticpath: ep.url, sendcloud: sc.url };
  const started = Date.now();
  const adoptions = await applyAll(scWorkspaces);
  scWorkspaces.forEach((workspace, index) => workspace.writeConfig(terraformConfig({ urls, sendcloud: scDeclared(index, 2) })));
  const updates = await applyAll(scWorkspaces);
  return { adoptions, updates, timeMs: Date.now() - started };
}

test(
  `${SC_WORKSPACES} concurrent applies adopting ${SC_PER_WORKSPACE} Sendcloud integrations each, then updating them, share the ` +
    `account's ${SC_WRITES_PER_MINUTE} writes/minute: no failure, clean plans`,
  async () => {
    const admin = new Admin(sc.url);
    const { adoptions, updates, timeMs } = await sendcloudRounds;
    expect(outcomes(adoptions)).toEqual(succeeded(SC_WORKSPACES));
    for (const run of adoptions) expect(run.stdout).toContain(`Apply complete! Resources: ${SC_PER_WORKSPACE} added, 0 changed, 0 destroyed.`);
    expect(outcomes(updates)).toEqual(succeeded(SC_WORKSPACES));
    for (const run of updates) expect(run.stdout).toContain(`Apply complete! Resources: 0 added, ${SC_PER_WORKSPACE} changed, 0 destroyed.`);

    const remote = await admin.integrations();
    const log = await admin.requests();
    const answers429 = log.filter((entry) => entry.status === 429).length;
    recordFigures({
      scenario: `contention: ${SC_WORKSPACES} applies x (${SC_PER_WORKSPACE} adoptions, then ${SC_PER_WORKSPACE} updates), Sendcloud at ${SC_WRITES_PER_MINUTE} writes/min`,
      requests: log.length,
      faultsInjected: answers429,
      duplicates: 0,
      timeMs,
      applies: 2 * SC_WORKSPACES,
      notes: `${answers429} answers were 429 from the limiter`,
    });

    const declared = Object.assign({}, ...scWorkspaces.map((_, index) => scDeclared(index, 2))) as Record<string, Record<string, unknown>>;
    expect(scMismatches(declared, remote)).toEqual([]);
    const state = scWorkspaces.flatMap((workspace) => stateInstances(readLocalState(workspace.dir)));
    expect(stateVersusRemote(state, [], remote)).toEqual({ orphans: [], missing: [], different: [] });
    expect(answers429).toBeGreaterThan(0);

    expect(await planAll(scWorkspaces)).toEqual(succeeded(SC_WORKSPACES));
  },
  300_000,
);
