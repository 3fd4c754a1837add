/**
 * The msgpack form of Terraform values (docs/plugin-protocol/object-wire-format.md):
 * null is nil, an unknown value is a msgpack extension (code 0 when written; any
 * code, including 12 for refined unknowns, when read), objects carry every attribute.
 */
import { Decoder, Encoder, ExtData, type ExtensionCodecType } from '@msgpack/msgpack';
import { UNKNOWN, type AttributeType, type PlainValue } from '../../framework/types';
import { NOT_DECODED, decodeTypedMsgpack } from './msgpack-typed';
import { NOT_ENCODED, encodeTypedMsgpack } from './msgpack-typed-encode';
import { conform } from './values';

/** Marks a decoded extension: every extension code means "unknown" in this protocol. */
const DECODED_UNKNOWN = Symbol('decoded-unknown');

const unknownExtensions: ExtensionCodecType<undefined> = {
  tryToEncode(value: unknown): ExtData | null {
    // Unrefined unknowns use code 0; its payload is ignored by readers.
    return value === UNKNOWN ? new ExtData(0, new Uint8Array([0])) : null;
  },
  decode(): unknown {
    return DECODED_UNKNOWN;
  },
};

const encoder = new Encoder({ extensionCodec: unknownExtensions });
const decoder = new Decoder({ extensionCodec: unknownExtensions });

export function encodeMsgpack(value: PlainValue, type: AttributeType): Uint8Array {
  const typed = encodeTypedMsgpack(value, type);
  if (typed !== NOT_ENCODED) return typed;
  return encoder.encode(conform(value, type));
}

export function decodeMsgpack(bytes: Uint8Array, type: AttributeType): PlainValue {
  const typed = decodeTypedMsgpack(bytes, type);
  if (typed !== NOT_DECODED) return typed;
  const raw = decoder.decode(bytes);
  return conform(raw, type, [], (candidate) => candidate === DECODED_UNKNOWN || candidate === UNKNOWN);
}
