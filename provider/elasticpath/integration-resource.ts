/**
 * resource "elasticpath_integration": one Elastic Path integration, managed through
 * POST / GET / PUT / DELETE /v2/integrations[/:id].
 */
import type { EpConfiguration, EpIntegration, EpIntegrationAttributes, IntegrationType } from '../../src/api/elasticpath';
import { isNotFound } from '../../src/api/errors';
import type { PlainObject, PlainValue, ResourceDefinition } from '../framework/types';
import { reportApiError, sameSet, sameValue } from '../shared/resource-helpers';
import type { ElasticPathProviderData } from './provider';
import { API_ERROR_FIXES, CONFIGURATION_FIELDS, INTEGRATION_SCHEMA, validateIntegrationConfig } from './schema';

const MANAGED_TOP_LEVEL_FIELDS = ['name', 'description', 'enabled', 'integration_type', 'observes', 'configuration'] as const;

export const integrationResource: ResourceDefinition<ElasticPathProviderData> = {
  typeName: 'elasticpath_integration',
  schema: INTEGRATION_SCHEMA,

  validateConfig(config, diagnostics) {
    validateIntegrationConfig(config, diagnostics);
  },

  async create({ plan, client }, diagnostics) {
    const wanted = toApiAttributes(plan);
    try {
      const lost = await client.reads.adopt((remote) => isSameIntegration(remote, wanted));
      if (lost) {
        diagnostics.warning(
          'Adopted an existing Elastic Path integration',
          `Integration ${lost.id} already matches every declared attribute of "${wanted.name}", so it was adopted instead of creating a duplicate ` +
            '(an earlier apply most likely created it and was interrupted before saving state). If it belongs to another configuration, remove it from one of them.',
        );
        return toState(lost, plan);
      }
      const created = await client.api.createIntegration(wanted);
      client.reads.claim(created);
      return toState(created, plan);
    } catch (error) {
      reportApiError(diagnostics, 'Could not create the Elastic Path integration', error, API_ERROR_FIXES);
      return null;
    }
  },

  async read({ state, client }, diagnostics) {
    try {
      const remote = await client.reads.read(String(state.id));
      return remote ? toState(remote, state) : null;
    } catch (error) {
      reportApiError(diagnostics, `Could not read Elastic Path integration ${String(state.id)}`, error, API_ERROR_FIXES);
      return state;
    }
  },

  async update({ plan, prior, client }, diagnostics) {
    const changes = changedFields(plan, prior);
    try {
      const updated = await client.api.updateIntegration(String(prior.id), changes);
      client.reads.remember(updated);
      return toState(updated, plan);
    } catch (error) {
      reportApiError(diagnostics, `Could not update Elastic Path integration ${String(prior.id)}`, error, API_ERROR_FIXES);
      return null;
    }
  },

  async delete({ state, client }, diagnostics) {
    try {
      await client.api.deleteIntegration(String(state.id));
    } catch (error) {
      if (!isNotFound(error)) reportApiError(diagnostics, `Could not delete Elastic Path integration ${String(state.id)}`, error, API_ERROR_FIXES);
    }
    client.reads.forget(String(state.id));
  },

  importState(id, diagnostics) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) {
      diagnostics.error('Invalid import id', `"${id}" is not an Elastic Path integration id: give its uuid, as GET /v2/integrations lists it`);
    }
    return { id };
  },
};

function toApiAttributes(plan: PlainObject): EpIntegrationAttributes {
  const attributes: EpIntegrationAttributes = {
    name: plan.name as string,
    integration_type: plan.integration_type as IntegrationType,
    observes: [...(plan.observes as string[])].sort(),
    configuration: toApiConfiguration(plan.configuration as PlainObject),
  };
  // An empty description is sent as such: stores hold them, and it must read back as declared.
  if (typeof plan.description === 'string') attributes.description = plan.description;
  if (typeof plan.enabled === 'boolean') attributes.enabled = plan.enabled;
  return attributes;
}

