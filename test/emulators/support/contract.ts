import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import { SPECS_DIR } from '../../contract/specs-dir';

/*
 * Validates emulator traffic against the vendors' OpenAPI documents in test/contract/specs.
 * $refs are inlined, then each operation's request/response schema is compiled with Ajv
 * (OpenAPI 3.1 schemas are JSON Schema 2020-12).
 *
 * Tolerances, each for a defect documented in test/contract/specs/README.md or visible in the file:
 * - Elastic Path: `observers` in IntegrationCreate.required is read as `observes`; the STOMP
 *   object's required `url` (a property it never defines) is dropped, and the three
 *   configuration alternatives become `anyOf`, because with no required keys in common a
 *   webhook configuration also satisfies the STOMP object and `oneOf` can never pass.
 *   Error `status` may be an integer or a string. A 201 on create is checked against the
 *   200 schema (the docs say 201, the spec 200).
 * - Sendcloud v3: error `status` may be a string or an integer. For statuses an operation
 *   does not document (401, 405, 429, 5xx) the error shape is checked without the `code` enum.
 * - Sendcloud v2: IntegrationUpdate types `shop_url`/`webhook_url` as non-null strings while
 *   the Integration object of the same spec allows null, so null is accepted in responses.
 */

export type SpecName = 'elasticpath' | 'elasticpath-auth' | 'sendcloud-v3' | 'sendcloud-v2';

const SPEC_FILES: Record<SpecName, string> = {
  elasticpath: 'elasticpath/integrations.yaml',
  'elasticpath-auth': 'elasticpath/authentication.yaml',
  'sendcloud-v3': 'sendcloud/v3-integrations.yaml',
  'sendcloud-v2': 'sendcloud/v2-integrations.yaml',
};

type Json = Record<string, any>;

function pointerGet(doc: Json, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Json>((node, key) => {
      if (node[key] === undefined) throw new Error(`dangling $ref ${ref}`);
      return node[key];
    }, doc);
}

function inlineRefs(doc: Json, node: unknown, stack: string[] = []): any {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(doc, item, stack));
  if (typeof node !== 'object' || node === null) return node;
  const { $ref, ...rest } = node as Json;
  const inlinedRest = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, inlineRefs(doc, value, stack)]));
  if (typeof $ref !== 'string') return inlinedRest;
  if (stack.includes($ref)) throw new Error(`recursive $ref ${$ref}`);
  const target = inlineRefs(doc, pointerGet(doc, $ref), [...stack, $ref]);
  return Object.keys(inlinedRest).length === 0 ? target : { allOf: [target], ...inlinedRest };
}

function applyQuirkTolerances(name: SpecName, doc: Json): void {
  const schemas = doc.components?.schemas ?? {};
  if (name === 'elasticpath') {
    schemas.IntegrationCreate.required = schemas.IntegrationCreate.required.map((key: string) => (key === 'observers' ? 'observes' : key));
    schemas.STOMPConfigurationObject.required = schemas.STOMPConfigurationObject.required.filter((key: string) => key !== 'url');
    for (const schemaName of ['IntegrationCreate', 'IntegrationUpdate', 'Integration']) {
      const configuration = schemas[schemaName].properties.configuration;
      configuration.anyOf = configuration.oneOf;
      delete configuration.oneOf;
    }
    schemas.ErrorBody.properties.status.type = ['integer', 'string'];
  }
  if (name === 'elasticpath-auth') {
    schemas.Errors.properties.errors.items.properties.status.type = ['string', 'integer'];
  }
  if (name === 'sendcloud-v3') {
    schemas.ErrorObject.properties.status.type = ['string', 'integer'];
  }
  if (name === 'sendcloud-v2') {
    schemas.IntegrationUpdate.properties.shop_url.type = ['string', 'null'];
    schemas.IntegrationUpdate.properties.webhook_url.type = ['string', 'null'];
  }
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
// Formats the specs use that are not registered formats.
ajv.addFormat('int', { type: 'number', validate: (value: number) => Number.isInteger(value) });
ajv.addFormat('string', { type: 'string', validate: () => true });

const documents = new Map<SpecName, Json>();
const compiled = new Map<string, ValidateFunction>();

function specDocument(name: SpecName): Json {
  let doc = documents.get(name);
  if (!doc) {
    const raw = YAML.parse(readFileSync(path.join(SPECS_DIR, SPEC_FILES[name]), 'utf8')) as Json;
    applyQuirkTolerances(name, raw);
    doc = raw;
    documents.set(name, doc);
  }
  return doc;
}

function compile(key: string, schema: () => Json): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema());
    compiled.set(key, validate);
  }
  return validate;
}

function operation(name: SpecName, method: string, template: string): Json {
  const op = specDocument(name).paths?.[template]?.[method.toLowerCase()];
  if (!op) throw new Error(`${name} documents no ${method} ${template}`);
  return op;
}

