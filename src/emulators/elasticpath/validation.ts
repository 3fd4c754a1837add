/*
 * Request validation for the Elastic Path Integrations API, following integrations.yaml:
 * IntegrationCreate / IntegrationUpdate and the three configuration objects. Everything is
 * checked before anything is stored.
 *
 * Where the spec is loose the emulator picks the reading the prose supports:
 * - `observes` is required on create (the schema's required list misspells it `observers`).
 * - STOMP needs addresses, destination, username and password (the schema lists a `url`
 *   that it never defines; the STOMP properties are what the service needs).
 * - `webhook` and `aws_sqs` URLs must be absolute http(s) URLs; STOMP addresses must be
 *   absolute URIs of any scheme (`stomp+ssl://...`).
 * - `observes` holds documented events (api/elasticpath-events.ts, the vendor's catalog)
 *   or custom API events; an event of an unknown entity is refused with a 422 pointing at it.
 * - Configuration keys the integration type does not define are dropped, as a typed backend
 *   would, so a client that sends them sees them missing on read.
 *
 * An independent statement of the vendor's rules, on purpose: the integration types, their
 * fields and the observes limit are written out here again rather than taken from
 * api/elasticpath-vocabulary.ts or the provider schema, so a mistake in those declarations
 * fails the tests against this emulator instead of passing both sides.
 */

import { classifyEvent } from '../../../api/elasticpath-events';

export const INTEGRATION_TYPES = ['webhook', 'aws_sqs', 'stomp'] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

export const OBSERVES_LIMIT = 5;

export interface ValidationIssue {
  pointer: string;
  detail: string;
}

type Json = Record<string, unknown>;

interface ConfigurationField {
  kind: 'string' | 'http-url' | 'uri-list';
  required: boolean;
}

export const CONFIGURATION_FIELDS: Record<IntegrationType, Record<string, ConfigurationField>> = {
  webhook: {
    url: { kind: 'http-url', required: true },
    secret_key: { kind: 'string', required: false },
  },
  aws_sqs: {
    url: { kind: 'http-url', required: true },
    aws_access_key_id: { kind: 'string', required: true },
    aws_secret_access_key: { kind: 'string', required: true },
    region: { kind: 'string', required: true },
  },
  stomp: {
    addresses: { kind: 'uri-list', required: true },
    destination: { kind: 'string', required: true },
    username: { kind: 'string', required: true },
    password: { kind: 'string', required: true },
  },
};

/** Attributes a client may write; `type` is checked separately and never stored. */
export interface IntegrationAttributes {
  name: string;
  description: string;
  enabled: boolean;
  integration_type: IntegrationType;
  observes: string[];
  configuration: Json;
}

export type IntegrationPatch = Partial<IntegrationAttributes>;

/**
 * A stored integration: what the admin side-channel shows and accepts. Declared here, beside
 * the attributes it extends, so the emulator, its admin client and its deliveries all look
 * down at it rather than at each other.
 */
