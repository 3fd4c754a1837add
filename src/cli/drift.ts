/**
 * `cdktf-integrations drift [--app-dir DIR] [--stack NAME ...] [--shard K/N] [--format text|json|markdown] [--json] [--reconcile] [--skip-synth] [--no-warm-providers]
 *   [--health [--since 24h] [--fail-on-unhealthy]]`
 * `cdktf-integrations drift merge FILE...` (see ./drift-merge.ts)
 * --json is short for --format json; markdown suits a pull-request comment or $GITHUB_STEP_SUMMARY.
 * `--report FORMAT=FILE` (repeatable) also writes the same report in another format to a file,
 * so one plan gives a pipeline both the JSON and the markdown.
 * Each provider is started once for the run and handed to Terraform (TF_REATTACH_PROVIDERS)
 * for every stack instead of being launched for every terraform command; --no-warm-providers
 * turns that off.
 * Exit codes for pipelines: 0 in sync, 2 drift found, 1 error. With --reconcile the code
 * tells the state after repair: 0 when every stack now plans clean, 2 when drift remains;
 * the report still lists what was found and repaired. Integrations no code declares (kind
 * `unmanaged`) count as drift; --reconcile deletes them only where the configuration says prune = true.
 * --health adds each declared Elastic Path integration's delivery health since --since
 * (default 24h), apart from drift, in every format (JSON: a `health` key); with
 * --fail-on-unhealthy a failed delivery also exits 2. Without --health no log is read.
 * With --shard K/N only the stacks of that shard are planned (src/drift/shard.ts); with JSON
 * output a failed run still writes a JSON object (holding `error`), so `drift merge` can tell a
 * failed shard from a missing one.
 */
import * as fs from 'node:fs';
import { detectDrift, isSettled } from '../drift/detect';
import { EXIT_DRIFT, EXIT_ERROR, EXIT_IN_SYNC } from './drift-merge-reports';
import { DRIFT_FORMATS, DRIFT_REPORT_SCHEMA_VERSION, type DriftFormat, renderReport } from '../drift/report';
import { type Shard, parseShard } from '../drift/shard';
import { parseSince } from '../../api/since';
import { parseCommandLine } from './command-line';

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
  failOnUnhealthy: boolean;
  shard?: Shard;
  /** Terraform or OpenTofu: the executable to run. @default "terraform" on the PATH */
  terraformBinary?: string;
  help?: boolean;
}

export const DRIFT_USAGE = [
  'usage: cdktf-integrations drift [--app-dir DIR] [--stack NAME ...] [--shard K/N] [--format text|json|markdown] [--json]',
  '         [--report FORMAT=FILE] [--reconcile] [--skip-synth] [--no-warm-providers] [--terraform-binary PATH]',
  '         [--health [--since 24h] [--fail-on-unhealthy]]',
  '       cdktf-integrations drift merge [--format text|json|markdown] FILE...',
  '',
  'Synthesizes the CDKTF app, lets Terraform refresh and plan each stack, and reports per resource what differs,',
  'and the integrations no code declares. Exit codes: 0 in sync, 2 drift found, 1 error.',
  '  --app-dir DIR            the app folder holding cdktf.json (default: the current folder)',
  '  --stack NAME             only this stack (repeatable)',
  '  --shard K/N              only the stacks of shard K of N (stable: a stack keeps its shard when others are added)',
  '  --format FORMAT          text (default), json (--json for short) or markdown (for a PR comment or job summary)',
  '  --report FORMAT=FILE     also write the report in FORMAT to FILE (repeatable)',
  '  --reconcile              apply the plan that restores the declared state, then verify a new plan is clean',
  '  --skip-synth             use the existing cdktf.out',
  '  --no-warm-providers      let terraform launch the providers for each command',
  '  --terraform-binary PATH  the terraform (or OpenTofu `tofu`) executable (default: terraform on the PATH)',
  '  --health                 add each declared Elastic Path integration\'s delivery health (no extra request without it)',
  '  --since DURATION         with --health: the window, e.g. 24h, 7d, or an ISO time (default 24h)',
  '  --fail-on-unhealthy      with --health: a failed delivery also exits 2',
  '  merge FILE...            combine the --json reports of a CI matrix into one report and one exit code',
].join('\n');

const DRIFT_OPTIONS = {
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
  'fail-on-unhealthy': { type: 'boolean' },
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
    failOnUnhealthy: values['fail-on-unhealthy'] === true,
    ...(values.shard === undefined ? {} : { shard: parseShard(values.shard as string) }),
    ...(values['terraform-binary'] === undefined ? {} : { terraformBinary: values['terraform-binary'] as string }),
    ...(values.help ? { help: true } : {}),
  };
  if (!parsed.health && (parsed.since !== undefined || parsed.failOnUnhealthy)) {
    throw new Error('--since and --fail-on-unhealthy belong to --health: add --health');
  }
  if (parsed.since !== undefined && typeof parseSince(parsed.since, 0) === 'string') throw new Error(`--since ${parseSince(parsed.since, 0)}`);
  return parsed;
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
  try {
    const report = await detectDrift({
      appDir: args.appDir,
      stacks: args.stacks,
      reconcile: args.reconcile,
      skipSynth: args.skipSynth,
      warmProviders: args.warmProviders,
      shard: args.shard,
      terraformBinary: args.terraformBinary,
      onProgress: (event) => {
        if (event.phase === 'done' && !event.stack) return;
        process.stderr.write(`${event.stack ? `[${event.stack}] ` : ''}${event.phase}…\n`);
      },
    });
    let unhealthy = false;
    if (args.health) {
      process.stderr.write('health…\n');
      const { collectHealth } = require('../drift/health') as typeof import('../drift/health');
      const health = await collectHealth({ appDir: args.appDir, stacks: args.stacks, sinceMs: parseSince(args.since ?? '24h', Date.now()) as number });
      Object.assign(report, { health });
      unhealthy = args.failOnUnhealthy && !health.healthy;
    }
    process.stdout.write(renderReport(report, args.format, { colour: process.stdout.isTTY === true && interactive }));
    for (const extra of args.reports) fs.writeFileSync(extra.file, renderReport(report, extra.format));
    const clean = args.reconcile ? report.stacks.every(isSettled) : report.inSync;
    return clean && !unhealthy ? EXIT_IN_SYNC : EXIT_DRIFT;
  } catch (error) {
    process.stderr.write(`cdktf-integrations drift: ${(error as Error).message}\n`);
    if (args.format === 'json') {
      const failed = { schemaVersion: DRIFT_REPORT_SCHEMA_VERSION, inSync: false, stacks: [], error: (error as Error).message, ...(args.shard ? { shard: args.shard } : {}) };
      process.stdout.write(`${JSON.stringify(failed)}\n`);
    }
    return EXIT_ERROR;
  }
}
