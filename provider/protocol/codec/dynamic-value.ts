/** DynamicValue messages: msgpack preferred, JSON accepted, an absent value is null. */
import type { AttributeType, PlainValue } from '../../framework/types';
import type { DynamicValue } from '../messages';
import { decodeJson } from './json';
import { decodeMsgpack, encodeMsgpack } from './msgpack';

export function decodeDynamicValue(message: DynamicValue | null | undefined, type: AttributeType): PlainValue {
  if (message?.msgpack && message.msgpack.length > 0) return decodeMsgpack(message.msgpack, type);
  if (message?.json && message.json.length > 0) return decodeJson(message.json, type);
  return null;
}

/** Responses always use msgpack: Terraform does not accept JSON in every response. */
export function encodeDynamicValue(value: PlainValue, type: AttributeType): DynamicValue {
  return { msgpack: encodeMsgpack(value, type) };
}
