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
import { conformNumber, conformString } from './values';

export const NOT_DECODED: unique symbol = Symbol('not-decoded');

/** Thrown inside, caught at the top: the input leaves the fast path. */
const BAIL = { bail: true };

let bytes: Buffer = Buffer.alloc(0);
let view: DataView = new DataView(bytes.buffer);
let position = 0;

export function decodeTypedMsgpack(input: Uint8Array, type: AttributeType): PlainValue | typeof NOT_DECODED {
  bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  position = 0;
  try {
    const value = readValue(type);
    return position === input.length ? value : NOT_DECODED;
  } catch {
    // BAIL, or a value `conformString`/`conformNumber` refuse: the generic path reports it with its path.
    return NOT_DECODED;
  } finally {
    bytes = Buffer.alloc(0);
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
      return view.getFloat64(position - 8);
    case 0xcc:
      return readByte();
    case 0xcd:
      need(2);
      position += 2;
      return view.getUint16(position - 2);
    case 0xce:
      need(4);
      position += 4;
      return view.getUint32(position - 4);
    case 0xd0:
      need(1);
      return view.getInt8(position++);
    case 0xd1:
      need(2);
      position += 2;
      return view.getInt16(position - 2);
    case 0xd2:
      need(4);
      position += 4;
      return view.getInt32(position - 4);
    case 0xd9:
      return readString(readByte());
    case 0xda:
      need(2);
      position += 2;
      return readString(view.getUint16(position - 2));
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

/** An object type's attribute names as bytes, by byte length: keys are matched without decoding them. */
type NameTable = Array<Array<{ name: string; bytes: Buffer }> | undefined>;
const nameTables = new WeakMap<Record<string, AttributeType>, NameTable>();

function nameTable(attributes: Record<string, AttributeType>): NameTable {
  let table = nameTables.get(attributes);
  if (!table) {
    table = [];
    for (const name in attributes) {
      const encoded = Buffer.from(name, 'utf8');
      (table[encoded.length] ??= []).push({ name, bytes: encoded });
    }
    nameTables.set(attributes, table);
  }
  return table;
}

/** The attribute named by the next key, or BAIL for a key the type does not have. */
function readAttributeName(table: NameTable): string {
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
        return candidate.name;
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
    length = view.getUint16(position);
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
    return view.getUint16(position - 2);
  }
  throw BAIL;
}

function readValue(type: AttributeType): PlainValue {
  const head = readByte();
  if (head === 0xc0) return null;
  if (isExtension(head)) return UNKNOWN;
  if (typeof type === 'string') {
    const primitive = readPrimitive(head);
    if (type === 'string') return typeof primitive === 'string' ? primitive : conformString(primitive);
    if (type === 'number') return typeof primitive === 'number' ? primitive : conformNumber(primitive);
    if (typeof primitive !== 'boolean') throw BAIL;
    return primitive;
  }
  if ('list' in type || 'set' in type) {
    const elementType = 'list' in type ? type.list : type.set;
    const length = readLength(head, 0x90, 0x0f, 0xdc);
    const result: PlainValue[] = new Array(length);
    for (let index = 0; index < length; index += 1) result[index] = readValue(elementType);
    return result;
  }
  const count = readLength(head, 0x80, 0x0f, 0xde);
  const result: Record<string, PlainValue> = {};
  if ('map' in type) {
    for (let index = 0; index < count; index += 1) {
      const key = readKey();
      result[key] = readValue(type.map);
    }
    return result;
  }
  // Attributes in the type's order, absent ones null, as `conform` builds them; others are dropped.
  const attributes = type.object;
  const table = nameTable(attributes);
  for (const name in attributes) result[name] = null;
  for (let index = 0; index < count; index += 1) {
    const name = readAttributeName(table);
    result[name] = readValue(attributes[name]);
  }
  return result;
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
