import type { GetMetadataResponse, ServerCapabilities } from '../messages';
import type { ProviderContext } from './context';

/**
 * Capabilities this server announces: Terraform skips PlanResourceChange on destroy, no state
 * moves. get_provider_schema_optional: every RPC works without a GetProviderSchema call first
 * (the schemas are fixed at start-up), so Terraform, which launches the provider several
 * times per command, asks for the schema once per command instead of once per launch.
 */
export const SERVER_CAPABILITIES: ServerCapabilities = {
  plan_destroy: false,
  get_provider_schema_optional: true,
  move_resource_state: false,
};

export function getMetadata(context: ProviderContext): GetMetadataResponse {
  return {
    server_capabilities: SERVER_CAPABILITIES,
    resources: [...context.resources.keys()].map((type_name) => ({ type_name })),
    data_sources: [...context.dataSources.keys()].map((type_name) => ({ type_name })),
    functions: [],
    ephemeral_resources: [],
    diagnostics: [],
  };
}
