import { Diagnostics, type PlainObject } from '../../framework/types';
import { schemaType } from '../codec/types';
import { diagnosticsToMessages } from '../convert/diagnostics';
import type { ApplyResourceChangeRequest, ApplyResourceChangeResponse } from '../messages';
import { decodeObject, encodeValue, requireKnown, runGuarded, type ProviderContext } from './context';
import { decodePrivate, privateAfter, withoutWriteOnly } from './write-only';

/**
 * Carries out a planned change: no prior state means create, no planned state
 * means delete, otherwise update. The new state must be wholly known.
 */
export async function applyResourceChange(
  context: ProviderContext,
  request: ApplyResourceChangeRequest,
): Promise<ApplyResourceChangeResponse> {
  const diagnostics = new Diagnostics();
  const response: ApplyResourceChangeResponse = { private: request.planned_private };
  const resource = context.resource(request.type_name, diagnostics);
  if (resource) {
    const type = schemaType(resource.schema);
    const prior = decodeObject(request.prior_state, type, diagnostics, 'prior state');
    const planned = decodeObject(request.planned_state, type, diagnostics, 'planned state');
    const config = decodeObject(request.config, type, diagnostics, 'resource configuration');
    if (prior !== undefined && planned !== undefined && config !== undefined) {
      const client = context.client;
      const privateState = decodePrivate(request.planned_private);
      let newState: PlainObject | null;
      if (planned === null) {
        if (prior !== null) {
          await runGuarded(diagnostics, `Deleting ${resource.typeName}`, () =>
            resource.delete({ state: prior, client }, diagnostics),
          );
        }
        // A failed delete keeps the resource in state so that it can be retried.
        newState = diagnostics.hasErrors ? prior : null;
      } else if (prior === null) {
        const created = await runGuarded(diagnostics, `Creating ${resource.typeName}`, () =>
          resource.create({ plan: planned, config: config ?? {}, client, private: privateState }, diagnostics),
        );
        if (!created && !diagnostics.hasErrors) {
          diagnostics.error(
            `Creating ${resource.typeName} returned no state`,
            'create() must return the new object. This is a bug in the provider.',
          );
        }
        newState = created ? requireKnown(created, diagnostics, 'create') : null;
      } else {
        const updated = await runGuarded(diagnostics, `Updating ${resource.typeName}`, () =>
          resource.update({ plan: planned, prior, config: config ?? {}, client, private: privateState }, diagnostics),
        );
        if (!updated && !diagnostics.hasErrors) {
          diagnostics.error(
            `Updating ${resource.typeName} returned no state`,
            'update() must return the updated object. This is a bug in the provider.',
          );
        }
        // Without a result the prior state is the best account of the remote object.
        newState = updated ? requireKnown(updated, diagnostics, 'update') : prior;
      }
      // Terraform refuses a new state that holds a write-only value.
      response.new_state = encodeValue(withoutWriteOnly(resource.schema.attributes, newState), type, diagnostics, 'new state');
      response.private = privateAfter(request.planned_private, privateState);
    }
  }
  response.diagnostics = diagnosticsToMessages(diagnostics);
  return response;
}
