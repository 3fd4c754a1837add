/**
 * Terraform (cty) value types as the codec sees them, derived from the framework's
 * attribute schemas.
 */
import type { AttributeSchema, AttributeType, Schema } from '../../framework/types';

export type ObjectType = { object: Record<string, AttributeType> };

/** The value type of one attribute: its declared type, or an object of its nested attributes. */
export function attributeValueType(attribute: AttributeSchema): AttributeType {
  if (attribute.nested) return objectTypeOf(attribute.nested);
  if (attribute.type === undefined) {
    throw new Error('an attribute needs either "type" or "nested"');
  }
  return attribute.type;
}

/** The object type of a block of attributes (a whole resource, data source or provider config). */
export function objectTypeOf(attributes: Record<string, AttributeSchema>): ObjectType {
  const object: Record<string, AttributeType> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    object[name] = attributeValueType(attribute);
  }
  return { object };
}

const schemaTypeCache = new WeakMap<Schema, ObjectType>();

/** The object type of a schema, computed once per schema object. */
export function schemaType(schema: Schema): ObjectType {
  let type = schemaTypeCache.get(schema);
  if (!type) {
    type = objectTypeOf(schema.attributes);
    schemaTypeCache.set(schema, type);
  }
  return type;
}

/**
 * A function per type (a reader, a writer), built by `compile` at the type's first use and kept
 * with the type object, so a type's shape is walked once rather than at every value; primitive
 * types take theirs from `primitives`, and any other name what `unsupported` gives or throws.
 */
export function perTypeCompiler<F>(
  primitives: Readonly<Record<'string' | 'number' | 'bool', F>>,
  compile: (type: Exclude<AttributeType, string>) => F,
  unsupported: (type: string) => F,
): (type: AttributeType) => F {
  const compiled = new WeakMap<Exclude<AttributeType, string>, F>();
  return (type) => {
    if (typeof type === 'string') return Object.prototype.hasOwnProperty.call(primitives, type) ? primitives[type] : unsupported(type);
    let made = compiled.get(type);
    if (made === undefined) {
      made = compile(type);
      compiled.set(type, made);
    }
    return made;
  };
}

/** The compact JSON form Terraform uses for type constraints: "string", ["list","string"], ["object",{...}]. */
export type CtyTypeJson = string | [string, CtyTypeJson | Record<string, CtyTypeJson>];

export function ctyTypeJson(type: AttributeType): CtyTypeJson {
  if (typeof type === 'string') return type;
  if ('list' in type) return ['list', ctyTypeJson(type.list)];
  if ('set' in type) return ['set', ctyTypeJson(type.set)];
  if ('map' in type) return ['map', ctyTypeJson(type.map)];
  const attributes: Record<string, CtyTypeJson> = {};
  for (const [name, attributeType] of Object.entries(type.object)) {
    attributes[name] = ctyTypeJson(attributeType);
  }
  return ['object', attributes];
}

/** Reads a compact JSON type constraint back (used by tests and by function signatures). */
export function typeFromCtyJson(json: unknown): AttributeType {
  if (json === 'string' || json === 'number' || json === 'bool') return json;
  if (Array.isArray(json) && json.length === 2) {
    const [kind, argument] = json;
    if (kind === 'list') return { list: typeFromCtyJson(argument) };
    if (kind === 'set') return { set: typeFromCtyJson(argument) };
    if (kind === 'map') return { map: typeFromCtyJson(argument) };
    if (kind === 'object' && argument && typeof argument === 'object' && !Array.isArray(argument)) {
      const object: Record<string, AttributeType> = {};
      for (const [name, attributeJson] of Object.entries(argument as Record<string, unknown>)) {
        object[name] = typeFromCtyJson(attributeJson);
      }
      return { object };
    }
  }
  throw new Error(`unsupported type constraint ${JSON.stringify(json)}`);
}

export function describeType(type: AttributeType): string {
  return JSON.stringify(ctyTypeJson(type));
}
