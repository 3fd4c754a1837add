import { Diagnostics } from '../../framework/types';
import { schemaType } from '../codec/types';
import { diagnosticsToMessages } from '../convert/diagnostics';
import type { ImportResourceStateRequest, ImportResourceStateResponse } from '../messages';
import { encodeValue, runGuarded, type ProviderContext } from './context';
import { withoutWriteOnly } from './write-only';

/** Builds the state Terraform hands to ReadResource next, from the id given to `terraform import`. */
export async function importResourceState(
  context: ProviderContext,
  request: ImportResourceStateRequest,
): Promise<ImportResourceStateResponse> {
  const diagnostics = new Diagnostics();
  const response: ImportResourceStateResponse = { imported_resources: [] };
  const resource = context.resource(request.type_name, diagnostics);
  if (resource && !resource.importState) {
    diagnostics.error(
      'Resource import not supported',
      `The resource type ${resource.typeName} cannot be imported.`,
    );
  } else if (resource?.importState) {
    const state = await runGuarded(diagnostics, `Importing ${resource.typeName}`, () =>
      resource.importState?.(request.id, diagnostics),
    );
    if (state && !diagnostics.hasErrors) {
      const encoded = encodeValue(withoutWriteOnly(resource.schema.attributes, state), schemaType(resource.schema), diagnostics, 'imported state');
      if (encoded) {
        response.imported_resources = [{ type_name: resource.typeName, state: encoded, private: new Uint8Array() }];
      }
    } else if (!state && !diagnostics.hasErrors) {
      diagnostics.error(
        `Importing ${resource.typeName} returned no state`,
        'importState() must return the state to read. This is a bug in the provider.',
      );
    }
  }
  response.diagnostics = diagnosticsToMessages(diagnostics);
  return response;
}
