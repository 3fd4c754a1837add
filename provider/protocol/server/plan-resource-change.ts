import {
  Diagnostics,
  UNKNOWN,
  type AttributePath,
  type AttributeSchema,
  type PlainObject,
  type PlainValue,
  type ResourceDefinition,
} from '../../framework/types';
import { attributeValueType, schemaType } from '../codec/types';
import { valuesEqual } from '../codec/values';
import { attributePathToMessage, diagnosticsToMessages } from '../convert/diagnostics';
import type { PlanResourceChangeRequest, PlanResourceChangeResponse } from '../messages';
import { decodeObject, encodeValue, runGuarded, type ProviderContext } from './context';
import { withoutWriteOnly } from './write-only';

interface PlanInputs {
  /** True when the resource is being created (no prior state). */
  creating: boolean;
  /** True when the proposed new state equals the prior state: nothing the user controls changed. */
  unchanged: boolean;
}

function asObject(value: PlainValue | undefined): PlainObject | null {
  return value !== null && value !== undefined && value !== UNKNOWN && typeof value === 'object' && !Array.isArray(value)
    ? (value as PlainObject)
    : null;
}

/** The planned value of a computed attribute that the configuration leaves null. */
function plannedComputedValue(attribute: AttributeSchema, prior: PlainValue, inputs: PlanInputs): PlainValue {
  if (attribute.default !== undefined) return attribute.default;
  if (inputs.creating) return UNKNOWN;
  if (attribute.planModifiers?.includes('useStateForUnknown')) return prior;
  return inputs.unchanged ? prior : UNKNOWN;
}

/**
 * Plans one block of attributes from the configuration, as terraform-plugin-framework
 * does: configured values win; a computed attribute left null gets its default,
 * or the prior value where that is known to hold, or becomes unknown.
 */
function planAttributes(
  attributes: Record<string, AttributeSchema>,
  config: PlainObject | null,
  prior: PlainObject | null,
  inputs: PlanInputs,
): PlainObject {
  const planned: PlainObject = {};
  for (const name in attributes) {
    const attribute = attributes[name];
    const configured: PlainValue = config?.[name] ?? null;
    const priorValue: PlainValue = prior?.[name] ?? null;
    if (attribute.writeOnly) {
      // Never planned: the value goes from the configuration to create or update only.
      planned[name] = null;
    } else if (configured !== null) {
      const configuredObject = asObject(configured);
      planned[name] =
        attribute.nested && configuredObject
          ? planAttributes(attribute.nested, configuredObject, asObject(priorValue), inputs)
          : configured;
    } else if (attribute.computed) {
      planned[name] = plannedComputedValue(attribute, priorValue, inputs);
    } else {
      planned[name] = null;
    }
  }
  return planned;
}

/** Paths of requiresReplace attributes whose planned value differs from the prior state. */
function replacementPaths(
  attributes: Record<string, AttributeSchema>,
  planned: PlainObject,
  prior: PlainObject,
  path: AttributePath = [],
): AttributePath[] {
  const paths: AttributePath[] = [];
  // Every plan of every resource comes here: paths are built only for what is replaced or nested.
  for (const name in attributes) {
    const attribute = attributes[name];
    const plannedValue: PlainValue = planned[name] ?? null;
    const priorValue: PlainValue = prior[name] ?? null;
    if (
      attribute.planModifiers?.includes('requiresReplace') &&
      !valuesEqual(attributeValueType(attribute), plannedValue, priorValue)
    ) {
      paths.push([...path, name]);
    } else if (attribute.nested) {
      const plannedObject = asObject(plannedValue);
      const priorObject = asObject(priorValue);
      if (plannedObject && priorObject) {
        paths.push(...replacementPaths(attribute.nested, plannedObject, priorObject, [...path, name]));
      }
    }
  }
  return paths;
}

async function plan(
  resource: ResourceDefinition,
  prior: PlainObject | null,
  proposed: PlainObject | null,
  config: PlainObject | null,
  client: unknown,
  diagnostics: Diagnostics,
): Promise<{ planned: PlainObject | null; replace: AttributePath[] } | undefined> {
  const type = schemaType(resource.schema);
  let planned: PlainObject | null = null;
  if (proposed !== null) {
    const inputs: PlanInputs = {
      creating: prior === null,
      // A write-only value is in the proposal but never in the prior state: it is no change.
      unchanged: prior !== null && valuesEqual(type, withoutWriteOnly(resource.schema.attributes, proposed), prior),
    };
    planned = planAttributes(resource.schema.attributes, config, prior, inputs);
  }
  if (resource.modifyPlan) {
    const modified = await runGuarded(diagnostics, `Planning ${resource.typeName}`, () =>
      resource.modifyPlan?.({ plan: planned, prior, config, client }, diagnostics),
    );
    if (modified === undefined) return undefined;
    planned = withoutWriteOnly(resource.schema.attributes, modified);
  }
  const replace =
    planned !== null && prior !== null ? replacementPaths(resource.schema.attributes, planned, prior) : [];
  return { planned, replace };
}

function sameBytes(left: Uint8Array | undefined, right: Uint8Array | undefined): boolean {
  return left !== undefined && right !== undefined && left.length > 0 && Buffer.from(left.buffer, left.byteOffset, left.length).equals(right);
}

export async function planResourceChange(
  context: ProviderContext,
  request: PlanResourceChangeRequest,
): Promise<PlanResourceChangeResponse> {
  const diagnostics = new Diagnostics();
  const response: PlanResourceChangeResponse = { planned_private: request.prior_private };
  const resource = context.resource(request.type_name, diagnostics);
  if (resource) {
    const type = schemaType(resource.schema);
    const prior = decodeObject(request.prior_state, type, diagnostics, 'prior state');
    // A no-op plan proposes the prior state's very bytes: decoded once (plan() only reads the proposal).
    const proposed =
      prior !== undefined && sameBytes(request.proposed_new_state?.msgpack, request.prior_state?.msgpack)
        ? prior
        : decodeObject(request.proposed_new_state, type, diagnostics, 'proposed new state');
    const config = decodeObject(request.config, type, diagnostics, 'resource configuration');
    if (prior !== undefined && proposed !== undefined && config !== undefined) {
      const result = await plan(resource, prior, proposed, config, context.client, diagnostics);
      if (result) {
        // A plan that keeps the prior state (every resource of a no-op plan) answers with the prior state's bytes.
        response.planned_state =
          result.planned !== null && prior !== null && request.prior_state?.msgpack?.length && valuesEqual(type, result.planned, prior)
            ? request.prior_state
            : encodeValue(result.planned, type, diagnostics, 'planned state');
        response.requires_replace = result.replace.map(attributePathToMessage);
      }
    }
  }
  response.diagnostics = diagnosticsToMessages(diagnostics);
  return response;
}
