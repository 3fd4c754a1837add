/**
 * generateIntegrationsCode: lists what an Elastic Path store and a Sendcloud account hold,
 * with the providers' environment variables (read as the providers read them, through their
 * settings modules), and renders it as CDKTF code (see render.ts). Missing credentials are
 * reported, naming the variables, before any request is sent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ElasticPathClient } from '../../api/elasticpath';
import type { SendcloudClient, SendcloudIntegration } from '../../api/sendcloud';
import { SENDCLOUD_PRESTASHOP_V2_TYPE } from '../../api/sendcloud-shop';
import { ELASTICPATH_ENVIRONMENT } from '../../provider/elasticpath/schema';
import {
  type ElasticPathCredentials,
  type ElasticPathSettings,
  elasticPathClient,
  missingElasticPathSettings,
  readElasticPathSettings,
} from '../../provider/elasticpath/settings';
import { Diagnostics, type PlainObject } from '../../provider/framework/types';
import {
  type SendcloudSettings,
  hasSendcloudCredentials,
  readSendcloudSettings,
  sendcloudClient,
  sendcloudCredentialChoices,
} from '../../provider/sendcloud/settings';
import { checkClassName } from './naming';
import { type CdkLibrary, type RenderedCode, type SendcloudOrderStatusesRead, renderIntegrationsCode } from './render';

export { CDK_LIBRARIES, type CdkLibrary, DEFAULT_CLASS_NAME, renderIntegrationsCode, type RenderInput, type RenderedCode, type SecretVariable } from './render';
export { idFromName, uniqueIds, variableName } from './naming';

export interface GenerateOptions {
  /**
   * List the Elastic Path store. When neither vendor is chosen, both are.
   * @default true unless only sendcloud is chosen
   */
  readonly elasticpath?: boolean;
  /**
   * List the Sendcloud account. When neither vendor is chosen, both are.
   * @default true unless only elasticpath is chosen
   */
  readonly sendcloud?: boolean;
  /** @default ExistingIntegrations */
  readonly className?: string;
  /** The app's CDK library (cdktf or CDK Terrain's cdktn); see detectCdkLibrary. @default cdktf */
  readonly cdk?: CdkLibrary;
  /** Where the generated module imports the constructs from. @default this package's entry for `cdk` */
  readonly moduleSpecifier?: string;
  /** Where credentials are read from (the providers' variables: ELASTICPATH_*, SENDCLOUD_*). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Thrown for bad options or missing credentials, before anything is sent. */
export class GenerateOptionsError extends Error {}

export async function generateIntegrationsCode(options: GenerateOptions = {}): Promise<RenderedCode> {
  const env = options.env ?? process.env;
  const neither = options.elasticpath === undefined && options.sendcloud === undefined;
  const wantElasticPath = neither || options.elasticpath === true;
  const wantSendcloud = neither || options.sendcloud === true;
  if (!wantElasticPath && !wantSendcloud) throw new GenerateOptionsError('nothing to generate: choose elasticpath, sendcloud or both');
  const classProblem = options.className === undefined ? undefined : checkClassName(options.className);
  if (classProblem) throw new GenerateOptionsError(classProblem);

  // Every credential is checked before the first request, so one run reports everything missing.
  const problems: string[] = [];
  const elasticPathSettings = wantElasticPath ? settingsFromEnvironment(readElasticPathSettings, env, problems) : undefined;
  const sendcloudSettings = wantSendcloud ? settingsFromEnvironment(readSendcloudSettings, env, problems) : undefined;
  const elasticPath = elasticPathSettings && elasticPathClientFrom(elasticPathSettings, problems);
  const sendcloud = sendcloudSettings && sendcloudClientFrom(sendcloudSettings, problems);
  if (problems.length > 0) {
    const choose = neither ? ' (or choose one vendor with --elasticpath or --sendcloud)' : '';
    throw new GenerateOptionsError(`${problems.join('; ')}${choose}`);
  }

  const [elasticpathIntegrations, sendcloudIntegrations] = await Promise.all([elasticPath?.listIntegrations(), sendcloud?.listIntegrations()]);
  const storeId = elasticPathSettings?.store_id;
  return renderIntegrationsCode({
    elasticpath: elasticpathIntegrations,
    sendcloud: sendcloudIntegrations,
    ...(sendcloud && sendcloudIntegrations ? { sendcloudOrderStatuses: await readOrderStatuses(sendcloud, sendcloudIntegrations) } : {}),
    className: options.className,
    moduleSpecifier: options.moduleSpecifier,
    cdk: options.cdk,
    ...(wantElasticPath && storeId ? { storeId } : {}),
  });
}

/** The statuses and mapping of every Prestashop v2 integration (the only ones that have them). */
async function readOrderStatuses(client: SendcloudClient, integrations: readonly SendcloudIntegration[]): Promise<Map<number, SendcloudOrderStatusesRead>> {
  const found = new Map<number, SendcloudOrderStatusesRead>();
  for (const integration of integrations) {
    if (integration.type !== SENDCLOUD_PRESTASHOP_V2_TYPE) continue;
    const [statuses, mapping] = await Promise.all([client.shop.getShopOrderStatuses(integration.id), client.shop.getStatusMapping(integration.id)]);
    found.set(integration.id, { statuses, mapping });
  }
  return found;
}

/** Reads a vendor's settings from the environment alone, as its provider would with an empty provider block. */
function settingsFromEnvironment<T>(read: (config: PlainObject, env: NodeJS.ProcessEnv, diagnostics: Diagnostics) => T, env: NodeJS.ProcessEnv, problems: string[]): T {
  const diagnostics = new Diagnostics();
  const settings = read({}, env, diagnostics);
  problems.push(...diagnostics.items.filter((item) => item.severity === 'error').map((item) => `${item.summary}: ${item.detail}`));
  return settings;
}

function elasticPathClientFrom(settings: ElasticPathSettings, problems: string[]): ElasticPathClient | undefined {
  const names = ELASTICPATH_ENVIRONMENT;
  const missing = missingElasticPathSettings(settings);
  if (missing.length > 0) {
    problems.push(
      `Elastic Path needs a client-credentials key: set ${missing.map((name) => names[name]).join(' and ')} (and ${names.api_base_url}, ${names.store_id} where needed)`,
    );
    return undefined;
  }
  return elasticPathClient(settings as ElasticPathCredentials);
}

function sendcloudClientFrom(settings: SendcloudSettings, problems: string[]): SendcloudClient | undefined {
  if (hasSendcloudCredentials(settings)) return sendcloudClient(settings);
  problems.push(`Sendcloud needs credentials: set ${sendcloudCredentialChoices('variables')}`);
  return undefined;
}

/**
 * The CDK library an app uses, from the nearest package.json at or above `dir`: `cdktn` when it
 * depends on cdktn and not on cdktf, else `cdktf`. `found` names the file decided from (none: the default).
 */
export function detectCdkLibrary(dir: string): { cdk: CdkLibrary; found?: string } {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const file = path.join(current, 'package.json');
    if (fs.existsSync(file)) {
      let manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } = {};
      try {
        manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        return { cdk: 'cdktf' };
      }
      const depends = (name: string) => Boolean(manifest.dependencies?.[name] ?? manifest.devDependencies?.[name]);
      return { cdk: depends('cdktn') && !depends('cdktf') ? 'cdktn' : 'cdktf', found: file };
    }
    if (path.dirname(current) === current) return { cdk: 'cdktf' };
  }
}
