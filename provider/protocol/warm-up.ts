/**
 * Runs a provider's per-resource RPC code on placeholder values, so that a run host's later
 * launches find it compiled: a fresh process's first hundred calls of a kind cost several times
 * what the same calls cost warm, and a plan's validation, refresh and planning each come as a burst
 * of one kind. The values are each resource's object with every attribute null; the calls go
 * through the protobuf codec and the handlers as Terraform's would, on a context of their own that
 * is never configured, so nothing reaches an API and no connection's state is touched.
 *
 * Each call yields to the event loop first: a launch's real RPCs are served between them.
 */
import type { ProviderDefinition, PlainObject, PlainValue, ResourceDefinition } from '../framework/types';
import { encodeDynamicValue } from './codec/dynamic-value';
import { type ObjectType, schemaType } from './codec/types';
import { decodeMessage, descriptor, encodeMessage } from './wire/protobuf';

type Handlers = Record<string, (request: any) => unknown>;

function nullObject(type: ObjectType): PlainObject {
  const value: PlainObject = {};
  for (const name of Object.keys(type.object)) value[name] = null;
  return value;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One RPC as the server runs it: the request through protobuf, the handler, the response back to bytes. */
async function call(handlers: Handlers, method: string, request: object): Promise<void> {
  const rpc = descriptor.services['tfplugin6.Provider'][method];
  const decoded = decodeMessage(rpc.request, encodeMessage(rpc.request, request));
  encodeMessage(rpc.response, (await handlers[method](decoded)) as object);
}

function placeholderRequests(resource: ResourceDefinition<unknown>): [method: string, request: object][] {
  const type = schemaType(resource.schema);
  const nulls = nullObject(type);
  const value = encodeDynamicValue(nulls as PlainValue, type);
  const absent = encodeDynamicValue(null, type);
  const typeName = resource.typeName;
  return [
    ['ValidateResourceConfig', { type_name: typeName, config: value, client_capabilities: { write_only_attributes_allowed: true } }],
    ['UpgradeResourceState', { type_name: typeName, version: resource.schema.version ?? 0, raw_state: { json: Buffer.from(JSON.stringify(nulls)) } }],
    // A no-op plan (the prior state proposed again) and a create.
    ['PlanResourceChange', { type_name: typeName, prior_state: value, proposed_new_state: value, config: value }],
    ['PlanResourceChange', { type_name: typeName, prior_state: absent, proposed_new_state: value, config: value }],
  ];
}

export async function warmUp(provider: ProviderDefinition<unknown>, rounds: number): Promise<void> {
  const { providerHandlers } = await import('./provider-service');
  const handlers = providerHandlers(provider) as Handlers;
  const requests = provider.resources.flatMap(placeholderRequests);
  for (let round = 0; round < rounds; round += 1) {
    for (const [method, request] of requests) {
      await yieldToEventLoop();
      try {
        await call(handlers, method, request);
      } catch {
        // A placeholder a resource's own code refuses teaches the compiler as much.
      }
    }
  }
}