export interface StoredElasticPathIntegration extends IntegrationAttributes {
  id: string;
  type: 'integration';
  created_at: string;
  updated_at: string;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isIntegrationType(value: unknown): value is IntegrationType {
  return (INTEGRATION_TYPES as readonly unknown[]).includes(value);
}

function isAbsoluteUri(value: string, httpOnly: boolean): boolean {
  if (/\s/.test(value)) return false;
  try {
    const parsed = new URL(value);
    if (httpOnly) return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
    return parsed.protocol.length > 1;
  } catch {
    return false;
  }
}

/**
 * Checks the types of the attributes present in `data` (create and update alike) and
 * returns them as a typed patch. `configuration` is returned raw; it is checked against
 * the integration type once that is known.
 */
function checkAttributeTypes(data: Json, issues: ValidationIssue[]): IntegrationPatch {
  const patch: IntegrationPatch = {};
  if ('name' in data) {
    if (typeof data.name !== 'string' || data.name.trim() === '') {
      issues.push({ pointer: '/data/name', detail: 'name must be a non-empty string' });
    } else {
      patch.name = data.name;
    }
  }
  if ('description' in data) {
    if (typeof data.description !== 'string') {
      issues.push({ pointer: '/data/description', detail: 'description must be a string' });
    } else {
      patch.description = data.description;
    }
  }
  if ('enabled' in data) {
    if (typeof data.enabled !== 'boolean') {
      issues.push({ pointer: '/data/enabled', detail: 'enabled must be a boolean' });
    } else {
      patch.enabled = data.enabled;
    }
  }
  if ('integration_type' in data) {
    if (!isIntegrationType(data.integration_type)) {
      issues.push({
        pointer: '/data/integration_type',
        detail: `integration_type must be one of ${INTEGRATION_TYPES.join(', ')}`,
      });
    } else {
      patch.integration_type = data.integration_type;
    }
  }
  if ('observes' in data) {
    const observes = data.observes;
    if (!Array.isArray(observes) || observes.some((event) => typeof event !== 'string' || event === '')) {
      issues.push({ pointer: '/data/observes', detail: 'observes must be an array of event names' });
    } else if (observes.length > OBSERVES_LIMIT) {
      issues.push({ pointer: '/data/observes', detail: `You have reached the integration event limit of ${OBSERVES_LIMIT}` });
    } else if (checkEvents(observes as string[], issues)) {
      patch.observes = [...(observes as string[])];
    }
  }
  if ('configuration' in data) {
    if (!isObject(data.configuration)) {
      issues.push({ pointer: '/data/configuration', detail: 'configuration must be an object' });
    } else {
      patch.configuration = data.configuration;
    }
  }
  return patch;
}

/**
 * The service knows its own events: documented ones, and `<slug>.created|updated|deleted`
 * for any custom API (the emulator does not model which custom APIs exist). Anything
 * else is refused per element. Returns whether every event is known.
 */
function checkEvents(observes: string[], issues: ValidationIssue[]): boolean {
  const before = issues.length;
  observes.forEach((event, index) => {
    const kind = classifyEvent(event);
    if (kind === 'documented' || kind === 'custom-api') return;
    issues.push({ pointer: `/data/observes/${index}`, detail: `${event} is not an observable event` });
  });
  return issues.length === before;
}

/** Validates a configuration object for a type and returns only the keys that type defines. */
export function checkConfiguration(type: IntegrationType, configuration: Json, issues: ValidationIssue[]): Json {
  const cleaned: Json = {};
  for (const [key, field] of Object.entries(CONFIGURATION_FIELDS[type])) {
    const pointer = `/data/configuration/${key}`;
    const value = configuration[key];
    if (value === undefined || value === null) {
      if (field.required) issues.push({ pointer, detail: `${key} is required for a ${type} integration` });
      continue;
    }
    switch (field.kind) {
      case 'string':
        if (typeof value !== 'string' || (field.required && value === '')) {
          issues.push({ pointer, detail: `${key} must be a non-empty string` });
          continue;
        }
        break;
      case 'http-url':
        if (typeof value !== 'string' || !isAbsoluteUri(value, true)) {
          issues.push({ pointer, detail: `${key} must be an absolute http or https URL` });
          continue;
        }
        break;
      case 'uri-list':
        if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string' || !isAbsoluteUri(item, false))) {
          issues.push({ pointer, detail: `${key} must be a non-empty array of absolute URIs` });
          continue;
        }
        break;
    }
    cleaned[key] = Array.isArray(value) ? [...value] : value;
  }
  return cleaned;
}

function checkEnvelope(body: unknown, issues: ValidationIssue[]): Json | undefined {
  if (!isObject(body) || !isObject(body.data)) {
    issues.push({ pointer: '/data', detail: 'the request body must be an object with a data object' });
    return undefined;
  }
  if (body.data.type !== 'integration') {
    issues.push({ pointer: '/data/type', detail: 'type must be integration' });
  }
  return body.data;
}

/** Validates a create body; on success returns the complete attributes to store. */
export function validateCreate(body: unknown): { attributes?: IntegrationAttributes; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const data = checkEnvelope(body, issues);
  if (!data) return { issues };
  const patch = checkAttributeTypes(data, issues);
  for (const required of ['name', 'integration_type', 'observes', 'configuration'] as const) {
    if (!(required in data)) issues.push({ pointer: `/data/${required}`, detail: `${required} is required` });
  }
  let configuration: Json | undefined;
  if (patch.integration_type && patch.configuration) {
    configuration = checkConfiguration(patch.integration_type, patch.configuration, issues);
  }
  if (issues.length > 0 || !configuration) return { issues };
  return {
    issues,
    attributes: {
      name: patch.name as string,
      description: patch.description ?? '',
      // The spec gives no default; the emulator assumes a new integration is disabled unless asked.
      enabled: patch.enabled ?? false,
      integration_type: patch.integration_type as IntegrationType,
      observes: patch.observes as string[],
      configuration,
    },
  };
}

/**
 * Validates an update body against the stored integration. Only the given top-level
 * attributes change; a given `configuration` replaces the stored one as a whole. The merged
 * result must still be a complete integration of its (possibly new) type.
 */
export function validateUpdate(body: unknown, current: IntegrationAttributes): { patch?: IntegrationPatch; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const data = checkEnvelope(body, issues);
  if (!data) return { issues };
  const patch = checkAttributeTypes(data, issues);
  if (issues.length > 0) return { issues };
  if (patch.integration_type !== undefined || patch.configuration !== undefined) {
    const type = patch.integration_type ?? current.integration_type;
    const configuration = checkConfiguration(type, patch.configuration ?? current.configuration, issues);
    if (patch.configuration !== undefined) patch.configuration = configuration;
  }
  if (issues.length > 0) return { issues };
  return { patch, issues };
}
