/**
 * Turns Terraform's saved-plan JSON (`terraform show -json PLAN`) into a field-level
 * drift report. Pure: no processes, no files.
 *
 * One normal plan carries both halves of the answer: `resource_drift` holds what the
 * refresh found changed outside Terraform, `resource_changes` what apply would do to
 * make remote match the code. A field is reported only when apply would change it, so
 * server-side fields (timestamps, settings the code leaves out) never count as drift.
 */
import { type DriftKind, type FieldDrift, type ResourceDrift, SENSITIVE_PLACEHOLDER, type UnmanagedDrift } from './drift-types';
import { withWriteOnlyFieldsNamed } from './write-only';

export { type DriftKind, type FieldDrift, type ResourceDrift, SENSITIVE_PLACEHOLDER, type UnmanagedDrift };

import { EXCLUSIVE_TYPE_SUFFIX, UNMANAGED_ATTRIBUTE, type UnmanagedIntegration, undeclared } from '../../provider/common/exclusive';

interface Change {
  actions: string[];
  before: unknown;
  after: unknown;
  after_unknown?: unknown;
  before_sensitive?: unknown;
  after_sensitive?: unknown;
}

interface ResourceChange {
  address: string;
  mode: string;
  type: string;
  name: string;
  change: Change;
}

export interface PlanJson {
  resource_drift?: ResourceChange[];
  resource_changes?: ResourceChange[];
}

/** `resource[type][name]["//"].metadata.path` in a synthesized cdk.tf.json. */
export function constructPathsOf(synthesized: unknown): Map<string, string> {
  const paths = new Map<string, string>();
  const resources = (synthesized as { resource?: Record<string, Record<string, { '//'?: { metadata?: { path?: string } } }>> })?.resource ?? {};
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, body] of Object.entries(byName)) {
      const path = body?.['//']?.metadata?.path;
      if (path) paths.set(`${type}.${name}`, path);
    }
  }
  return paths;
}

export function classifyPlan(plan: PlanJson, constructPaths: Map<string, string> = new Map()): ResourceDrift[] {
  const driftByAddress = new Map((plan.resource_drift ?? []).map((entry) => [entry.address, entry]));
  const results: ResourceDrift[] = [];
  for (const planned of plan.resource_changes ?? []) {
    if (planned.mode !== 'managed') continue;
    const actions = planned.change.actions;
    if (planned.type.endsWith(EXCLUSIVE_TYPE_SUFFIX) && planned.change.before !== null && planned.change.after !== null) {
      const base = { address: planned.address, constructPath: constructPaths.get(baseAddress(planned.address)) ?? null };
      results.push(...classifyExclusive(planned, base));
      continue;
    }
    if (actions.length === 1 && (actions[0] === 'no-op' || actions[0] === 'read')) continue;
    const drifted = driftByAddress.get(planned.address);
    const base = { address: planned.address, constructPath: constructPaths.get(baseAddress(planned.address)) ?? null };

    if (actions.includes('create') && planned.change.before === null) {
      const deletedOutOfBand = drifted !== undefined && drifted.change.after === null;
      results.push({ ...base, kind: deletedOutOfBand ? 'deleted' : 'not-created', fields: changedFields(planned.change, { remoteAbsent: true }) });
      continue;
    }
    const fields = changedFields(planned.change);
    const remotelyChanged = drifted ? new Set(changedFields(drifted.change).map((f) => f.path)) : new Set<string>();
    const kind: DriftKind = fields.some((field) => remotelyChanged.has(field.path)) ? 'changed' : 'config-changed';
    results.push({ ...base, kind, fields });
  }
  return results.map(withWriteOnlyFieldsNamed);
}

/** Fields of an undeclared integration shown as the report's field rows (declared: none). */
const UNMANAGED_FIELDS = ['name', 'type', 'enabled', 'observes', 'destination'] as const;
/** Changes of an exclusive resource's own attributes that follow from other entries of the report, not worth their own. */
const EXCLUSIVE_DERIVED_PATHS = /^(id|integration_ids|unmanaged)(\.|$)/;

/**
 * One `unmanaged` entry per undeclared integration the refreshed state lists and the
 * configuration (as planned) neither declares nor ignores, plus a `config-changed` entry when
 * the code changed prune or ignore_names.
 */
