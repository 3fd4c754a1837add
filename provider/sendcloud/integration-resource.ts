/**
 * resource "sendcloud_integration": the settings of an existing Sendcloud integration.
 * Sendcloud has no create endpoint, so create adopts the integration by id and patches
 * the declared settings; destroy forgets it unless delete_on_destroy is set.
 */
import { isNotFound } from '../../api/errors';
import type { SendcloudIntegration, SendcloudIntegrationSettings } from '../../api/sendcloud';
import type { PlainObject, PlainValue, ResourceDefinition } from '../framework/types';
import { reportApiError, sameSet, sameValue } from '../common/resource-helpers';
import type { SendcloudProviderData } from './provider-data';
import { API_ERROR_FIXES, INTEGRATION_RESOURCE_TYPE, INTEGRATION_SCHEMA, SETTING_NAMES, validateForApiVersion, validateIntegrationConfig } from './schema';

export const integrationResource: ResourceDefinition<SendcloudProviderData> = {
  typeName: INTEGRATION_RESOURCE_TYPE,
  schema: INTEGRATION_SCHEMA,

  validateConfig(config, diagnostics) {
    validateIntegrationConfig(config, diagnostics);
  },

  modifyPlan({ plan, config, client }, diagnostics) {
    if (plan && config && client) validateForApiVersion(config, client.api.apiVersion, diagnostics);
    return plan;
  },

  async create({ plan, config, client }, diagnostics) {
    const id = plan.integration_id as number;
    try {
      const current = await client.reads.read(id);
      if (!current) {
        diagnostics.error(
          `Sendcloud integration ${id} does not exist in this account`,
          'Sendcloud has no endpoint to create integrations: connect the shop in the Sendcloud panel first, then give its id as integration_id.',
          ['integration_id'],
        );
        return null;
      }
      const changes = declaredChanges(config, stateOf(current, plan));
      const adopted = Object.keys(changes).length > 0 ? await update(client, id, changes) : current;
      return stateOf(adopted, plan);
    } catch (error) {
      reportApiError(diagnostics, `Could not adopt Sendcloud integration ${id}`, error, API_ERROR_FIXES);
      return null;
    }
  },

  async read({ state, client }, diagnostics) {
    const id = state.integration_id as number;
    try {
      const remote = await client.reads.read(id);
      return remote ? stateOf(remote, state) : null;
    } catch (error) {
      reportApiError(diagnostics, `Could not read Sendcloud integration ${id}`, error, API_ERROR_FIXES);
      return state;
    }
  },

  async update({ plan, config, prior, client }, diagnostics) {
    const id = prior.integration_id as number;
    try {
      const updated = await update(client, id, declaredChanges(config, prior));
      return stateOf(updated, { ...plan, delete_on_destroy: config.delete_on_destroy ?? prior.delete_on_destroy });
    } catch (error) {
      reportApiError(diagnostics, `Could not update Sendcloud integration ${id}`, error, API_ERROR_FIXES);
      return null;
    }
  },

  async delete({ state, client }, diagnostics) {
    const id = state.integration_id as number;
    client.reads.forget(id);
    if (state.delete_on_destroy !== true) return;
    try {
      await client.api.deleteIntegration(id);
    } catch (error) {
      if (!isNotFound(error)) reportApiError(diagnostics, `Could not delete Sendcloud integration ${id}`, error, API_ERROR_FIXES);
    }
  },

  importState(id, diagnostics) {
    const integrationId = Number(id);
    if (!Number.isInteger(integrationId) || integrationId < 1) {
      diagnostics.error('Invalid import id', `"${id}" is not a Sendcloud integration id: give the positive whole number Sendcloud shows for it`);
    }
    return { id, integration_id: integrationId };
  },
};

async function update(client: SendcloudProviderData, id: number, changes: SendcloudIntegrationSettings): Promise<SendcloudIntegration> {
  const updated = await client.api.updateIntegration(id, changes, { v2Method: client.v2UpdateMethod });
  client.reads.remember(updated);
  return updated;
}

/** The declared settings (set in the configuration) whose value differs from `current`. */
function declaredChanges(config: PlainObject, current: PlainObject): SendcloudIntegrationSettings {
  const changes: Record<string, PlainValue> = {};
  for (const name of SETTING_NAMES) {
    const declared = config[name];
    if (declared === null || declared === undefined) continue;
    const same = name === 'service_point_carriers' ? sameSet(declared, current[name]) : sameValue(declared, current[name]);
    // Sendcloud refuses blank strings: a declared "" (none) is sent as null.
    if (!same) changes[name] = declared === '' ? null : declared;
  }
  return changes as SendcloudIntegrationSettings;
}

/**
 * Maps the API's object to state. `known` is the plan or prior state: a setting declared ""
 * (none) stays "" while Sendcloud holds no value for it, so it reads back as declared.
 */
function stateOf(remote: SendcloudIntegration, known: PlainObject): PlainObject {
  const settings: PlainObject = {};
  for (const name of SETTING_NAMES) {
    const value = remote[name];
    const empty = value === null || value === undefined || value === '';
    settings[name] = Array.isArray(value) ? [...value].sort() : empty && known[name] === '' ? '' : (value ?? null);
  }
  return {
    id: String(remote.id),
    integration_id: remote.id,
    ...settings,
    delete_on_destroy: known.delete_on_destroy === true,
    type: remote.type ?? null,
    created_at: remote.created_at ?? null,
    updated_at: remote.updated_at ?? null,
    last_fetched_at: remote.last_fetched_at ?? null,
  };
}

