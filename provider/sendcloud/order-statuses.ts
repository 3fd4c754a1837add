/**
 * resource "sendcloud_shop_order_statuses" and "sendcloud_shop_order_status_mapping": a
 * Prestashop v2 integration's shop order statuses (with their names by language) and the
 * mapping of Sendcloud's status categories onto them (API v3 only). For Prestashop v2 the
 * mapping replaces feedback_type.
 *
 * Create and update are the documented writes (POST overwrites every status, or upserts the
 * whole mapping); read is the GET, so a change made by hand shows as drift. Sendcloud has no
 * delete for either: destroy leaves them as they are and says so in a warning.
 */
import type { SendcloudShopOrderStatus, SendcloudShopOrderStatusRead } from '../../api/sendcloud-shop';
import {
  SENDCLOUD_PRESTASHOP_V2_TYPE,
  SENDCLOUD_STATUS_CATEGORIES,
  SENDCLOUD_STATUS_LANGUAGES,
  type SendcloudStatusCategory,
} from '../../api/sendcloud-vocabulary';
import { ApiError, isNotFound } from '../../api/errors';
import type { Diagnostics, PlainObject, PlainValue, ResourceDefinition, Schema } from '../framework/types';
import { isUnknown } from '../framework/types';
import { reportApiError } from '../common/resource-helpers';
import type { SendcloudProviderData } from './provider-data';
import { API_ERROR_FIXES, integrationIdValidator } from './schema';

const INTEGRATION_ID_ATTRIBUTE = {
  type: 'number',
  required: true,
  description: 'The id of the Prestashop v2 integration.',
  planModifiers: ['requiresReplace'],
  validate: integrationIdValidator,
} as const;

const ID_ATTRIBUTE = { type: 'string', computed: true, description: 'The integration id, as a string.', planModifiers: ['useStateForUnknown'] } as const;

/** statuses: every external_id once and non-empty; translations keyed by a language Sendcloud knows. */
export function validateStatuses(value: PlainValue): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const seen = new Set<string>();
  for (const [index, status] of value.entries()) {
    if (typeof status !== 'object' || status === null || Array.isArray(status) || isUnknown(status)) continue;
    const externalId = (status as PlainObject).external_id;
    if (typeof externalId === 'string') {
      if (externalId === '') return `statuses[${index}].external_id is empty: give the id the shop uses for the status`;
      if (seen.has(externalId)) return `statuses[${index}].external_id "${externalId}" is declared twice: give each status once`;
      seen.add(externalId);
    }
    const translations = (status as PlainObject).translations;
    if (typeof translations !== 'object' || translations === null || Array.isArray(translations) || isUnknown(translations)) continue;
    const languages = Object.keys(translations);
    if (languages.length === 0) return `statuses[${index}].translations is empty: give the status's name in at least one language (${SENDCLOUD_STATUS_LANGUAGES.join(', ')})`;
    for (const language of languages) {
      if (!(SENDCLOUD_STATUS_LANGUAGES as readonly string[]).includes(language)) {
        return `statuses[${index}].translations has the language "${language}", which Sendcloud does not know: use ${SENDCLOUD_STATUS_LANGUAGES.join(', ')}`;
      }
      const name = (translations as PlainObject)[language];
      if (name === '') return `statuses[${index}].translations["${language}"] is empty: give the status's name in that language`;
    }
  }
  return undefined;
}

/** mapping: keys are Sendcloud's status categories, values non-empty external ids. */
export function validateMapping(value: PlainValue): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isUnknown(value)) return undefined;
  for (const [category, externalId] of Object.entries(value)) {
    if (!(SENDCLOUD_STATUS_CATEGORIES as readonly string[]).includes(category)) {
      return `mapping has the status category "${category}", which Sendcloud does not know: use ${SENDCLOUD_STATUS_CATEGORIES.join(', ')} (a category left out is unmapped)`;
    }
    if (externalId === '') return `mapping["${category}"] is empty: give the external_id of a shop order status, or leave ${category} out to unmap it`;
  }
  return undefined;
}

export const SHOP_ORDER_STATUSES_SCHEMA: Schema = {
  description:
    "The order statuses of a Prestashop v2 integration's shop, each with its name by language (Sendcloud API v3). Applying overwrites the list: statuses left out are deleted.",
  attributes: {
    id: ID_ATTRIBUTE,
    integration_id: INTEGRATION_ID_ATTRIBUTE,
    statuses: {
      type: { list: { object: { external_id: 'string', translations: { map: 'string' } } } },
      required: true,
      description: `Every order status of the shop: external_id (the shop's id for it) and translations, its name by language (${SENDCLOUD_STATUS_LANGUAGES.join(', ')}).`,
      validate: validateStatuses,
    },
  },
};