function toApiConfiguration(configuration: PlainObject): EpConfiguration {
  const result: Record<string, PlainValue> = {};
  for (const field of Object.keys(CONFIGURATION_FIELDS)) {
    const value = configuration[field];
    if (value !== null && value !== undefined && value !== '') result[field] = value;
  }
  return result as EpConfiguration;
}

/**
 * Whether a remote integration is exactly what `wanted` declares: same name, type,
 * events, description and configuration (masked secrets compared by what the mask shows).
 */
export function isSameIntegration(remote: EpIntegration, wanted: EpIntegrationAttributes): boolean {
  if (remote.name !== wanted.name || remote.integration_type !== wanted.integration_type) return false;
  if (!sameSet(remote.observes ?? [], wanted.observes)) return false;
  if (wanted.description !== undefined && (remote.description ?? '') !== wanted.description) return false;
  if (wanted.enabled !== undefined && remote.enabled !== undefined && remote.enabled !== wanted.enabled) return false;
  const remoteConfiguration = (remote.configuration ?? {}) as Record<string, PlainValue>;
  return Object.entries(wanted.configuration).every(([field, value]) => {
    const answered = remoteConfiguration[field];
    if (typeof value === 'string' && typeof answered === 'string') return isMaskOf(answered, value);
    return sameValue(answered ?? null, (value as PlainValue) ?? null);
  });
}

/**
 * The top-level fields whose planned value differs from the prior state. The whole
 * configuration is sent when any part of it changed: the API replaces it as a unit.
 */
function changedFields(plan: PlainObject, prior: PlainObject): Partial<EpIntegrationAttributes> {
  const wanted = toApiAttributes(plan) as unknown as Record<string, PlainValue>;
  const changes: Record<string, PlainValue> = {};
  for (const field of MANAGED_TOP_LEVEL_FIELDS) {
    const changed = field === 'observes' ? !sameSet(plan.observes, prior.observes) : !sameValue(plan[field], prior[field]);
    if (changed && wanted[field] !== undefined) changes[field] = wanted[field];
  }
  return changes as Partial<EpIntegrationAttributes>;
}

/**
 * Maps the API's object to state. `known` is the plan or prior state: where the API
 * answers a secret masked to its last 4 characters, the known value is kept while the
 * mask still fits it, so a rotated secret shows as drift and an unchanged one does not.
 */
export function toState(remote: EpIntegration, known: PlainObject | null): PlainObject {
  const knownConfiguration = (known?.configuration ?? null) as PlainObject | null;
  const configuration: PlainObject = {};
  for (const [field, declaration] of Object.entries(CONFIGURATION_FIELDS)) {
    const remoteValue = (remote.configuration as Record<string, PlainValue> | undefined)?.[field];
    const knownValue = knownConfiguration?.[field] ?? null;
    if (remoteValue === undefined || remoteValue === null || remoteValue === '') {
      // The API leaves out some secrets (webhook secret_key) entirely: nothing to compare against.
      // A declared '' is sent as nothing, and nothing reads back as that ''.
      configuration[field] = (declaration.attribute.sensitive && !declaration.masked) || knownValue === '' ? knownValue : null;
    } else if (typeof remoteValue === 'string' && typeof knownValue === 'string' && isMaskOf(remoteValue, knownValue)) {
      configuration[field] = knownValue;
    } else {
      configuration[field] = remoteValue;
    }
  }
  return {
    id: remote.id,
    name: remote.name,
    description: typeof remote.description === 'string' ? remote.description : known?.description === '' ? '' : null,
    enabled: typeof remote.enabled === 'boolean' ? remote.enabled : null,
    integration_type: remote.integration_type,
    observes: [...(remote.observes ?? [])].sort(),
    configuration,
    created_at: remote.meta?.timestamps?.created_at ?? null,
    updated_at: remote.meta?.timestamps?.updated_at ?? null,
  };
}

/** True when `answered` is `secret` itself, or `secret` masked to its last 4 characters. */
export function isMaskOf(answered: string, secret: string): boolean {
  if (answered === secret) return true;
  const visible = answered.replace(/^\*+/, '');
  return visible.length < answered.length && visible.length > 0 && secret.endsWith(visible) && answered.length === secret.length;
}

