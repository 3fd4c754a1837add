/**
 * The one declaration of Elastic Path's provider and integration attributes.
 * The provider's schema, its validation, the generated CDKTF bindings and the
 * constructs' synth-time checks all derive from this file.
 */
import {
  type AttributeSchema,
  type Diagnostics,
  type PlainObject,
  type PlainValue,
  type Schema,
  isUnknown,
} from '../framework/types';
import type { ApiErrorFixes } from '../common/resource-helpers';
import { allOf, eachElement, nonEmptyString, oneOf, url } from '../common/validators';
import { MAX_OBSERVED_EVENTS, checkObservableEvent, undocumentedEventWarning } from '../../api/elasticpath-events';
import {
  DEFAULT_ELASTIC_PATH_REGION,
  DEFAULT_ELASTIC_PATH_REQUESTS_PER_SECOND,
  ELASTIC_PATH_INTEGRATION_TYPES,
  ELASTIC_PATH_MASKED_CONFIGURATION_FIELDS,
  ELASTIC_PATH_REGIONS,
  ELASTIC_PATH_REGION_NAMES,
  ELASTIC_PATH_SECRET_CONFIGURATION_FIELDS,
  type IntegrationType,
} from '../../api/elasticpath-vocabulary';
import { environmentVariables, withEnvironmentFallback } from '../common/provider-config';
import { RATE_LIMIT_WAIT_SETTING, rateLimitWaitAttribute, rateLimitedFix } from '../common/rate-limit-wait';

export const INTEGRATION_TYPES = ELASTIC_PATH_INTEGRATION_TYPES;
export type { IntegrationType };

export const REGIONS = ELASTIC_PATH_REGION_NAMES;

/** Elastic Path's limit on development stores; production stores allow 100 (both counted per store). */
export const DEFAULT_MAX_REQUESTS_PER_SECOND = DEFAULT_ELASTIC_PATH_REQUESTS_PER_SECOND;

