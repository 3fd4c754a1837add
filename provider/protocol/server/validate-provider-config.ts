import { Diagnostics } from '../../framework/types';
import { schemaType } from '../codec/types';
import { diagnosticsToMessages } from '../convert/diagnostics';
import type { ValidateProviderConfigRequest, WithDiagnostics } from '../messages';
import { validateAttributes } from './attribute-validation';
import { decodeObject, runGuarded, type ProviderContext } from './context';

export async function validateProviderConfig(
  context: ProviderContext,
  request: ValidateProviderConfigRequest,
): Promise<WithDiagnostics> {
  const diagnostics = new Diagnostics();
  const { provider } = context;
  const config = decodeObject(request.config, schemaType(provider.schema), diagnostics, 'provider configuration');
  if (config) {
    validateAttributes(provider.schema.attributes, config, diagnostics);
    if (provider.validateConfig) {
      await runGuarded(diagnostics, 'Provider configuration validation', () =>
        provider.validateConfig?.(config, diagnostics),
      );
    }
  }
  return { diagnostics: diagnosticsToMessages(diagnostics) };
}