/** The error schema for statuses an operation does not document. */
function fallbackErrorSchema(name: SpecName): Json {
  const doc = specDocument(name);
  switch (name) {
    case 'elasticpath':
      return inlineRefs(doc, { $ref: '#/components/schemas/ErrorResponse' });
    case 'elasticpath-auth':
      return inlineRefs(doc, { $ref: '#/components/schemas/Errors' });
    case 'sendcloud-v3': {
      const errors = inlineRefs(doc, { $ref: '#/components/schemas/errors' });
      delete errors.properties.errors.items.allOf[0].properties.code.enum;
      return errors;
    }
    case 'sendcloud-v2':
      return inlineRefs(doc, doc.components.responses['400-Integration'].content['application/json'].schema);
  }
}

function describe(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors, { separator: '\n  ' });
}

/**
 * Throws unless `body` (raw response text) matches what the spec documents for this
 * operation and status. Statuses the operation does not list must be errors in the API's
 * error format.
 */
export function assertResponseMatchesSpec(
  name: SpecName,
  method: string,
  template: string,
  status: number,
  text: string,
): void {
  const op = operation(name, method, template);
  let documentedStatus = String(status);
  if (!op.responses[documentedStatus] && status === 201 && op.responses['200']) documentedStatus = '200';
  const response = op.responses[documentedStatus];
  const where = `${name} ${method} ${template} -> ${status}`;
  if (!response) {
    if (status < 400) throw new Error(`${where}: status not documented by the spec`);
    const validate = compile(`${name} fallback-error`, () => fallbackErrorSchema(name));
    if (!validate(JSON.parse(text))) throw new Error(`${where}: error body does not match the error format:\n  ${describe(validate)}`);
    return;
  }
  const doc = specDocument(name);
  const resolved = inlineRefs(doc, response);
  const schema = resolved.content?.['application/json']?.schema;
  if (!schema) {
    if (text !== '') throw new Error(`${where}: the spec documents no body, got ${JSON.stringify(text.slice(0, 200))}`);
    return;
  }
  const validate = compile(`${where} response`, () => schema);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${where}: body is not JSON: ${JSON.stringify(text.slice(0, 200))}`);
  }
  if (!validate(body)) throw new Error(`${where}: body does not match the spec:\n  ${describe(validate)}`);
}

/** Spec violations of a request body (empty when valid). */
export function requestSpecErrors(name: SpecName, method: string, template: string, body: unknown): string[] {
  const key = `${name} ${method} ${template} request`;
  const validate = compile(key, () => {
    const op = operation(name, method, template);
    const requestBody = inlineRefs(specDocument(name), op.requestBody);
    const content = requestBody?.content ?? {};
    const media = content['application/json'] ?? content['application/x-www-form-urlencoded'];
    if (!media?.schema) throw new Error(`${key}: no request schema`);
    return media.schema;
  });
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

/** The spec's path template for a concrete Sendcloud API path ("/api/v3/integrations/7/logs" -> "/integrations/{id}/logs"). */
export function sendcloudPathTemplate(apiPath: string): string {
  const rest = apiPath.replace(/^\/api\/v[23]/, '').replace(/\/+$/, '');
  if (rest === '/integrations' || rest === '/integrations/logs' || rest.startsWith('/shop-order-statuses')) return rest;
  if (/^\/integrations\/[^/]+\/logs$/.test(rest)) return '/integrations/{id}/logs';
  return '/integrations/{id}';
}

/**
 * Problems with a request's query string against the operation's documented query parameters
 * (required ones present, values of the documented type and range). `strict` also refuses
 * parameters the operation does not document (not for v2 logs, whose next-page URL is opaque).
 */
export function queryParameterErrors(name: SpecName, method: string, template: string, query: URLSearchParams, strict: boolean): string[] {
  const doc = specDocument(name);
  const pathItem = doc.paths?.[template] ?? {};
  const op = operation(name, method, template);
  const parameters = [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]
    .map((parameter: Json) => inlineRefs(doc, parameter))
    .map((parameter: Json) => (parameter.allOf ? Object.assign({}, ...parameter.allOf, { ...parameter, allOf: undefined }) : parameter))
    .filter((parameter: Json) => parameter.in === 'query');
  const problems: string[] = [];
  for (const parameter of parameters) {
    const raw = query.get(parameter.name);
    if (raw === null) {
      if (parameter.required) problems.push(`query parameter ${parameter.name} is required`);
      continue;
    }
    const type = parameter.schema?.type;
    const value = type === 'integer' || type === 'number' ? Number(raw) : type === 'boolean' ? (raw === 'true' ? true : raw === 'false' ? false : raw) : raw;
    const validate = compile(`${name} ${method} ${template} query ${parameter.name}`, () => parameter.schema ?? {});
    if (!validate(value)) problems.push(`query parameter ${parameter.name}=${raw}: ${describe(validate)}`);
  }
  if (strict) {
    const documented = new Set(parameters.map((parameter: Json) => parameter.name));
    for (const key of query.keys()) if (!documented.has(key)) problems.push(`query parameter ${key} is not documented`);
  }
  return problems;
}
