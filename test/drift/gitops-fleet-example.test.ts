/**
 * examples/gitops/drift-fleet.yml stays in step with the command: its matrix covers shards
 * 1..SHARDS, and the drift and merge command lines it runs are accepted by the CLI's parsers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseMergeArguments } from '../../src/cli/drift-merge';
import { parseDriftArguments } from '../../src/cli/drift';

const workflow = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'gitops', 'drift-fleet.yml'), 'utf8')) as {
  env: Record<string, string>;
  jobs: Record<string, { needs?: string; if?: string; strategy?: { matrix: { shard: number[] } }; steps: { run?: string }[] }>;
};
const shards = Number(workflow.env.SHARDS);
const runs = (job: string) => workflow.jobs[job].steps.map((step) => step.run ?? '').join('\n');

test('the matrix holds every shard 1..SHARDS once, and merge waits for all of them even when one fails', () => {
  expect(workflow.jobs.shard.strategy?.matrix.shard).toEqual(Array.from({ length: shards }, (_, i) => i + 1));
  expect(workflow.jobs.shard.needs).toBe('synth');
  expect(workflow.jobs.merge.needs).toBe('shard');
  expect(workflow.jobs.merge.if).toBe('always()');
});

test('the shard and merge command lines are ones the CLI accepts', () => {
  const driftLine = /cdktf-integrations drift (--shard \S+ .*?) >/.exec(runs('shard'))![1].replace(/\$\{\{ matrix\.shard \}\}\/\$SHARDS/, `2/${shards}`);
  expect(parseDriftArguments(driftLine.split(' '))).toMatchObject({ shard: { index: 2, count: shards }, skipSynth: true, format: 'json' });
  for (const line of runs('merge').split('\n').filter((l) => l.includes('drift merge'))) {
    const args = /drift merge (.*?) \$files/.exec(line)![1].split(' ');
    expect(parseMergeArguments([...args, 'reports/drift-1.json']).files).toEqual(['reports/drift-1.json']);
  }
});
