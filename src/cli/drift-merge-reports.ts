/**
 * Combining the JSON reports of a CI matrix (`drift --shard K/N --json`, one per job) into
 * one report and one exit code. Pure: the command in drift-merge.ts reads the files. Only
 * the CLI uses it, so it lives here.
 *
 * An input that is missing, empty or not a report means its job failed before writing it;
 * that, a failed run's `error`, a shard given twice or left out, and a stack found in two
 * reports are errors of the merged report. A stack that could not be checked (its `error`) is
 * kept as it is and makes the merge exit 1 too. Exit code precedence: error over drift over clean.
 */
import { type DriftReport, type StackDrift, isInSync, isSettled } from '../drift/detect';
import { type HealthReport, mergeHealth } from '../drift/health';
import { type Shard, formatShard } from '../drift/shard';

export const EXIT_IN_SYNC = 0;
export const EXIT_ERROR = 1;
export const EXIT_DRIFT = 2;

export interface MergeError {
  /** The input the problem was found in (a file name), or "merge" for problems between inputs. */
  source: string;
  message: string;
}

/** What `drift --json` writes: a report, or (when the run failed) the error instead of results. */
export interface DriftReportFile extends Partial<DriftReport> {
  error?: string;
  /** Present in a merged report: merging merged reports carries them forward. */
  errors?: MergeError[];
  /** Present when the run had --health. */
  health?: HealthReport;
}

export interface MergedReport extends DriftReport {
  /** Inputs that could not be used and inconsistencies between them; empty when all went well. */
  errors: MergeError[];
  /** The shards combined, when the inputs were shard reports. */
  shards?: { count: number; merged: number[] };
  /** The inputs' health sections combined, when they were made with --health. */
  health?: HealthReport;
}

export interface MergeInput {
  /** Where the report came from, for messages: usually its file name. */
  source: string;
  /** The file's text; undefined when the file does not exist. */
  text: string | undefined;
}


/** The exit code a pipeline sees: 1 when anything failed (a stack's check included), else 2 when drift remains, else 0. */
export function exitCodeOf(report: DriftReport & { errors?: MergeError[] }): number {
  if ((report.errors?.length ?? 0) > 0 || report.stacks.some((stack) => stack.error)) return EXIT_ERROR;
  return report.stacks.every(isSettled) ? EXIT_IN_SYNC : EXIT_DRIFT;
}

/** exitCodeOf, where a failed delivery in the health section also exits 2 (--fail-on-unhealthy). */
export function exitCodeFailingOnUnhealthy(report: MergedReport): number {
  const code = exitCodeOf(report);
  return code === EXIT_IN_SYNC && report.health?.healthy === false ? EXIT_DRIFT : code;
}

export function mergeReports(inputs: readonly MergeInput[]): MergedReport {
  const errors: MergeError[] = [];
  const stacks: StackDrift[] = [];
  const stackSources = new Map<string, string>();
  const shards: { source: string; shard: Shard }[] = [];
  const healthSections: HealthReport[] = [];
  const withoutHealth: string[] = [];
  let unsharded = 0;
  if (inputs.length === 0) errors.push({ source: 'merge', message: 'no reports given: pass the files written by `drift --json`' });

  for (const input of inputs) {
    const parsed = parseReport(input);
    if ('problem' in parsed) {
      errors.push({ source: input.source, message: parsed.problem });
      continue;
    }
    const report = parsed.report;
    if (report.shard) shards.push({ source: input.source, shard: report.shard });
    else unsharded += 1;
    for (const carried of report.errors ?? []) errors.push({ source: `${input.source}: ${carried.source}`, message: carried.message });
    if (report.error !== undefined) {
      errors.push({ source: input.source, message: `the drift run failed: ${report.error}` });
    } else if (report.health) healthSections.push(report.health);
    else withoutHealth.push(input.source);
    for (const stack of report.stacks ?? []) {
      const seen = stackSources.get(stack.name);
      if (seen !== undefined) {
        errors.push({
          source: 'merge',
          message: `stack ${stack.name} is in both ${seen} and ${input.source}: was a file given twice, or were the shards made with different N?`,
        });
        continue;
      }
      stackSources.set(stack.name, input.source);
      stacks.push(stack);
    }
  }

  const shardSummary = checkShards(shards, unsharded, errors);
  if (healthSections.length > 0 && withoutHealth.length > 0) {
    errors.push({ source: 'merge', message: `${withoutHealth.join(', ')} have no health section while others do: run every job with --health` });
  }
  const health = mergeHealth(healthSections);
  stacks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    inSync: errors.length === 0 && stacks.every(isInSync),
    stacks,
    errors,
    ...(shardSummary ? { shards: shardSummary } : {}),
    ...(health ? { health } : {}),
  };
}

