/**
 * The one declaration of Sendcloud's provider and integration attributes. The
 * provider's schema, its validation, the generated bindings and the constructs'
 * synth-time checks derive from this file.
 */
import { type AttributeSchema, type Diagnostics, type PlainObject, type PlainValue, type Schema, isUnknown } from '../framework/types';
import type { ApiErrorFixes } from '../common/resource-helpers';
import { emptyOr, lengthBetween, nonEmptyString, oneOf, url } from '../common/validators';
import { environmentVariables, withEnvironmentFallback } from '../common/provider-config';
import { RATE_LIMIT_WAIT_SETTING, rateLimitWaitAttribute, rateLimitedFix } from '../common/rate-limit-wait';
import {
  DEFAULT_SENDCLOUD_API_VERSION,
  DEFAULT_SENDCLOUD_V2_UPDATE_METHOD,
  SENDCLOUD_API_VERSIONS,
  SENDCLOUD_DEFAULT_BASE_URL,
  SENDCLOUD_DEFAULT_TOKEN_URL,
  SENDCLOUD_FEEDBACK_TYPES,
  SENDCLOUD_SETTING_NAMES,
  SENDCLOUD_V2_UPDATE_METHODS,
  type SendcloudSettingName,
} from '../../api/sendcloud-vocabulary';

export const FEEDBACK_TYPES = SENDCLOUD_FEEDBACK_TYPES;
export const API_VERSIONS = SENDCLOUD_API_VERSIONS;
export const V2_UPDATE_METHODS = SENDCLOUD_V2_UPDATE_METHODS;
export const SHOP_NAME_MAX_LENGTH = 250;

/**
 * The integration settings this resource manages: each is optional, and one left out
 * of the configuration is neither sent nor compared (Sendcloud keeps its value).
 */
export const SETTINGS_ATTRIBUTES = {
  shop_name: {
    type: 'string',
    description: `The shop's name, 1 to ${SHOP_NAME_MAX_LENGTH} characters.`,
    validate: lengthBetween(1, SHOP_NAME_MAX_LENGTH),
  },
  shop_url: {
    type: 'string',
    description: 'The URL of the shop the integration connects to; "" for none.',
    validate: emptyOr(url({ schemes: ['https', 'http'] })),
  },
  service_point_enabled: { type: 'bool', description: 'Whether parcels can be delivered to service points.' },
  service_point_carriers: {
    type: { set: 'string' },
    description: 'Carriers offered in the service point picker (e.g. dhl, ups); at least one when service points are enabled.',
  },
  webhook_active: { type: 'bool', description: 'Whether Sendcloud sends parcel status updates to webhook_url.' },
  webhook_url: {
    type: 'string',
    description: 'Where parcel status updates are sent; required when webhook_active is true; "" for none.',
    validate: emptyOr(url({ schemes: ['https', 'http'] })),
  },
  feedback_type: {
    type: 'string',
    description: 'When parcels count as sent: eager (label created), delayed (carrier scan) or none. API v3 only.',
    validate: oneOf(FEEDBACK_TYPES),
  },
} as const satisfies Record<SendcloudSettingName, AttributeSchema>;

export type SettingName = SendcloudSettingName;
export const SETTING_NAMES: readonly SettingName[] = SENDCLOUD_SETTING_NAMES;

/** The integration resource's Terraform type. */
export const INTEGRATION_RESOURCE_TYPE = 'sendcloud_integration';

/** A Sendcloud integration id is a positive whole number. */
export function integrationIdValidator(value: PlainValue): string | undefined {
  return typeof value === 'number' && (!Number.isInteger(value) || value < 1)
    ? `${value} is not an integration id: give the positive whole number Sendcloud shows for the integration`
    : undefined;
}

export const INTEGRATION_SCHEMA: Schema = {
  description:
    'Settings of an existing Sendcloud integration. Sendcloud has no create endpoint: the integration is adopted by id, then its declared settings are patched.',
  attributes: {
    id: { type: 'string', computed: true, description: 'The integration id, as a string.', planModifiers: ['useStateForUnknown'] },
    integration_id: {
      type: 'number',
      required: true,
      description: 'The id of the Sendcloud integration to adopt. Changing it adopts another integration.',
      planModifiers: ['requiresReplace'],
      validate: integrationIdValidator,
    },
    ...Object.fromEntries(
      Object.entries(SETTINGS_ATTRIBUTES).map(([name, attribute]) => [
        name,
        { ...attribute, optional: true, computed: true, planModifiers: ['useStateForUnknown'] as const },
      ]),
    ),
    delete_on_destroy: {
      type: 'bool',
      optional: true,
      computed: true,
      default: false,
      description: 'Delete the integration in Sendcloud on destroy. By default destroy only stops managing it.',
    },
    type: { type: 'string', computed: true, description: 'The shop system the integration connects to (v2: system).', planModifiers: ['useStateForUnknown'] },
    created_at: { type: 'string', computed: true, description: 'When the integration was created.', planModifiers: ['useStateForUnknown'] },
    updated_at: { type: 'string', computed: true, description: 'When the integration was last updated.' },
    last_fetched_at: { type: 'string', computed: true, description: 'When Sendcloud last fetched orders from the shop.', planModifiers: ['useStateForUnknown'] },
  },
};