/** A request rate: a finite number above 0. */
export function positiveRate(value: PlainValue): string | undefined {
  if (value === null || value === undefined || isUnknown(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    return `${JSON.stringify(value)} is not a request rate: give a number above 0, e.g. 25 for a development store or 100 for a production store`;
  }
  return undefined;
}

type FieldUse = 'required' | 'optional';

interface ConfigurationField {
  readonly attribute: AttributeSchema;
  /** Which integration types use the field, and whether they require it. */
  readonly usedBy: Partial<Record<IntegrationType, FieldUse>>;
  /** The API answers this field masked to its last 4 characters. */
  readonly masked?: boolean;
  /** Says where events go (never a secret): shown for integrations no configuration declares. */
  readonly destination?: boolean;
  /**
   * The secret may also be given write-only (Terraform 1.11+): `<field>_wo`, never stored in
   * plan or state, with `<field>_wo_version` to raise when a new value should be sent.
   */
  readonly writeOnlyForm?: boolean;
}

/** Every field of the API's `configuration` object, and which integration type uses it (secrets and masking: see below). */
const DECLARED_CONFIGURATION_FIELDS: Readonly<Record<string, Omit<ConfigurationField, 'masked'>>> = {
  url: {
    attribute: {
      type: 'string',
      optional: true,
      description: 'Webhook: the URL Elastic Path calls. AWS SQS: the queue URL.',
      validate: url({ schemes: ['https', 'http'] }),
    },
    usedBy: { webhook: 'required', aws_sqs: 'required' },
    destination: true,
  },
  secret_key: {
    attribute: {
      type: 'string',
      optional: true,
      description: 'Webhook: sent as the X-MOLTIN-SECRET-KEY header so the receiver can authenticate the call.',
    },
    usedBy: { webhook: 'optional' },
    writeOnlyForm: true,
  },
  aws_access_key_id: {
    attribute: { type: 'string', optional: true, description: 'AWS SQS: the access key id.', validate: nonEmptyString() },
    usedBy: { aws_sqs: 'required' },
  },
  aws_secret_access_key: {
    attribute: {
      type: 'string',
      optional: true,
      description: 'AWS SQS: the secret access key.',
      validate: nonEmptyString(),
    },
    usedBy: { aws_sqs: 'required' },
    writeOnlyForm: true,
  },
  region: {
    attribute: { type: 'string', optional: true, description: 'AWS SQS: the queue region, e.g. eu-west-1.', validate: nonEmptyString() },
    usedBy: { aws_sqs: 'required' },
  },
  addresses: {
    attribute: {
      type: { list: 'string' },
      optional: true,
      description: 'STOMP: the broker addresses, e.g. stomp+ssl://broker.example.com:61614.',
      validate: eachElement(url({ schemes: ['stomp', 'stomp+ssl', 'ssl', 'tcp'] })),
    },
    usedBy: { stomp: 'required' },
    destination: true,
  },
  destination: {
    attribute: { type: 'string', optional: true, description: 'STOMP: the destination, e.g. /queue/orders.', validate: nonEmptyString() },
    usedBy: { stomp: 'required' },
    destination: true,
  },
  username: {
    attribute: { type: 'string', optional: true, description: 'STOMP: the user name.', validate: nonEmptyString() },
    usedBy: { stomp: 'required' },
  },
  password: {
    attribute: { type: 'string', optional: true, description: 'STOMP: the password.', validate: nonEmptyString() },
    usedBy: { stomp: 'required' },
    writeOnlyForm: true,
  },
};

const listed = (list: readonly string[], field: string) => list.includes(field);

/** Every field of the API's `configuration` object: secrets sensitive, and the fields the API masks marked so. */
export const CONFIGURATION_FIELDS: Readonly<Record<string, ConfigurationField>> = Object.fromEntries(
  Object.entries(DECLARED_CONFIGURATION_FIELDS).map(([name, field]) => [
    name,
    {
      ...field,
      attribute: listed(ELASTIC_PATH_SECRET_CONFIGURATION_FIELDS, name) ? { ...field.attribute, sensitive: true } : field.attribute,
      ...(listed(ELASTIC_PATH_MASKED_CONFIGURATION_FIELDS, name) ? { masked: true } : {}),
    },
  ]),
);

/** A secret's write-only form: the API field it is sent as, and the attribute names of both halves. */
export interface WriteOnlySecret {
  /** The stored attribute and API field, e.g. "secret_key". */
  readonly stored: string;
  /** The write-only attribute, e.g. "secret_key_wo". */
  readonly writeOnly: string;
  /** The number to raise to send the write-only value again, e.g. "secret_key_wo_version". */
  readonly version: string;
}

export const WRITE_ONLY_SECRETS: readonly WriteOnlySecret[] = Object.entries(CONFIGURATION_FIELDS)
  .filter(([, field]) => field.writeOnlyForm)
  .map(([stored]) => ({ stored, writeOnly: `${stored}_wo`, version: `${stored}_wo_version` }));

function wholeNumber(value: PlainValue): string | undefined {
  if (typeof value !== 'number' || (Number.isInteger(value) && value >= 0)) return undefined;
  return `${value} is not a whole number: use 1, 2, 3 ... and raise it each time a new secret should be sent`;
}

/** The write-only attribute and its version number for each secret that has a write-only form. */
function writeOnlyAttributes(): Record<string, AttributeSchema> {
  const attributes: Record<string, AttributeSchema> = {};
  for (const secret of WRITE_ONLY_SECRETS) {
    const stored = CONFIGURATION_FIELDS[secret.stored].attribute;
    attributes[secret.writeOnly] = {
      type: 'string',
      optional: true,
      sensitive: true,
      writeOnly: true,
      description:
        `${stored.description} Write-only (Terraform 1.11 or later): sent to Elastic Path, never kept in plan or state. ` +
        `Use instead of ${secret.stored}, together with ${secret.version}.`,
      validate: stored.validate,
    };
    attributes[secret.version] = {
      type: 'number',
      optional: true,
      versionOf: secret.writeOnly,
      description:
        `Goes with ${secret.writeOnly}: raise it (1, 2, ...) to send a new ${secret.writeOnly}. ` +
        `Reads as null when the secret in Elastic Path no longer matches the one last sent, so the next apply sends it again.`,
      validate: wholeNumber,
    };
  }
  return attributes;
}

export const MASKED_CONFIGURATION_FIELDS = Object.keys(CONFIGURATION_FIELDS).filter((f) => CONFIGURATION_FIELDS[f].masked);

/** The integration resource's Terraform type. */
export const INTEGRATION_RESOURCE_TYPE = 'elasticpath_integration';

export const INTEGRATION_SCHEMA: Schema = {
  description:
    'An Elastic Path Commerce Cloud integration: events delivered to a webhook, an AWS SQS queue or a STOMP broker.',
  attributes: {
    id: { type: 'string', computed: true, description: 'The integration id (uuid).', planModifiers: ['useStateForUnknown'] },
    name: { type: 'string', required: true, description: 'The name of the integration.', validate: nonEmptyString() },
    description: {
      type: 'string',
      optional: true,
      computed: true,
      description: 'What the integration is for. Left out, the remote description is kept as it is.',
      planModifiers: ['useStateForUnknown'],
    },
    enabled: {
      type: 'bool',
      optional: true,
      computed: true,
      default: true,
      description: 'Whether events are delivered. Defaults to true.',
    },
    integration_type: {
      type: 'string',
      required: true,
      description: 'How events are delivered: webhook, aws_sqs or stomp.',
      validate: oneOf(INTEGRATION_TYPES),
    },
    observes: {
      type: { set: 'string' },
      required: true,
      description: `The events to observe, at most ${MAX_OBSERVED_EVENTS} (e.g. order.paid). Order does not matter.`,
      validate: allOf(maxEvents, eachElement((event) => (typeof event === 'string' ? checkObservableEvent(event) : undefined))),
    },
    configuration: {
      nested: {
        ...Object.fromEntries(Object.entries(CONFIGURATION_FIELDS).map(([name, field]) => [name, field.attribute])),
        ...writeOnlyAttributes(),
      },
      required: true,
      description: 'Where events go; which fields are required depends on integration_type.',
    },
    created_at: {
      type: 'string',
      computed: true,
      description: 'When the integration was created.',
      planModifiers: ['useStateForUnknown'],
    },
    updated_at: { type: 'string', computed: true, description: 'When the integration was last updated.' },
  },
};

function maxEvents(value: PlainValue): string | undefined {
  if (!Array.isArray(value) || value.length <= MAX_OBSERVED_EVENTS) return undefined;
  return `${value.length} events are given, Elastic Path allows at most ${MAX_OBSERVED_EVENTS} per integration: split them across several integrations`;
}

/** What validateIntegrationConfig needs of each configuration field, worked out once (it runs for every resource, twice a plan). */
interface FieldCheck {
  readonly field: string;
  readonly declaration: ConfigurationField;
  readonly secret: WriteOnlySecret | undefined;
  /** The attributes the field can be given as: itself, and its write-only form and version number. */
  readonly names: readonly string[];
  /** The integration types that use it, as the error names them. */
  readonly users: string;
}
let fieldCheckList: readonly FieldCheck[] | undefined;

function fieldChecks(): readonly FieldCheck[] {
  fieldCheckList ??= Object.entries(CONFIGURATION_FIELDS).map(([field, declaration]) => {
    const secret = WRITE_ONLY_SECRETS.find((candidate) => candidate.stored === field);
    return {
      field,
      declaration,
      secret,
      names: [field, ...(secret ? [secret.writeOnly, secret.version] : [])],
      users: Object.keys(declaration.usedBy).join(' and '),
    };
  });
  return fieldCheckList;
}

/**
 * Checks that cross attributes (the configuration fields that integration_type requires and
 * allows). The warning about undocumented events is a separate check (see
 * warnAboutUndocumentedEvents), given once per plan.
 */
export function validateIntegrationConfig(config: PlainObject, diagnostics: Diagnostics): void {
  const type = config.integration_type;
  const configuration = config.configuration;
  if (typeof type !== 'string' || !INTEGRATION_TYPES.includes(type as IntegrationType)) return;
  if (configuration === null || isUnknown(configuration) || typeof configuration !== 'object' || Array.isArray(configuration)) {
    return;
  }
  const isSet = (field: string) => configuration[field] !== null && configuration[field] !== undefined;
  for (const { field, declaration, secret, names, users } of fieldChecks()) {
    const use = declaration.usedBy[type as IntegrationType];
    if (use === 'required' && !isSet(field) && !(secret && isSet(secret.writeOnly))) {
      const either = secret
        ? `, or its write-only form configuration.${secret.writeOnly} with configuration.${secret.version} (Terraform 1.11 or later)`
        : '';
      diagnostics.error(
        `Missing configuration.${field}`,
        `A ${type} integration requires configuration.${field}: set it (${declaration.attribute.description})${either}`,
        ['configuration', field],
      );
    } else if (!use) {
      for (const name of names.filter(isSet)) {
        diagnostics.error(
          `configuration.${name} does not apply to ${type}`,
          `configuration.${name} is only used by ${users} integrations: remove it, or change integration_type`,
          ['configuration', name],
        );
      }
    }
    if (secret && use) validateWriteOnlySecret(secret, configuration as PlainObject, diagnostics);
  }
}

/** A secret is given once: stored or write-only; the write-only form goes with its version number. */
function validateWriteOnlySecret(secret: WriteOnlySecret, configuration: PlainObject, diagnostics: Diagnostics): void {
  const isSet = (field: string) => configuration[field] !== null && configuration[field] !== undefined;
  const { stored, writeOnly, version } = secret;
  if (isSet(stored) && isSet(writeOnly)) {
    diagnostics.error(
      `configuration.${stored} conflicts with configuration.${writeOnly}`,
      `Set only one of configuration.${stored} and configuration.${writeOnly}: ${writeOnly} (Terraform 1.11 or later) keeps the ` +
        `secret out of plan and state; ${stored} works with older Terraform but stores it in state.`,
      ['configuration', writeOnly],
    );
  }
  if (isSet(writeOnly) && !isSet(version)) {
    diagnostics.error(
      `Missing configuration.${version}`,
      `configuration.${writeOnly} goes with configuration.${version}: set it to 1, and raise it whenever a new secret should be sent.`,
      ['configuration', version],
    );
  }
  if (isSet(version) && !isSet(writeOnly)) {
    diagnostics.error(
      `configuration.${version} without configuration.${writeOnly}`,
      `configuration.${version} only counts the values sent as configuration.${writeOnly}: set ${writeOnly}, or remove ${version}.`,
      ['configuration', version],
    );
  }
}

/**
 * Warns about observed events the catalog does not document. The provider gives it when it
 * plans, not when it validates: Terraform validates each configuration twice in one plan (on
 * its own, and again before planning), so a warning given there is shown twice.
 */
export function warnAboutUndocumentedEvents(config: PlainObject, diagnostics: Diagnostics): void {
  const observes = config.observes;
  if (!Array.isArray(observes)) return;
  for (const event of observes) {
    if (typeof event !== 'string') continue;
    const warning = undocumentedEventWarning(event);
    if (warning) diagnostics.warning(`Undocumented event ${event}`, warning, ['observes']);
  }
}

/** Whose rate limit the provider's requests share, in its settings' words. */
const RATE_LIMIT_HOLDER = 'the store';

export const PROVIDER_SCHEMA: Schema = {
  description: 'Elastic Path Commerce Cloud, authenticated with client credentials.',
  attributes: {
    client_id: withEnvironmentFallback('ELASTICPATH_CLIENT_ID', {
      type: 'string',
      optional: true,
      description: 'Client id of an Elastic Path client-credentials key.',
    }),
    client_secret: withEnvironmentFallback('ELASTICPATH_CLIENT_SECRET', {
      type: 'string',
      optional: true,
      sensitive: true,
      description: 'Client secret of that key.',
    }),
    api_base_url: withEnvironmentFallback(
      'ELASTICPATH_API_BASE_URL',
      {
        type: 'string',
        optional: true,
        description: `The API host root, e.g. ${ELASTIC_PATH_REGIONS[DEFAULT_ELASTIC_PATH_REGION]}.`,
        validate: url({ schemes: ['https', 'http'] }),
      },
      'region',
    ),
    region: withEnvironmentFallback(
      'ELASTICPATH_REGION',
      {
        type: 'string',
        optional: true,
        description: `${REGIONS.join(' or ')}: a shortcut for api_base_url.`,
        validate: oneOf(REGIONS),
      },
      DEFAULT_ELASTIC_PATH_REGION,
    ),
    store_id: withEnvironmentFallback('ELASTICPATH_STORE_ID', {
      type: 'string',
      optional: true,
      description: 'Sent as EP-Store-ID, for keys that reach several stores.',
    }),
    max_requests_per_second: withEnvironmentFallback(
      'ELASTICPATH_MAX_REQUESTS_PER_SECOND',
      {
        type: 'number',
        optional: true,
        description:
          'The client-side budget of API requests per second. Elastic Path counts its limit per store: 25 requests/s on ' +
          'development stores, 100 on production stores; set 100 for a production store. On 429 answers the client lowers its ' +
          'rate below this, and raises it back while requests pass.',
        validate: positiveRate,
      },
      String(DEFAULT_MAX_REQUESTS_PER_SECOND),
    ),
    [RATE_LIMIT_WAIT_SETTING]: rateLimitWaitAttribute('ELASTICPATH_MAX_RATE_LIMIT_WAIT_SECONDS', RATE_LIMIT_HOLDER),
  },
};

/** The environment variable each provider setting falls back to, by attribute name. */
export const ELASTICPATH_ENVIRONMENT = environmentVariables(PROVIDER_SCHEMA);

/** The rate setting's variable, as PROVIDER_SCHEMA declares it (kept for callers of this name). */
export const MAX_REQUESTS_PER_SECOND_ENV = ELASTICPATH_ENVIRONMENT.max_requests_per_second;

export const DATA_SOURCE_SCHEMA: Schema = {
  description: 'The Elastic Path integrations of the store, optionally filtered by name.',
  attributes: {
    name: { type: 'string', optional: true, description: 'Only integrations with exactly this name.' },
    integrations: {
      type: {
        list: {
          object: {
            id: 'string',
            name: 'string',
            description: 'string',
            enabled: 'bool',
            integration_type: 'string',
            observes: { set: 'string' },
            created_at: 'string',
            updated_at: 'string',
          },
        },
      },
      computed: true,
      description: 'The integrations found (configuration is left out: the API masks its secrets).',
    },
  },
};

/** The provider settings a failed call points the user at. */
export const API_ERROR_FIXES: ApiErrorFixes = {
  authentication: `check the provider's client_id and client_secret (or $${ELASTICPATH_ENVIRONMENT.client_id} and $${ELASTICPATH_ENVIRONMENT.client_secret})`,
  connection: `check the provider's api_base_url or region (or $${ELASTICPATH_ENVIRONMENT.api_base_url}), and that the API is reachable from here`,
  rateLimited: rateLimitedFix(ELASTICPATH_ENVIRONMENT[RATE_LIMIT_WAIT_SETTING], RATE_LIMIT_HOLDER),
};