function parseReport(input: MergeInput): { report: DriftReportFile } | { problem: string } {
  const fix = 'its job failed before writing a report (see that job\'s log), or the file is not one written by `drift --json`';
  if (input.text === undefined) return { problem: `no such file: ${fix}` };
  if (input.text.trim() === '') return { problem: `the file is empty: ${fix}` };
  let value: unknown;
  try {
    value = JSON.parse(input.text);
  } catch (error) {
    return { problem: `not JSON (${(error as Error).message}): ${fix}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: `not a drift report (not a JSON object): ${fix}` };
  const report = value as DriftReportFile;
  if (report.error !== undefined) {
    if (typeof report.error !== 'string') return { problem: `not a drift report ("error" is not a string): ${fix}` };
  } else if (typeof report.inSync !== 'boolean' || !Array.isArray(report.stacks)) {
    return { problem: `not a drift report (it needs "inSync" and "stacks"): ${fix}` };
  }
  for (const stack of report.stacks ?? []) {
    if (typeof stack?.name !== 'string' || !Array.isArray(stack.resources)) {
      return { problem: `not a drift report (a stack without "name" or "resources"): ${fix}` };
    }
    if (stack.error !== undefined && (typeof stack.error?.message !== 'string' || !(typeof stack.error.command === 'string' || stack.error.command === null))) {
      return { problem: `not a drift report (stack ${stack.name}'s "error" needs "command" and "message"): ${fix}` };
    }
  }
  if (report.shard !== undefined && !isShard(report.shard)) return { problem: `not a drift report ("shard" is not {index, count}): ${fix}` };
  return { report };
}

function isShard(value: unknown): value is Shard {
  const shard = value as Shard;
  return Number.isInteger(shard?.index) && Number.isInteger(shard?.count) && shard.index >= 1 && shard.index <= shard.count;
}

/** Every shard 1..N exactly once, all with the same N, and no whole-app report mixed in. */
function checkShards(shards: { source: string; shard: Shard }[], unsharded: number, errors: MergeError[]): MergedReport['shards'] {
  if (shards.length === 0) return undefined;
  if (unsharded > 0) {
    errors.push({ source: 'merge', message: `${unsharded} report(s) without a shard are mixed with shard reports: merge the reports of one matrix` });
  }
  const counts = [...new Set(shards.map(({ shard }) => shard.count))];
  if (counts.length > 1) {
    errors.push({
      source: 'merge',
      message: `the reports come from different shard counts (${counts.map((n) => `N=${n}`).join(', ')}): merge the reports of one matrix`,
    });
    return undefined;
  }
  const count = counts[0];
  const bySeen = new Map<number, string>();
  for (const { source, shard } of shards) {
    const earlier = bySeen.get(shard.index);
    if (earlier !== undefined) errors.push({ source: 'merge', message: `shard ${formatShard(shard)} is given twice (${earlier} and ${source})` });
    else bySeen.set(shard.index, source);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !bySeen.has(index));
  if (missing.length > 0) {
    errors.push({
      source: 'merge',
      message: `shard(s) ${missing.map((index) => `${index}/${count}`).join(', ')} missing: every job of the matrix must upload its report, even when it fails`,
    });
  }
  return { count, merged: [...bySeen.keys()].sort((a, b) => a - b) };
}
