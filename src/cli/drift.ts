/**
 * `cdktf-integrations drift [--app-dir DIR] [--stack NAME ...] [--shard K/N] [--format text|json|markdown] [--json] [--reconcile] [--skip-synth] [--no-warm-providers]
 *   [--stack-timeout 10m] [--health [--since 24h | --health-baseline FILE] [--fail-on-unhealthy]]`
 * `cdktf-integrations drift merge [--format text|json|markdown] [--json] [--fail-on-unhealthy] FILE...` (see ./drift-merge.ts)
 * --json is short for --format json; markdown suits a pull-request comment or $GITHUB_STEP_SUMMARY.
 * `--report FORMAT=FILE` (repeatable) also writes the same report in another format to a file,
 * so one plan gives a pipeline both the JSON and the markdown.
 * Each provider is started once for the run and handed to Terraform (TF_REATTACH_PROVIDERS)
 * for every stack instead of being launched for every terraform command; --no-warm-providers
 * turns that off.
 * Every selected stack is checked however the others end: a stack whose check fails, or takes
 * longer than --stack-timeout (its terraform is then killed), is reported with its `error` and
 * the run exits 1 once all stacks are done. Every output passes through one redactor
 * (src/drift/redact.ts): no secret value the run knows is printed or written.
 * Exit codes for pipelines: 0 in sync, 2 drift found, 1 error (a stack included). With --reconcile the code
 * tells the state after repair: 0 when every stack now plans clean, 2 when drift remains;
 * the report still lists what was found and repaired. Integrations no code declares (kind
 * `unmanaged`) count as drift; --reconcile deletes them only where the configuration says prune = true.
 * --health adds each declared Elastic Path and Sendcloud integration's delivery health since --since
 * (default 24h), apart from drift, in every format (JSON: a `health` key); with
 * --fail-on-unhealthy a failed delivery (or logs that could not be read) also exits 2. Without --health no log is read.
 * --health-baseline FILE (the previous run's JSON report) counts instead the logs that report
 * did not list: exact without timestamps, which Elastic Path's logs do not carry. Health covers
 * the stacks the run checked (its --stack and --shard), through the same --terraform-binary.
 * With --shard K/N only the stacks of that shard are planned (src/drift/shard.ts); with JSON
 * output a failed run still writes a JSON object (holding `error`), so `drift merge` can tell a
 * failed shard from a missing one.
 */
import * as fs from 'node:fs';
import { DEFAULT_STACK_TIMEOUT_MS, detectDrift, formatDuration, isSettled } from '../drift/detect';
import { DRIFT_FORMATS, DRIFT_REPORT_SCHEMA_VERSION, type DriftFormat, renderReport } from '../drift/report';
import { readHealthBaseline } from '../drift/health';
import { type Shard, parseShard } from '../drift/shard';
import { redactorForEnvironment } from '../drift/redact';
import { parseDuration, parseSince } from '../../api/since';
import { parseCommandLine } from './command-line';
import { EXIT_DRIFT, EXIT_ERROR, EXIT_IN_SYNC } from './drift-merge-reports';

export { EXIT_DRIFT, EXIT_ERROR, EXIT_IN_SYNC };

interface DriftArguments {
  appDir?: string;
  stacks: string[];
  format: DriftFormat;
  /** Further renderings of the same report, written to files. */
  reports: { format: DriftFormat; file: string }[];
  reconcile: boolean;
  skipSynth: boolean;
  warmProviders: boolean;
  health: boolean;
  since?: string;
  healthBaseline?: string;
  failOnUnhealthy: boolean;
  shard?: Shard;
  /** Terraform or OpenTofu: the executable to run. @default "terraform" on the PATH */
  terraformBinary?: string;
  /** How long one stack's check may take. @default DEFAULT_STACK_TIMEOUT_MS */
  stackTimeoutMs: number;
  help?: boolean;
}

