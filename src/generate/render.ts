/**
 * Renders what an account holds as one TypeScript module: a construct class with one
 * ElasticPathIntegration or SendcloudIntegration per remote object, every current setting
 * as a prop, and importFrom(id) on each. Pure: the same objects give the same text.
 *
 * What to write and how is derived from the providers' declarations (CONFIGURATION_FIELDS,
 * SETTINGS_ATTRIBUTES): a sensitive configuration field becomes a sensitive TerraformVariable
 * named after the construct, never a literal, because Elastic Path answers most secrets
 * masked and a secret in source control is a leak anyway.
 */
import { CONFIGURATION_FIELDS, INTEGRATION_TYPES, type IntegrationType } from '../../provider/elasticpath/schema';
import { SETTING_NAMES } from '../../provider/sendcloud/schema';
import type { EpIntegration } from '../../api/elasticpath';
import type { SendcloudIntegration } from '../../api/sendcloud';
import { SENDCLOUD_STATUS_CATEGORIES, type SendcloudShopOrderStatusRead, type SendcloudStatusMappingEntry } from '../../api/sendcloud-shop';
import { camelCase } from '../constructs/declared-checks';
import { commentText, idFromName, tsString, uniqueIds, variableName } from './naming';

export const DEFAULT_CLASS_NAME = 'ExistingIntegrations';
export const DEFAULT_MODULE = 'cdktf-commerce-integrations';
export const CDK_LIBRARIES = ['cdktf', 'cdktn'] as const;
export type CdkLibrary = (typeof CDK_LIBRARIES)[number];
/** This package's entry for each CDK library. */
const MODULE_FOR: Record<CdkLibrary, string> = { cdktf: DEFAULT_MODULE, cdktn: `${DEFAULT_MODULE}/cdktn` };

export interface RenderInput {
  /** The store's integrations; undefined when Elastic Path is not generated. */
  readonly elasticpath?: readonly EpIntegration[];
  /** The account's integrations; undefined when Sendcloud is not generated. */
  readonly sendcloud?: readonly SendcloudIntegration[];
  /** @default ExistingIntegrations */
  readonly className?: string;
  /**
   * The app's CDK library: `cdktn` (CDK Terrain) imports TerraformVariable from `cdktn` and the
   * constructs from this package's `cdktn` entry. @default cdktf
   */
  readonly cdk?: CdkLibrary;
  /** Where the constructs are imported from. @default cdktf-commerce-integrations, or its /cdktn entry for cdk: 'cdktn' */
  readonly moduleSpecifier?: string;
  /** Named in the header when set (ELASTICPATH_STORE_ID). */
  readonly storeId?: string;
  /** The shop order statuses and status mapping of the Sendcloud integrations that have them (Prestashop v2), by integration id. */
  readonly sendcloudOrderStatuses?: ReadonlyMap<number, SendcloudOrderStatusesRead>;
}

export interface SendcloudOrderStatusesRead {
  readonly statuses: readonly SendcloudShopOrderStatusRead[];
  readonly mapping: readonly SendcloudStatusMappingEntry[];
}

export interface SecretVariable {
  /** The Terraform variable name; its value comes from TF_VAR_<name>. */
  readonly name: string;
  readonly construct: string;
  /** The remote object's id. */
  readonly integrationId: string;
  /** The attribute, e.g. configuration.aws_secret_access_key. */
  readonly attribute: string;
  /** True when the API answers the value masked, so the first apply writes it. */
  readonly masked: boolean;
}

export interface RenderedCode {
  readonly code: string;
  readonly className: string;
  /** Elastic Path integrations written, by integration type. */
  readonly elasticpath?: Readonly<Record<IntegrationType, number>>;
  /** Elastic Path integrations left out, with the reason. */
  readonly skipped: readonly string[];
  readonly sendcloud?: number;
  /** Sendcloud integrations whose order statuses / status mapping were written. */
  readonly sendcloudOrderStatuses?: { readonly statuses: number; readonly mappings: number };
  readonly variables: readonly SecretVariable[];
}

