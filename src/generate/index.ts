/**
 * generateIntegrationsCode: lists what an Elastic Path store and a Sendcloud account hold,
 * with the providers' own credentials and environment variables, and renders it as CDKTF
 * code (see render.ts). Missing credentials are reported, naming the variables, before
 * any request is sent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ELASTICPATH_ENVIRONMENT, SENDCLOUD_ENVIRONMENT } from '../../provider/shared/environment';
import { ElasticPathClient } from '../../api/elasticpath';
import { SendcloudClient } from '../../api/sendcloud';
import { checkClassName } from './naming';
import { type CdkLibrary, type RenderedCode, renderIntegrationsCode } from './render';

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
  const elasticPath = wantElasticPath ? elasticPathClient(env, problems) : undefined;
  const sendcloud = wantSendcloud ? sendcloudClient(env, problems) : undefined;
  if (problems.length > 0) {
    const choose = neither ? ' (or choose one vendor with --elasticpath or --sendcloud)' : '';
    throw new GenerateOptionsError(`${problems.join('; ')}${choose}`);
  }

  const [elasticpathIntegrations, sendcloudIntegrations] = await Promise.all([elasticPath?.listIntegrations(), sendcloud?.listIntegrations()]);
  const storeId = env[ELASTICPATH_ENVIRONMENT.store_id];
  return renderIntegrationsCode({
    elasticpath: elasticpathIntegrations,
    sendcloud: sendcloudIntegrations,
    className: options.className,
    moduleSpecifier: options.moduleSpecifier,
    cdk: options.cdk,
    ...(wantElasticPath && storeId ? { storeId } : {}),
  });
}

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const found = env[name];
  return found === undefined || found === '' ? undefined : found;
}

function elasticPathClient(env: NodeJS.ProcessEnv, problems: string[]): ElasticPathClient | undefined {
  const names = ELASTICPATH_ENVIRONMENT;
  const clientId = value(env, names.client_id);
  const clientSecret = value(env, names.client_secret);
  const missing = [!clientId && names.client_id, !clientSecret && names.client_secret].filter(Boolean);
  if (!clientId || !clientSecret) {
    problems.push(`Elastic Path needs a client-credentials key: set ${missing.join(' and ')} (and ${names.api_base_url}, ${names.store_id} where needed)`);
    return undefined;
  }
  return new ElasticPathClient({
    baseUrl: value(env, names.api_base_url),
    clientId,
    clientSecret,
    storeId: value(env, names.store_id),
  });
}

function sendcloudClient(env: NodeJS.ProcessEnv, problems: string[]): SendcloudClient | undefined {
  const names = SENDCLOUD_ENVIRONMENT;
  const baseUrl = value(env, names.api_base_url);
  const publicKey = value(env, names.public_key);
  const secretKey = value(env, names.secret_key);
  if (publicKey && secretKey) return new SendcloudClient({ baseUrl, publicKey, secretKey });
  const clientId = value(env, names.oauth_client_id);
  const clientSecret = value(env, names.oauth_client_secret);
  if (clientId && clientSecret) {
    return new SendcloudClient({ baseUrl, oauth: { clientId, clientSecret, tokenUrl: value(env, names.oauth_token_url) } });
  }
  problems.push(
    `Sendcloud needs credentials: set ${names.public_key} and ${names.secret_key}, or ${names.oauth_client_id} and ${names.oauth_client_secret}`,
  );
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
