/**
 * data "sendcloud_integration_logs": Sendcloud's exception logs, made when Sendcloud fails to
 * call the shop (credentials no longer valid, a missing resource), of one integration or of the
 * whole account, optionally only since a time. Made for `check` blocks:
 *
 *   check "shop_reachable" {
 *     data "sendcloud_integration_logs" "shop" {
 *       integration_id = sendcloud_integration.shop.integration_id
 *       since          = "24h"
 *     }
 *     assert {
 *       condition     = data.sendcloud_integration_logs.shop.log_count == 0
 *       error_message = "Sendcloud could not reach the shop in the last 24 hours"
 *     }
 *   }
 *
 * Request and response bodies and headers of a log are left out: they may carry the shop's
 * credentials.
 */
import type { DataSourceDefinition, PlainObject, Schema } from '../framework/types';
import { reportApiError } from '../common/resource-helpers';
import { readSince, sinceAttribute, warnWhereSinceNotApplied } from '../common/since';
import type { SendcloudProviderData } from './provider-data';
import { API_ERROR_FIXES, integrationIdValidator } from './schema';

export const LOGS_DATA_SOURCE_SCHEMA: Schema = {
  description: "Sendcloud's exception logs (one per failed call to the shop) of one integration or of the whole account.",
  attributes: {
    integration_id: {
      type: 'number',
      optional: true,
      description: "Only this integration's logs. Left out, every log of the account.",
      validate: integrationIdValidator,
    },
    since: sinceAttribute('logs'),
    log_count: { type: 'number', computed: true, description: 'How many exception logs were found.' },
    logs: {
      type: {
        list: {
          object: {
            id: 'number',
            integration_id: 'number',
            base_url: 'string',
            full_url: 'string',
            method: 'string',
            response_code: 'number',
            exception_type: 'string',
            exception: 'string',
            created_at: 'string',
          },
        },
      },
      computed: true,
      description: 'The logs found, newest first. response_code is null when the shop never answered.',
    },
  },
};

export const integrationLogsDataSource: DataSourceDefinition<SendcloudProviderData> = {
  typeName: 'sendcloud_integration_logs',
  schema: LOGS_DATA_SOURCE_SCHEMA,

  async read({ config, client }, diagnostics) {
    const integrationId = typeof config.integration_id === 'number' ? config.integration_id : undefined;
    const window = readSince(config, diagnostics);
    if (!window) return null;
    try {
      const found = await client.api.shop.listLogs({ integrationId, sinceMs: window.sinceMs });
      warnWhereSinceNotApplied(diagnostics, window.since, found);
      const logs = found.map(
        (log): PlainObject => ({
          id: log.id,
          integration_id: log.integration_id ?? integrationId ?? null,
          base_url: log.base_url,
          full_url: log.full_url ?? null,
          method: log.method || null,
          response_code: log.response_code ?? null,
          exception_type: log.exception_type ?? null,
          exception: log.exception ?? null,
          created_at: log.created_at ?? null,
        }),
      );
      return { integration_id: integrationId ?? null, since: window.since ?? null, log_count: logs.length, logs };
    } catch (error) {
      reportApiError(diagnostics, `Could not list the Sendcloud exception logs${integrationId ? ` of integration ${integrationId}` : ''}`, error, API_ERROR_FIXES);
      return null;
    }
  },
};
