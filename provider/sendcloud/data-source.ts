/** data "sendcloud_integrations": the account's integrations, optionally filtered by shop name. */
import type { DataSourceDefinition } from '../framework/types';
import { reportApiError } from '../common/resource-helpers';
import type { SendcloudProviderData } from './provider-data';
import { API_ERROR_FIXES, DATA_SOURCE_SCHEMA } from './schema';

export const integrationsDataSource: DataSourceDefinition<SendcloudProviderData> = {
  typeName: 'sendcloud_integrations',
  schema: DATA_SOURCE_SCHEMA,

  async read({ config, client }, diagnostics) {
    try {
      const shopName = typeof config.shop_name === 'string' ? config.shop_name : undefined;
      const integrations = (await client.api.listIntegrations())
        .filter((integration) => shopName === undefined || integration.shop_name === shopName)
        .map((integration) => ({
          id: integration.id,
          shop_name: integration.shop_name ?? null,
          shop_url: integration.shop_url ?? null,
          type: integration.type ?? null,
          service_point_enabled: integration.service_point_enabled ?? null,
          service_point_carriers: integration.service_point_carriers ? [...integration.service_point_carriers].sort() : null,
          webhook_active: integration.webhook_active ?? null,
          webhook_url: integration.webhook_url ?? null,
          feedback_type: integration.feedback_type ?? null,
        }));
      return { shop_name: shopName ?? null, integrations };
    } catch (error) {
      reportApiError(diagnostics, 'Could not list Sendcloud integrations', error, API_ERROR_FIXES);
      return null;
    }
  },
};
