/**
 * Write-only attributes (protocol 6.8, Terraform 1.11) and private state: the protocol
 * layer keeps write-only values out of every state it returns, and refuses them from a
 * Terraform that cannot handle them; resources read them from the configuration only.
 */
import {
  PrivateState,
  UNKNOWN,
  type AttributePath,
  type AttributeSchema,
  type Diagnostics,
  type PlainObject,
  type PlainValue,
} from '../../framework/types';
import { formatPath } from '../codec/values';

function asObject(value: PlainValue | undefined): PlainObject | null {
  return value !== null && value !== undefined && value !== UNKNOWN && typeof value === 'object' && !Array.isArray(value)
    ? (value as PlainObject)
    : null;
}

const hasWriteOnlyBySchema = new WeakMap<Record<string, AttributeSchema>, boolean>();

/** Whether any attribute, nested ones too, is write-only; computed once per schema (asked on every RPC). */
export function hasWriteOnly(attributes: Record<string, AttributeSchema>): boolean {
  let found = hasWriteOnlyBySchema.get(attributes);
  if (found === undefined) {
    found = Object.values(attributes).some((attribute) => attribute.writeOnly || (attribute.nested !== undefined && hasWriteOnly(attribute.nested)));
    hasWriteOnlyBySchema.set(attributes, found);
  }
  return found;
}

/** The attributes that are write-only or hold some (nested), with the write-only ones among theirs; once per schema. */
interface WriteOnlyStep {
  readonly name: string;
  readonly nested?: readonly WriteOnlyStep[];
}
const writeOnlyStepsBySchema = new WeakMap<Record<string, AttributeSchema>, readonly WriteOnlyStep[]>();

function writeOnlySteps(attributes: Record<string, AttributeSchema>): readonly WriteOnlyStep[] {
  let steps = writeOnlyStepsBySchema.get(attributes);
  if (!steps) {
    const found: WriteOnlyStep[] = [];
    for (const name in attributes) {
      const attribute = attributes[name];
      if (attribute.writeOnly) found.push({ name });
      else if (attribute.nested && hasWriteOnly(attribute.nested)) found.push({ name, nested: writeOnlySteps(attribute.nested) });
    }
    steps = found;
    writeOnlyStepsBySchema.set(attributes, steps);
  }
  return steps;
}

/** Whether every write-only attribute, nested ones too, is null or absent in `value`; allocates nothing. */
function writeOnlyAllNull(steps: readonly WriteOnlyStep[], value: PlainObject): boolean {
  for (const step of steps) {
    const current = value[step.name];
    if (step.nested) {
      const nested = asObject(current);
      if (nested && !writeOnlyAllNull(step.nested, nested)) return false;
    } else if (current !== null && current !== undefined) {
      return false;
    }
  }
  return true;
}

/** Whether a write-only attribute, nested ones too, holds a value (anything but null or absent) in `value`. */
export function hasWriteOnlyValue(attributes: Record<string, AttributeSchema>, value: PlainObject): boolean {
  return !writeOnlyAllNull(writeOnlySteps(attributes), value);
}

/**
 * `value` with every write-only attribute, nested ones too, set to null: a copy when one is set,
 * else `value` itself (absent reads as null everywhere a returned value goes). Every state of
 * every RPC passes through here, and holds no write-only value once it has.
 */
export function withoutWriteOnly(attributes: Record<string, AttributeSchema>, value: PlainObject): PlainObject;
export function withoutWriteOnly(attributes: Record<string, AttributeSchema>, value: PlainObject | null): PlainObject | null;
export function withoutWriteOnly(attributes: Record<string, AttributeSchema>, value: PlainObject | null): PlainObject | null {
  if (value === null || !hasWriteOnlyValue(attributes, value)) return value;
  const result: PlainObject = { ...value };
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.writeOnly) {
      result[name] = null;
    } else if (attribute.nested) {
      const nested = asObject(value[name]);
      if (nested) result[name] = withoutWriteOnly(attribute.nested, nested);
    }
  }
  return result;
}

/** Paths of write-only attributes that the configuration sets (to a known or unknown value). */
export function configuredWriteOnlyPaths(
  attributes: Record<string, AttributeSchema>,
  config: PlainObject,
  path: AttributePath = [],
): AttributePath[] {
  const paths: AttributePath[] = [];
  if (!hasWriteOnly(attributes)) return paths;
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = config[name] ?? null;
    if (value === null) continue;
    if (attribute.writeOnly) paths.push([...path, name]);
    else if (attribute.nested) {
      const nested = asObject(value);
      if (nested) paths.push(...configuredWriteOnlyPaths(attribute.nested, nested, [...path, name]));
    }
  }
  return paths;
}

/**
 * Terraform before 1.11 would store a write-only value in plan and state like any other:
 * refuse it, naming the attribute and the fix, as terraform-plugin-framework does.
 */
export function checkWriteOnlyAllowed(
  attributes: Record<string, AttributeSchema>,
  config: PlainObject,
  writeOnlyAllowed: boolean,
  diagnostics: Diagnostics,
): void {
  if (writeOnlyAllowed) return;
  for (const path of configuredWriteOnlyPaths(attributes, config)) {
    diagnostics.error(
      'Write-only attribute not supported by this Terraform',
      `${formatPath(path)} is a write-only attribute, which needs Terraform 1.11 or later (this Terraform did not ` +
        'announce support for write-only attributes, so it would store the value in plan and state). Upgrade Terraform ' +
        'to 1.11 or later, or use the stored form of this attribute where the resource offers one.',
      path,
    );
  }
}

/** Private state travels as JSON bytes; anything unreadable counts as empty. */
export function decodePrivate(bytes: Uint8Array | null | undefined): PrivateState {
  if (!bytes || bytes.length === 0) return new PrivateState();
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return new PrivateState();
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') values[key] = value;
    return new PrivateState(values);
  } catch {
    return new PrivateState();
  }
}

export function encodePrivate(state: PrivateState): Uint8Array {
  const entries = state.entries();
  return Object.keys(entries).length === 0 ? new Uint8Array() : Buffer.from(JSON.stringify(entries), 'utf8');
}

/**
 * The private bytes to answer with: the ones Terraform sent when the resource changed
 * nothing (so bytes this framework did not write pass through untouched), else the new ones.
 */
export function privateAfter(sent: Uint8Array | null | undefined, after: PrivateState): Uint8Array {
  // Most resources keep no private state: nothing sent, nothing set, nothing to compare.
  if ((!sent || sent.length === 0) && Object.keys(after.entries()).length === 0) return sent ?? new Uint8Array();
  const unchanged = JSON.stringify(decodePrivate(sent).entries()) === JSON.stringify(after.entries());
  return unchanged ? (sent ?? new Uint8Array()) : encodePrivate(after);
}
