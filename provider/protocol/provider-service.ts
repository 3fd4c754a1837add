/**
 * The tfplugin6.Provider handlers: each RPC converts its request, delegates to
 * the framework code in server/, and converts back.
 */
import type { ProviderDefinition } from '../framework/types';
import { applyResourceChange } from './server/apply-resource-change';
import { configureProvider } from './server/configure-provider';
import { ProviderContext } from './server/context';
import { getMetadata } from './server/get-metadata';
import { getProviderSchema } from './server/get-provider-schema';
import { importResourceState } from './server/import-resource-state';
import { moveResourceState } from './server/move-resource-state';
import { planResourceChange } from './server/plan-resource-change';
import { readDataSource } from './server/read-data-source';
import { readResource } from './server/read-resource';
import { callFunction, ephemeralResourceUnsupported, getFunctions } from './server/unsupported';
import { upgradeResourceState } from './server/upgrade-resource-state';
import { validateDataResourceConfig } from './server/validate-data-resource-config';
import { validateProviderConfig } from './server/validate-provider-config';
import { validateResourceConfig } from './server/validate-resource-config';

export type RpcHandler = (request: any) => unknown;

export function providerHandlers(provider: ProviderDefinition<any>): Record<string, RpcHandler> {
  const context = new ProviderContext(provider);
  return {
    GetMetadata: () => getMetadata(context),
    GetProviderSchema: () => getProviderSchema(context),
    ValidateProviderConfig: (request) => validateProviderConfig(context, request),
    ValidateResourceConfig: (request) => validateResourceConfig(context, request),
    ValidateDataResourceConfig: (request) => validateDataResourceConfig(context, request),
    UpgradeResourceState: (request) => upgradeResourceState(context, request),
    ConfigureProvider: (request) => configureProvider(context, request),
    ReadResource: (request) => readResource(context, request),
    PlanResourceChange: (request) => planResourceChange(context, request),
    ApplyResourceChange: (request) => applyResourceChange(context, request),
    ImportResourceState: (request) => importResourceState(context, request),
    MoveResourceState: (request) => moveResourceState(request),
    ReadDataSource: (request) => readDataSource(context, request),
    ValidateEphemeralResourceConfig: (request) => ephemeralResourceUnsupported(request),
    OpenEphemeralResource: (request) => ephemeralResourceUnsupported(request),
    RenewEphemeralResource: (request) => ephemeralResourceUnsupported(request),
    CloseEphemeralResource: (request) => ephemeralResourceUnsupported(request),
    GetFunctions: () => getFunctions(),
    CallFunction: (request) => callFunction(request),
    // Resource code has no cancellation hook, so there is nothing to stop: in-flight calls finish.
    StopProvider: () => ({}),
  };
}

/** The response for an RPC whose handler failed unexpectedly, in that RPC's own error field. */
export function failureResponse(method: string, error: unknown): object {
  const detail = error instanceof Error ? error.message : String(error);
  if (method === 'StopProvider') return { Error: detail };
  if (method === 'CallFunction') return { error: { text: detail } };
  return {
    diagnostics: [
      {
        severity: 'ERROR',
        summary: 'Internal provider error',
        detail: `${method} failed: ${detail}. This is a bug in the provider framework.`,
      },
    ],
  };
}
