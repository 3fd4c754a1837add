/**
 * provider "sendcloud": builds one Sendcloud client per configuration and hands it to resources.
 *
 * The API client (and axios under it) is loaded in configure(), not at start-up: Terraform
 * launches the provider several times per command, and most launches (schema, validation)
 * never configure it.
 */
import { version } from '../../package.json';
import type { SendcloudClient, SendcloudIntegration } from '../../api/sendcloud';
import type { ProviderDefinition } from '../framework/types';
import type { BatchedReader } from '../shared/batched-reader';
import { SENDCLOUD_ENVIRONMENT } from '../shared/environment';
import { readSetting } from '../shared/provider-config';
import { integrationsDataSource } from './data-source';
import { integrationResource } from './integration-resource';
import { integrationsExclusiveResource } from './integrations-exclusive';
import { integrationLogsDataSource } from './logs-data-source';
import { shopOrderStatusesResource, shopOrderStatusMappingResource } from './order-statuses';
import { PROVIDER_SCHEMA } from './schema';

export interface SendcloudProviderData {
  readonly api: SendcloudClient;
  readonly reads: BatchedReader<number, SendcloudIntegration>;
  readonly v2UpdateMethod: 'patch' | 'put';
}

export const sendcloudProvider: ProviderDefinition<SendcloudProviderData> = {
  typeName: 'sendcloud',
  version,
  schema: PROVIDER_SCHEMA,

  async configure({ config }, diagnostics) {
    const setting = (attribute: string, env?: string) => readSetting(config, { attribute, env }, diagnostics);
    const publicKey = setting('public_key', SENDCLOUD_ENVIRONMENT.public_key);
    const secretKey = setting('secret_key', SENDCLOUD_ENVIRONMENT.secret_key);
    const oauthClientId = setting('oauth_client_id', SENDCLOUD_ENVIRONMENT.oauth_client_id);
    const oauthClientSecret = setting('oauth_client_secret', SENDCLOUD_ENVIRONMENT.oauth_client_secret);
    const oauthTokenUrl = setting('oauth_token_url', SENDCLOUD_ENVIRONMENT.oauth_token_url);
    const baseUrl = setting('api_base_url', SENDCLOUD_ENVIRONMENT.api_base_url);
    const apiVersion = (setting('api_version') ?? 'v3') as 'v3' | 'v2';
    const v2UpdateMethod = (setting('v2_update_method') ?? 'patch') as 'patch' | 'put';
    if (diagnostics.hasErrors) return undefined;

    const keyPair = publicKey && secretKey;
    const oauth = oauthClientId && oauthClientSecret;
    if (!keyPair && !oauth) {
      diagnostics.error(
        'Missing Sendcloud credentials',
        'Set public_key and secret_key (or $SENDCLOUD_PUBLIC_KEY and $SENDCLOUD_SECRET_KEY), ' +
          'or oauth_client_id and oauth_client_secret (or $SENDCLOUD_OAUTH_CLIENT_ID and $SENDCLOUD_OAUTH_CLIENT_SECRET).',
        [publicKey ? 'secret_key' : 'public_key'],
      );
      return undefined;
    }

    const { SendcloudClient } = require('../../api/sendcloud') as typeof import('../../api/sendcloud');
    const { integrationReads } = require('../shared/integration-reads') as typeof import('../shared/integration-reads');

    const api = new SendcloudClient({
      baseUrl,
      apiVersion,
      ...(keyPair
        ? { publicKey, secretKey }
        : { oauth: { clientId: oauthClientId as string, clientSecret: oauthClientSecret as string, tokenUrl: oauthTokenUrl } }),
    });
    const reads = integrationReads<number, SendcloudIntegration>({
      list: () => api.listIntegrations(),
      get: (id) => api.getIntegration(id),
      idOf: (integration) => integration.id,
    });
    return { api, reads, v2UpdateMethod };
  },

  resources: [integrationResource, integrationsExclusiveResource, shopOrderStatusesResource, shopOrderStatusMappingResource],
  dataSources: [integrationsDataSource, integrationLogsDataSource],
};
