/**
 * Splitting an app's stacks over the jobs of a CI matrix: `drift --shard K/N` plans the
 * stacks that fall in shard K of N. A stack's shard depends only on its own name and N
 * (rendezvous hashing), so adding or removing another stack never moves it, and changing
 * N moves only the stacks the new layout needs to move (about 1/N of them).
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based: shard 1 of 3 is the first. */
  index: number;
  count: number;
}

/** Parses "K/N" (1 <= K <= N); the error names the option and the fix. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new Error(`--shard must look like K/N (e.g. 2/8: the second of eight shards), got "${text}"`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new Error(`--shard ${text}: N, the number of shards, must be at least 1`);
  if (index < 1 || index > count) throw new Error(`--shard ${text}: K counts from 1 to N (${count}), e.g. --shard 1/${count}`);
  return { index, count };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** The 1-based shard, of `count`, that the stack named `stackName` belongs to. */
export function shardOfStack(stackName: string, count: number): number {
  let best = 1;
  let bestScore = -1n;
  for (let index = 1; index <= count; index += 1) {
    const score = createHash('sha256').update(`${index}\0${stackName}`).digest().readBigUInt64BE(0);
    if (score > bestScore) {
      bestScore = score;
      best = index;
    }
  }
  return best;
}

/** The stacks of `shard`, in their original order. */
export function stacksInShard<T extends { name: string }>(stacks: readonly T[], shard: Shard): T[] {
  return stacks.filter((stack) => shardOfStack(stack.name, shard.count) === shard.index);
}