/** Ordering that does not depend on the machine's locale: by code unit. */
function compareText(a: string, b: string): number {
  const [lowerA, lowerB] = [a.toLowerCase(), b.toLowerCase()];
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function renderIntegrationsCode(input: RenderInput): RenderedCode {
  const className = input.className ?? DEFAULT_CLASS_NAME;
  const skipped: string[] = [];
  const epAll = [...(input.elasticpath ?? [])].sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  const ep = epAll.filter((integration) => {
    if ((INTEGRATION_TYPES as readonly string[]).includes(integration.integration_type)) return true;
    skipped.push(`Elastic Path integration ${integration.id} ("${commentText(integration.name)}"): unknown integration_type ${String(integration.integration_type)}`);
    return false;
  });
  const sc = [...(input.sendcloud ?? [])].sort((a, b) => a.id - b.id);

  const epIds = uniqueIds(ep.map((integration) => idFromName(integration.name, 'integration')));
  const scIds = uniqueIds(sc.map((integration) => `sendcloud-${idFromName(integration.shop_name ?? '', 'shop')}`), epIds);

  const variables: SecretVariable[] = [];
  const orderStatusCounts = { statuses: 0, mappings: 0 };
  const body: string[] = [];
  if (input.elasticpath) {
    body.push(`    // Elastic Path: ${count(ep.length, 'integration')}${input.storeId ? ` of store ${commentText(input.storeId)}` : ''}`);
    ep.forEach((integration, index) => body.push(...elasticPathBlock(integration, epIds[index], variables)));
  }
  if (input.sendcloud) {
    if (body.length > 0) body.push('');
    body.push(`    // Sendcloud: ${count(sc.length, 'integration')}`);
    sc.forEach((integration, index) => {
      body.push(...sendcloudBlock(integration, scIds[index]));
      const shop = input.sendcloudOrderStatuses?.get(integration.id);
      if (shop) body.push(...orderStatusBlocks(integration, scIds[index], shop, orderStatusCounts, skipped));
    });
  }

  const byType = Object.fromEntries(INTEGRATION_TYPES.map((type) => [type, ep.filter((i) => i.integration_type === type).length])) as Record<
    IntegrationType,
    number
  >;
  const lines = [
    ...header(input, className, ep.length, sc.length, variables),
    '',
    ...imports(input, variables.length > 0),
    '',
    ...propsInterface(input, className),
    '',
    `export class ${className} extends Construct {`,
    `  constructor(scope: Construct, id: string, props: ${className}Props = {}) {`,
    '    super(scope, id);',
    '',
    ...body,
    '  }',
    ...(variables.length > 0 ? secretMethod() : []),
    '}',
    '',
  ];
  return {
    code: lines.join('\n'),
    className,
    ...(input.elasticpath ? { elasticpath: byType } : {}),
    ...(input.sendcloud ? { sendcloud: sc.length } : {}),
    ...(input.sendcloudOrderStatuses ? { sendcloudOrderStatuses: orderStatusCounts } : {}),
    skipped,
    variables,
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function header(input: RenderInput, className: string, epCount: number, scCount: number, variables: readonly SecretVariable[]): string[] {
  const sources = [
    ...(input.elasticpath ? [`${count(epCount, 'Elastic Path integration')}${input.storeId ? ` (store ${commentText(input.storeId)})` : ''}`] : []),
    ...(input.sendcloud ? [count(scCount, 'Sendcloud integration')] : []),
  ];
  const lines = [
    `// Generated by \`cdktf-integrations generate\` from what the account holds: ${sources.join(' and ')}.`,
    `// Use the class once per stack, next to the providers:  new ${className}(stack, 'existing');`,
    '// The first deploy imports every integration below (importFrom) instead of creating it; after',
    '// that the code is yours: edit it as any other, and delete the importFrom calls if you like.',
    '// Construct ids come from the names and decide Terraform addresses: renaming one replaces the object.',
  ];
  if (variables.length === 0) return lines;
  const width = Math.max(...variables.map((variable) => variable.name.length)) + 'TF_VAR_'.length;
  lines.push(
    '//',
    '// Secrets are never written here: set these sensitive variables before deploying (a deploy',
    '// without them stops before any API call, naming the missing ones).',
    ...variables.map(
      (variable) =>
        `//   ${`TF_VAR_${variable.name}`.padEnd(width)}  ${commentText(variable.construct)} ${variable.attribute}${variable.masked ? '' : ' (answered in clear: give the current value to keep it)'}`,
    ),
  );
  if (variables.some((variable) => variable.masked)) {
    lines.push(
      '// Elastic Path answers most of them masked, so Terraform cannot compare them: the first apply',
      '// writes those secrets once (an in-place update of their integrations), then plans are clean.',
    );
  }
  return lines;
}

function imports(input: RenderInput, secrets: boolean): string[] {
  const shops = [...(input.sendcloudOrderStatuses?.values() ?? [])];
  const names = [
    ...(input.elasticpath ? ['ElasticPathIntegration', 'type ElasticPathProvider', 'IntegrationConfiguration'] : []),
    ...(input.sendcloud ? ['SendcloudIntegration', 'type SendcloudProvider'] : []),
    ...(input.sendcloud && shops.some((shop) => liveStatuses(shop).length > 0) ? ['SendcloudShopOrderStatuses'] : []),
    ...(input.sendcloud && shops.some((shop) => validMapping(shop).length > 0) ? ['SendcloudShopOrderStatusMapping'] : []),
  ];
  const cdk = input.cdk ?? 'cdktf';
  return [
    ...(secrets ? [`import { TerraformVariable } from ${tsString(cdk)};`] : []),
    "import { Construct } from 'constructs';",
    `import {\n${names.map((name) => `  ${name},`).join('\n')}\n} from ${tsString(input.moduleSpecifier ?? MODULE_FOR[cdk])};`,
  ];
}

function propsInterface(input: RenderInput, className: string): string[] {
  return [
    `export interface ${className}Props {`,
    ...(input.elasticpath
      ? ['  /**', '   * The Elastic Path provider (store) the integrations belong to.', "   * @default - the stack's default elasticpath provider", '   */', '  readonly elasticPathProvider?: ElasticPathProvider;']
      : []),
    ...(input.sendcloud
      ? ['  /**', '   * The Sendcloud provider (account) the integrations belong to.', "   * @default - the stack's default sendcloud provider", '   */', '  readonly sendcloudProvider?: SendcloudProvider;']
      : []),
    '}',
  ];
}

function secretMethod(): string[] {
  return [
    '',
    '  /** A sensitive variable: Terraform reads its value from TF_VAR_<name>; it never appears in this file or cdk.tf.json. */',
    '  private secret(name: string, description: string): string {',
    "    const variable = new TerraformVariable(this, name, { type: 'string', sensitive: true, nullable: false, description });",
    '    variable.overrideLogicalId(name);',
    '    return variable.stringValue;',
    '  }',
  ];
}

function literal(value: unknown): string {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  throw new Error(`cannot write ${typeof value} as a literal`);
}

function elasticPathBlock(integration: EpIntegration, id: string, variables: SecretVariable[]): string[] {
  const type = integration.integration_type;
  const configuration = (integration.configuration ?? {}) as Record<string, unknown>;
  const options: string[] = [];
  for (const [field, declaration] of Object.entries(CONFIGURATION_FIELDS)) {
    if (!declaration.usedBy[type]) continue;
    const value = configuration[field];
    const present = value !== undefined && value !== null && value !== '';
    if (declaration.attribute.sensitive) {
      // A masked secret is always there when the type requires it; an optional one (a webhook's secret_key) only when set.
      if (!present && declaration.usedBy[type] !== 'required') continue;
      const name = variableName(id, field);
      variables.push({ name, construct: `Elastic Path integration "${integration.name}"`, integrationId: integration.id, attribute: `configuration.${field}`, masked: declaration.masked === true });
      const description = `configuration.${field} of the Elastic Path integration ${JSON.stringify(integration.name)}`;
      options.push(`${camelCase(field)}: this.secret(${tsString(name)}, ${tsString(description)})`);
    } else if (present) {
      options.push(`${camelCase(field)}: ${literal(value)}`);
    }
  }
  const observes = [...(integration.observes ?? [])].sort(compareText);
  return [
    `    new ElasticPathIntegration(this, ${tsString(id)}, {`,
    `      name: ${tsString(integration.name)},`,
    ...(typeof integration.description === 'string' ? [`      description: ${tsString(integration.description)},`] : []),
    ...(typeof integration.enabled === 'boolean' ? [`      enabled: ${integration.enabled},`] : []),
    `      observes: ${literal(observes)},`,
    `      configuration: IntegrationConfiguration.${camelCase(type)}({`,
    ...options.map((option) => `        ${option},`),
    '      }),',
    '      provider: props.elasticPathProvider,',
    `    }).importFrom(${tsString(integration.id)});`,
  ];
}

function sendcloudBlock(integration: SendcloudIntegration, id: string): string[] {
  const settings: string[] = [];
  for (const name of SETTING_NAMES) {
    const value = integration[name];
    // Absent or empty settings are left unmanaged: Sendcloud keeps them as they are.
    if (value === undefined || value === null || value === '') continue;
    settings.push(`      ${camelCase(name)}: ${literal(Array.isArray(value) ? [...value].sort(compareText) : value)},`);
  }
  return [
    `    new SendcloudIntegration(this, ${tsString(id)}, {`,
    `      integrationId: ${integration.id},`,
    ...settings,
    '      provider: props.sendcloudProvider,',
    `    }).importFrom(${tsString(String(integration.id))});`,
  ];
}

function liveStatuses(shop: SendcloudOrderStatusesRead): readonly SendcloudShopOrderStatusRead[] {
  return shop.statuses.filter((status) => !status.deleted_at);
}

/** The mapped categories whose status still exists, in the API's category order. */
function validMapping(shop: SendcloudOrderStatusesRead): [string, string][] {
  const live = new Set(liveStatuses(shop).map((status) => status.external_id));
  return SENDCLOUD_STATUS_CATEGORIES.flatMap((category) => {
    const externalId = shop.mapping.find((entry) => entry.status_category === category)?.external_id;
    return typeof externalId === 'string' && live.has(externalId) ? [[category, externalId] as [string, string]] : [];
  });
}

/** A Prestashop v2 integration's statuses and mapping, each imported by the integration id. */
function orderStatusBlocks(
  integration: SendcloudIntegration,
  id: string,
  shop: SendcloudOrderStatusesRead,
  counts: { statuses: number; mappings: number },
  skipped: string[],
): string[] {
  const statuses = liveStatuses(shop);
  if (statuses.length === 0) return [];
  counts.statuses++;
  const variable = `orderStatuses${integration.id}`;
  const lines = [
    `    const ${variable} = new SendcloudShopOrderStatuses(this, ${tsString(`${id}-order-statuses`)}, {`,
    `      integrationId: ${integration.id},`,
    '      statuses: [',
    ...statuses.map((status) => {
      const translations = [...status.translations].map((translation) => `${tsString(translation.language)}: ${tsString(translation.status)}`).join(', ');
      return `        { externalId: ${tsString(status.external_id)}, translations: { ${translations} } },`;
    }),
    '      ],',
    '      provider: props.sendcloudProvider,',
    '    });',
    `    ${variable}.importFrom(${integration.id});`,
  ];
  const mapping = validMapping(shop);
  for (const entry of shop.mapping) {
    if (typeof entry.external_id === 'string' && !mapping.some(([category]) => category === entry.status_category)) {
      skipped.push(`Sendcloud integration ${integration.id}: the mapping of ${entry.status_category} onto the deleted status "${commentText(entry.external_id)}"`);
    }
  }
  if (mapping.length === 0) return lines;
  counts.mappings++;
  return [
    ...lines,
    `    new SendcloudShopOrderStatusMapping(this, ${tsString(`${id}-status-mapping`)}, {`,
    `      statuses: ${variable},`,
    `      mapping: { ${mapping.map(([category, externalId]) => `${category}: ${tsString(externalId)}`).join(', ')} },`,
    `    }).importFrom(${integration.id});`,
  ];
}
