/**
 * Reliability 2: an apply of 50 creates interrupted half-way, by kill -9 of terraform, by
 * kill -9 of the provider process, and by SIGINT. Every emulator call is slowed (latency
 * fault, rate 1) so the interruption lands while creates are in flight: the server then
 * commits creates whose answers nobody receives, the case a re-run must find, not repeat.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StoredElasticPathIntegration } from '../../src/emulators';
import type { TerraformWorkspace } from '../helpers/workspace';
import {
  TF_FLAGS,
  commandLineOf,
  providerProcessesOf,
  duplicateNames,
  epResources,
  isRunning,
  readLocalState,
  recordFigures,
  startTerraform,
  stateInstances,
  stateVersusRemote,
  terraformConfig,
  waitFor,
  useEmulators,
} from './support/harness';

const CREATES = 50;
const LATENCY_MS = 100;
/**
 * Interrupt once this many objects exist remotely: mid-apply, with creates in flight. Kept low
 * so that the local state is usually still small enough to be written in one piece; when a
 * kill -9 cuts it anyway, restoreTruncatedLocalState does what an operator would.
 */
const INTERRUPT_AFTER = 8;

const emulators = useEmulators();
const epAdmin = () => emulators.ep.admin;

type Interruption = 'kill -9 terraform' | 'kill -9 provider' | 'SIGINT terraform';

interface InterruptedApply {
  workspace: TerraformWorkspace;
  interruptedRun: { code: number | null; signal: NodeJS.Signals | null; output: string };
  /** Processes terraform had started (provider plugins), seen before the interruption. */
  children: Array<{ pid: number; commandLine: string }>;
  /** Right after the interruption, once the creates in flight have landed. */
  remoteAfterInterrupt: StoredElasticPathIntegration[];
  stateAfterInterrupt: ReturnType<typeof stateInstances>;
  stateFileBytes: number;
  lockInfoLeft: boolean;
  rerun: { code: number; output: string };
  plan: { code: number; output: string };
  remoteFinal: StoredElasticPathIntegration[];
  stateFinal: ReturnType<typeof stateInstances>;
  requests: number;
  timeMs: number;
}

/**
 * A kill -9 can cut Terraform's local state file between two of its writes; Terraform then
 * refuses to load it. The operator's recovery is the backup Terraform wrote at the start of
 * the apply: restore it, and the creates it misses are found again by adoption on the re-run.
 * Returns whether the state had to be restored.
 */
function restoreTruncatedLocalState(dir: string): boolean {
  const stateFile = path.join(dir, 'terraform.tfstate');
  const text = fs.existsSync(stateFile) ? fs.readFileSync(stateFile, 'utf8') : '';
  if (text.trim() === '') return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    const backup = path.join(dir, 'terraform.tfstate.backup');
    if (fs.existsSync(backup)) fs.copyFileSync(backup, stateFile);
    else fs.rmSync(stateFile);
    return true;
  }
}

