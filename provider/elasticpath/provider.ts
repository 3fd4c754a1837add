/**
 * provider "elasticpath": builds one Elastic Path client per configuration and hands it to resources.
 *
 * The API client (and axios under it) is loaded in configure(), not at start-up: Terraform
 * launches the provider several times per command, and most launches (schema, validation)
 * never configure it.
 */
import { version } from '../../package.json';
import type { ElasticPathClient, EpIntegration } from '../../api/elasticpath';
import type { ProviderDefinition } from '../framework/types';
import type { BatchedReader } from '../shared/batched-reader';
import { ELASTICPATH_ENVIRONMENT } from '../shared/environment';
import { readNumberSetting, readSetting, requireSetting } from '../shared/provider-config';
import { integrationsDataSource } from './data-source';
import { integrationResource } from './integration-resource';
import { DEFAULT_STORE, integrationsExclusiveResource } from './integrations-exclusive';
import { integrationLogsDataSource } from './logs-data-source';
import { API_ERROR_FIXES, DEFAULT_MAX_REQUESTS_PER_SECOND, MAX_REQUESTS_PER_SECOND_ENV, PROVIDER_SCHEMA, positiveRate } from './schema';

export interface ElasticPathProviderData {
  readonly api: ElasticPathClient;
  readonly reads: BatchedReader<string, EpIntegration>;
  /** The store this configuration addresses: store_id, or "default" without one. */
  readonly storeId: string;
}

export const elasticPathProvider: ProviderDefinition<ElasticPathProviderData> = {
  typeName: 'elasticpath',
  version,
  schema: PROVIDER_SCHEMA,

  async configure({ config }, diagnostics) {
    const clientId = requireSetting(config, { attribute: 'client_id', env: ELASTICPATH_ENVIRONMENT.client_id }, diagnostics, 'a client id');
    const clientSecret = requireSetting(
      config,
      { attribute: 'client_secret', env: ELASTICPATH_ENVIRONMENT.client_secret },
      diagnostics,
      'a client secret',
    );
    const baseUrl = readSetting(config, { attribute: 'api_base_url', env: ELASTICPATH_ENVIRONMENT.api_base_url }, diagnostics);
    const region = readSetting(config, { attribute: 'region' }, diagnostics) as 'useast' | 'euwest' | undefined;
    const storeId = readSetting(config, { attribute: 'store_id', env: ELASTICPATH_ENVIRONMENT.store_id }, diagnostics);
    const requestsPerSecond =
      readNumberSetting(config, { attribute: 'max_requests_per_second', env: MAX_REQUESTS_PER_SECOND_ENV, validate: positiveRate }, diagnostics) ??
      DEFAULT_MAX_REQUESTS_PER_SECOND;
    if (diagnostics.hasErrors || !clientId || !clientSecret) return undefined;

    const { ElasticPathClient } = require('../../api/elasticpath') as typeof import('../../api/elasticpath');
    const { integrationReads, checkReachable } = require('../shared/integration-reads') as typeof import('../shared/integration-reads');

    const api = new ElasticPathClient({ baseUrl, region: baseUrl ? undefined : (region ?? 'useast'), clientId, clientSecret, storeId, requestsPerSecond });
    if (!(await checkReachable(() => api.verifyCredentials(), 'Elastic Path', API_ERROR_FIXES, 'client_secret', diagnostics))) return undefined;
    const reads = integrationReads<string, EpIntegration>({
      list: () => api.listIntegrations(),
      firstPage: () => api.listIntegrationsFirstPage(),
      get: (id) => api.getIntegration(id),
      idOf: (integration) => integration.id,
    });
    return { api, reads, storeId: storeId ?? DEFAULT_STORE };
  },

  resources: [integrationResource, integrationsExclusiveResource],
  dataSources: [integrationsDataSource, integrationLogsDataSource],
};
