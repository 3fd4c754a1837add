import { Diagnostics } from '../../framework/types';
import { schemaType } from '../codec/types';
import { diagnosticsToMessages } from '../convert/diagnostics';
import type { ValidateDataResourceConfigRequest, WithDiagnostics } from '../messages';
import { validateAttributes } from './attribute-validation';
import { decodeObject, runGuarded, type ProviderContext } from './context';

export async function validateDataResourceConfig(
  context: ProviderContext,
  request: ValidateDataResourceConfigRequest,
): Promise<WithDiagnostics> {
  const diagnostics = new Diagnostics();
  const dataSource = context.dataSource(request.type_name, diagnostics);
  if (dataSource) {
    const config = decodeObject(request.config, schemaType(dataSource.schema), diagnostics, 'data source configuration');
    if (config) {
      validateAttributes(dataSource.schema.attributes, config, diagnostics);
      if (dataSource.validateConfig) {
        await runGuarded(diagnostics, `Validation of ${dataSource.typeName}`, () =>
          dataSource.validateConfig?.(config, diagnostics),
        );
      }
    }
  }
  return { diagnostics: diagnosticsToMessages(diagnostics) };
}
