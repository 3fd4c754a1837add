/**
 * The echo provider, a measuring tool for `npm run bench -- --plan-cost` (not shipped):
 * `node dist/echo-provider.js <elasticpath|sendcloud> [--reattach]`, bundled by
 * scripts/build.js and launched through a mirror like the real one. It serves the real
 * providers' schemas (attribute validators included) through the same protocol layer, but
 * no resource code runs: create and update fill unknown computed values, read returns the
 * state it is given, configure builds nothing. No HTTP client, no API, no batching, so a
 * plan against it costs what any external provider with this schema costs Terraform
 * (launches, gRPC, msgpack, the protocol layer), and the real provider's time beyond it is
 * what the resources themselves add.
 */
import {
  UNKNOWN,
  type AttributeSchema,
  type AttributeType,
  type DataSourceDefinition,
  type PlainObject,
  type PlainValue,
  type ProviderDefinition,
  type ResourceDefinition,
} from '../provider/framework/types';
import { attributeValueType } from '../provider/protocol/codec/types';
import { startProviderProcess } from '../provider/process';
import { PROVIDER_NAMES, PROVIDER_SOURCE_PREFIX } from '../provider/names';

let issued = 0;

/** A known value of the type where the plan left one unknown (a computed id, a timestamp). */
function echoValue(type: AttributeType): PlainValue {
  if (type === 'string') return `echo-${(issued += 1)}`;
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if ('list' in type || 'set' in type) return [];
  if ('map' in type) return {};
  return Object.fromEntries(Object.entries(type.object).map(([name, attributeType]) => [name, echoValue(attributeType)]));
}

/** The value with each unknown attribute replaced by a known one, so apply can store it. */
function known(attributes: Record<string, AttributeSchema>, value: PlainObject): PlainObject {
  const result: PlainObject = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const current = value[name] ?? null;
    if (current === UNKNOWN) result[name] = echoValue(attributeValueType(attribute));
    else if (attribute.nested && current !== null && typeof current === 'object' && !Array.isArray(current)) {
      result[name] = known(attribute.nested, current as PlainObject);
    } else result[name] = current;
  }
  return result;
}

function echoResource(resource: ResourceDefinition<unknown>): ResourceDefinition<unknown> {
  const { attributes } = resource.schema;
  return {
    typeName: resource.typeName,
    schema: resource.schema,
    create: async ({ plan }) => known(attributes, plan),
    read: async ({ state }) => state,
    update: async ({ plan }) => known(attributes, plan),
    delete: async () => undefined,
    importState: (id) => ({ id }),
  };
}

function echoDataSource(dataSource: DataSourceDefinition<unknown>): DataSourceDefinition<unknown> {
  return { typeName: dataSource.typeName, schema: dataSource.schema, read: async ({ config }) => known(dataSource.schema.attributes, config) };
}

export function echoProvider(real: ProviderDefinition<unknown>): ProviderDefinition<unknown> {
  return {
    typeName: real.typeName,
    version: real.version,
    schema: real.schema,
    configure: async () => ({}),
    resources: real.resources.map(echoResource),
    dataSources: real.dataSources.map(echoDataSource),
  };
}

/** Loaded the way provider/main.ts loads them, so start-up pays for one provider's schemas only. */
function loadReal(name: string): ProviderDefinition<unknown> | undefined {
  switch (name) {
    case 'elasticpath':
      return require('../provider/elasticpath/provider').elasticPathProvider;
    case 'sendcloud':
      return require('../provider/sendcloud/provider').sendcloudProvider;
    default:
      return undefined;
  }
}

if (require.main === module) {
  const [name, ...flags] = process.argv.slice(2);
  if (!(PROVIDER_NAMES as readonly string[]).includes(name ?? '')) {
    process.stderr.write(`usage: echo-provider <${PROVIDER_NAMES.join('|')}> [--reattach]\n`);
    process.exit(1);
  }
  // Loaded at the first RPC, as provider/main.ts does; run host and reattach as there too.
  startProviderProcess(name, flags, () => echoProvider(loadReal(name)!));
}
