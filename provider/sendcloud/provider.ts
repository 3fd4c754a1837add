/**
 * provider "sendcloud": builds one Sendcloud client per configuration and hands it to resources.
 *
 * The API client (and axios under it) is loaded in configure(), not at start-up: Terraform
 * launches the provider several times per command, and most launches (schema, validation)
 * never configure it.
 */
import { version } from '../../package.json';
import type { SendcloudIntegration } from '../../api/sendcloud';
import type { ProviderDefinition } from '../framework/types';
import { integrationsDataSource } from './data-source';
import type { SendcloudProviderData } from './provider-data';
import { integrationResource } from './integration-resource';
import { integrationsExclusiveResource } from './integrations-exclusive';
import { integrationLogsDataSource } from './logs-data-source';
import { shopOrderStatusesResource, shopOrderStatusMappingResource } from './order-statuses';
import { PROVIDER_SCHEMA } from './schema';
import {
  hasSendcloudCredentials,
  readSendcloudSettings,
  sendcloudApiModule,
  sendcloudClient,
  sendcloudCredentialChoices,
  v2UpdateMethodOf,
} from './settings';

export const sendcloudProvider: ProviderDefinition<SendcloudProviderData> = {
  typeName: 'sendcloud',
  version,
  schema: PROVIDER_SCHEMA,

  preload: () => void sendcloudApiModule(),

  async configure({ config }, diagnostics) {
    const settings = readSendcloudSettings(config, process.env, diagnostics);
    if (diagnostics.hasErrors) return undefined;
    if (!hasSendcloudCredentials(settings)) {
      diagnostics.error(
        'Missing Sendcloud credentials',
        `Set ${sendcloudCredentialChoices('settings')}.`,
        [settings.public_key ? 'secret_key' : 'public_key'],
      );
      return undefined;
    }

    const { integrationReads } = require('../common/integration-reads') as typeof import('../common/integration-reads');

    const api = sendcloudClient(settings);
    const reads = integrationReads<number, SendcloudIntegration>({
      list: () => api.listIntegrations(),
      get: (id) => api.getIntegration(id),
      idOf: (integration) => integration.id,
    });
    return { api, reads, v2UpdateMethod: v2UpdateMethodOf(settings) };
  },

  resources: [integrationResource, integrationsExclusiveResource, shopOrderStatusesResource, shopOrderStatusMappingResource],
  dataSources: [integrationsDataSource, integrationLogsDataSource],
};
