/**
 * Provider settings -> Elastic Path client: the one place a setting becomes a client option.
 * The provider's configure, `drift --health` and `generate` all build their client here, so a
 * setting declared on PROVIDER_SCHEMA (with its environment variable) and mapped below works
 * in all of them.
 *
 * The API client (and axios under it) is loaded when a client is built, not when this file is.
 */
import type { ElasticPathClient, ElasticPathClientOptions } from '../../api/elasticpath';
import type { ElasticPathRegion } from '../../api/elasticpath-vocabulary';
import type { Diagnostics, PlainObject } from '../framework/types';
import { readProviderSettings, requireSettings } from '../common/provider-config';
import { maxRateLimitWaitMs } from '../common/rate-limit-wait';
import { PROVIDER_SCHEMA } from './schema';

/** The provider block's settings once read, by attribute name; an unset one is absent. */
export interface ElasticPathSettings {
  readonly client_id?: string;
  readonly client_secret?: string;
  readonly api_base_url?: string;
  readonly region?: ElasticPathRegion;
  readonly store_id?: string;
  readonly max_requests_per_second?: number;
  readonly max_rate_limit_wait_seconds?: number;
}

export type ElasticPathCredentials = ElasticPathSettings & { readonly client_id: string; readonly client_secret: string };

/** The settings a client cannot be built without, and what each is. */
export const ELASTICPATH_REQUIRED_SETTINGS = { client_id: 'a client id', client_secret: 'a client secret' } as const;

/** The settings from a provider block's values (absent ones from their environment variables); problems go to `diagnostics`. */
export function readElasticPathSettings(config: PlainObject, env: NodeJS.ProcessEnv, diagnostics: Diagnostics): ElasticPathSettings {
  return readProviderSettings(PROVIDER_SCHEMA, config, env, diagnostics) as ElasticPathSettings;
}

/** The required settings that are missing, by attribute name. */
export function missingElasticPathSettings(settings: ElasticPathSettings): (keyof typeof ELASTICPATH_REQUIRED_SETTINGS)[] {
  return (Object.keys(ELASTICPATH_REQUIRED_SETTINGS) as (keyof typeof ELASTICPATH_REQUIRED_SETTINGS)[]).filter((name) => !settings[name]);
}

/** Reports each missing required setting on `diagnostics` (naming its variable); true when none is missing. */
export function hasElasticPathCredentials(
  settings: ElasticPathSettings,
  diagnostics: Diagnostics,
  config: PlainObject = {},
): settings is ElasticPathCredentials {
  return requireSettings(PROVIDER_SCHEMA, settings as Record<string, string | number>, ELASTICPATH_REQUIRED_SETTINGS, diagnostics, config);
}

/** The client options the settings stand for; `extra` adds what is not a provider setting (retries, logging, ...). */
export function elasticPathClientOptions(settings: ElasticPathCredentials, extra: Partial<ElasticPathClientOptions> = {}): ElasticPathClientOptions {
  return {
    clientId: settings.client_id,
    clientSecret: settings.client_secret,
    // The client applies the default region, and lets a base URL win over a region.
    baseUrl: settings.api_base_url,
    region: settings.region,
    storeId: settings.store_id,
    requestsPerSecond: settings.max_requests_per_second,
    ...maxRateLimitWaitMs(settings.max_rate_limit_wait_seconds),
    ...extra,
  };
}

/** The API client's module, loaded at the first configure or ahead of it by a run host's preload: axios is most of what a provider loads. */
export function elasticPathApiModule(): typeof import('../../api/elasticpath') {
  return require('../../api/elasticpath');
}

export function elasticPathClient(settings: ElasticPathCredentials, extra: Partial<ElasticPathClientOptions> = {}): ElasticPathClient {
  const { ElasticPathClient: Client } = elasticPathApiModule();
  return new Client(elasticPathClientOptions(settings, extra));
}