/** Checks across settings that Sendcloud would otherwise refuse at apply time. */
export function validateIntegrationConfig(config: PlainObject, diagnostics: Diagnostics): void {
  if (config.webhook_active === true && (config.webhook_url === null || config.webhook_url === '')) {
    diagnostics.error(
      'Missing webhook_url',
      'webhook_active is true, so Sendcloud needs webhook_url: set it, or set webhook_active to false',
      ['webhook_url'],
    );
  }
  const carriers = config.service_point_carriers;
  if (config.service_point_enabled === true && !isUnknown(carriers) && (carriers === null || (Array.isArray(carriers) && carriers.length === 0))) {
    diagnostics.error(
      'Missing service_point_carriers',
      'service_point_enabled is true, so Sendcloud needs at least one carrier: list them in service_point_carriers (e.g. ["dhl"]), or set service_point_enabled to false',
      ['service_point_carriers'],
    );
  }
}

/** Checks that depend on the provider's API version. */
export function validateForApiVersion(config: PlainObject, apiVersion: string, diagnostics: Diagnostics): void {
  if (apiVersion === 'v2' && config.feedback_type !== null && config.feedback_type !== undefined) {
    diagnostics.error(
      'feedback_type needs the v3 API',
      'Sendcloud API v2 has no feedback_type: remove feedback_type, or set the provider\'s api_version to "v3"',
      ['feedback_type'],
    );
  }
}

/** Whose rate limit the provider's requests share, in its settings' words. */
const RATE_LIMIT_HOLDER = 'the account';

export const PROVIDER_SCHEMA: Schema = {
  description: 'Sendcloud, authenticated with an API key pair (HTTP Basic) or OAuth2 client credentials.',
  attributes: {
    public_key: withEnvironmentFallback('SENDCLOUD_PUBLIC_KEY', { type: 'string', optional: true, description: 'API public key.' }),
    secret_key: withEnvironmentFallback('SENDCLOUD_SECRET_KEY', { type: 'string', optional: true, sensitive: true, description: 'API secret key.' }),
    oauth_client_id: withEnvironmentFallback('SENDCLOUD_OAUTH_CLIENT_ID', {
      type: 'string',
      optional: true,
      description: 'OAuth2 client id, instead of a key pair.',
    }),
    oauth_client_secret: withEnvironmentFallback('SENDCLOUD_OAUTH_CLIENT_SECRET', {
      type: 'string',
      optional: true,
      sensitive: true,
      description: 'OAuth2 client secret.',
    }),
    oauth_token_url: withEnvironmentFallback(
      'SENDCLOUD_OAUTH_TOKEN_URL',
      { type: 'string', optional: true, description: 'OAuth2 token endpoint.', validate: url({ schemes: ['https', 'http'] }) },
      SENDCLOUD_DEFAULT_TOKEN_URL,
    ),
    api_base_url: withEnvironmentFallback(
      'SENDCLOUD_API_BASE_URL',
      { type: 'string', optional: true, description: 'The API host root.', validate: url({ schemes: ['https', 'http'] }) },
      SENDCLOUD_DEFAULT_BASE_URL,
    ),
    api_version: {
      type: 'string',
      optional: true,
      description: `${DEFAULT_SENDCLOUD_API_VERSION} (default) or ${API_VERSIONS.filter((v) => v !== DEFAULT_SENDCLOUD_API_VERSION).join(' or ')}.`,
      validate: oneOf(API_VERSIONS),
    },
    v2_update_method: {
      type: 'string',
      optional: true,
      description: `Under v2: ${DEFAULT_SENDCLOUD_V2_UPDATE_METHOD} (default) sends the changed fields, put sends the whole object.`,
      validate: oneOf(V2_UPDATE_METHODS),
    },
    [RATE_LIMIT_WAIT_SETTING]: rateLimitWaitAttribute('SENDCLOUD_MAX_RATE_LIMIT_WAIT_SECONDS', RATE_LIMIT_HOLDER),
  },
};

/** The environment variable each provider setting falls back to, by attribute name. */
export const SENDCLOUD_ENVIRONMENT = environmentVariables(PROVIDER_SCHEMA);

export const DATA_SOURCE_SCHEMA: Schema = {
  description: 'The Sendcloud integrations of the account, optionally filtered by shop name.',
  attributes: {
    shop_name: { type: 'string', optional: true, description: 'Only integrations with exactly this shop name.', validate: nonEmptyString() },
    integrations: {
      type: {
        list: {
          object: {
            id: 'number',
            shop_name: 'string',
            shop_url: 'string',
            type: 'string',
            service_point_enabled: 'bool',
            service_point_carriers: { set: 'string' },
            webhook_active: 'bool',
            webhook_url: 'string',
            feedback_type: 'string',
          },
        },
      },
      computed: true,
      description: 'The integrations found.',
    },
  },
};

/** The provider settings a failed call points the user at. */
export const API_ERROR_FIXES: ApiErrorFixes = {
  authentication:
    `check the provider's public_key and secret_key (or $${SENDCLOUD_ENVIRONMENT.public_key} and $${SENDCLOUD_ENVIRONMENT.secret_key}), ` +
    'or its oauth_client_id and oauth_client_secret',
  connection: `check the provider's api_base_url (or $${SENDCLOUD_ENVIRONMENT.api_base_url}), and that the API is reachable from here`,
  rateLimited: rateLimitedFix(SENDCLOUD_ENVIRONMENT[RATE_LIMIT_WAIT_SETTING], RATE_LIMIT_HOLDER),
};