/** Starts an apply of CREATES objects, interrupts it, then re-runs apply and plan with the faults off. */
async function interruptedApply(how: Interruption, prefix: string): Promise<InterruptedApply> {
  await epAdmin().reset();
  const workspace = await emulators.workspaceWith(terraformConfig({ urls: emulators.urls, elasticpath: epResources(prefix, CREATES) }));
  await epAdmin().faults({ rate: 1, kinds: ['latency'], latencyMs: LATENCY_MS });

  const started = Date.now();
  const run = startTerraform(workspace, ['apply', ...TF_FLAGS, '-auto-approve']);
  const children = new Map<number, string>();
  await waitFor(
    async () => {
      for (const pid of providerProcessesOf(run.child.pid!, 'elasticpath')) if (!children.has(pid)) children.set(pid, commandLineOf(pid));
      return (await epAdmin().integrations()).length >= INTERRUPT_AFTER;
    },
    90_000,
    `${INTERRUPT_AFTER} creates`,
  );
  if (how === 'kill -9 terraform') {
    run.child.kill('SIGKILL');
  } else if (how === 'SIGINT terraform') {
    run.child.kill('SIGINT');
  } else {
    // As a crash would: the process running the provider's code, the run host where one serves the
    // launches (the launchers then lose their connection), else each plugin process.
    const serving = providerProcessesOf(run.child.pid!, 'elasticpath');
    const hosts = serving.filter((pid) => commandLineOf(pid).includes(' --run-host '));
    const providers = hosts.length > 0 ? hosts : serving;
    if (providers.length === 0) {
      run.child.kill('SIGKILL');
      throw new Error(`no process serving the elasticpath provider to terraform ${run.child.pid}`);
    }
    for (const pid of providers) process.kill(pid, 'SIGKILL');
  }
  const interrupted = await run.done;
  // Creates the server was still working on land after the interruption: wait for the last of them.
  await epAdmin().settle();
  await epAdmin().clearFaults();

  const remoteAfterInterrupt = await epAdmin().integrations();
  const stateFile = path.join(workspace.dir, 'terraform.tfstate');
  const stateFileBytes = fs.existsSync(stateFile) ? fs.statSync(stateFile).size : 0;
  const stateRestoredFromBackup = restoreTruncatedLocalState(workspace.dir);
  const stateAfterInterrupt = stateInstances(readLocalState(workspace.dir));
  const lockInfoLeft = fs.existsSync(path.join(workspace.dir, '.terraform.tfstate.lock.info'));

  // No force-unlock: a local state lock is a process lock that ends with the process.
  const rerun = await workspace.attempt(['apply', ...TF_FLAGS, '-auto-approve']);
  const plan = await workspace.attempt(['plan', ...TF_FLAGS, '-detailed-exitcode']);
  const result: InterruptedApply = {
    workspace,
    interruptedRun: { code: interrupted.code, signal: interrupted.signal, output: interrupted.stdout + interrupted.stderr },
    children: [...children].map(([pid, commandLine]) => ({ pid, commandLine })),
    remoteAfterInterrupt,
    stateAfterInterrupt,
    stateFileBytes,
    lockInfoLeft,
    rerun: { code: rerun.code, output: rerun.stdout + rerun.stderr },
    plan: { code: plan.code, output: plan.stdout + plan.stderr },
    remoteFinal: await epAdmin().integrations(),
    stateFinal: stateInstances(readLocalState(workspace.dir)),
    requests: (await epAdmin().requests()).length,
    timeMs: Date.now() - started,
  };
  const orphansAtInterrupt = stateVersusRemote(stateAfterInterrupt, remoteAfterInterrupt).orphans.length;
  recordFigures({
    scenario: `${how} after ${remoteAfterInterrupt.length}/${CREATES} creates`,
    requests: result.requests,
    faultsInjected: 0,
    duplicates: duplicateNames(result.remoteFinal).length,
    timeMs: result.timeMs,
    applies: 2,
    notes:
      `at interruption: ${remoteAfterInterrupt.length} remote, ${stateAfterInterrupt.length} in state (${orphansAtInterrupt} not in state), ` +
      `state file ${stateFileBytes} bytes${stateRestoredFromBackup ? ' (truncated: restored from terraform.tfstate.backup)' : ''}, ` +
      `lock.info ${lockInfoLeft ? 'left' : 'gone'}; after re-run: ${result.remoteFinal.length} remote, ` +
      `${result.stateFinal.length} in state`,
  });
  return result;
}

function expectConverged(result: InterruptedApply): void {
  expect({ code: result.rerun.code, output: result.rerun.code === 0 ? '' : result.rerun.output }).toEqual({ code: 0, output: '' });
  expect({ code: result.plan.code, output: result.plan.code === 0 ? '' : result.plan.output }).toEqual({ code: 0, output: '' });
  expect(result.stateFinal).toHaveLength(CREATES);
  // Every object in state exists remotely under its name.
  const { missing, different } = stateVersusRemote(result.stateFinal, result.remoteFinal);
  expect({ missing, different }).toEqual({ missing: [], different: [] });
}

/**
 * Creates whose answers were lost with the killed process exist remotely but not in state;
 * the re-run must adopt them (the provider's Create looks for an exact match no resource of
 * the run owns) instead of creating them again.
 */
function expectNoDuplicatesNorOrphans(result: InterruptedApply): void {
  const { orphans } = stateVersusRemote(result.stateFinal, result.remoteFinal);
  expect({ duplicates: duplicateNames(result.remoteFinal), orphans }).toEqual({ duplicates: [], orphans: [] });
  expect(result.remoteFinal).toHaveLength(CREATES);
  const orphansAtInterrupt = stateVersusRemote(result.stateAfterInterrupt, result.remoteAfterInterrupt).orphans.length;
  if (orphansAtInterrupt > 0) expect(result.rerun.output).toMatch(/Adopted an existing Elastic Path integration/);
}

