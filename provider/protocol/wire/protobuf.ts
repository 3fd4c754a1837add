/**
 * A small protobuf (proto3) wire codec driven by the descriptor that
 * scripts/build.js generates from provider/proto/*.proto. It supports what those
 * files use: strings, bytes, bools, 32/64-bit integers, enums, messages,
 * repeated fields, maps, oneofs and proto3 optional fields.
 *
 * Decoded messages keep the proto field names; absent singular fields are
 * undefined, repeated fields are arrays, maps are plain objects, 64-bit integers
 * are numbers, enums are their value names, bytes are Buffers.
 */
import descriptorJson from '../generated/descriptor.json';

export interface FieldDescriptor {
  name: string;
  id: number;
  /** A scalar type name, or "message" / "enum" with `ref` naming the type. */
  type: string;
  ref?: string;
  /** Present on map fields: the map key's scalar type (the value is `type`). */
  keyType?: string;
  repeated?: boolean;
  /** Oneof members and proto3 optional fields: written even when they hold a default. */
  presence?: boolean;
}

export interface MethodDescriptor {
  request: string;
  response: string;
  requestStream: boolean;
  responseStream: boolean;
}

export interface ProtocolDescriptor {
  messages: Record<string, { fields: FieldDescriptor[] }>;
  enums: Record<string, Record<string, number>>;
  services: Record<string, Record<string, MethodDescriptor>>;
}

export const descriptor = descriptorJson as ProtocolDescriptor;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const VARINT_TYPES = new Set(['int32', 'int64', 'uint32', 'uint64', 'bool', 'enum']);
const SIGNED_TYPES = new Set(['int32', 'int64']);

// ---------------------------------------------------------------- encoding

function varint(value: number | bigint): Buffer {
  if (typeof value === 'number' && value >= 0 && value <= 0x7fffffff && Number.isInteger(value)) {
    const bytes: number[] = [];
    let remaining = value;
    while (remaining > 0x7f) {
      bytes.push((remaining & 0x7f) | 0x80);
      remaining >>>= 7;
    }
    bytes.push(remaining);
    return Buffer.from(bytes);
  }
  // Negative and large values: 64-bit two's complement, up to ten bytes.
  let remaining = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  while (remaining > 0x7fn) {
    bytes.push(Number(remaining & 0x7fn) | 0x80);
    remaining >>= 7n;
  }
  bytes.push(Number(remaining));
  return Buffer.from(bytes);
}

function tag(id: number, wireType: number): Buffer {
  return varint(id * 8 + wireType);
}

function lengthDelimited(id: number, content: Buffer): Buffer {
  return Buffer.concat([tag(id, WIRE_LENGTH_DELIMITED), varint(content.length), content]);
}

function enumNumber(field: FieldDescriptor, value: unknown): number {
  if (typeof value === 'number') return value;
  const number = descriptor.enums[field.ref ?? '']?.[String(value)];
  if (number === undefined) throw new Error(`field ${field.name}: ${String(value)} is not a value of ${field.ref}`);
  return number;
}

function integerValue(field: FieldDescriptor, value: unknown): number | bigint {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new Error(`field ${field.name}: expected an integer, got ${typeof value}`);
}

function toBytes(field: FieldDescriptor, value: unknown): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new Error(`field ${field.name}: expected bytes, got ${typeof value}`);
}

function isDefault(field: FieldDescriptor, value: unknown): boolean {
  switch (field.type) {
    case 'string':
      return value === '';
    case 'bytes':
      return value instanceof Uint8Array && value.length === 0;
    case 'bool':
      return value === false;
    case 'enum':
      return value === 0 || enumNumber(field, value) === 0;
    case 'message':
      return false;
    default:
      return value === 0 || value === 0n || value === '0';
  }
}

