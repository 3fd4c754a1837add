import { Diagnostics } from '../../framework/types';
import { schemaType } from '../codec/types';
import { diagnosticsToMessages } from '../convert/diagnostics';
import type { ValidateResourceConfigRequest, WithDiagnostics } from '../messages';
import { validateAttributes } from './attribute-validation';
import { decodeObject, runGuarded, type ProviderContext } from './context';
import { checkWriteOnlyAllowed } from './write-only';

export async function validateResourceConfig(
  context: ProviderContext,
  request: ValidateResourceConfigRequest,
): Promise<WithDiagnostics> {
  const diagnostics = new Diagnostics();
  const resource = context.resource(request.type_name, diagnostics);
  if (resource) {
    const config = decodeObject(request.config, schemaType(resource.schema), diagnostics, 'resource configuration');
    if (config) {
      validateAttributes(resource.schema.attributes, config, diagnostics);
      const writeOnlyAllowed = request.client_capabilities?.write_only_attributes_allowed === true;
      checkWriteOnlyAllowed(resource.schema.attributes, config, writeOnlyAllowed, diagnostics);
      if (resource.validateConfig) {
        await runGuarded(diagnostics, `Validation of ${resource.typeName}`, () =>
          resource.validateConfig?.(config, diagnostics),
        );
      }
    }
  }
  return { diagnostics: diagnosticsToMessages(diagnostics) };
}
