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
//
// Two passes over the message: the first measures every field (and records each nested
// message's length, in the order the second pass meets them), the second writes into one
// buffer of the measured size. Every response goes through here, and building it from a
// small Buffer per field and concatenating at each level cost far more than the bytes.

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

function toBytes(field: FieldDescriptor, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
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

/** Whether a varint of this value fits the 32-bit fast path (most tags, lengths and enums). */
function isSmallVarint(value: number | bigint): value is number {
  return typeof value === 'number' && value >= 0 && value <= 0x7fffffff && Number.isInteger(value);
}

/** A negative or large integer as the unsigned 64-bit value the wire carries (two's complement). */
function wideVarint(value: number | bigint): bigint {
  return BigInt.asUintN(64, BigInt(value));
}

function varintSize(value: number | bigint): number {
  if (isSmallVarint(value)) {
    if (value < 0x80) return 1;
    if (value < 0x4000) return 2;
    if (value < 0x200000) return 3;
    if (value < 0x10000000) return 4;
    return 5;
  }
  let remaining = wideVarint(value);
  let size = 1;
  while (remaining > 0x7fn) {
    remaining >>= 7n;
    size += 1;
  }
  return size;
}

/** Writes into a buffer sized beforehand; nested message lengths come from the measuring pass. */
class Writer {
  position: number;
  private nextLength = 0;
  constructor(
    readonly bytes: Buffer,
    start: number,
    private readonly messageLengths: number[],
  ) {
    this.position = start;
  }

  varint(value: number | bigint): void {
    const bytes = this.bytes;
    if (isSmallVarint(value)) {
      let remaining = value;
      while (remaining > 0x7f) {
        bytes[this.position++] = (remaining & 0x7f) | 0x80;
        remaining >>>= 7;
      }
      bytes[this.position++] = remaining;
      return;
    }
    let remaining = wideVarint(value);
    while (remaining > 0x7fn) {
      bytes[this.position++] = Number(remaining & 0x7fn) | 0x80;
      remaining >>= 7n;
    }
    bytes[this.position++] = Number(remaining);
  }

  raw(content: Uint8Array): void {
    this.bytes.set(content, this.position);
    this.position += content.length;
  }

  string(text: string, byteLength: number): void {
    this.varint(byteLength);
    this.position += this.bytes.write(text, this.position, byteLength, 'utf8');
  }

  /** The length of the next nested message, as measured. */
  takeMessageLength(): number {
    return this.messageLengths[this.nextLength++];
  }
}

/** A nested message's length slot: reserved in measuring order, filled once its content is measured. */
function reserveLength(lengths: number[]): number {
  lengths.push(0);
  return lengths.length - 1;
}

/** The encoded size of one value of a field, tag excluded. `lengths` collects nested message lengths. */
function valueSize(field: FieldDescriptor, type: string, value: unknown, lengths: number[]): number {
  switch (type) {
    case 'string': {
      const length = Buffer.byteLength(String(value), 'utf8');
      return varintSize(length) + length;
    }
    case 'bytes': {
      const length = toBytes(field, value).length;
      return varintSize(length) + length;
    }
    case 'message': {
      const slot = reserveLength(lengths);
      const length = messageSize(field.ref ?? '', value as object, lengths);
      lengths[slot] = length;
      return varintSize(length) + length;
    }
    case 'bool':
      return 1;
    case 'enum':
      return varintSize(enumNumber(field, value));
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
      return varintSize(integerValue(field, value));
    default:
      throw new Error(`field ${field.name}: type ${type} is not supported by this codec`);
  }
}

function writeValue(field: FieldDescriptor, type: string, value: unknown, writer: Writer): void {
  switch (type) {
    case 'string': {
      const text = String(value);
      writer.string(text, Buffer.byteLength(text, 'utf8'));
      return;
    }
    case 'bytes': {
      const bytes = value as Uint8Array;
      writer.varint(bytes.length);
      writer.raw(bytes);
      return;
    }
    case 'message':
      writer.varint(writer.takeMessageLength());
      writeMessage(field.ref ?? '', value as object, writer);
      return;
    case 'bool':
      writer.varint(value ? 1 : 0);
      return;
    case 'enum':
      writer.varint(enumNumber(field, value));
      return;
    default:
      writer.varint(integerValue(field, value));
  }
}

function wireTypeOf(type: string): number {
  return type === 'string' || type === 'bytes' || type === 'message' ? WIRE_LENGTH_DELIMITED : WIRE_VARINT;
}

/** A field as the encoder uses it: its tags computed once. */
interface EncodingField {
  field: FieldDescriptor;
  tag: number;
  tagSize: number;
  /** Map fields: the entry's key and value tags. */
  keyTag: number;
  valueTag: number;
}

const encodingFieldsByType = new Map<string, EncodingField[]>();

function encodingFields(typeName: string): EncodingField[] {
  let fields = encodingFieldsByType.get(typeName);
  if (!fields) {
    fields = messageFields(typeName).map((field) => {
      const tag = field.id * 8 + (field.keyType ? WIRE_LENGTH_DELIMITED : wireTypeOf(field.type));
      return {
        field,
        tag,
        tagSize: varintSize(tag),
        keyTag: 8 + wireTypeOf(field.keyType ?? 'string'),
        valueTag: 16 + wireTypeOf(field.type),
      };
    });
    encodingFieldsByType.set(typeName, fields);
  }
  return fields;
}

function mapKey(field: FieldDescriptor, key: string): string | number {
  return field.keyType === 'string' ? key : Number(key);
}

function messageSize(typeName: string, message: object, lengths: number[]): number {
  const values = message as Record<string, unknown>;
  let size = 0;
  for (const encoding of encodingFields(typeName)) {
    const { field } = encoding;
    const value = values[field.name];
    if (value === undefined || value === null) continue;
    if (field.keyType) {
      // A map is a repeated entry message { 1: key, 2: value }.
      const entries = value as Record<string, unknown>;
      for (const key of Object.keys(entries)) {
        const slot = reserveLength(lengths);
        const entryLength =
          1 + valueSize(field, field.keyType, mapKey(field, key), lengths) + 1 + valueSize(field, field.type, entries[key], lengths);
        lengths[slot] = entryLength;
        size += encoding.tagSize + varintSize(entryLength) + entryLength;
      }
    } else if (field.repeated) {
      for (const element of value as unknown[]) size += encoding.tagSize + valueSize(field, field.type, element, lengths);
    } else if (field.presence || !isDefault(field, value)) {
      size += encoding.tagSize + valueSize(field, field.type, value, lengths);
    }
  }
  return size;
}

function writeMessage(typeName: string, message: object, writer: Writer): void {
  const values = message as Record<string, unknown>;
  for (const encoding of encodingFields(typeName)) {
    const { field } = encoding;
    const value = values[field.name];
    if (value === undefined || value === null) continue;
    if (field.keyType) {
      const entries = value as Record<string, unknown>;
      for (const key of Object.keys(entries)) {
        writer.varint(encoding.tag);
        writer.varint(writer.takeMessageLength());
        writer.varint(encoding.keyTag);
        writeValue(field, field.keyType, mapKey(field, key), writer);
        writer.varint(encoding.valueTag);
        writeValue(field, field.type, entries[key], writer);
      }
    } else if (field.repeated) {
      for (const element of value as unknown[]) {
        writer.varint(encoding.tag);
        writeValue(field, field.type, element, writer);
      }
    } else if (field.presence || !isDefault(field, value)) {
      writer.varint(encoding.tag);
      writeValue(field, field.type, value, writer);
    }
  }
}

function messageFields(typeName: string): FieldDescriptor[] {
  const message = descriptor.messages[typeName];
  if (!message) throw new Error(`unknown message type ${typeName}`);
  return message.fields;
}

/**
 * Encodes a message into one buffer. `reserve` bytes are left free at its start, so a
 * caller adding a header (the gRPC length prefix) needs no second buffer and copy.
 */
export function encodeMessage(typeName: string, message: object, reserve = 0): Buffer {
  const lengths: number[] = [];
  const size = messageSize(typeName, message, lengths);
  const bytes = Buffer.allocUnsafe(reserve + size);
  const writer = new Writer(bytes, reserve, lengths);
  writeMessage(typeName, message, writer);
  if (writer.position !== reserve + size) throw new Error(`${typeName}: encoded ${writer.position - reserve} bytes, measured ${size}`);
  bytes.fill(0, 0, reserve);
  return bytes;
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
