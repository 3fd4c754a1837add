import type { DriftReport, StackDrift } from '../../src/drift/detect';
import { EXIT_DRIFT, EXIT_ERROR, EXIT_IN_SYNC, exitCodeOf, mergeReports } from '../../src/cli/drift-merge-reports';
import { parseMergeArguments, renderMerged } from '../../src/cli/drift-merge';

const clean = (name: string): StackDrift => ({ name, resources: [] });
const drifted = (name: string): StackDrift => ({
  name,
  resources: [{ address: 'elasticpath_integration.orders', constructPath: `${name}/orders`, kind: 'changed', fields: [{ path: 'enabled', declared: true, remote: false }] }],
});
const shardFile = (index: number, count: number, stacks: StackDrift[]) => ({
  source: `drift-${index}.json`,
  text: JSON.stringify({ inSync: stacks.every((s) => s.resources.length === 0), stacks, shard: { index, count } } satisfies DriftReport),
});

test('clean shards merge into one clean report with every stack, exit 0', () => {
  const merged = mergeReports([shardFile(2, 2, [clean('store-b'), clean('store-d')]), shardFile(1, 2, [clean('store-c'), clean('store-a')])]);
  expect(merged.errors).toEqual([]);
  expect(merged.inSync).toBe(true);
  expect(merged.stacks.map((s) => s.name)).toEqual(['store-a', 'store-b', 'store-c', 'store-d']);
  expect(merged.shards).toEqual({ count: 2, merged: [1, 2] });
  expect(exitCodeOf(merged)).toBe(EXIT_IN_SYNC);
});

test('drift in any shard makes the merged exit code 2, with the drifted stack and its fields kept', () => {
  const merged = mergeReports([shardFile(1, 2, [clean('store-a')]), shardFile(2, 2, [drifted('store-b')])]);
  expect(merged.inSync).toBe(false);
  expect(merged.stacks.find((s) => s.name === 'store-b')?.resources[0].fields).toEqual([{ path: 'enabled', declared: true, remote: false }]);
  expect(exitCodeOf(merged)).toBe(EXIT_DRIFT);
});

test('an error beats drift: a failed shard gives exit 1 even when another shard found drift', () => {
  const failed = { source: 'drift-2.json', text: JSON.stringify({ inSync: false, stacks: [], error: 'terraform init failed', shard: { index: 2, count: 3 } }) };
  const merged = mergeReports([shardFile(1, 3, [drifted('store-a')]), failed, shardFile(3, 3, [clean('store-c')])]);
  expect(merged.errors).toEqual([{ source: 'drift-2.json', message: 'the drift run failed: terraform init failed' }]);
  expect(exitCodeOf(merged)).toBe(EXIT_ERROR);
  // What the other shards found is still in the report.
  expect(merged.stacks.map((s) => s.name)).toEqual(['store-a', 'store-c']);
});

test('a missing, empty or foreign file is an error naming the file; the shard it held is reported missing', () => {
  const merged = mergeReports([
    shardFile(1, 4, [clean('store-a')]),
    { source: 'drift-2.json', text: undefined },
    { source: 'drift-3.json', text: '' },
    { source: 'drift-4.json', text: '{"hello":"world"}' },
  ]);
  expect(merged.errors.map((e) => e.source)).toEqual(['drift-2.json', 'drift-3.json', 'drift-4.json', 'merge']);
  expect(merged.errors[0].message).toMatch(/no such file: its job failed before writing a report/);
  expect(merged.errors[1].message).toMatch(/empty/);
  expect(merged.errors[2].message).toMatch(/not a drift report/);
  expect(merged.errors[3].message).toMatch(/shard\(s\) 2\/4, 3\/4, 4\/4 missing/);
  expect(exitCodeOf(merged)).toBe(EXIT_ERROR);
});

test('inconsistent matrices are errors: a shard twice, different N, a stack in two reports', () => {
  const twice = mergeReports([shardFile(1, 2, [clean('a')]), shardFile(1, 2, [clean('b')]), shardFile(2, 2, [])]);
  expect(twice.errors.map((e) => e.message)).toEqual([expect.stringMatching(/shard 1\/2 is given twice/)]);
  const mixedN = mergeReports([shardFile(1, 2, [clean('a')]), shardFile(2, 3, [clean('b')])]);
  expect(mixedN.errors.map((e) => e.message)).toEqual([expect.stringMatching(/different shard counts \(N=2, N=3\)/)]);
  const sameStack = mergeReports([{ source: 'x.json', text: JSON.stringify({ inSync: true, stacks: [clean('a')] }) }, { source: 'y.json', text: JSON.stringify({ inSync: true, stacks: [clean('a')] }) }]);
  expect(sameStack.errors.map((e) => e.message)).toEqual([expect.stringMatching(/stack a is in both x.json and y.json/)]);
  expect([twice, mixedN, sameStack].map(exitCodeOf)).toEqual([EXIT_ERROR, EXIT_ERROR, EXIT_ERROR]);
});

