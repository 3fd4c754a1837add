/** data "elasticpath_integrations": the store's integrations, optionally filtered by name. */
import type { DataSourceDefinition } from '../framework/types';
import { reportApiError } from '../common/resource-helpers';
import type { ElasticPathProviderData } from './provider-data';
import { API_ERROR_FIXES, DATA_SOURCE_SCHEMA } from './schema';

export const integrationsDataSource: DataSourceDefinition<ElasticPathProviderData> = {
  typeName: 'elasticpath_integrations',
  schema: DATA_SOURCE_SCHEMA,

  async read({ config, client }, diagnostics) {
    try {
      const all = await client.api.listIntegrations();
      const name = typeof config.name === 'string' ? config.name : undefined;
      const integrations = all
        .filter((integration) => name === undefined || integration.name === name)
        .map((integration) => ({
          id: integration.id,
          name: integration.name,
          description: integration.description ? integration.description : null,
          enabled: typeof integration.enabled === 'boolean' ? integration.enabled : null,
          integration_type: integration.integration_type,
          observes: [...(integration.observes ?? [])].sort(),
          created_at: integration.meta?.timestamps?.created_at ?? null,
          updated_at: integration.meta?.timestamps?.updated_at ?? null,
        }));
      return { name: name ?? null, integrations };
    } catch (error) {
      reportApiError(diagnostics, 'Could not list Elastic Path integrations', error, API_ERROR_FIXES);
      return null;
    }
  },
};