export const DRIFT_USAGE = [
  'usage: cdktf-integrations drift [--app-dir DIR] [--stack NAME ...] [--shard K/N] [--format text|json|markdown] [--json]',
  '         [--report FORMAT=FILE] [--reconcile] [--skip-synth] [--no-warm-providers] [--terraform-binary PATH] [--stack-timeout 10m]',
  '         [--health [--since 24h | --health-baseline FILE] [--fail-on-unhealthy]]',
  '       cdktf-integrations drift merge [--format text|json|markdown] [--json] [--fail-on-unhealthy] FILE...',
  '',
  'Synthesizes the CDKTF app, lets Terraform refresh and plan each stack, and reports per resource what differs,',
  'and the integrations no code declares. Every stack is checked even when others fail; a failed stack is reported',
  'with its error. Exit codes: 0 in sync, 2 drift found, 1 error (a stack that could not be checked included).',
  '  --app-dir DIR            the app folder holding cdktf.json (default: the current folder)',
  '  --stack NAME             only this stack (repeatable)',
  '  --shard K/N              only the stacks of shard K of N (stable: a stack keeps its shard when others are added)',
  '  --format FORMAT          text (default), json (--json for short) or markdown (for a PR comment or job summary)',
  '  --report FORMAT=FILE     also write the report in FORMAT to FILE (repeatable)',
  '  --reconcile              apply the plan that restores the declared state, then verify a new plan is clean',
  '  --skip-synth             use the existing cdktf.out',
  '  --no-warm-providers      let terraform launch the providers for each command (always so on Windows)',
  '  --terraform-binary PATH  the terraform (or OpenTofu `tofu`) executable (default: terraform on the PATH)',
  `  --stack-timeout DURATION end a stack's terraform after this long and report it failed, e.g. 90s, 5m (default ${formatDuration(DEFAULT_STACK_TIMEOUT_MS)})`,
  '  --health                 add each declared Elastic Path and Sendcloud integration\'s delivery health (no extra request without it)',
  '  --since DURATION         with --health: the window, e.g. 24h, 7d, or an ISO time (default 24h); applies only',
  '                           to logs that carry a time, which Elastic Path\'s do not (the report says so)',
  '  --health-baseline FILE   with --health: count only the logs the previous JSON report (FILE) did not list',
  '  --fail-on-unhealthy      with --health: a failed delivery, or logs that could not be read, also exits 2',
  '  merge FILE...            combine the --json reports of a CI matrix into one report and one exit code: 1 when a',
  '                           report is missing or failed, else 2 on drift (with --fail-on-unhealthy: or an unhealthy',
  '                           integration; reports without health then exit 1), else 0',
].join('\n');

/** What `drift` parses: the table its parser reads and the docs tests check. */
export const DRIFT_OPTIONS = {
  'app-dir': { type: 'string' },
  stack: { type: 'string', multiple: true },
  shard: { type: 'string' },
  format: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  report: { type: 'string', multiple: true },
  reconcile: { type: 'boolean' },
  'skip-synth': { type: 'boolean' },
  'no-warm-providers': { type: 'boolean' },
  'terraform-binary': { type: 'string' },
  health: { type: 'boolean' },
  since: { type: 'string' },
  'health-baseline': { type: 'string' },
  'fail-on-unhealthy': { type: 'boolean' },
  'stack-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseDriftArguments(argv: string[]): DriftArguments {
  const { values, given } = parseCommandLine(argv, {
    options: DRIFT_OPTIONS,
    unknown: (argument) => `unknown option ${argument}: see \`cdktf-integrations drift --help\``,
    missingValue: (option) => `${option} needs a value`,
  });
  const strings = (name: keyof typeof DRIFT_OPTIONS) => (values[name] as string[] | undefined) ?? [];
  const formats = strings('format').map(driftFormat);
  // --json is short for --format json: whichever comes last wins.
  const lastFormat = given.filter((option) => option.name === 'format' || option.name === 'json').pop();
  const parsed: DriftArguments = {
    appDir: values['app-dir'] as string | undefined,
    stacks: strings('stack'),
    format: lastFormat === undefined ? 'text' : lastFormat.name === 'json' ? 'json' : formats[formats.length - 1],
    reports: strings('report').map(reportFile),
    reconcile: values.reconcile === true,
    skipSynth: values['skip-synth'] === true,
    warmProviders: values['no-warm-providers'] !== true,
    health: values.health === true,
    since: values.since as string | undefined,
    healthBaseline: values['health-baseline'] as string | undefined,
    failOnUnhealthy: values['fail-on-unhealthy'] === true,
    stackTimeoutMs: values['stack-timeout'] === undefined ? DEFAULT_STACK_TIMEOUT_MS : stackTimeout(values['stack-timeout'] as string),
    ...(values.shard === undefined ? {} : { shard: parseShard(values.shard as string) }),
    ...(values['terraform-binary'] === undefined ? {} : { terraformBinary: values['terraform-binary'] as string }),
    ...(values.help ? { help: true } : {}),
  };
  if (!parsed.health && (parsed.since !== undefined || parsed.healthBaseline !== undefined || parsed.failOnUnhealthy)) {
    throw new Error('--since, --health-baseline and --fail-on-unhealthy belong to --health: add --health');
  }
  if (parsed.since !== undefined && parsed.healthBaseline !== undefined) {
    throw new Error('--since and --health-baseline are two windows: give --health-baseline FILE alone (new logs since that report) or --since alone');
  }
  if (parsed.since !== undefined && typeof parseSince(parsed.since, 0) === 'string') throw new Error(`--since ${parseSince(parsed.since, 0)}`);
  return parsed;
}