function classifyExclusive(planned: ResourceChange, base: { address: string; constructPath: string | null }): ResourceDrift[] {
  const before = planned.change.before as Record<string, unknown>;
  const after = planned.change.after as Record<string, unknown>;
  const listed = (Array.isArray(before[UNMANAGED_ATTRIBUTE]) ? before[UNMANAGED_ATTRIBUTE] : []) as UnmanagedIntegration[];
  const remaining = new Set(undeclared(listed, after.integration_ids as never, after.ignore_names as never));
  const prune = after.prune === true;
  const provider = planned.type.slice(0, -EXCLUSIVE_TYPE_SUFFIX.length);
  const results: ResourceDrift[] = [];
  listed.forEach((integration, index) => {
    if (!remaining.has(integration)) return;
    const sensitive = (field: string) => isMarked(elementMarkers(planned.change.before_sensitive, index), [field]);
    const shown = (field: keyof UnmanagedIntegration) => (sensitive(field) && integration[field] !== null ? SENSITIVE_PLACEHOLDER : integration[field]);
    results.push({
      ...base,
      kind: 'unmanaged',
      fields: UNMANAGED_FIELDS.filter((field) => integration[field] !== null).map((field) => ({ path: field, declared: null, remote: shown(field) })),
      integration: {
        provider,
        store: String(before.id),
        id: integration.id,
        name: shown('name') as string | null,
        type: shown('type') as string | null,
        destination: shown('destination') as string | null,
      },
      prune,
    });
  });
  const ownChanges = planned.change.actions.includes('update') ? changedFields(planned.change).filter((field) => !EXCLUSIVE_DERIVED_PATHS.test(field.path)) : [];
  if (ownChanges.length > 0) results.push({ ...base, kind: 'config-changed', fields: ownChanges });
  return results;
}

/** The sensitivity markers of `unmanaged[index]`: `true` when the whole list is marked. */
function elementMarkers(markers: unknown, index: number): unknown {
  const list = isPlainObject(markers) ? markers[UNMANAGED_ATTRIBUTE] : markers;
  return Array.isArray(list) ? list[index] : list;
}

/** Whether applying the plan would change something for these entries (undeclared integrations reported only would not). */
export function needsApply(resources: readonly ResourceDrift[]): boolean {
  return resources.some((resource) => resource.kind !== 'unmanaged' || resource.prune === true);
}

/**
 * Why --reconcile cannot restore these entries, one message per entry, or none: a
 * sendcloud_integration deleted in Sendcloud cannot be re-created, as Sendcloud has no endpoint
 * to create integrations (the resource adopts an existing one by id).
 */
export function unrestorable(stack: string, resources: readonly ResourceDrift[]): string[] {
  return resources
    .filter((resource) => resource.kind === 'deleted' && baseAddress(resource.address).split('.').at(-2) === 'sendcloud_integration')
    .map(
      (resource) =>
        `stack ${stack}: ${resource.address} was deleted in Sendcloud, and --reconcile cannot restore it: Sendcloud has no endpoint to create ` +
        'integrations. Connect the shop again in the Sendcloud panel and set integration_id to its new id, or remove the resource from the code.',
    );
}

/** Drops a count/for_each key: `a.b[0]` -> `a.b`. */
function baseAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/**
 * The leaf paths where `before` (remote, refreshed) and `after` (declared) differ, with
 * sensitive values replaced. Lists whose order does not matter to Terraform (sets) are
 * already canonical in plan JSON, so plain comparison is right.
 */
function changedFields(change: Change, options: { remoteAbsent?: boolean } = {}): FieldDrift[] {
  const fields: FieldDrift[] = [];
  walk(change.before, change.after, [], (path, before, after) => {
    const declaredSensitive = isMarked(change.after_sensitive, path);
    const remoteSensitive = isMarked(change.before_sensitive, path) || declaredSensitive;
    const unknown = isMarked(change.after_unknown, path);
    if (unknown) return; // computed by the provider (ids, timestamps): not something the code declares
    fields.push({
      path: path.join('.'),
      declared: declaredSensitive && after !== null ? SENSITIVE_PLACEHOLDER : (after ?? null),
      remote: options.remoteAbsent ? null : remoteSensitive && before !== null && before !== undefined ? SENSITIVE_PLACEHOLDER : (before ?? null),
    });
  }, change.after_unknown);
  return fields;
}

type Visit = (path: string[], before: unknown, after: unknown) => void;

function walk(before: unknown, after: unknown, path: string[], visit: Visit, afterUnknown: unknown): void {
  if (isMarked(afterUnknown, path)) {
    if (before === undefined || before === null || !isContainer(before)) visit(path, before, after);
    return;
  }
  if (isPlainObject(before) || isPlainObject(after)) {
    const b = isPlainObject(before) ? before : {};
    const a = isPlainObject(after) ? after : {};
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) walk(b[key], a[key], [...path, key], visit, afterUnknown);
    return;
  }
  if (!deepEqual(before ?? null, after ?? null)) visit(path, before, after);
}

/** Whether a sensitivity or unknown marker structure marks `path` (or one of its parents) true. */
function isMarked(markers: unknown, path: string[]): boolean {
  let node = markers;
  if (node === true) return true;
  for (const step of path) {
    if (!isPlainObject(node)) return false;
    node = node[step];
    if (node === true) return true;
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
