import { Diagnostics, type AttributeSchema, type PlainObject } from '../../framework/types';
import { NOT_ENCODED, encodeTypedMsgpack } from '../codec/msgpack-typed-encode';
import { schemaType, type ObjectType } from '../codec/types';
import { diagnosticsToMessages } from '../convert/diagnostics';
import type { DynamicValue, UpgradeResourceStateRequest, UpgradeResourceStateResponse } from '../messages';
import { decodeValue, encodeValue, type ProviderContext } from './context';
import { hasWriteOnlyValue, withoutWriteOnly } from './write-only';

/**
 * The stored state written straight as msgpack, when it is an object that needs nothing but
 * that: no write-only value to drop, and values the typed encoder writes as they are (as
 * decoding, shaping and encoding them would). Every resource of every plan is upgraded, and its
 * stored state almost always is that. Anything else (unreadable JSON, a value to convert or
 * refuse): undefined, and the general path below, which reports what it finds.
 */
function storedStateAsIs(json: Uint8Array, type: ObjectType, attributes: Record<string, AttributeSchema>): DynamicValue | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || hasWriteOnlyValue(attributes, raw as PlainObject)) return undefined;
  const encoded = encodeTypedMsgpack(raw as PlainObject, type);
  return encoded === NOT_ENCODED ? undefined : { msgpack: encoded };
}

/**
 * Reads stored state (JSON) against the current schema: absent attributes become
 * null, attributes the schema no longer has are dropped.
 */
export function upgradeResourceState(
  context: ProviderContext,
  request: UpgradeResourceStateRequest,
): UpgradeResourceStateResponse {
  const diagnostics = new Diagnostics();
  const resource = context.resource(request.type_name, diagnostics);
  let upgradedState;
  if (resource) {
    const type = schemaType(resource.schema);
    const json = request.raw_state?.json;
    const unchanged = json && json.length > 0 ? storedStateAsIs(json, type, resource.schema.attributes) : undefined;
    if (unchanged) {
      upgradedState = unchanged;
    } else if (json && json.length > 0) {
      const state = decodeValue({ json }, type, diagnostics, 'stored state');
      if (state !== undefined) {
        // A state written before an attribute became write-only may still hold its value: drop it.
        const cleaned = state !== null && typeof state === 'object' && !Array.isArray(state) ? withoutWriteOnly(resource.schema.attributes, state as PlainObject) : state;
        upgradedState = encodeValue(cleaned, type, diagnostics, 'upgraded state');
      }
    } else if (request.raw_state?.flatmap && Object.keys(request.raw_state.flatmap).length > 0) {
      diagnostics.error(
        'Unsupported state format',
        `The stored state of this ${request.type_name} uses the legacy flatmap format, which this provider ` +
          'cannot read. Remove it from the state and import it again.',
      );
    } else {
      upgradedState = encodeValue(null, type, diagnostics, 'upgraded state');
    }
  }
  return { upgraded_state: upgradedState, diagnostics: diagnosticsToMessages(diagnostics) };
}
