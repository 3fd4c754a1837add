/*
 * In-process HTTP emulators of the Elastic Path Integrations API and the Sendcloud
 * Integrations API (v3 and v2). Tests, the demo and users' offline checks run against these
 * instead of the real services; they follow the vendors' published OpenAPI documents
 * (copies in test/contract/specs) and expose an unauthenticated `/__admin` side-channel for tests.
 */
import { startElasticPathEmulator, type RunningElasticPathEmulator } from './elasticpath/emulator';
export type { DeliveryOptions } from './elasticpath/deliveries';
import { startSendcloudEmulator, type RunningSendcloudEmulator } from './sendcloud/emulator';
import type { SendcloudSeedIntegration } from './sendcloud/seed';
import { ELASTICPATH_ENVIRONMENT } from '../../provider/elasticpath/schema';
import { SENDCLOUD_ENVIRONMENT } from '../../provider/sendcloud/schema';

export { EMULATOR_CREDENTIALS } from './credentials';
export {
  startElasticPathEmulator,
  maskSecret,
  type ElasticPathEmulatorOptions,
  type RunningElasticPathEmulator,
} from './elasticpath/emulator';
export type { StoredElasticPathIntegration } from './elasticpath/validation';
export { startSendcloudEmulator, type SendcloudEmulatorOptions, type RunningSendcloudEmulator } from './sendcloud/emulator';
export { DEFAULT_SENDCLOUD_SEED, type SendcloudSeedIntegration, type StoredSendcloudIntegration } from './sendcloud/seed';
export { FAULT_KINDS, type FaultKind, type FaultConfig } from './core/faults';
export type { RequestLogEntry } from './core/server';
export { EmulatorAdmin, EmulatorAdminError, type AdminAnswer, type FaultSettings } from './core/admin-client';
export type { TokenCounts } from './core/tokens';
export { ElasticPathAdmin } from './elasticpath/admin';
export type { EmulatorDelivery } from './elasticpath/deliveries';
export { SendcloudAdmin, type ParcelStatusAnswer } from './sendcloud/admin';
export type { Clock } from './core/clock';

export interface RunningEmulators {
  elasticpath: RunningElasticPathEmulator;
  sendcloud: RunningSendcloudEmulator;
  close(): Promise<void>;
}

/** Starts both emulators; if the second fails to start, the first is closed again. */
export async function startEmulators(
  options: {
    elasticpathPort?: number;
    sendcloudPort?: number;
    seed?: string | SendcloudSeedIntegration[];
    /** Deliver events to hosts other than loopback addresses. @default false */
    allowNonLoopbackDelivery?: boolean;
    /** Multiplies the waits between Elastic Path delivery attempts. @default 1 */
    deliveryTimeScale?: number;
    /** Elastic Path logs and jobs carry a time; false answers as the real API does (no time). @default true */
    logTimestamps?: boolean;
  } = {},
): Promise<RunningEmulators> {
  const allowNonLoopbackDelivery = options.allowNonLoopbackDelivery ?? false;
  const elasticpath = await startElasticPathEmulator({
    port: options.elasticpathPort,
    delivery: { allowNonLoopbackDelivery, timeScale: options.deliveryTimeScale, logTimestamps: options.logTimestamps },
  });
  let sendcloud: RunningSendcloudEmulator;
  try {
    sendcloud = await startSendcloudEmulator({ port: options.sendcloudPort, seed: options.seed, allowNonLoopbackDelivery });
  } catch (error) {
    await elasticpath.close();
    throw error;
  }
  return {
    elasticpath,
    sendcloud,
    close: async () => {
      await Promise.all([elasticpath.close(), sendcloud.close()]);
    },
  };
}

/**
 * The providers' environment variables that point them at running emulators: give it to
 * terraform or `cdktf deploy` (`{ ...process.env, ...providerEnvironment(emulators) }`).
 */
export function providerEnvironment(emulators: Pick<RunningEmulators, 'elasticpath' | 'sendcloud'>): Record<string, string> {
  return {
    [ELASTICPATH_ENVIRONMENT.api_base_url]: emulators.elasticpath.url,
    [ELASTICPATH_ENVIRONMENT.client_id]: emulators.elasticpath.clientId,
    [ELASTICPATH_ENVIRONMENT.client_secret]: emulators.elasticpath.clientSecret,
    [SENDCLOUD_ENVIRONMENT.api_base_url]: emulators.sendcloud.url,
    [SENDCLOUD_ENVIRONMENT.public_key]: emulators.sendcloud.publicKey,
    [SENDCLOUD_ENVIRONMENT.secret_key]: emulators.sendcloud.secretKey,
  };
}
