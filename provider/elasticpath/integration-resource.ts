/**
 * resource "elasticpath_integration": one Elastic Path integration, managed through
 * POST / GET / PUT / DELETE /v2/integrations[/:id].
 */
import type { EpConfiguration, EpIntegration, EpIntegrationAttributes, IntegrationType } from '../../api/elasticpath';
import { isNotFound } from '../../api/errors';
import type { PlainObject, PlainValue, PrivateState, ResourceDefinition } from '../framework/types';
import { reportApiError, sameSet, sameValue } from '../common/resource-helpers';
import type { ElasticPathProviderData } from './provider-data';
import { API_ERROR_FIXES, CONFIGURATION_FIELDS, INTEGRATION_RESOURCE_TYPE, INTEGRATION_SCHEMA, WRITE_ONLY_SECRETS, validateIntegrationConfig, warnAboutUndocumentedEvents } from './schema';
import { SecretFingerprints } from '../common/secret-fingerprints';

const MANAGED_TOP_LEVEL_FIELDS = ['name', 'description', 'enabled', 'integration_type', 'observes', 'configuration'] as const;

export const integrationResource: ResourceDefinition<ElasticPathProviderData> = {
  typeName: INTEGRATION_RESOURCE_TYPE,
  schema: INTEGRATION_SCHEMA,

  validateConfig(config, diagnostics) {
    validateIntegrationConfig(config, diagnostics);
  },

  modifyPlan({ plan, config }, diagnostics) {
    if (config) warnAboutUndocumentedEvents(config, diagnostics);
    return plan;
  },

  async create({ plan, config, client, private: privateState }, diagnostics) {
    const wanted = toApiAttributes(plan, config);
    try {
      const lost = await client.reads.adopt((remote) => isSameIntegration(remote, wanted));
      if (lost) {
        diagnostics.warning(
          'Adopted an existing Elastic Path integration',
          `Integration ${lost.id} already matches every declared attribute of "${wanted.name}", so it was adopted instead of creating a duplicate ` +
            '(an earlier apply most likely created it and was interrupted before saving state). If it belongs to another configuration, remove it from one of them.',
        );
        return toState(lost, plan, rememberWrittenSecrets(privateState, config, lost));
      }
      const created = await client.api.createIntegration(wanted);
      client.reads.claim(created);
      return toState(created, plan, rememberWrittenSecrets(privateState, config, created));
    } catch (error) {
      reportApiError(diagnostics, 'Could not create the Elastic Path integration', error, API_ERROR_FIXES);
      return null;
    }
  },

  async read({ state, client, private: privateState }, diagnostics) {
    try {
      const remote = await client.reads.read(String(state.id));
      return remote ? toState(remote, state, new SecretFingerprints(privateState)) : null;
    } catch (error) {
      reportApiError(diagnostics, `Could not read Elastic Path integration ${String(state.id)}`, error, API_ERROR_FIXES);
      return state;
    }
  },

  async update({ plan, prior, config, client, private: privateState }, diagnostics) {
    const changes = changedFields(plan, prior, config);
    try {
      const updated = await client.api.updateIntegration(String(prior.id), changes);
      client.reads.remember(updated);
      const fingerprints = changes.configuration ? rememberWrittenSecrets(privateState, config, updated) : new SecretFingerprints(privateState);
      return toState(updated, plan, fingerprints);
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

/** The attributes to send: the plan's values, and write-only secrets from the configuration (the plan never has them). */
function toApiAttributes(plan: PlainObject, config: PlainObject): EpIntegrationAttributes {
  const attributes: EpIntegrationAttributes = {
    name: plan.name as string,
    integration_type: plan.integration_type as IntegrationType,
    observes: [...(plan.observes as string[])].sort(),
    configuration: toApiConfiguration(plan.configuration as PlainObject, (config.configuration ?? null) as PlainObject | null),
  };
  // An empty description is sent as such: stores hold them, and it must read back as declared.
  if (typeof plan.description === 'string') attributes.description = plan.description;
  if (typeof plan.enabled === 'boolean') attributes.enabled = plan.enabled;
  return attributes;
}

function toApiConfiguration(configuration: PlainObject, configured: PlainObject | null): EpConfiguration {
  const result: Record<string, PlainValue> = {};
  for (const field of Object.keys(CONFIGURATION_FIELDS)) {
    const value = configuration[field];
    if (value !== null && value !== undefined && value !== '') result[field] = value;
  }
  for (const secret of WRITE_ONLY_SECRETS) {
    const value = configured?.[secret.writeOnly];
    if (typeof value === 'string' && value !== '') result[secret.stored] = value;
  }
  return result as EpConfiguration;
}

/**
 * After a write: remembers, for each secret sent write-only, a fingerprint of how Elastic Path
 * answers it, and forgets the fingerprints of secrets no longer given write-only.
 */
function rememberWrittenSecrets(privateState: PrivateState, config: PlainObject, answered: EpIntegration): SecretFingerprints {
  const fingerprints = new SecretFingerprints(privateState);
  const configured = (config.configuration ?? null) as PlainObject | null;
  const remote = (answered.configuration ?? {}) as Record<string, PlainValue>;
  for (const secret of WRITE_ONLY_SECRETS) {
    const sent = typeof configured?.[secret.writeOnly] === 'string';
    fingerprints.remember(secret.writeOnly, remote[secret.stored], sent);
  }
  return fingerprints;
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
function changedFields(plan: PlainObject, prior: PlainObject, config: PlainObject): Partial<EpIntegrationAttributes> {
  const wanted = toApiAttributes(plan, config) as unknown as Record<string, PlainValue>;
  const changes: Record<string, PlainValue> = {};
  for (const field of MANAGED_TOP_LEVEL_FIELDS) {
    const changed = field === 'observes' ? !sameSet(plan.observes, prior.observes) : !sameValue(plan[field], prior[field]);
    if (changed && wanted[field] !== undefined) changes[field] = wanted[field];
  }
  return changes as Partial<EpIntegrationAttributes>;
}

let configurationFields: readonly (readonly [string, (typeof CONFIGURATION_FIELDS)[string]])[] | undefined;

/** CONFIGURATION_FIELDS as a list, made once: toState runs for every resource of every refresh. */
function configurationFieldList(): readonly (readonly [string, (typeof CONFIGURATION_FIELDS)[string]])[] {
  configurationFields ??= Object.entries(CONFIGURATION_FIELDS);
  return configurationFields;
}

/**
 * Maps the API's object to state. `known` is the plan or prior state: where the API
 * answers a secret masked to its last 4 characters, the known value is kept while the
 * mask still fits it, so a rotated secret shows as drift and an unchanged one does not.
 * A secret given write-only is never in state: its version number stays as known while
 * the answer still matches the fingerprint of what was last sent, and reads as null when
 * it no longer does, so the next plan sends the secret again.
 */
export function toState(remote: EpIntegration, known: PlainObject | null, fingerprints?: SecretFingerprints): PlainObject {
  const knownConfiguration = (known?.configuration ?? null) as PlainObject | null;
  const remoteConfiguration = (remote.configuration ?? {}) as Record<string, PlainValue>;
  const configuration: PlainObject = {};
  const writeOnlyInUse = new Set<string>();
  for (const secret of WRITE_ONLY_SECRETS) {
    configuration[secret.writeOnly] = null;
    configuration[secret.version] = null;
    if (!fingerprints?.has(secret.writeOnly)) continue;
    writeOnlyInUse.add(secret.stored);
    if (fingerprints.matches(secret.writeOnly, remoteConfiguration[secret.stored])) {
      configuration[secret.version] = knownConfiguration?.[secret.version] ?? null;
    }
  }
  for (const [field, declaration] of configurationFieldList()) {
    const remoteValue = remoteConfiguration[field];
    const knownValue = knownConfiguration?.[field] ?? null;
    if (writeOnlyInUse.has(field)) {
      configuration[field] = null;
    } else if (remoteValue === undefined || remoteValue === null || remoteValue === '') {
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

