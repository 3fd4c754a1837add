import { Diagnostics } from '../../framework/types';
import { schemaType } from '../codec/types';
import { diagnosticsToMessages } from '../convert/diagnostics';
import type { ConfigureProviderRequest, WithDiagnostics } from '../messages';
import { decodeObject, runGuarded, type ProviderContext } from './context';

/**
 * Builds the provider's client from the provider block. Terraform configures a
 * launched provider once; a reattached (long-lived) provider is configured again
 * by each run, and the newest client replaces the previous one.
 */
export async function configureProvider(
  context: ProviderContext,
  request: ConfigureProviderRequest,
): Promise<WithDiagnostics> {
  const diagnostics = new Diagnostics();
  const { provider } = context;
  const config = decodeObject(request.config, schemaType(provider.schema), diagnostics, 'provider configuration');
  if (config) {
    const client = await runGuarded(diagnostics, 'Provider configuration', () =>
      provider.configure({ config, terraformVersion: request.terraform_version ?? '' }, diagnostics),
    );
    if (!diagnostics.hasErrors) context.client = client;
  }
  return { diagnostics: diagnosticsToMessages(diagnostics) };
}
