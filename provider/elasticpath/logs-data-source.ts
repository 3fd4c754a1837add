/**
 * data "elasticpath_integration_logs": Elastic Path's delivery attempts, of one integration or
 * the whole store, optionally only failures and only since a time. Made for `check` blocks:
 *
 *   check "orders_deliver" {
 *     data "elasticpath_integration_logs" "orders" {
 *       integration_id = elasticpath_integration.orders.id
 *       failures_only  = true
 *       since          = "24h"
 *     }
 *     assert {
 *       condition     = data.elasticpath_integration_logs.orders.failure_count == 0
 *       error_message = "the orders webhook failed deliveries in the last 24 hours"
 *     }
 *   }
 */
import type { DataSourceDefinition, PlainObject, Schema } from '../framework/types';
import { reportApiError } from '../common/resource-helpers';
import { readSince, sinceAttribute, warnWhereSinceNotApplied } from '../common/since';
import { nonEmptyString } from '../common/validators';
import type { ElasticPathProviderData } from './provider-data';
import { API_ERROR_FIXES } from './schema';

export const LOGS_DATA_SOURCE_SCHEMA: Schema = {
  description: "Elastic Path's delivery logs (one entry per attempt) of one integration or of the whole store.",
  attributes: {
    integration_id: {
      type: 'string',
      optional: true,
      description: "Only this integration's logs. Left out, every log of the store.",
      validate: nonEmptyString(),
    },
    failures_only: { type: 'bool', optional: true, description: 'Only failed attempts. Defaults to false.' },
    since: sinceAttribute('attempts', "Elastic Path's API gives its logs no time, so against the real API since narrows nothing: compare log ids with an earlier read instead."),
    failure_count: { type: 'number', computed: true, description: 'How many of the logs found are failed attempts.' },
    logs: {
      type: {
        list: {
          object: {
            id: 'string',
            integration_id: 'string',
            job_id: 'string',
            succeeded: 'bool',
            attempt: 'number',
            status_code: 'number',
            error_detail: 'string',
            body: 'string',
            created_at: 'string',
          },
        },
      },
      computed: true,
      description: 'The attempts found, newest first. status_code is null when the receiver never answered.',
    },
  },
};

export const integrationLogsDataSource: DataSourceDefinition<ElasticPathProviderData> = {
  typeName: 'elasticpath_integration_logs',
  schema: LOGS_DATA_SOURCE_SCHEMA,

  async read({ config, client }, diagnostics) {
    const integrationId = typeof config.integration_id === 'string' ? config.integration_id : undefined;
    const failuresOnly = config.failures_only === true;
    const window = readSince(config, diagnostics);
    if (!window) return null;
    const { since, sinceMs } = window;
    try {
      const all = await client.api.listIntegrationLogs({ integrationId, sinceMs });
      const logs = all
        .filter((log) => !failuresOnly || !log.succeeded)
        .map(
          (log): PlainObject => ({
            id: log.id,
            integration_id: log.integration_id ?? integrationId ?? null,
            job_id: log.job_id ?? null,
            succeeded: log.succeeded,
            attempt: log.attempt,
            status_code: log.status_code ?? null,
            error_detail: log.error_detail ?? null,
            body: log.body ?? null,
            created_at: log.created_at ?? null,
          }),
        );
      warnWhereSinceNotApplied(diagnostics, since, logs as { created_at: string | null }[]);
      return {
        integration_id: integrationId ?? null,
        failures_only: typeof config.failures_only === 'boolean' ? config.failures_only : null,
        since: since ?? null,
        failure_count: logs.filter((log) => log.succeeded === false).length,
        logs,
      };
    } catch (error) {
      reportApiError(diagnostics, `Could not list the Elastic Path delivery logs${integrationId ? ` of integration ${integrationId}` : ''}`, error, API_ERROR_FIXES);
      return null;
    }
  },
};
