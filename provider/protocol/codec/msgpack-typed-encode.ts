/**
 * Encoding a value of a known type straight to msgpack: the common case of every response
 * (states and plans of simple shapes) in one pass, without the copy `conform` makes before
 * the generic encoder walks it again.
 *
 * It writes exactly the bytes `encoder.encode(conform(value, type))` writes (the tests compare
 * them), and returns NOT_ENCODED for anything it does not handle (a value `conform` would
 * convert or refuse, non-ASCII strings, integers beyond 32 bits, a `__proto__` key): the caller
 * then takes the generic path, which gives the same bytes or the same error as before.
 */
import { UNKNOWN, type AttributeType, type PlainValue } from '../../framework/types';
import { perTypeCompiler } from './types';

export const NOT_ENCODED: unique symbol = Symbol('not-encoded');

/** Thrown inside, caught at the top: the value leaves the fast path. */
const BAIL = { bail: true };
const bail = (): never => {
  throw BAIL;
};

let bytes = new Uint8Array(1024);
let view = new DataView(bytes.buffer);
let position = 0;

/** Types nested deeper than this are left to the generic encoder (and its limit of 100 levels). */
const MAX_DEPTH = 64;

export function encodeTypedMsgpack(value: PlainValue, type: AttributeType): Uint8Array | typeof NOT_ENCODED {
  if (typeDepth(type) > MAX_DEPTH) return NOT_ENCODED;
  position = 0;
  try {
    writerOf(type)(value);
  } catch (error) {
    if (error === BAIL) return NOT_ENCODED;
    throw error;
  }
  return bytes.slice(0, position);
}

function ensure(count: number): void {
  if (position + count <= bytes.length) return;
  const larger = new Uint8Array(Math.max(bytes.length * 2, position + count));
  larger.set(bytes.subarray(0, position));
  bytes = larger;
  view = new DataView(bytes.buffer);
}

/** Writes null or an unknown (an extension of type 0 with one zero byte, as the generic encoder writes UNKNOWN); false for anything else. */
function writeNullOrUnknown(value: unknown): boolean {
  if (value === null || value === undefined) {
    ensure(1);
    bytes[position++] = 0xc0;
    return true;
  }
  if (value === UNKNOWN) {
    ensure(3);
    bytes[position++] = 0xd4;
    bytes[position++] = 0;
    bytes[position++] = 0;
    return true;
  }
  return false;
}

/**
 * A head byte and a big-endian integer of `size` bytes (room ensured by the caller). Negative
 * values come out in two's complement: DataView's unsigned setters take them modulo 2^(8 size).
 */
function writeCoded(code: number, value: number, size: 1 | 2 | 4): void {
  bytes[position++] = code;
  if (size === 1) view.setUint8(position, value);
  else if (size === 2) view.setUint16(position, value);
  else view.setUint32(position, value);
  position += size;
}

/** An ASCII string (the generic encoder's header for its length, then its bytes); anything else bails. */
function writeString(value: string): void {
  const length = value.length;
  ensure(5 + length);
  if (length < 32) bytes[position++] = 0xa0 | length;
  else if (length < 0x100) writeCoded(0xd9, length, 1);
  else if (length < 0x10000) writeCoded(0xda, length, 2);
  else throw BAIL;
  for (let index = 0; index < length; index += 1) {
    const code = value.charCodeAt(index);
    if (code >= 0x80) throw BAIL;
    bytes[position++] = code;
  }
}

/** As the generic encoder writes numbers: integers in the fewest bytes, others as float64; integers beyond 32 bits bail. */
function writeNumber(value: number): void {
  ensure(9);
  if (!Number.isSafeInteger(value)) {
    bytes[position++] = 0xcb;
    view.setFloat64(position, value);
    position += 8;
  } else if (value >= 0) {
    if (value < 0x80) bytes[position++] = value;
    else if (value < 0x100) writeCoded(0xcc, value, 1);
    else if (value < 0x10000) writeCoded(0xcd, value, 2);
    else if (value < 0x100000000) writeCoded(0xce, value, 4);
    else throw BAIL;
  } else if (value >= -0x20) bytes[position++] = 0xe0 | (value + 0x20);
  else if (value >= -0x80) writeCoded(0xd0, value, 1);
  else if (value >= -0x8000) writeCoded(0xd1, value, 2);
  else if (value >= -0x80000000) writeCoded(0xd2, value, 4);
  else throw BAIL;
}