test('reconciled stacks count as settled, as for `drift --reconcile`', () => {
  const repaired: StackDrift = { ...drifted('store-a'), reconciliation: { applied: true, verifiedClean: true, remaining: [] } };
  const merged = mergeReports([{ source: 'r.json', text: JSON.stringify({ inSync: false, stacks: [repaired] }) }]);
  expect(exitCodeOf(merged)).toBe(EXIT_IN_SYNC);
});

test('a merged report merges again: its errors are carried forward', () => {
  const first = mergeReports([shardFile(1, 2, [clean('a')])]);
  const again = mergeReports([{ source: 'merged.json', text: JSON.stringify(first) }]);
  expect(again.errors).toEqual([{ source: 'merged.json: merge', message: expect.stringMatching(/shard\(s\) 2\/2 missing/) }]);
});

test('renders text with the errors first, and JSON with an errors list', () => {
  const merged = mergeReports([shardFile(1, 2, [drifted('store-a')]), { source: 'drift-2.json', text: undefined }]);
  const text = renderMerged(merged, 'text');
  expect(text.split('\n')[0]).toMatch(/^✗ drift-2.json: no such file/);
  expect(text).toContain('stack store-a: 1 resource(s) differ');
  expect(text).toMatch(/Incomplete: 2 problem\(s\) above/);
  const json = JSON.parse(renderMerged(merged, 'json'));
  expect(json.errors).toHaveLength(2);
  expect(json.stacks[0].name).toBe('store-a');
});

test('merge arguments: formats, files, and clear errors', () => {
  expect(parseMergeArguments(['--format', 'json', 'a.json', 'b.json'])).toEqual({ files: ['a.json', 'b.json'], format: 'json', failOnUnhealthy: false });
  expect(parseMergeArguments(['--json', 'a.json']).format).toBe('json');
  expect(parseMergeArguments(['--fail-on-unhealthy', 'a.json']).failOnUnhealthy).toBe(true);
  expect(parseMergeArguments(['a.json']).format).toBe('text');
  expect(() => parseMergeArguments(['--format', 'html', 'a.json'])).toThrow(/--format must be one of text, json, markdown, got "html"/);
  expect(() => parseMergeArguments([])).toThrow(/give the report files/);
});

test('a stack that could not be checked is kept by the merge, shown in every format, and makes it exit 1 even beside drift', () => {
  const failedStack: StackDrift = {
    name: 'store-c',
    resources: [],
    error: { command: 'terraform plan -input=false', message: 'exit 1: Error: Elastic Path refused the credentials\n\n  on cdk.tf.json line 14' },
  };
  const merged = mergeReports([shardFile(1, 2, [drifted('store-a'), failedStack]), shardFile(2, 2, [clean('store-b')])]);
  expect(merged.errors).toEqual([]);
  expect(merged.inSync).toBe(false);
  expect(merged.stacks.find((s) => s.name === 'store-c')?.error).toEqual(failedStack.error);
  expect(exitCodeOf(merged)).toBe(EXIT_ERROR);

  const json = JSON.parse(renderMerged(merged, 'json'));
  expect(json.stacks.find((s: StackDrift) => s.name === 'store-c').error.command).toBe('terraform plan -input=false');
  const text = renderMerged(merged, 'text');
  expect(text).toContain('✗ stack store-c: could not be checked (terraform plan -input=false)\n    exit 1: Error: Elastic Path refused the credentials\n');
  expect(text).toMatch(/1 stack\(s\) could not be checked; drift found in 1\.\n$/);
  const markdown = renderMerged(merged, 'markdown');
  expect(markdown).toMatch(/^## ❌ Drift report: 1 stack\(s\) could not be checked; drift found in 1\./);
  expect(markdown).toContain('2 stack(s) checked, 1 with differences, 1 could not be checked.');
  expect(markdown).toContain('### Stack `store-c`: ❌ could not be checked\n\n`terraform plan -input=false` failed:\n\n```\nexit 1: Error: Elastic Path refused');
});

test('a stack error that is not {command, message} makes the file an error of the merge', () => {
  const broken = { source: 'drift-1.json', text: JSON.stringify({ inSync: false, stacks: [{ name: 'store-a', resources: [], error: 'boom' }] }) };
  expect(mergeReports([broken]).errors[0].message).toMatch(/stack store-a's "error" needs "command" and "message"/);
});
