import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { SPECS_DIR } from '../contract/specs-dir';


export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function loadSpec(relativePath: string): JsonObject {
  return parse(readFileSync(join(SPECS_DIR, relativePath), 'utf8')) as JsonObject;
}

/** Follows a JSON pointer such as #/components/schemas/Integration. */
export function pointerGet(doc: Json, pointer: string): Json {
  const parts = pointer.replace(/^#\/?/, '').split('/').filter((p) => p !== '');
  let node: Json = doc;
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(part in node)) throw new Error(`no ${pointer} in spec`);
    node = (node as { [k: string]: Json })[part]!;
  }
  return node;
}

/** A copy of `node` with every local $ref replaced by what it points to (siblings kept). */
export function deref(doc: Json, node: Json, seen: string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => deref(doc, item, seen));
  if (node === null || typeof node !== 'object') return node;
  const ref = node.$ref;
  if (typeof ref === 'string' && ref.startsWith('#')) {
    if (seen.includes(ref)) throw new Error(`circular $ref ${ref}`);
    const { $ref: _ignored, ...siblings } = node;
    const target = deref(doc, pointerGet(doc, ref), [...seen, ref]) as JsonObject;
    return { ...target, ...(deref(doc, siblings, seen) as JsonObject) };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = deref(doc, value, seen);
  return out;
}

/** The schema at `pointer`, fully dereferenced. */
export function schemaAt(doc: JsonObject, pointer: string): JsonObject {
  return deref(doc, pointerGet(doc, pointer)) as JsonObject;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// Format names the vendor specs use that are not JSON Schema formats.
ajv.addFormat('int', true);
ajv.addFormat('string', true);

export function compile(schema: JsonObject): ValidateFunction {
  return ajv.compile(schema);
}

/** Validates and returns readable errors (empty when valid). */
export function validate(schema: JsonObject, value: unknown): string[] {
  const fn = compile(schema);
  if (fn(value)) return [];
  return (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Keys of `value` that the schema (object with properties, or allOf of them) does not declare. */
export function undeclaredKeys(schema: JsonObject, value: Record<string, unknown>): string[] {
  const declared = new Set<string>();
  const collect = (s: Json) => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return;
    if (s.properties && typeof s.properties === 'object') Object.keys(s.properties).forEach((k) => declared.add(k));
    if (Array.isArray(s.allOf)) s.allOf.forEach(collect);
  };
  collect(schema);
  return Object.keys(value).filter((k) => !declared.has(k));
}

/**
 * An instance built from the `example` values a schema carries, for responses the spec
 * describes without a full example. For oneOf/anyOf the first branch is used.
 */
export function exampleFromSchema(schema: Json): Json {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return null;
  if ('example' in schema) return schema.example!;
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((s) => exampleFromSchema(s) as JsonObject));
  }
  if (Array.isArray(schema.oneOf)) return exampleFromSchema(schema.oneOf[0]!);
  if (Array.isArray(schema.anyOf)) return exampleFromSchema(schema.anyOf[0]!);
  if (schema.properties && typeof schema.properties === 'object') {
    const out: JsonObject = {};
    for (const [key, sub] of Object.entries(schema.properties as JsonObject)) {
      const value = exampleFromSchema(sub);
      if (value !== null) out[key] = value;
    }
    return out;
  }
  if (schema.type === 'array') {
    const item = exampleFromSchema(schema.items ?? null);
    return item === null ? [] : [item];
  }
  return null;
}

/** Example values of a media type object; string values holding JSON (as in the auth spec) are parsed. */
export function examplesOf(mediaType: JsonObject): Record<string, Json> {
  const out: Record<string, Json> = {};
  const examples = (mediaType.examples ?? {}) as JsonObject;
  for (const [name, example] of Object.entries(examples)) {
    let value = (example as JsonObject).value ?? null;
    if (typeof value === 'string' && /^\s*[{[]/.test(value)) value = JSON.parse(value) as Json;
    out[name] = value;
  }
  return out;
}
