/** Renders a drift report for people (a table, colour only on a terminal) and for pipelines (JSON). */
import type { DriftReport } from './detect';
import type { FieldDrift } from './classify';
import { healthJson, healthText, type HealthReport } from './health';

const KIND_LABELS = {
  changed: 'changed out of band',
  deleted: 'deleted out of band',
  'not-created': 'not created yet',
  'config-changed': 'changed in code',
} as const;

export function formatJson(report: DriftReport, health?: HealthReport): string {
  return JSON.stringify(health ? { ...report, ...healthJson(health) } : report);
}

export function formatText(report: DriftReport, options: { colour?: boolean; health?: HealthReport } = {}): string {
  const paint = (code: number, text: string) => (options.colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const stack of report.stacks) {
    if (stack.resources.length === 0) {
      lines.push(`${paint(32, '✓')} stack ${stack.name}: in sync`);
      continue;
    }
    lines.push(`${paint(33, '!')} stack ${stack.name}: ${stack.resources.length} resource(s) differ`);
    for (const resource of stack.resources) {
      lines.push(`  ${paint(1, resource.address)}  ${KIND_LABELS[resource.kind]}${resource.constructPath ? `  (${resource.constructPath})` : ''}`);
      lines.push(...fieldTable(resource.fields).map((row) => `    ${row}`));
    }
    if (stack.reconciliation) {
      const { verifiedClean, remaining } = stack.reconciliation;
      lines.push(
        verifiedClean
          ? `  ${paint(32, '✓')} reconciled: applied, and a new plan is clean`
          : `  ${paint(31, '✗')} reconciled, but ${remaining.length} resource(s) still differ`,
      );
    }
  }
  const repaired = report.stacks.every((stack) => stack.resources.length === 0 || stack.reconciliation?.verifiedClean);
  lines.push(report.inSync ? 'In sync: remote objects match the code.' : repaired ? 'Drift found and reconciled.' : 'Drift found.');
  return `${lines.join('\n')}\n${options.health ? healthText(options.health, options) : ''}`;
}

function fieldTable(fields: FieldDrift[]): string[] {
  if (fields.length === 0) return [];
  const rows = [['field', 'declared', 'remote'], ...fields.map((f) => [f.path, show(f.declared), show(f.remote)])];
  const widths = [0, 1, 2].map((column) => Math.min(48, Math.max(...rows.map((row) => row[column].length))));
  return rows.map((row) => row.map((cell, column) => clip(cell, widths[column]).padEnd(widths[column])).join('  ').trimEnd());
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '-';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
