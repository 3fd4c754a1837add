import { Diagnostics, type PlainObject } from '../../framework/types';
import { schemaType } from '../codec/types';
import { diagnosticsToMessages } from '../convert/diagnostics';
import type { UpgradeResourceStateRequest, UpgradeResourceStateResponse } from '../messages';
import { decodeValue, encodeValue, type ProviderContext } from './context';
import { withoutWriteOnly } from './write-only';

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
    if (json && json.length > 0) {
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