export const SHOP_ORDER_STATUS_MAPPING_SCHEMA: Schema = {
  description:
    "Which shop order status of a Prestashop v2 integration stands for each of Sendcloud's status categories (Sendcloud API v3). For Prestashop v2 this replaces feedback_type.",
  attributes: {
    id: ID_ATTRIBUTE,
    integration_id: INTEGRATION_ID_ATTRIBUTE,
    mapping: {
      type: { map: 'string' },
      required: true,
      description: `Status category (${SENDCLOUD_STATUS_CATEGORIES.join(', ')}) to the external_id of one of the shop's order statuses. A category left out is unmapped.`,
      validate: validateMapping,
    },
  },
};

function requireV3(client: SendcloudProviderData | undefined, diagnostics: Diagnostics): void {
  if (client && client.api.apiVersion !== 'v3') {
    diagnostics.error(
      'Shop order statuses need the v3 API',
      'Sendcloud API v2 has no shop order statuses: set the provider\'s api_version to "v3" (the default)',
      ['integration_id'],
    );
  }
}

/**
 * Turns a refusal into a diagnostic that names the integration: Sendcloud answers 400 for an
 * integration that is not Prestashop v2, and 404 for one that does not exist.
 */
async function reportShopError(client: SendcloudProviderData, diagnostics: Diagnostics, action: string, integrationId: number, error: unknown): Promise<void> {
  if (error instanceof ApiError && (error.status === 400 || error.status === 404)) {
    let integration;
    try {
      integration = await client.reads.read(integrationId);
    } catch {
      integration = undefined;
    }
    if (integration === null || error.status === 404) {
      diagnostics.error(
        `Sendcloud integration ${integrationId} does not exist in this account`,
        `${error.message}. Fix: give the id of a Prestashop v2 integration of this account as integration_id.`,
        ['integration_id'],
      );
      return;
    }
    if (integration && integration.type !== SENDCLOUD_PRESTASHOP_V2_TYPE) {
      diagnostics.error(
        `Sendcloud integration ${integrationId} ("${integration.shop_name ?? ''}", type ${integration.type ?? 'unknown'}) has no shop order statuses`,
        `Sendcloud refused: ${error.message}. Only Prestashop v2 integrations have shop order statuses and a status mapping: give the id of a Prestashop v2 integration as integration_id.`,
        ['integration_id'],
      );
      return;
    }
  }
  reportApiError(diagnostics, `Could not ${action} of Sendcloud integration ${integrationId}`, error, API_ERROR_FIXES);
}

// ---------------------------------------------------------------------------------------------
// sendcloud_shop_order_statuses

function declaredStatuses(value: PlainValue): SendcloudShopOrderStatus[] {
  return (Array.isArray(value) ? value : []).map((raw) => {
    const status = raw as PlainObject;
    const translations = (status.translations ?? {}) as PlainObject;
    return {
      external_id: String(status.external_id),
      translations: Object.entries(translations).map(([language, name]) => ({ status: String(name), language })),
    };
  });
}

/** State from the API's list, in the order of `known` (plan or prior) where ids match, new ones after. */
function statusesState(integrationId: number, remote: readonly SendcloudShopOrderStatusRead[], known: PlainValue): PlainObject {
  const order = new Map((Array.isArray(known) ? known : []).map((status, index) => [String((status as PlainObject).external_id), index]));
  const sorted = [...remote].sort((a, b) => (order.get(a.external_id) ?? Infinity) - (order.get(b.external_id) ?? Infinity));
  return {
    id: String(integrationId),
    integration_id: integrationId,
    statuses: sorted.map((status) => ({
      external_id: status.external_id,
      translations: Object.fromEntries(status.translations.map((translation) => [translation.language, translation.status])),
    })),
  };
}

async function writeStatuses(client: SendcloudProviderData, plan: PlainObject, diagnostics: Diagnostics): Promise<PlainObject | null> {
  const integrationId = plan.integration_id as number;
  try {
    await client.api.shop.putShopOrderStatuses(integrationId, declaredStatuses(plan.statuses));
    return statusesState(integrationId, await client.api.shop.getShopOrderStatuses(integrationId), plan.statuses);
  } catch (error) {
    await reportShopError(client, diagnostics, 'write the shop order statuses', integrationId, error);
    return null;
  }
}