/** Encodes one value of a field (no repetition), tag included. */
function encodeSingle(field: FieldDescriptor, type: string, id: number, value: unknown): Buffer {
  switch (type) {
    case 'string':
      return lengthDelimited(id, Buffer.from(String(value), 'utf8'));
    case 'bytes':
      return lengthDelimited(id, toBytes(field, value));
    case 'message':
      return lengthDelimited(id, encodeMessage(field.ref ?? '', value as object));
    case 'bool':
      return Buffer.concat([tag(id, WIRE_VARINT), varint(value ? 1 : 0)]);
    case 'enum':
      return Buffer.concat([tag(id, WIRE_VARINT), varint(enumNumber(field, value))]);
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
      return Buffer.concat([tag(id, WIRE_VARINT), varint(integerValue(field, value))]);
    default:
      throw new Error(`field ${field.name}: type ${type} is not supported by this codec`);
  }
}

function messageFields(typeName: string): FieldDescriptor[] {
  const message = descriptor.messages[typeName];
  if (!message) throw new Error(`unknown message type ${typeName}`);
  return message.fields;
}

export function encodeMessage(typeName: string, message: object): Buffer {
  const parts: Buffer[] = [];
  const values = message as Record<string, unknown>;
  for (const field of messageFields(typeName)) {
    const value = values[field.name];
    if (value === undefined || value === null) continue;
    if (field.keyType) {
      // A map is a repeated entry message { 1: key, 2: value }.
      for (const [key, entryValue] of Object.entries(value as Record<string, unknown>)) {
        const entry = Buffer.concat([
          encodeSingle(field, field.keyType, 1, field.keyType === 'string' ? key : Number(key)),
          encodeSingle(field, field.type, 2, entryValue),
        ]);
        parts.push(lengthDelimited(field.id, entry));
      }
    } else if (field.repeated) {
      for (const element of value as unknown[]) parts.push(encodeSingle(field, field.type, field.id, element));
    } else if (field.presence || !isDefault(field, value)) {
      parts.push(encodeSingle(field, field.type, field.id, value));
    }
  }
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------- decoding

class Reader {
  position = 0;
  constructor(
    readonly bytes: Buffer,
    readonly end = bytes.length,
  ) {}

  get done(): boolean {
    return this.position >= this.end;
  }

  /** Reads a varint; exact for 64-bit values (signed when asked). */
  varint(signed = false): number {
    const start = this.position;
    let result = 0;
    let multiplier = 1;
    for (let count = 0; count < 10; count += 1) {
      if (this.position >= this.end) throw new Error('truncated varint');
      const byte = this.bytes[this.position++];
      if (count < 7) {
        result += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        if (byte < 0x80) return result;
      } else {
        // Past 49 bits a number loses precision: finish with BigInt.
        while (this.bytes[this.position - 1] >= 0x80) {
          if (this.position >= this.end) throw new Error('truncated varint');
          this.position += 1;
        }
        return this.bigVarint(start, signed);
      }
    }
    throw new Error('varint longer than ten bytes');
  }

  private bigVarint(start: number, signed: boolean): number {
    let result = 0n;
    let shift = 0n;
    for (let index = start; index < this.position; index += 1) {
      result |= BigInt(this.bytes[index] & 0x7f) << shift;
      shift += 7n;
    }
    return Number(signed ? BigInt.asIntN(64, result) : BigInt.asUintN(64, result));
  }

  lengthDelimited(): Buffer {
    const length = this.varint();
    const start = this.position;
    this.position += length;
    if (this.position > this.end) throw new Error('truncated length-delimited field');
    return this.bytes.subarray(start, this.position);
  }

  skip(wireType: number): void {
    if (wireType === WIRE_VARINT) this.varint();
    else if (wireType === WIRE_FIXED64) this.position += 8;
    else if (wireType === WIRE_LENGTH_DELIMITED) this.lengthDelimited();
    else if (wireType === WIRE_FIXED32) this.position += 4;
    else throw new Error(`unsupported wire type ${wireType}`);
  }
}

function enumName(field: FieldDescriptor, number: number): string | number {
  const values = descriptor.enums[field.ref ?? ''] ?? {};
  for (const [name, value] of Object.entries(values)) if (value === number) return name;
  return number;
}

function decodeScalarVarint(field: FieldDescriptor, type: string, reader: Reader): unknown {
  const value = reader.varint(SIGNED_TYPES.has(type));
  if (type === 'bool') return value !== 0;
  if (type === 'enum') return enumName(field, value);
  if (type === 'int32') return value | 0;
  return value;
}

function decodeSingle(field: FieldDescriptor, type: string, wireType: number, reader: Reader): unknown {
  if (VARINT_TYPES.has(type)) {
    if (wireType !== WIRE_VARINT) throw new Error(`field ${field.name}: unexpected wire type ${wireType}`);
    return decodeScalarVarint(field, type, reader);
  }
  if (wireType !== WIRE_LENGTH_DELIMITED) throw new Error(`field ${field.name}: unexpected wire type ${wireType}`);
  const content = reader.lengthDelimited();
  if (type === 'string') return content.toString('utf8');
  if (type === 'bytes') return content;
  if (type === 'message') return decodeMessage(field.ref ?? '', content);
  throw new Error(`field ${field.name}: type ${type} is not supported by this codec`);
}

function decodeMapEntry(field: FieldDescriptor, content: Buffer): [string, unknown] {
  const reader = new Reader(content);
  let key: unknown = field.keyType === 'string' ? '' : 0;
  let value: unknown;
  while (!reader.done) {
    const header = reader.varint();
    const id = Math.floor(header / 8);
    const wireType = header & 7;
    if (id === 1) key = decodeSingle(field, field.keyType ?? 'string', wireType, reader);
    else if (id === 2) value = decodeSingle(field, field.type, wireType, reader);
    else reader.skip(wireType);
  }
  if (value === undefined) value = field.type === 'message' ? {} : defaultScalar(field.type);
  return [String(key), value];
}

function defaultScalar(type: string): unknown {
  if (type === 'string') return '';
  if (type === 'bytes') return Buffer.alloc(0);
  if (type === 'bool') return false;
  return 0;
}

const fieldIndexes = new Map<string, Map<number, FieldDescriptor>>();

function fieldsById(typeName: string): Map<number, FieldDescriptor> {
  let index = fieldIndexes.get(typeName);
  if (!index) {
    index = new Map(messageFields(typeName).map((field) => [field.id, field]));
    fieldIndexes.set(typeName, index);
  }
  return index;
}

export function decodeMessage(typeName: string, bytes: Buffer): any {
  const fields = fieldsById(typeName);
  const message: Record<string, unknown> = {};
  for (const field of fields.values()) {
    if (field.keyType) message[field.name] = {};
    else if (field.repeated) message[field.name] = [];
  }
  const reader = new Reader(bytes);
  while (!reader.done) {
    const header = reader.varint();
    const id = Math.floor(header / 8);
    const wireType = header & 7;
    const field = fields.get(id);
    if (!field) {
      reader.skip(wireType);
    } else if (field.keyType) {
      const [key, value] = decodeMapEntry(field, reader.lengthDelimited());
      (message[field.name] as Record<string, unknown>)[key] = value;
    } else if (field.repeated) {
      const list = message[field.name] as unknown[];
      if (wireType === WIRE_LENGTH_DELIMITED && VARINT_TYPES.has(field.type)) {
        // Packed repeated scalars.
        const inner = new Reader(reader.lengthDelimited());
        while (!inner.done) list.push(decodeScalarVarint(field, field.type, inner));
      } else {
        list.push(decodeSingle(field, field.type, wireType, reader));
      }
    } else {
      message[field.name] = decodeSingle(field, field.type, wireType, reader);
    }
  }
  return message;
}
