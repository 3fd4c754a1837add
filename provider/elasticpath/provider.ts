/**
 * provider "elasticpath": builds one Elastic Path client per configuration and hands it to resources.
 *
 * The API client (and axios under it) is loaded in configure(), not at start-up: Terraform
 * launches the provider several times per command, and most launches (schema, validation)
 * never configure it.
 */
import { version } from '../../package.json';
import type { EpIntegration } from '../../api/elasticpath';
import type { ProviderDefinition } from '../framework/types';
import { integrationsDataSource } from './data-source';
import type { ElasticPathProviderData } from './provider-data';
import { integrationResource } from './integration-resource';
import { DEFAULT_STORE, integrationsExclusiveResource } from './integrations-exclusive';
import { integrationLogsDataSource } from './logs-data-source';
import { API_ERROR_FIXES, PROVIDER_SCHEMA } from './schema';
import { elasticPathApiModule, elasticPathClient, hasElasticPathCredentials, readElasticPathSettings } from './settings';

export const elasticPathProvider: ProviderDefinition<ElasticPathProviderData> = {
  typeName: 'elasticpath',
  version,
  schema: PROVIDER_SCHEMA,

  preload: () => void elasticPathApiModule(),

  async configure({ config }, diagnostics) {
    const settings = readElasticPathSettings(config, process.env, diagnostics);
    const complete = hasElasticPathCredentials(settings, diagnostics, config);
    if (diagnostics.hasErrors || !complete) return undefined;

    const { integrationReads, checkReachable } = require('../common/integration-reads') as typeof import('../common/integration-reads');

    const api = elasticPathClient(settings);
    if (!(await checkReachable(() => api.verifyCredentials(), 'Elastic Path', API_ERROR_FIXES, 'client_secret', diagnostics))) return undefined;
    const reads = integrationReads<string, EpIntegration>({
      list: () => api.listIntegrations(),
      firstPage: () => api.listIntegrationsFirstPage(),
      get: (id) => api.getIntegration(id),
      idOf: (integration) => integration.id,
    });
    return { api, reads, storeId: settings.store_id ?? DEFAULT_STORE };
  },

  resources: [integrationResource, integrationsExclusiveResource],
  dataSources: [integrationsDataSource, integrationLogsDataSource],
};
