/**
 * Renders a drift report: text for people (colour only on a terminal), JSON for pipelines,
 * markdown for a pull-request comment or $GITHUB_STEP_SUMMARY.
 *
 * Each format is a list of sections over the one report object: to add a section (health,
 * merged shards), write its function for each format and add it to that format's list.
 * Values are the report's own: secrets are already `(sensitive)` there (src/drift/redact.ts), and
 * the command redacts the rendered text once more on its way out.
 */
import type { FieldDrift, ResourceDrift } from './classify';
import { type DriftReport, type StackDrift, isInSync, isSettled } from './detect';
import { healthMarkdownLines, healthOf, healthTextLines } from './health';

export const DRIFT_FORMATS = ['text', 'json', 'markdown'] as const;
export type DriftFormat = (typeof DRIFT_FORMATS)[number];

/**
 * Bumped when a key of the JSON report changes meaning or goes away (new keys do not bump it).
 * `stacks[].error` (a stack that could not be checked) is such a new key: still 1.
 */
export const DRIFT_REPORT_SCHEMA_VERSION = 1;

const KIND_LABELS = {
  changed: 'changed out of band',
  deleted: 'deleted out of band',
  'not-created': 'not created yet',
  'config-changed': 'changed in code',
  unmanaged: 'not declared in code',
} as const;

export interface RenderOptions {
  /** Text only: ANSI colours. @default false */
  colour?: boolean;
}

export function renderReport(report: DriftReport, format: DriftFormat, options: RenderOptions = {}): string {
  if (format === 'json') return `${formatJson(report)}\n`;
  if (format === 'markdown') return formatMarkdown(report);
  return formatText(report, options);
}

export function formatJson(report: DriftReport): string {
  return JSON.stringify({ schemaVersion: DRIFT_REPORT_SCHEMA_VERSION, ...report });
}

// ---------------------------------------------------------------------------------------------
// Shared wording

function isUnmanaged(resource: ResourceDrift): boolean {
  return resource.kind === 'unmanaged';
}

function unmanagedAction(resource: ResourceDrift, stack: StackDrift): string {
  if (!resource.prune) return 'reported only (prune is off)';
  const stillThere = stack.reconciliation?.remaining.some((left) => left.integration?.id === resource.integration?.id);
  return stack.reconciliation && !stillThere ? 'deleted by reconcile' : 'deleted on apply (prune = true)';
}

function failedStacks(report: DriftReport): StackDrift[] {
  return report.stacks.filter((stack) => stack.error);
}

