/**
 * `cdktf-integrations drift merge [--format text|json|markdown] [--json] [--fail-on-unhealthy] FILE...`:
 * combines the JSON reports of a CI matrix (`drift --shard K/N --json`) into one report on
 * stdout and one exit code: 1 when a report is missing, failed or inconsistent or a stack could
 * not be checked, else 2 on drift (or, with --fail-on-unhealthy, a failed delivery in the
 * reports' health sections), else 0. What it prints passes through the redactor (src/drift/redact.ts).
 */
import * as fs from 'node:fs';
import { isInSync } from '../drift/detect';
import { redactorForEnvironment } from '../drift/redact';
import { parseCommandLine } from './command-line';
import { EXIT_ERROR, type MergedReport, exitCodeFailingOnUnhealthy, exitCodeOf, mergeReports } from './drift-merge-reports';
import { DRIFT_FORMATS as FORMATS, type DriftFormat as Format, formatJson, formatMarkdown, formatText } from '../drift/report';

interface MergeArguments {
  files: string[];
  format: Format;
  failOnUnhealthy: boolean;
}

/** What `drift merge` parses: the table its parser reads and the docs tests check. */
export const MERGE_OPTIONS = {
  format: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  'fail-on-unhealthy': { type: 'boolean' },
} as const;

export function parseMergeArguments(argv: string[]): MergeArguments {
  const formatProblem = (value: string | undefined) =>
    `--format must be one of ${FORMATS.join(', ')}, got ${value === undefined ? 'nothing' : `"${value}"`}`;
  const { values, positionals, given } = parseCommandLine(argv, {
    options: MERGE_OPTIONS,
    positionals: true,
    dashedValues: true,
    unknown: (argument) => `unknown option ${argument}: use --format text|json|markdown, --json, --fail-on-unhealthy, then the report files`,
    missingValue: () => formatProblem(undefined),
  });
  let format: Format = 'text';
  // --json is short for --format json: whichever comes last wins.
  for (const option of given) {
    if (option.name === 'json') format = 'json';
    else if (option.name !== 'format') continue;
    else if ((FORMATS as readonly string[]).includes(option.value as string)) format = option.value as Format;
    else throw new Error(formatProblem(option.value));
  }
  if (positionals.length === 0) throw new Error('give the report files to merge, e.g. `drift merge reports/*.json`');
  return { files: [...positionals], format, failOnUnhealthy: values['fail-on-unhealthy'] === true };
}

/**
 * The merged report in `format`, through the drift report's own renderers; merge errors come
 * first in text and markdown, and as `errors` in JSON.
 */
export function renderMerged(report: MergedReport, format: Format, options: { colour?: boolean } = {}): string {
  if (format === 'json') return `${formatJson(report)}\n`;
  const errorLines = report.errors.map((error) => `${error.source}: ${error.message}`);
  if (format === 'markdown') {
    const errorBlock = errorLines.length > 0 ? `**Errors**\n\n${errorLines.map((line) => `- ${line}`).join('\n')}\n\n` : '';
    return `${errorBlock}${formatMarkdown(report)}`;
  }
  if (errorLines.length === 0) return formatText(report, options);
  // The table's closing line speaks of the stacks it shows; the errors say what it could not show.
  const shown = { ...report, inSync: report.stacks.every(isInSync) };
  return [
    ...errorLines.map((line) => `✗ ${line}`),
    formatText(shown, options).trimEnd(),
    `Incomplete: ${report.errors.length} problem(s) above; stacks of the failed or missing reports were not checked.`,
    '',
  ].join('\n');
}

export async function runDriftMergeCommand(argv: string[]): Promise<number> {
  let args: MergeArguments;
  try {
    args = parseMergeArguments(argv);
  } catch (error) {
    process.stderr.write(`cdktf-integrations drift merge: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
  // The inputs were redacted when written; this catches what the merge job itself knows (its environment's provider secrets).
  const redactor = redactorForEnvironment(process.env);
  const report = mergeReports(args.files.map((file) => ({ source: file, text: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined })));
  try {
    process.stdout.write(redactor.redact(renderMerged(report, args.format, { colour: process.stdout.isTTY === true })));
  } catch (error) {
    process.stderr.write(redactor.redact(`cdktf-integrations drift merge: ${(error as Error).message}\n`));
    return EXIT_ERROR;
  }
  if (args.failOnUnhealthy && !report.health && report.errors.length === 0) {
    process.stderr.write('cdktf-integrations drift merge: --fail-on-unhealthy: the reports have no health section: run the jobs with `drift --health`\n');
    return EXIT_ERROR;
  }
  for (const error of report.errors) process.stderr.write(redactor.redact(`cdktf-integrations drift merge: ${error.source}: ${error.message}\n`));
  for (const stack of report.stacks.filter((entry) => entry.error)) {
    process.stderr.write(redactor.redact(`cdktf-integrations drift merge: stack ${stack.name} could not be checked\n`));
  }
  return args.failOnUnhealthy ? exitCodeFailingOnUnhealthy(report) : exitCodeOf(report);
}
