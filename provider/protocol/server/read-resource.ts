import { Diagnostics } from '../../framework/types';
import { schemaType } from '../codec/types';
import { valuesEqual } from '../codec/values';
import { diagnosticsToMessages } from '../convert/diagnostics';
import type { ReadResourceRequest, ReadResourceResponse } from '../messages';
import { decodeObject, encodeValue, requireKnown, runGuarded, type ProviderContext } from './context';
import { decodePrivate, privateAfter, withoutWriteOnly } from './write-only';

/**
 * Refreshes one resource. A null result means the remote object is gone: Terraform
 * drops it from state and plans to create it again; that is not an error. When
 * read fails without a result, the current state is kept.
 */
export async function readResource(
  context: ProviderContext,
  request: ReadResourceRequest,
): Promise<ReadResourceResponse> {
  const diagnostics = new Diagnostics();
  const response: ReadResourceResponse = { private: request.private };
  const resource = context.resource(request.type_name, diagnostics);
  if (resource) {
    const type = schemaType(resource.schema);
    const state = decodeObject(request.current_state, type, diagnostics, 'current state');
    if (state === null) {
      response.new_state = request.current_state;
    } else if (state !== undefined) {
      const privateState = decodePrivate(request.private);
      const result = await runGuarded(diagnostics, `Reading ${resource.typeName}`, () =>
        resource.read({ state, client: context.client, private: privateState }, diagnostics),
      );
      if (result === undefined || (result === null && diagnostics.hasErrors)) {
        // A failed read says nothing about the remote object: keep what Terraform has.
        response.new_state = request.current_state;
      } else {
        const newState = result === null ? null : withoutWriteOnly(resource.schema.attributes, requireKnown(result, diagnostics, 'read'));
        // A refresh that finds nothing changed (every no-op plan, for each resource) answers with the bytes it was sent.
        response.new_state =
          newState !== null && request.current_state?.msgpack?.length && valuesEqual(type, newState, state)
            ? request.current_state
            : (encodeValue(newState, type, diagnostics, 'state') ?? request.current_state);
        response.private = privateAfter(request.private, privateState);
      }
    }
  }
  response.diagnostics = diagnosticsToMessages(diagnostics);
  return response;
}
