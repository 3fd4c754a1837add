/**
 * What the RPC handlers share: the provider definition, its resources by type
 * name, and the data configure() returned (kept for every later call).
 */
import {
  Diagnostics,
  type AttributeType,
  type DataSourceDefinition,
  type PlainObject,
  type PlainValue,
  type ProviderDefinition,
  type ResourceDefinition,
} from '../../framework/types';
import { decodeDynamicValue, encodeDynamicValue } from '../codec/dynamic-value';
import { ValueShapeError, formatPath, unknownPaths, unknownsAsNull } from '../codec/values';
import type { DynamicValue } from '../messages';

export class ProviderContext<Data = unknown> {
  readonly resources = new Map<string, ResourceDefinition<Data>>();
  readonly dataSources = new Map<string, DataSourceDefinition<Data>>();
  /** What configure() returned; undefined until ConfigureProvider has run. */
  client: Data | undefined;

  constructor(readonly provider: ProviderDefinition<Data>) {
    for (const resource of provider.resources) this.resources.set(resource.typeName, resource);
    for (const dataSource of provider.dataSources) this.dataSources.set(dataSource.typeName, dataSource);
  }

  resource(typeName: string, diagnostics: Diagnostics): ResourceDefinition<Data> | undefined {
    const resource = this.resources.get(typeName);
    if (!resource) {
      diagnostics.error('Unknown resource type', `This provider has no resource type "${typeName}".`);
    }
    return resource;
  }

  dataSource(typeName: string, diagnostics: Diagnostics): DataSourceDefinition<Data> | undefined {
    const dataSource = this.dataSources.get(typeName);
    if (!dataSource) {
      diagnostics.error('Unknown data source type', `This provider has no data source type "${typeName}".`);
    }
    return dataSource;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs resource or provider code; an exception becomes an error diagnostic
 * (the protocol layer never lets one reach gRPC).
 */
export async function runGuarded<T>(
  diagnostics: Diagnostics,
  operation: string,
  body: () => T | Promise<T>,
): Promise<T | undefined> {
  try {
    return await body();
  } catch (error) {
    diagnostics.error(`${operation} failed`, errorMessage(error));
    return undefined;
  }
}

/** Decodes a DynamicValue; a value that does not fit the schema becomes a diagnostic and `undefined`. */
export function decodeValue(
  message: DynamicValue | null | undefined,
  type: AttributeType,
  diagnostics: Diagnostics,
  what: string,
): PlainValue | undefined {
  try {
    return decodeDynamicValue(message, type);
  } catch (error) {
    if (error instanceof ValueShapeError) {
      diagnostics.error(`Invalid ${what}`, `The ${what} does not match the schema: ${error.message}.`, error.path);
    } else {
      diagnostics.error(`Invalid ${what}`, `The ${what} could not be decoded: ${errorMessage(error)}.`);
    }
    return undefined;
  }
}

/** Decodes a DynamicValue that must be an object or null. */
export function decodeObject(
  message: DynamicValue | null | undefined,
  type: AttributeType,
  diagnostics: Diagnostics,
  what: string,
): PlainObject | null | undefined {
  const value = decodeValue(message, type, diagnostics, what);
  if (value === undefined || value === null) return value;
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.error(`Invalid ${what}`, `The ${what} is not an object.`);
    return undefined;
  }
  return value as PlainObject;
}

/** Encodes a value for a response; a value that does not fit becomes a diagnostic and `undefined`. */
export function encodeValue(
  value: PlainValue,
  type: AttributeType,
  diagnostics: Diagnostics,
  what: string,
): DynamicValue | undefined {
  try {
    return encodeDynamicValue(value, type);
  } catch (error) {
    if (error instanceof ValueShapeError) {
      diagnostics.error(
        `Provider returned an invalid ${what}`,
        `Attribute ${formatPath(error.path) || '(root)'}: ${error.message}. This is a bug in the provider.`,
        error.path,
      );
    } else {
      diagnostics.error(`Provider returned an invalid ${what}`, errorMessage(error));
    }
    return undefined;
  }
}

/**
 * A state after apply or read must be wholly known: each UNKNOWN is reported
 * (naming the attribute) and sent as null instead.
 */
export function requireKnown(value: PlainObject, diagnostics: Diagnostics, operation: string): PlainObject {
  const paths = unknownPaths(value);
  if (paths.length === 0) return value;
  for (const path of paths) {
    diagnostics.error(
      'Provider returned an unknown value',
      `After ${operation}, attribute ${formatPath(path)} is still unknown; every value must be known once the ` +
        'operation has run. This is a bug in the provider.',
      path,
    );
  }
  return unknownsAsNull(value) as PlainObject;
}
