/**
 * resource "elasticpath_integrations_exclusive": the whole store's integrations under one
 * configuration. See provider/common/exclusive.ts for the plan semantics.
 *
 * Its id is the store: the provider's store_id, or "default" for the store of a key that
 * reaches only one (no store_id set). `terraform import elasticpath_integrations_exclusive.x <store id>`
 * takes that id; it must be the store the provider configuration addresses.
 */
import type { EpIntegration } from '../../api/elasticpath';
import { isNotFound } from '../../api/errors';
import type { Diagnostics, PlainObject, PlainValue, ResourceDefinition } from '../framework/types';
import { EXCLUSIVE_TYPE_SUFFIX, UNMANAGED_ATTRIBUTE, type UnmanagedIntegration, exclusiveSchema, planUnmanaged, toPrune, withUnmanaged } from '../common/exclusive';
import { reportApiError } from '../common/resource-helpers';
import type { ElasticPathProviderData } from './provider-data';
import { API_ERROR_FIXES, CONFIGURATION_FIELDS } from './schema';

/** The id of the store a provider configuration without store_id addresses. */
export const DEFAULT_STORE = 'default';

export const INTEGRATIONS_EXCLUSIVE_SCHEMA = exclusiveSchema({
  vendor: 'Elastic Path',
  idDescription: 'The store: the provider\'s store_id, or "default" when the provider sets none. Import with this id.',
  nameDescription: 'integration names',
  prunable: true,
});

/** The configuration fields that say where events go, as the schema marks them (never a sensitive one). */
const DESTINATION_FIELDS = Object.keys(CONFIGURATION_FIELDS).filter(
  (field) => CONFIGURATION_FIELDS[field].destination && !CONFIGURATION_FIELDS[field].attribute.sensitive,
);

export function unmanagedOf(integration: EpIntegration): UnmanagedIntegration {
  const configuration = (integration.configuration ?? {}) as Record<string, PlainValue>;
  const destination = DESTINATION_FIELDS.map((field) => configuration[field])
    .map((value) => (Array.isArray(value) ? value.join(', ') : value))
    .filter((value): value is string => typeof value === 'string' && value !== '')
    .join(' ');
  return {
    id: integration.id,
    name: integration.name ?? null,
    type: integration.integration_type ?? null,
    enabled: typeof integration.enabled === 'boolean' ? integration.enabled : null,
    observes: [...(integration.observes ?? [])].sort(),
    destination: destination || null,
  };
}

export const integrationsExclusiveResource: ResourceDefinition<ElasticPathProviderData> = {
  typeName: `elasticpath${EXCLUSIVE_TYPE_SUFFIX}`,
  schema: INTEGRATIONS_EXCLUSIVE_SCHEMA,

  modifyPlan(req, diagnostics) {
    return planUnmanaged(req, (id) => `Elastic Path store ${id}`, diagnostics);
  },

  async create({ plan, client }, diagnostics) {
    // Creating only records what is there: deletion needs a plan that showed it.
    return readUnmanaged(client, { ...plan, id: client.storeId }, diagnostics);
  },

  async read({ state, client }, diagnostics) {
    if (state.id !== client.storeId) {
      diagnostics.error(
        `Store ${String(state.id)} is not this provider's store`,
        `This provider configuration addresses store "${client.storeId}": import elasticpath_integrations_exclusive with that id, ` +
          'or set the provider\'s store_id to the store you meant.',
        ['id'],
      );
      return state;
    }
    return readUnmanaged(client, { ...state, prune: state.prune ?? false }, diagnostics);
  },

  async update({ plan, prior, client }, diagnostics) {
    if (plan.prune === true) {
      for (const integration of toPrune(prior, plan)) {
        try {
          await client.api.deleteIntegration(integration.id);
        } catch (error) {
          if (!isNotFound(error)) {
            reportApiError(diagnostics, `Could not delete undeclared Elastic Path integration ${integration.id}`, error, API_ERROR_FIXES);
            return null;
          }
        }
        client.reads.forget(integration.id);
      }
    }
    const planned = plan[UNMANAGED_ATTRIBUTE];
    return Array.isArray(planned) ? { ...plan, id: client.storeId } : readUnmanaged(client, { ...plan, id: client.storeId }, diagnostics);
  },

  async delete() {
    // Destroying exclusive management only stops it: the integrations stay as they are.
  },

  importState(id, diagnostics) {
    if (id.trim() === '') {
      diagnostics.error('Invalid import id', `Give the store id (the provider's store_id), or "${DEFAULT_STORE}" when the provider sets no store_id`);
    }
    return { id, integration_ids: null, ignore_names: null, prune: null, [UNMANAGED_ATTRIBUTE]: null };
  },
};

async function readUnmanaged(client: ElasticPathProviderData, state: PlainObject, diagnostics: Diagnostics): Promise<PlainObject | null> {
  try {
    return await withUnmanaged(() => client.reads.list(), unmanagedOf, state);
  } catch (error) {
    reportApiError(diagnostics, `Could not list the integrations of Elastic Path store ${client.storeId}`, error, API_ERROR_FIXES);
    return null;
  }
}
