/**
 * resource "sendcloud_integrations_exclusive": reports the Sendcloud integrations of the
 * account that no configuration declares. Report only: deleting a Sendcloud integration
 * disconnects a shop, so there is no prune. See provider/common/exclusive.ts.
 *
 * One provider configuration reaches one Sendcloud account (its credentials), so the id is
 * always "account": `terraform import sendcloud_integrations_exclusive.x account`.
 */
import type { SendcloudIntegration } from '../../api/sendcloud';
import type { Diagnostics, PlainObject, ResourceDefinition } from '../framework/types';
import { EXCLUSIVE_TYPE_SUFFIX, UNMANAGED_ATTRIBUTE, type UnmanagedIntegration, exclusiveSchema, planUnmanaged, withUnmanaged } from '../common/exclusive';
import { reportApiError } from '../common/resource-helpers';
import type { SendcloudProviderData } from './provider-data';
import { API_ERROR_FIXES } from './schema';

export const ACCOUNT_ID = 'account';

export const INTEGRATIONS_EXCLUSIVE_SCHEMA = exclusiveSchema({
  vendor: 'Sendcloud',
  idDescription: `Always "${ACCOUNT_ID}": the account the provider's credentials reach. Import with this id.`,
  nameDescription: 'shop names',
  prunable: false,
});

export function unmanagedOf(integration: SendcloudIntegration): UnmanagedIntegration {
  return {
    id: String(integration.id),
    name: integration.shop_name ?? null,
    type: integration.type ?? null,
    enabled: null,
    observes: null,
    destination: integration.shop_url ?? null,
  };
}

export const integrationsExclusiveResource: ResourceDefinition<SendcloudProviderData> = {
  typeName: `sendcloud${EXCLUSIVE_TYPE_SUFFIX}`,
  schema: INTEGRATIONS_EXCLUSIVE_SCHEMA,

  modifyPlan(req, diagnostics) {
    return planUnmanaged(req, () => 'the Sendcloud account', diagnostics);
  },

  async create({ plan, client }, diagnostics) {
    return readUnmanaged(client, { ...plan, id: ACCOUNT_ID }, diagnostics);
  },

  async read({ state, client }, diagnostics) {
    return readUnmanaged(client, state, diagnostics);
  },

  async update({ plan, client }, diagnostics) {
    return Array.isArray(plan[UNMANAGED_ATTRIBUTE]) ? { ...plan, id: ACCOUNT_ID } : readUnmanaged(client, { ...plan, id: ACCOUNT_ID }, diagnostics);
  },

  async delete() {
    // Nothing remote: destroying it only stops the report.
  },

  importState(id, diagnostics) {
    if (id !== ACCOUNT_ID) {
      diagnostics.error('Invalid import id', `"${id}" is not the id of sendcloud_integrations_exclusive: import it as "${ACCOUNT_ID}"`);
    }
    return { id: ACCOUNT_ID, integration_ids: null, ignore_names: null, [UNMANAGED_ATTRIBUTE]: null };
  },
};

async function readUnmanaged(client: SendcloudProviderData, state: PlainObject, diagnostics: Diagnostics): Promise<PlainObject | null> {
  try {
    return await withUnmanaged(() => client.reads.list(), unmanagedOf, state);
  } catch (error) {
    reportApiError(diagnostics, 'Could not list the Sendcloud integrations of the account', error, API_ERROR_FIXES);
    return null;
  }
}
