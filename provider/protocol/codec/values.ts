/**
 * Shaping plain values to a Terraform type: fills absent object attributes with
 * null, maps any msgpack extension to UNKNOWN, converts primitives the way cty
 * converts them, and compares or searches values by type.
 */
import { UNKNOWN, type AttributePath, type AttributeType, type PlainValue } from '../../framework/types';
import { describeType } from './types';

/** A value that does not fit its type; carries the attribute path for the diagnostic. */
export class ValueShapeError extends Error {
  constructor(
    readonly path: AttributePath,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`expected ${expected}, found ${found}`);
    this.name = 'ValueShapeError';
  }
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'binary data';
  return `a ${typeof value}`;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function conformNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  throw new ValueShapeError([], 'a number', kindOf(value));
}

export function conformString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new ValueShapeError([], 'a string', kindOf(value));
}

function conformBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ValueShapeError([], 'a bool', kindOf(value));
}

const isUnknownSymbol = (candidate: unknown): boolean => candidate === UNKNOWN;

/**
 * Returns `value` shaped to `type`. `isUnknown` recognises the decoder's
 * representation of unknown values (the UNKNOWN symbol, or msgpack extension data).
 */
export function conform(
  value: unknown,
  type: AttributeType,
  path: AttributePath = [],
  isUnknown: (candidate: unknown) => boolean = isUnknownSymbol,
): PlainValue {
  try {
    return conformValue(value, type, isUnknown);
  } catch (error) {
    if (error instanceof ValueShapeError) error.path.unshift(...path);
    throw error;
  }
}

/**
 * The attribute path is built only when a value does not fit, step by step on the way out:
 * every request and response value passes through here, and paths built on the way in were
 * most of this function's allocations.
 */
function conformStep(
  value: unknown,
  type: AttributeType,
  isUnknown: (candidate: unknown) => boolean,
  step: string | number,
  isMapKey = false,
): PlainValue {
  try {
    return conformValue(value, type, isUnknown);
  } catch (error) {
    if (error instanceof ValueShapeError) error.path.unshift(isMapKey ? { key: step as string } : step);
    throw error;
  }
}

function conformValue(value: unknown, type: AttributeType, isUnknown: (candidate: unknown) => boolean): PlainValue {
  if (value === null || value === undefined) return null;
  if (isUnknown(value)) return UNKNOWN;
  if (type === 'string') return conformString(value);
  if (type === 'number') return conformNumber(value);
  if (type === 'bool') return conformBool(value);
  if ('list' in type || 'set' in type) {
    const elementType = 'list' in type ? type.list : type.set;
    if (!Array.isArray(value)) throw new ValueShapeError([], describeType(type), kindOf(value));
    const result: PlainValue[] = new Array(value.length);
    for (let index = 0; index < value.length; index += 1) {
      result[index] = conformStep(value[index], elementType, isUnknown, index);
    }
    return result;
  }
  if ('map' in type) {
    if (!isPlainRecord(value)) throw new ValueShapeError([], describeType(type), kindOf(value));
    const result: Record<string, PlainValue> = {};
    for (const key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key)) result[key] = conformStep(value[key], type.map, isUnknown, key, true);
    }
    return result;
  }
  if (!isPlainRecord(value)) throw new ValueShapeError([], describeType(type), kindOf(value));
  const result: Record<string, PlainValue> = {};
  const attributes = type.object;
  for (const name in attributes) result[name] = conformStep(value[name], attributes[name], isUnknown, name);
  return result;
}

/** Equality by type: sets compare without regard to order, UNKNOWN equals only UNKNOWN. */
export function valuesEqual(type: AttributeType, left: PlainValue, right: PlainValue): boolean {
  if (left === right) return true;
  if (left === null || right === null || left === UNKNOWN || right === UNKNOWN) return false;
  if (typeof type === 'string') return false;
  // Plain loops: this runs for every attribute of every resource in each plan and refresh.
  if ('list' in type) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    for (let index = 0; index < left.length; index += 1) if (!valuesEqual(type.list, left[index], right[index])) return false;
    return true;
  }
  if ('set' in type) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    // The same elements in the same order (a set read back as it was stored) need no matching.
    let index = 0;
    while (index < left.length && left[index] === right[index]) index += 1;
    if (index === left.length) return true;
    const unmatched = [...right];
    for (const element of left) {
      const index = unmatched.findIndex((candidate) => valuesEqual(type.set, element, candidate));
      if (index < 0) return false;
      unmatched.splice(index, 1);
    }
    return true;
  }
  if (!isPlainRecord(left) || !isPlainRecord(right)) return false;
  if ('map' in type) {
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    for (const key of keys) if (!(key in right) || !valuesEqual(type.map, left[key], right[key])) return false;
    return true;
  }
  const attributes = type.object;
  for (const name in attributes) {
    if (!valuesEqual(attributes[name], left[name] ?? null, right[name] ?? null)) return false;
  }
  return true;
}

/** Whether an UNKNOWN is anywhere inside a value; allocates nothing (every read result is checked). */
function containsUnknown(value: PlainValue): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) {
    for (const element of value) if (containsUnknown(element)) return true;
    return false;
  }
  if (isPlainRecord(value)) {
    for (const name in value) if (Object.prototype.hasOwnProperty.call(value, name) && containsUnknown(value[name] as PlainValue)) return true;
  }
  return false;
}

/** Paths of every UNKNOWN inside a value. */
export function unknownPaths(value: PlainValue, path: AttributePath = []): AttributePath[] {
  if (!containsUnknown(value)) return [];
  if (value === UNKNOWN) return [path];
  if (Array.isArray(value)) {
    return value.flatMap((element, index) => unknownPaths(element, [...path, index]));
  }
  if (isPlainRecord(value)) {
    return Object.entries(value).flatMap(([name, element]) =>
      unknownPaths(element as PlainValue, [...path, name]),
    );
  }
  return [];
}

/** A copy of the value with every UNKNOWN replaced by null. */
export function unknownsAsNull(value: PlainValue): PlainValue {
  if (value === UNKNOWN) return null;
  if (Array.isArray(value)) return value.map(unknownsAsNull);
  if (isPlainRecord(value)) {
    const result: Record<string, PlainValue> = {};
    for (const [name, element] of Object.entries(value)) result[name] = unknownsAsNull(element as PlainValue);
    return result;
  }
  return value;
}

/** Writes an attribute path the way Terraform shows it: settings.region, tags[0], labels["a"]. */
export function formatPath(path: AttributePath): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'string') text += text ? `.${step}` : step;
    else if (typeof step === 'number') text += `[${step}]`;
    else text += `[${JSON.stringify(step.key)}]`;
  }
  return text;
}