function stackTimeout(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new Error(`--stack-timeout ${value} is not a duration: write e.g. 90s, 5m or 1h`);
  return ms;
}

function driftFormat(value: string): DriftFormat {
  if (!(DRIFT_FORMATS as readonly string[]).includes(value)) throw new Error(`--format ${value} is not a report format: use ${DRIFT_FORMATS.join(', ')}`);
  return value as DriftFormat;
}

function reportFile(value: string): { format: DriftFormat; file: string } {
  const match = /^([a-z]+)=(.+)$/.exec(value);
  if (!match) throw new Error(`--report ${value}: give FORMAT=FILE, e.g. --report markdown=drift.md`);
  return { format: driftFormat(match[1]), file: match[2] };
}

export async function runDriftCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'merge') return require('./drift-merge').runDriftMergeCommand(argv.slice(1));
  let args: DriftArguments;
  try {
    args = parseDriftArguments(argv);
  } catch (error) {
    process.stderr.write(`cdktf-integrations drift: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
  if (args.help) {
    process.stdout.write(`${DRIFT_USAGE}\n`);
    return EXIT_IN_SYNC;
  }
  const interactive = process.stderr.isTTY === true;
  // Every text this command prints or writes goes through `redacted`; the report learns the configuration's secrets as it runs.
  const redactor = redactorForEnvironment(process.env);
  const redacted = (text: string) => redactor.redact(text);
  try {
    // Read before any terraform runs, so a wrong file fails at once.
    const baseline = args.health && args.healthBaseline !== undefined ? readHealthBaseline(args.healthBaseline) : undefined;
    const report = await detectDrift({
      appDir: args.appDir,
      stacks: args.stacks,
      reconcile: args.reconcile,
      skipSynth: args.skipSynth,
      warmProviders: args.warmProviders,
      shard: args.shard,
      terraformBinary: args.terraformBinary,
      stackTimeoutMs: args.stackTimeoutMs,
      redactor,
      onProgress: (event) => {
        if (event.phase === 'done' && !event.stack) return;
        process.stderr.write(redacted(`${event.stack ? `[${event.stack}] ` : ''}${event.phase}…\n`));
      },
    });
    let unhealthy = false;
    if (args.health) {
      process.stderr.write('health…\n');
      const { collectHealth } = require('../drift/health') as typeof import('../drift/health');
      const health = await collectHealth({
        appDir: args.appDir,
        // The stacks this run checked (its --stack and --shard), those whose check did not fail: others may not even be initialized here.
        stacks: report.stacks.filter((stack) => !stack.error).map((stack) => stack.name),
        terraformBinary: args.terraformBinary,
        window: baseline ? { baseline } : { sinceMs: parseSince(args.since ?? '24h', Date.now()) as number },
      });
      Object.assign(report, { health: redactor.redactValue(health) });
      unhealthy = args.failOnUnhealthy && !health.healthy;
    }
    process.stdout.write(redacted(renderReport(report, args.format, { colour: process.stdout.isTTY === true && interactive })));
    for (const extra of args.reports) fs.writeFileSync(extra.file, redacted(renderReport(report, extra.format)));
    const failed = report.stacks.filter((stack) => stack.error);
    for (const { name, error } of failed) {
      process.stderr.write(redacted(`cdktf-integrations drift: stack ${name} could not be checked${error!.command ? ` (\`${error!.command}\`)` : ''}: ${error!.message}\n`));
    }
    if (failed.length > 0) return EXIT_ERROR;
    const clean = args.reconcile ? report.stacks.every(isSettled) : report.inSync;
    return clean && !unhealthy ? EXIT_IN_SYNC : EXIT_DRIFT;
  } catch (error) {
    process.stderr.write(redacted(`cdktf-integrations drift: ${(error as Error).message}\n`));
    if (args.format === 'json') {
      process.stdout.write(redacted(`${failedRunJson((error as Error).message, args.shard)}\n`));
    }
    return EXIT_ERROR;
  }
}

/** The JSON a run that failed as a whole writes (`--json`): its `error` instead of results, so `drift merge` tells it from a missing report. */
export function failedRunJson(message: string, shard?: Shard): string {
  return JSON.stringify({ schemaVersion: DRIFT_REPORT_SCHEMA_VERSION, inSync: false, stacks: [], error: message, ...(shard ? { shard } : {}) });
}