function overall(report: DriftReport): string {
  const failed = failedStacks(report).length;
  if (failed > 0) {
    const differing = report.stacks.filter((stack) => !stack.error && !isSettled(stack)).length;
    return `${failed} stack(s) could not be checked${differing > 0 ? `; drift found in ${differing}` : ''}.`;
  }
  if (report.inSync) return 'In sync: remote objects match the code.';
  if (report.stacks.every(isSettled)) return 'Drift found and reconciled.';
  const leftUnmanaged = report.stacks.flatMap((stack) => (stack.reconciliation ? stack.reconciliation.remaining : stack.resources));
  return leftUnmanaged.length > 0 && leftUnmanaged.every(isUnmanaged) && report.stacks.some((stack) => stack.reconciliation)
    ? 'Drift reconciled; undeclared integrations remain reported.'
    : 'Drift found.';
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '-';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

// ---------------------------------------------------------------------------------------------
// Text

type TextSection = (report: DriftReport, paint: (code: number, text: string) => string) => string[];

const TEXT_SECTIONS: TextSection[] = [
  (report, paint) => report.stacks.flatMap((stack) => textStack(stack, paint)),
  (report) => [overall(report)],
  (report, paint) => (healthOf(report) ? healthTextLines(healthOf(report)!, paint) : []),
];

export function formatText(report: DriftReport, options: RenderOptions = {}): string {
  const paint = (code: number, text: string) => (options.colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  return `${TEXT_SECTIONS.flatMap((section) => section(report, paint)).join('\n')}\n`;
}

function textStack(stack: StackDrift, paint: (code: number, text: string) => string): string[] {
  if (stack.error) {
    return [
      `${paint(31, '✗')} stack ${stack.name}: could not be checked${stack.error.command ? ` (${stack.error.command})` : ''}`,
      ...stack.error.message.split('\n').map((line) => `    ${line}`.trimEnd()),
    ];
  }
  if (stack.resources.length === 0) return [`${paint(32, '✓')} stack ${stack.name}: in sync`];
  const lines = [`${paint(33, '!')} stack ${stack.name}: ${stack.resources.length} resource(s) differ`];
  for (const resource of stack.resources) {
    if (isUnmanaged(resource) && resource.integration) {
      const { store, id, name, type, destination } = resource.integration;
      lines.push(`  ${paint(1, `${resource.integration.provider} store ${store}`)}  ${KIND_LABELS.unmanaged}: ${id} "${show(name)}"  ${unmanagedAction(resource, stack)}`);
      lines.push(`    type ${show(type)}, destination ${clip(show(destination), 96)}`);
      continue;
    }
    lines.push(`  ${paint(1, resource.address)}  ${KIND_LABELS[resource.kind]}${resource.constructPath ? `  (${resource.constructPath})` : ''}`);
    lines.push(...fieldTable(resource.fields).map((row) => `    ${row}`));
  }
  if (stack.reconciliation) {
    const { verifiedClean, remaining } = stack.reconciliation;
    const reported = remaining.filter(isUnmanaged).length;
    lines.push(
      verifiedClean
        ? `  ${paint(32, '✓')} reconciled: applied, and a new plan is clean${reported > 0 ? ` (${reported} undeclared integration(s) still reported)` : ''}`
        : `  ${paint(31, '✗')} reconciled, but ${remaining.length} resource(s) still differ`,
    );
  }
  return lines;
}

function fieldTable(fields: FieldDrift[]): string[] {
  if (fields.length === 0) return [];
  const rows = [['field', 'declared', 'remote'], ...fields.map((f) => [f.path, show(f.declared), show(f.remote)])];
  const widths = [0, 1, 2].map((column) => Math.min(48, Math.max(...rows.map((row) => row[column].length))));
  return rows.map((row) => row.map((cell, column) => clip(cell, widths[column]).padEnd(widths[column])).join('  ').trimEnd());
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Longest value shown in a markdown cell; the full value is in the JSON report. */
const MARKDOWN_CELL_WIDTH = 80;

type MarkdownSection = (report: DriftReport) => string[];

const MARKDOWN_SECTIONS: MarkdownSection[] = [
  markdownHeading,
  (report) => report.stacks.flatMap(markdownStack),
  (report) => (healthOf(report) ? healthMarkdownLines(healthOf(report)!) : []),
];

export function formatMarkdown(report: DriftReport): string {
  return `${MARKDOWN_SECTIONS.flatMap((section) => section(report)).join('\n')}\n`;
}

function markdownHeading(report: DriftReport): string[] {
  const differing = report.stacks.filter((stack) => stack.resources.length > 0).length;
  const failed = failedStacks(report).length;
  const icon = failed > 0 ? '❌' : report.inSync ? '✅' : '⚠️';
  return [
    `## ${icon} Drift report: ${overall(report)}`,
    '',
    `${report.stacks.length - failed} stack(s) checked, ${differing} with differences${failed > 0 ? `, ${failed} could not be checked` : ''}.`,
    '',
  ];
}

/** A table cell: code-formatted, pipes and line breaks escaped, long values clipped. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '–';
  const text = clip(show(value), MARKDOWN_CELL_WIDTH).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'");
  return `\`${text}\``;
}

/** A fenced block that no line of `text` can close early. */
function fenced(text: string): string[] {
  const longestRun = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return [fence, text, fence];
}

function markdownStack(stack: StackDrift): string[] {
  if (stack.error) {
    return [
      `### Stack \`${stack.name}\`: ❌ could not be checked`,
      '',
      ...(stack.error.command ? [`\`${stack.error.command.replace(/`/g, "'")}\` failed:`, ''] : []),
      ...fenced(stack.error.message),
      '',
    ];
  }
  if (isInSync(stack)) return [`### Stack \`${stack.name}\`: in sync`, ''];
  const lines = [`### Stack \`${stack.name}\`: ${stack.resources.length} resource(s) differ`, ''];
  const fieldDrift = stack.resources.filter((resource) => !isUnmanaged(resource));
  if (fieldDrift.length > 0) {
    lines.push('| resource | change | field | declared | remote |', '| --- | --- | --- | --- | --- |');
    for (const resource of fieldDrift) {
      const name = cell(resource.constructPath ?? resource.address);
      const rows = resource.fields.length > 0 ? resource.fields : [{ path: '', declared: null, remote: null }];
      for (const field of rows) {
        lines.push(`| ${name} | ${KIND_LABELS[resource.kind]} | ${field.path ? cell(field.path) : '–'} | ${cell(field.declared)} | ${cell(field.remote)} |`);
      }
    }
    lines.push('');
  }
  const unmanaged = stack.resources.filter(isUnmanaged);
  if (unmanaged.length > 0) {
    lines.push('**Integrations no code declares**', '', '| provider | store | id | name | type | destination | action |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const resource of unmanaged) {
      const integration = resource.integration;
      lines.push(
        `| ${integration?.provider ?? '–'} | ${cell(integration?.store)} | ${cell(integration?.id)} | ${cell(integration?.name)} | ${cell(integration?.type)} | ${cell(integration?.destination)} | ${unmanagedAction(resource, stack)} |`,
      );
    }
    lines.push('');
  }
  if (stack.reconciliation) {
    const { verifiedClean, remaining } = stack.reconciliation;
    lines.push(verifiedClean ? '_Reconciled: applied, and a new plan is clean._' : `_Reconciled, but ${remaining.length} resource(s) still differ._`, '');
  }
  return lines;
}