test('an object whose create answer was lost (remote, not in state) is adopted by the next apply, not created again', async () => {
  await epAdmin().reset();
  const declared = epResources('lost', 3);
  const workspace = await emulators.workspaceWith(terraformConfig({ urls: emulators.urls, elasticpath: declared }));
  // What a killed run leaves behind: the server committed the POST of lost_1, the state never heard of it.
  const lost = (declared as Record<string, Record<string, unknown>>).lost_1;
  await epAdmin().seed({ ...lost, enabled: true, description: '' });

  const started = Date.now();
  const apply = await workspace.attempt(['apply', ...TF_FLAGS, '-auto-approve']);
  const remote = await epAdmin().integrations();
  const log = await epAdmin().requests();
  recordFigures({
    scenario: 'lost create left by an earlier process (deterministic)',
    requests: log.length,
    faultsInjected: 0,
    duplicates: duplicateNames(remote).length,
    timeMs: Date.now() - started,
    applies: 1,
  });

  expect(apply.code).toBe(0);
  expect(duplicateNames(remote)).toEqual([]);
  expect(remote).toHaveLength(3);
  expect(stateVersusRemote(stateInstances(readLocalState(workspace.dir)), remote).orphans).toEqual([]);
});

describe('kill -9 of terraform mid-apply', () => {
  let result: InterruptedApply;
  beforeAll(async () => {
    result = await interruptedApply('kill -9 terraform', 'killtf');
  }, 180_000);

  test('the provider processes end with terraform and no lock blocks the next apply', async () => {
    expect(result.interruptedRun.signal).toBe('SIGKILL');
    const providers = result.children;
    expect(providers.length).toBeGreaterThan(0);
    await waitFor(() => providers.every((child) => !isRunning(child.pid)), 10_000, 'the orphaned provider processes to exit');
    // The re-run needed no `terraform force-unlock`, whether or not .terraform.tfstate.lock.info was left behind.
    expect(result.rerun.output).not.toMatch(/Error acquiring the state lock/);
  });

  test('re-running apply converges: exit 0, every object in state exists remotely, the next plan is clean', () => {
    expectConverged(result);
  });

  test('lost creates are found, not made again: after the re-run there are no duplicates and no remote objects missing from state', () => {
    expectNoDuplicatesNorOrphans(result);
  });
});

describe('kill -9 of the provider process mid-apply', () => {
  let result: InterruptedApply;
  beforeAll(async () => {
    result = await interruptedApply('kill -9 provider', 'killprov');
  }, 180_000);

  test('terraform reports the dead plugin and exits 1, leaving a lock-free state', () => {
    expect(result.interruptedRun.code).toBe(1);
    expect(result.interruptedRun.output).toMatch(/Plugin did not respond/);
    expect(result.lockInfoLeft).toBe(false);
    expect(result.stateFileBytes).toBeGreaterThan(0);
  });

  test('re-running apply converges: exit 0, every object in state exists remotely, the next plan is clean', () => {
    expectConverged(result);
  });

  test('lost creates are found, not made again: after the re-run there are no duplicates and no remote objects missing from state', () => {
    expectNoDuplicatesNorOrphans(result);
  });
});

describe('SIGINT to terraform mid-apply', () => {
  let result: InterruptedApply;
  beforeAll(async () => {
    result = await interruptedApply('SIGINT terraform', 'sigint');
  }, 180_000);

  test('terraform stops gracefully: in-flight creates finish and are recorded, nothing is left outside state', () => {
    expect(result.interruptedRun.code).toBe(1);
    expect(result.interruptedRun.output).toMatch(/Interrupt received[\s\S]*Gracefully shutting down/);
    expect(result.remoteAfterInterrupt.length).toBeLessThan(CREATES);
    expect(stateVersusRemote(result.stateAfterInterrupt, result.remoteAfterInterrupt)).toEqual({ orphans: [], missing: [], different: [] });
    expect(result.lockInfoLeft).toBe(false);
  });

  test('the next apply converges with no duplicates and a clean plan', () => {
    expectConverged(result);
    expectNoDuplicatesNorOrphans(result);
  });
});