export const shopOrderStatusesResource: ResourceDefinition<SendcloudProviderData> = {
  typeName: 'sendcloud_shop_order_statuses',
  schema: SHOP_ORDER_STATUSES_SCHEMA,

  modifyPlan({ plan, client }, diagnostics) {
    if (plan) requireV3(client, diagnostics);
    return plan;
  },

  create: ({ plan, client }, diagnostics) => writeStatuses(client, plan, diagnostics),
  update: ({ plan, client }, diagnostics) => writeStatuses(client, plan, diagnostics),

  async read({ state, client }, diagnostics) {
    const integrationId = state.integration_id as number;
    try {
      return statusesState(integrationId, await client.api.shop.getShopOrderStatuses(integrationId), state.statuses);
    } catch (error) {
      if (isNotFound(error)) return null;
      await reportShopError(client, diagnostics, 'read the shop order statuses', integrationId, error);
      return state;
    }
  },

  async delete({ state }, diagnostics) {
    const ids = (Array.isArray(state.statuses) ? state.statuses : []).map((status) => String((status as PlainObject).external_id));
    diagnostics.warning(
      `Sendcloud integration ${String(state.integration_id)} keeps its shop order statuses`,
      `Destroy only stops managing them: the ${ids.length} status(es) ${ids.join(', ')} stay in Sendcloud, and so does any status mapping onto them. ` +
        'To remove them, apply an empty statuses list before destroying.',
    );
  },

  importState(id, diagnostics) {
    const integrationId = parseImportId(id, diagnostics);
    return { id, integration_id: integrationId, statuses: null };
  },
};

// ---------------------------------------------------------------------------------------------
// sendcloud_shop_order_status_mapping

function mappingState(integrationId: number, entries: readonly { status_category: string; external_id: string | null }[]): PlainObject {
  const mapping: PlainObject = {};
  for (const entry of entries) if (entry.external_id !== null) mapping[entry.status_category] = entry.external_id;
  return { id: String(integrationId), integration_id: integrationId, mapping };
}

async function writeMapping(client: SendcloudProviderData, plan: PlainObject, diagnostics: Diagnostics): Promise<PlainObject | null> {
  const integrationId = plan.integration_id as number;
  const declared = (plan.mapping ?? {}) as Record<string, string>;
  try {
    // Checked before writing, so the refusal can list the ids the shop has.
    const live = (await client.api.shop.getShopOrderStatuses(integrationId)).map((status) => status.external_id);
    let refused = false;
    for (const [category, externalId] of Object.entries(declared)) {
      if (live.includes(externalId)) continue;
      refused = true;
      diagnostics.error(
        `The shop of Sendcloud integration ${integrationId} has no order status "${externalId}"`,
        `mapping["${category}"] points at "${externalId}", but the shop's order statuses are ${live.length > 0 ? live.map((id) => `"${id}"`).join(', ') : 'none'}: ` +
          'map the category onto one of them (declare it in sendcloud_shop_order_statuses first), or leave the category out to unmap it.',
        ['mapping', { key: category }],
      );
    }
    if (refused) return null;
    await client.api.shop.putStatusMapping(integrationId, declared as Partial<Record<SendcloudStatusCategory, string>>);
    return mappingState(integrationId, await client.api.shop.getStatusMapping(integrationId));
  } catch (error) {
    await reportShopError(client, diagnostics, 'write the status mapping', integrationId, error);
    return null;
  }
}

export const shopOrderStatusMappingResource: ResourceDefinition<SendcloudProviderData> = {
  typeName: 'sendcloud_shop_order_status_mapping',
  schema: SHOP_ORDER_STATUS_MAPPING_SCHEMA,

  modifyPlan({ plan, client }, diagnostics) {
    if (plan) requireV3(client, diagnostics);
    return plan;
  },

  create: ({ plan, client }, diagnostics) => writeMapping(client, plan, diagnostics),
  update: ({ plan, client }, diagnostics) => writeMapping(client, plan, diagnostics),

  async read({ state, client }, diagnostics) {
    const integrationId = state.integration_id as number;
    try {
      return mappingState(integrationId, await client.api.shop.getStatusMapping(integrationId));
    } catch (error) {
      if (isNotFound(error)) return null;
      await reportShopError(client, diagnostics, 'read the status mapping', integrationId, error);
      return state;
    }
  },

  async delete({ state }, diagnostics) {
    const mapping = (state.mapping ?? {}) as Record<string, string>;
    const pairs = SENDCLOUD_STATUS_CATEGORIES.filter((category) => typeof mapping[category] === 'string').map((category) => `${category} -> "${mapping[category]}"`);
    diagnostics.warning(
      `Sendcloud integration ${String(state.integration_id)} keeps its status mapping`,
      `Destroy only stops managing it: ${pairs.length > 0 ? pairs.join(', ') : 'no category is mapped'} stays in Sendcloud. ` +
        'To unmap every category, apply mapping = {} before destroying.',
    );
  },

  importState(id, diagnostics) {
    const integrationId = parseImportId(id, diagnostics);
    return { id, integration_id: integrationId, mapping: null };
  },
};

function parseImportId(id: string, diagnostics: Diagnostics): number {
  const integrationId = Number(id);
  if (!Number.isInteger(integrationId) || integrationId < 1) {
    diagnostics.error('Invalid import id', `"${id}" is not a Sendcloud integration id: give the positive whole number Sendcloud shows for the Prestashop v2 integration`);
  }
  return integrationId;
}
