import { parseShard, shardOfStack, stacksInShard } from '../../src/drift/shard';

const fleet = (count: number, prefix = 'store') => Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${String(i).padStart(3, '0')}` }));

test('every stack lands in exactly one shard, and the shards together are the whole app', () => {
  const stacks = fleet(60);
  const shards = [1, 2, 3, 4].map((index) => stacksInShard(stacks, { index, count: 4 }));
  const names = shards.flat().map((stack) => stack.name);
  expect(names).toHaveLength(stacks.length);
  expect(new Set(names)).toEqual(new Set(stacks.map((stack) => stack.name)));
});

test('a stack keeps its shard when other stacks are added or removed', () => {
  const before = fleet(40);
  const after = [...before.slice(5), ...fleet(25, 'brand-new')];
  for (const stack of before.slice(5)) {
    const was = stacksInShard(before, { index: shardOfStack(stack.name, 5), count: 5 }).some((s) => s.name === stack.name);
    const is = stacksInShard(after, { index: shardOfStack(stack.name, 5), count: 5 }).some((s) => s.name === stack.name);
    expect([was, is]).toEqual([true, true]);
  }
  // The assignment itself is a function of the name and N alone: the same on every runner.
  expect(before.map((s) => shardOfStack(s.name, 5))).toEqual(before.map((s) => shardOfStack(s.name, 5)));
});

test('going from N to N+1 shards moves only the stacks the new shard takes', () => {
  const stacks = fleet(400);
  const moved = stacks.filter((stack) => shardOfStack(stack.name, 8) !== shardOfStack(stack.name, 9));
  // Every stack that moves goes to the new shard 9; about 1/9 of them move.
  expect(moved.every((stack) => shardOfStack(stack.name, 9) === 9)).toBe(true);
  expect(moved.length).toBeGreaterThan(400 / 9 / 2);
  expect(moved.length).toBeLessThan((400 / 9) * 2);
});

test('shards are balanced: 200 stores over 8 shards give each between half and one and a half times its share', () => {
  const stacks = fleet(200);
  const sizes = Array.from({ length: 8 }, (_, i) => stacksInShard(stacks, { index: i + 1, count: 8 }).length);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(200);
  for (const size of sizes) {
    expect(size).toBeGreaterThanOrEqual(25 * 0.5);
    expect(size).toBeLessThanOrEqual(25 * 1.5);
  }
});

test('one shard of one is the whole app', () => {
  expect(stacksInShard(fleet(7), { index: 1, count: 1 })).toHaveLength(7);
});

test('--shard K/N is parsed, and bad values name the option and the fix', () => {
  expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
  expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  expect(() => parseShard('2-8')).toThrow(/--shard must look like K\/N/);
  expect(() => parseShard('0/3')).toThrow(/K counts from 1 to N \(3\), e.g. --shard 1\/3/);
  expect(() => parseShard('4/3')).toThrow(/K counts from 1 to N/);
  expect(() => parseShard('1/0')).toThrow(/must be at least 1/);
});
