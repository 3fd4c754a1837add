/**
 * Provider settings -> Sendcloud client: the one place a setting becomes a client option.
 * The provider's configure and `generate` build their client here, so a setting declared on
 * PROVIDER_SCHEMA (with its environment variable) and mapped below works in both.
 *
 * The API client (and axios under it) is loaded when a client is built, not when this file is.
 */
import type { SendcloudClient, SendcloudClientOptions } from '../../api/sendcloud';
import {
  DEFAULT_SENDCLOUD_V2_UPDATE_METHOD,
  type SendcloudApiVersion,
  type SendcloudV2UpdateMethod,
} from '../../api/sendcloud-vocabulary';
import type { Diagnostics, PlainObject } from '../framework/types';
import { readProviderSettings } from '../common/provider-config';
import { maxRateLimitWaitMs } from '../common/rate-limit-wait';
import { PROVIDER_SCHEMA, SENDCLOUD_ENVIRONMENT } from './schema';

/** The provider block's settings once read, by attribute name; an unset one is absent. */
export interface SendcloudSettings {
  readonly public_key?: string;
  readonly secret_key?: string;
  readonly oauth_client_id?: string;
  readonly oauth_client_secret?: string;
  readonly oauth_token_url?: string;
  readonly api_base_url?: string;
  readonly api_version?: SendcloudApiVersion;
  readonly v2_update_method?: SendcloudV2UpdateMethod;
  readonly max_rate_limit_wait_seconds?: number;
}

/** The two ways to authenticate, each a pair of settings that must both be given. */
export const SENDCLOUD_CREDENTIAL_PAIRS = [
  ['public_key', 'secret_key'],
  ['oauth_client_id', 'oauth_client_secret'],
] as const;

/** The settings from a provider block's values (absent ones from their environment variables); problems go to `diagnostics`. */
export function readSendcloudSettings(config: PlainObject, env: NodeJS.ProcessEnv, diagnostics: Diagnostics): SendcloudSettings {
  return readProviderSettings(PROVIDER_SCHEMA, config, env, diagnostics) as SendcloudSettings;
}

/** Whether a key pair or OAuth client credentials are complete (the key pair wins when both are). */
export function hasSendcloudCredentials(settings: SendcloudSettings): boolean {
  return SENDCLOUD_CREDENTIAL_PAIRS.some((pair) => pair.every((name) => settings[name]));
}

/**
 * The ways to give credentials, for an error message: "A and B, or C and D" with the
 * environment variables, or with the settings and their variables in parentheses.
 */
export function sendcloudCredentialChoices(form: 'variables' | 'settings'): string {
  const variables = (pair: readonly string[], prefix: string) => pair.map((name) => `${prefix}${SENDCLOUD_ENVIRONMENT[name]}`).join(' and ');
  return SENDCLOUD_CREDENTIAL_PAIRS.map((pair) =>
    form === 'variables' ? variables(pair, '') : `${pair.join(' and ')} (or ${variables(pair, '$')})`,
  ).join(', or ');
}

/** How v2 updates are sent (a provider setting the resources use, not a client option). */
export function v2UpdateMethodOf(settings: SendcloudSettings): SendcloudV2UpdateMethod {
  return settings.v2_update_method ?? DEFAULT_SENDCLOUD_V2_UPDATE_METHOD;
}

/** The client options the settings stand for; `extra` adds what is not a provider setting (retries, logging, ...). */
export function sendcloudClientOptions(settings: SendcloudSettings, extra: Partial<SendcloudClientOptions> = {}): SendcloudClientOptions {
  const keyPair = settings.public_key && settings.secret_key;
  return {
    baseUrl: settings.api_base_url,
    apiVersion: settings.api_version,
    ...maxRateLimitWaitMs(settings.max_rate_limit_wait_seconds),
    ...(keyPair || !settings.oauth_client_id || !settings.oauth_client_secret
      ? { publicKey: settings.public_key, secretKey: settings.secret_key }
      : { oauth: { clientId: settings.oauth_client_id, clientSecret: settings.oauth_client_secret, tokenUrl: settings.oauth_token_url } }),
    ...extra,
  };
}

/** A client for the settings; check hasSendcloudCredentials first (the client refuses incomplete credentials). */
/** The API client's module, loaded at the first configure or ahead of it by a run host's preload: axios is most of what a provider loads. */
export function sendcloudApiModule(): typeof import('../../api/sendcloud') {
  return require('../../api/sendcloud');
}

export function sendcloudClient(settings: SendcloudSettings, extra: Partial<SendcloudClientOptions> = {}): SendcloudClient {
  const { SendcloudClient: Client } = sendcloudApiModule();
  return new Client(sendcloudClientOptions(settings, extra));
}
