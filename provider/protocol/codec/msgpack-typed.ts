/**
 * Decoding msgpack straight into a value of a known type: the common case of every request
 * (configurations and states, valid and of simple shapes) in one pass, without the
 * intermediate objects of a generic decode followed by `conform`.
 *
 * It returns NOT_DECODED for anything unusual (a value that does not fit its type, 64-bit
 * integers, float32, binary data, long strings or collections, malformed input): the caller
 * then takes the generic path, which gives the same value or the same error as before.
 */
import { UNKNOWN, type AttributeType, type PlainValue } from '../../framework/types';
import { perTypeCompiler } from './types';
import { conformNumber, conformString } from './values';

export const NOT_DECODED: unique symbol = Symbol('not-decoded');

/** Thrown inside, caught at the top: the input leaves the fast path. */
const BAIL = { bail: true };
const bail = (): never => {
  throw BAIL;
};

const EMPTY = Buffer.alloc(0);
let bytes: Buffer = EMPTY;
let position = 0;

export function decodeTypedMsgpack(input: Uint8Array, type: AttributeType): PlainValue | typeof NOT_DECODED {
  bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  position = 0;
  try {
    const value = readerOf(type)();
    return position === input.length ? value : NOT_DECODED;
  } catch {
    // BAIL, or a value `conformString`/`conformNumber` refuse: the generic path reports it with its path.
    return NOT_DECODED;
  } finally {
    bytes = EMPTY;
  }
}

function need(count: number): void {
  if (position + count > bytes.length) throw BAIL;
}

function readByte(): number {
  need(1);
  return bytes[position++];
}

/** A primitive read without regard to type: string, number or boolean (null and unknowns are handled by the caller). */
function readPrimitive(head: number): string | number | boolean {
  if (head <= 0x7f) return head;
  if (head >= 0xe0) return head - 0x100;
  if (head >= 0xa0 && head <= 0xbf) return readString(head & 0x1f);
  switch (head) {
    case 0xc2:
      return false;
    case 0xc3:
      return true;
    case 0xcb:
      need(8);
      position += 8;
      return bytes.readDoubleBE(position - 8);
    case 0xcc:
      return readByte();
    case 0xcd:
      need(2);
      position += 2;
      return bytes.readUInt16BE(position - 2);
    case 0xce:
      need(4);
      position += 4;
      return bytes.readUInt32BE(position - 4);
    case 0xd0:
      need(1);
      return bytes.readInt8(position++);
    case 0xd1:
      need(2);
      position += 2;
      return bytes.readInt16BE(position - 2);
    case 0xd2:
      need(4);
      position += 4;
      return bytes.readInt32BE(position - 4);
    case 0xd9:
      return readString(readByte());
    case 0xda:
      need(2);
      position += 2;
      return readString(bytes.readUInt16BE(position - 2));
    default:
      throw BAIL;
  }
}

/** Latin-1 decoding is exact for ASCII and cheaper than UTF-8's; most names and values are ASCII. */
function readString(length: number): string {
  need(length);
  const start = position;
  const end = start + length;
  position = end;
  for (let index = start; index < end; index += 1) {
    if (bytes[index] >= 0x80) return bytes.toString('utf8', start, end);
  }
  return bytes.toString('latin1', start, end);
}

/** Reads one value of its type at `position` (its head byte included); compiled once per type. */
type Reader = () => PlainValue;

/** An object type's attributes by the byte length of their names: keys are matched without decoding them. */
type NameTable = Array<Array<{ name: string; bytes: Buffer; read: Reader }> | undefined>;

/** The attribute named by the next key, or BAIL for a key the type does not have. */
function readAttribute(table: NameTable): { name: string; read: Reader } {
  const head = readByte();
  let length: number;
  if (head >= 0xa0 && head <= 0xbf) length = head & 0x1f;
  else if (head === 0xd9) length = readByte();
  else throw BAIL;
  need(length);
  const candidates = table[length];
  if (candidates) {
    for (const candidate of candidates) {
      let index = 0;
      while (index < length && candidate.bytes[index] === bytes[position + index]) index += 1;
      if (index === length) {
        position += length;
        return candidate;
      }
    }
  }
  throw BAIL;
}

