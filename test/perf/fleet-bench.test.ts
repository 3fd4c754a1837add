/**
 * The fleet benchmark in its quick mode (3 stores of 5 integrations, one run), as CI runs it:
 * it deploys the fleet to one emulator holding a store per stack, runs drift over it and its
 * terraform_data floor, and ends with the JSON line documented in docs/benchmarks.md. No
 * timing is asserted here (speed goals live in `npm run bench`), only what the figures say.
 */
import * as path from 'node:path';
import { REPO_ROOT, runProcess } from '../../scripts/bench-harness';
import { missingToolchain } from '../../scripts/go-echo-provider/build';

test('`npm run bench -- --fleet --quick --json` ends with the fleet figures', async () => {
  const result = await runProcess(process.execPath, [path.join(REPO_ROOT, 'scripts', 'run-ts.js'), path.join(REPO_ROOT, 'scripts', 'bench.ts'), '--fleet', '--quick', '--json'], {
    cwd: REPO_ROOT,
  });
  expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
  const lines = result.stdout.trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1]) as {
    fleet: Record<string, number> & { firstRun: Record<string, number>; goEchoMs: number | null; ratioToGoEcho: number | null };
  };
  expect(Object.keys(last)).toEqual(['fleet']);
  expect(Object.keys(last.fleet)).toEqual([
    ...['stores', 'integrations', 'driftMs', 'floorMs', 'ratio', 'maxRequestsPerStore', 'totalRequests', 'peakRssMb', 'firstRun'],
    ...['goEchoMs', 'ratioToGoEcho'],
  ]);
  // The Go floor is measured where a Go toolchain can build the Go echo, and said to be missing elsewhere.
  if (missingToolchain() === undefined) {
    expect(last.fleet.goEchoMs).toBeGreaterThan(0);
    expect(last.fleet.ratioToGoEcho).toBeCloseTo(last.fleet.driftMs / last.fleet.goEchoMs!, 1);
  } else {
    expect({ goEchoMs: last.fleet.goEchoMs, ratioToGoEcho: last.fleet.ratioToGoEcho }).toEqual({ goEchoMs: null, ratioToGoEcho: null });
    expect(result.stdout).toMatch(/^Go floor not measured: /m);
  }
  // One run: its first run is the whole median.
  expect(last.fleet.firstRun).toEqual({ driftMs: last.fleet.driftMs, floorMs: last.fleet.floorMs, ratio: last.fleet.ratio });
  expect(last.fleet.stores).toBe(3);
  expect(last.fleet.integrations).toBe(15);
  for (const figure of ['driftMs', 'floorMs', 'ratio', 'peakRssMb'] as const) expect(last.fleet[figure]).toBeGreaterThan(0);
  // Each store was refreshed through the API (at least its token), listing rather than one GET per integration.
  expect(last.fleet.maxRequestsPerStore).toBeGreaterThanOrEqual(1);
  expect(last.fleet.maxRequestsPerStore).toBeLessThanOrEqual(3);
  expect(last.fleet.totalRequests).toBeGreaterThanOrEqual(3);
  expect(result.stdout).toMatch(/fleet drift, 3 stores x 5 integrations: \d+ ms vs floor \(3 terraform_data stacks\)/);
}, 600_000);

test('bench options are checked before anything runs', async () => {
  const bench = (args: string[]) => runProcess(process.execPath, [path.join(REPO_ROOT, 'scripts', 'run-ts.js'), path.join(REPO_ROOT, 'scripts', 'bench.ts'), ...args], { cwd: REPO_ROOT });
  const zero = await bench(['--fleet', '--stores', '0']);
  expect(zero.code).toBe(1);
  expect(zero.stderr).toMatch(/--stores needs a whole number of at least 1/);
  const alone = await bench(['--stores', '10']);
  expect(alone.code).toBe(1);
  expect(alone.stderr).toMatch(/go with --fleet/);
}, 60_000);