/** An array's or a map's header for `count` entries. */
function writeHeader(count: number, fixBase: number, code16: number, code32: number): void {
  ensure(5);
  if (count < 16) bytes[position++] = fixBase | count;
  else if (count < 0x10000) writeCoded(code16, count, 2);
  else writeCoded(code32, count, 4);
}

function isPlainRecord(value: unknown): value is Record<string, PlainValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

type Writer = (value: unknown) => void;

/** The writer of a type, built at its first use: the type's shape is walked once, not at every value. */
const writerOf = perTypeCompiler<Writer>(
  {
    string(value) {
      if (writeNullOrUnknown(value)) return;
      if (typeof value !== 'string') throw BAIL;
      writeString(value);
    },
    number(value) {
      if (writeNullOrUnknown(value)) return;
      if (typeof value !== 'number') throw BAIL;
      writeNumber(value);
    },
    bool(value) {
      if (writeNullOrUnknown(value)) return;
      if (typeof value !== 'boolean') throw BAIL;
      ensure(1);
      bytes[position++] = value ? 0xc3 : 0xc2;
    },
  },
  (type) => compileWriter(type),
  bail,
);

function compileWriter(type: Exclude<AttributeType, string>): Writer {
  if ('list' in type || 'set' in type) {
    const writeElement = writerOf('list' in type ? type.list : type.set);
    return (value) => {
      if (writeNullOrUnknown(value)) return;
      if (!Array.isArray(value)) throw BAIL;
      writeHeader(value.length, 0x90, 0xdc, 0xdd);
      for (let index = 0; index < value.length; index += 1) writeElement(value[index]);
    };
  }
  if ('map' in type) {
    const writeElement = writerOf(type.map);
    return (value) => {
      if (writeNullOrUnknown(value)) return;
      if (!isPlainRecord(value)) throw BAIL;
      const keys = Object.keys(value);
      writeHeader(keys.length, 0x80, 0xde, 0xdf);
      for (const key of keys) {
        // conform assigns each key: __proto__ would set the prototype there, not a key.
        if (key === '__proto__') throw BAIL;
        writeString(key);
        writeElement(value[key]);
      }
    };
  }
  const attributes = type.object;
  // The keys in the order conform's copy holds them (as Object.keys lists a copy built by assignment).
  const shaped: Record<string, null> = {};
  for (const name in attributes) shaped[name] = null;
  const names = Object.keys(shaped);
  const encodedNames = names.map(asciiKey);
  if (Object.prototype.hasOwnProperty.call(attributes, '__proto__') || encodedNames.includes(undefined)) {
    return () => {
      throw BAIL;
    };
  }
  const keys = encodedNames as Uint8Array[];
  const attributeWriters = names.map((name) => writerOf(attributes[name]));
  return (value) => {
    if (writeNullOrUnknown(value)) return;
    if (!isPlainRecord(value)) throw BAIL;
    writeHeader(names.length, 0x80, 0xde, 0xdf);
    for (let index = 0; index < names.length; index += 1) {
      const key = keys[index];
      ensure(key.length);
      bytes.set(key, position);
      position += key.length;
      attributeWriters[index](value[names[index]]);
    }
  };
}

/** An attribute name as the generic encoder writes it (header and bytes), or undefined when it is not ASCII of under 256 characters. */
function asciiKey(name: string): Uint8Array | undefined {
  if (name.length >= 0x100 || !/^[\x00-\x7f]*$/.test(name)) return undefined;
  const header = name.length < 32 ? [0xa0 | name.length] : [0xd9, name.length];
  return Uint8Array.from([...header, ...Buffer.from(name, 'latin1')]);
}

const depths = new WeakMap<Exclude<AttributeType, string>, number>();

/** How deeply values of the type nest (the generic encoder refuses more than 100 levels). */
function typeDepth(type: AttributeType): number {
  if (typeof type === 'string') return 1;
  let depth = depths.get(type);
  if (depth === undefined) {
    const children = 'list' in type ? [type.list] : 'set' in type ? [type.set] : 'map' in type ? [type.map] : Object.values(type.object);
    depth = 1 + Math.max(0, ...children.map(typeDepth));
    depths.set(type, depth);
  }
  return depth;
}