/** Skips an extension's payload: every extension is an unknown value in this protocol. */
function isExtension(head: number): boolean {
  let length: number;
  if (head >= 0xd4 && head <= 0xd8) length = 1 << (head - 0xd4);
  else if (head === 0xc7) length = readByte();
  else if (head === 0xc8) {
    need(2);
    length = bytes.readUInt16BE(position);
    position += 2;
  } else return false;
  need(1 + length);
  position += 1 + length;
  return true;
}

function readLength(head: number, fixBase: number, fixMask: number, length16: number): number {
  if ((head & ~fixMask) === fixBase) return head & fixMask;
  if (head === length16) {
    need(2);
    position += 2;
    return bytes.readUInt16BE(position - 2);
  }
  throw BAIL;
}

/** A primitive, or null, or an unknown (any extension). */
function readScalar(): string | number | boolean | null | typeof UNKNOWN {
  const head = readByte();
  if (head === 0xc0) return null;
  if (isExtension(head)) return UNKNOWN;
  return readPrimitive(head);
}

/** The reader of a type, built at its first use: the type's shape is walked once, not at every value. */
const readerOf = perTypeCompiler<Reader>(
  {
    string() {
      const value = readScalar();
      return typeof value === 'string' || value === null || value === UNKNOWN ? value : conformString(value);
    },
    number() {
      const value = readScalar();
      return typeof value === 'number' || value === null || value === UNKNOWN ? value : conformNumber(value);
    },
    bool() {
      const value = readScalar();
      if (typeof value === 'string' || typeof value === 'number') throw BAIL;
      return value;
    },
  },
  (type) => compileReader(type),
  bail,
);

function compileReader(type: Exclude<AttributeType, string>): Reader {
  if ('list' in type || 'set' in type) {
    const readElement = readerOf('list' in type ? type.list : type.set);
    return () => {
      const head = readByte();
      if (head === 0xc0) return null;
      if (isExtension(head)) return UNKNOWN;
      const length = readLength(head, 0x90, 0x0f, 0xdc);
      const result: PlainValue[] = new Array(length);
      for (let index = 0; index < length; index += 1) result[index] = readElement();
      return result;
    };
  }
  if ('map' in type) {
    const readElement = readerOf(type.map);
    return () => {
      const head = readByte();
      if (head === 0xc0) return null;
      if (isExtension(head)) return UNKNOWN;
      const count = readLength(head, 0x80, 0x0f, 0xde);
      const result: Record<string, PlainValue> = {};
      for (let index = 0; index < count; index += 1) {
        const key = readKey();
        result[key] = readElement();
      }
      return result;
    };
  }
  const attributes = type.object;
  // A name `conform` would assign as the prototype: leave such a type to the generic path.
  if (Object.prototype.hasOwnProperty.call(attributes, '__proto__')) {
    return () => {
      throw BAIL;
    };
  }
  // Attributes in the type's order, absent ones null, as `conform` builds them; a key the type does not have bails out.
  const template: Record<string, PlainValue> = {};
  const table: NameTable = [];
  for (const name in attributes) {
    template[name] = null;
    const encoded = Buffer.from(name, 'utf8');
    (table[encoded.length] ??= []).push({ name, bytes: encoded, read: readerOf(attributes[name]) });
  }
  return () => {
    const head = readByte();
    if (head === 0xc0) return null;
    if (isExtension(head)) return UNKNOWN;
    const count = readLength(head, 0x80, 0x0f, 0xde);
    const result = { ...template };
    for (let index = 0; index < count; index += 1) {
      const attribute = readAttribute(table);
      result[attribute.name] = attribute.read();
    }
    return result;
  };
}

function readKey(): string {
  const head = readByte();
  let key: string;
  if (head >= 0xa0 && head <= 0xbf) key = readString(head & 0x1f);
  else if (head === 0xd9) key = readString(readByte());
  else throw BAIL;
  // The generic decoder refuses this key; let it say so.
  if (key === '__proto__') throw BAIL;
  return key;
}
