/**
 * Sendcloud facts the rest of the project derives from, in a file with no imports so the
 * provider's schema (loaded on every Terraform launch) can read them without the HTTP stack.
 */

export const SENDCLOUD_DEFAULT_BASE_URL = 'https://panel.sendcloud.sc';
export const SENDCLOUD_DEFAULT_TOKEN_URL = 'https://account.sendcloud.com/oauth2/token';

/** The API versions the client speaks, the default first. */
export const SENDCLOUD_API_VERSIONS = ['v3', 'v2'] as const;
export type SendcloudApiVersion = (typeof SENDCLOUD_API_VERSIONS)[number];
export const DEFAULT_SENDCLOUD_API_VERSION: SendcloudApiVersion = SENDCLOUD_API_VERSIONS[0];

/** How a v2 update is sent: PATCH with the changed fields, or PUT with the whole object; the default first. */
export const SENDCLOUD_V2_UPDATE_METHODS = ['patch', 'put'] as const;
export type SendcloudV2UpdateMethod = (typeof SENDCLOUD_V2_UPDATE_METHODS)[number];
export const DEFAULT_SENDCLOUD_V2_UPDATE_METHOD: SendcloudV2UpdateMethod = SENDCLOUD_V2_UPDATE_METHODS[0];

/** When parcels count as sent (API v3 only): label created, carrier scan, or never. */
export const SENDCLOUD_FEEDBACK_TYPES = ['eager', 'delayed', 'none'] as const;
export type SendcloudFeedbackType = (typeof SENDCLOUD_FEEDBACK_TYPES)[number];

/** The integration settings a caller may change, under their v3 names. */
export const SENDCLOUD_SETTING_NAMES = [
  'shop_name',
  'shop_url',
  'service_point_enabled',
  'service_point_carriers',
  'webhook_active',
  'webhook_url',
  'feedback_type',
] as const;
export type SendcloudSettingName = (typeof SENDCLOUD_SETTING_NAMES)[number];

/** The settings only API v3 has. */
export const SENDCLOUD_V3_ONLY_SETTINGS = ['feedback_type'] as const;

/** The settings v2 PATCH and PUT accept (IntegrationUpdate in the v2 spec): a v2 PUT carries all of them. */
export const SENDCLOUD_V2_SETTING_NAMES = SENDCLOUD_SETTING_NAMES.filter(
  (name): name is Exclude<SendcloudSettingName, (typeof SENDCLOUD_V3_ONLY_SETTINGS)[number]> =>
    !(SENDCLOUD_V3_ONLY_SETTINGS as readonly string[]).includes(name),
);

/** Sendcloud's internal status categories a shop order status can be mapped onto (v3 spec). */
export const SENDCLOUD_STATUS_CATEGORIES = ['READY_TO_SEND', 'IN_TRANSIT', 'DELIVERED', 'CANCEL'] as const;
export type SendcloudStatusCategory = (typeof SENDCLOUD_STATUS_CATEGORIES)[number];

/** The languages a shop order status may be translated into (v3 spec, `language` enum). */
export const SENDCLOUD_STATUS_LANGUAGES = ['en-us', 'en-gb', 'fr-fr', 'de-de', 'nl-nl', 'es-es', 'it-it'] as const;
export type SendcloudStatusLanguage = (typeof SENDCLOUD_STATUS_LANGUAGES)[number];

/**
 * The integration `type` of a Prestashop v2 shop, the only kind with shop order statuses. The
 * specs name no value for it; this is the one the emulator and `generate` use.
 */
export const SENDCLOUD_PRESTASHOP_V2_TYPE = 'prestashop_v2';
