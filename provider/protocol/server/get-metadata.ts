import type { GetMetadataResponse, ServerCapabilities } from '../messages';
import type { ProviderContext } from './context';

/** Capabilities this server announces: Terraform skips PlanResourceChange on destroy, no state moves. */
export const SERVER_CAPABILITIES: ServerCapabilities = {
  plan_destroy: false,
  get_provider_schema_optional: false,
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
