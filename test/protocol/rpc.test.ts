/** The framework behaviour of each RPC, driven in-process through the handlers the gRPC server uses. */
import {
  Diagnostics,
  UNKNOWN,
  type PlainObject,
  type PlainValue,
  type ProviderDefinition,
  type ResourceDefinition,
  type Schema,
} from '../../provider/framework/types';
import { decodeDynamicValue, encodeDynamicValue } from '../../provider/protocol/codec/dynamic-value';
import { schemaType } from '../../provider/protocol/codec/types';
import type { DiagnosticMessage, DynamicValue } from '../../provider/protocol/messages';
import { failureResponse, providerHandlers } from '../../provider/protocol/provider-service';

const widgetSchema: Schema = {
  description: 'widget',
  attributes: {
    id: { type: 'string', description: 'id', computed: true, planModifiers: ['useStateForUnknown'] },
    name: { type: 'string', description: 'name', required: true, planModifiers: ['requiresReplace'] },
    color: {
      type: 'string',
      description: 'color',
      optional: true,
      validate: (value) => (value === 'plaid' ? 'Plaid is not a color.' : undefined),
    },
    size: { type: 'number', description: 'size', optional: true, computed: true, default: 1 },
    revision: { type: 'number', description: 'revision', computed: true },
    tags: { type: { set: 'string' }, description: 'tags', optional: true },
    password: { type: 'string', description: 'secret', optional: true, sensitive: true },
    settings: {
      description: 'settings',
      optional: true,
      nested: {
        mode: { type: 'string', description: 'mode', optional: true, computed: true, default: 'auto' },
        region: { type: 'string', description: 'region', optional: true, planModifiers: ['requiresReplace'] },
        zone: { type: 'string', description: 'zone', optional: true, validate: () => 'Zones are closed.' },
      },
    },
  },
};
const widgetType = schemaType(widgetSchema);

interface Calls {
  created: PlainObject[];
  updated: PlainObject[];
  deleted: PlainObject[];
  configured: PlainObject[];
}

function makeProvider(overrides: Partial<ResourceDefinition<string>> = {}): {
  provider: ProviderDefinition<string>;
  calls: Calls;
} {
  const calls: Calls = { created: [], updated: [], deleted: [], configured: [] };
  const widget: ResourceDefinition<string> = {
    typeName: 'demo_widget',
    schema: widgetSchema,
    async create({ plan, client }) {
      calls.created.push(plan);
      return { ...plan, id: `${client}-1`, revision: 1 };
    },
    async read({ state }) {
      return state;
    },
    async update({ plan, prior }) {
      calls.updated.push(plan);
      return { ...plan, revision: Number(prior.revision) + 1 };
    },
    async delete({ state }) {
      calls.deleted.push(state);
    },
    importState: (id) => ({ id, name: id }),
    ...overrides,
  };
  const provider: ProviderDefinition<string> = {
    typeName: 'demo',
    version: '1.0.0',
    schema: {
      description: 'demo',
      attributes: { token: { type: 'string', description: 'token', optional: true, sensitive: true } },
    },
    async configure({ config }) {
      calls.configured.push(config);
      return 'client';
    },
    resources: [widget],
    dataSources: [
      {
        typeName: 'demo_lookup',
        schema: {
          description: 'lookup',
          attributes: {
            name: { type: 'string', description: 'n', required: true },
            value: { type: 'string', description: 'v', computed: true },
          },
        },
        read: async ({ config, client }) => ({ name: config.name, value: `${String(config.name)}@${client}` }),
      },
    ],
  };
  return { provider, calls };
}

const dv = (value: PlainValue): DynamicValue => encodeDynamicValue(value, widgetType);
const read = (value: DynamicValue | undefined): PlainValue => decodeDynamicValue(value, widgetType);

function full(values: PlainObject): PlainObject {
  const result: PlainObject = {};
  for (const name of Object.keys(widgetSchema.attributes)) result[name] = values[name] ?? null;
  return result;
}

const summaries = (diagnostics: DiagnosticMessage[] | undefined) => (diagnostics ?? []).map((d) => d.summary);

async function configured(overrides: Partial<ResourceDefinition<string>> = {}) {
  const { provider, calls } = makeProvider(overrides);
  const handlers = providerHandlers(provider);
  const providerType = schemaType(provider.schema);
  await handlers.ConfigureProvider({
    terraform_version: '1.11.4',
    config: encodeDynamicValue({ token: 'secret-token' }, providerType),
  });
  return { handlers: handlers as Record<string, (request: any) => Promise<any>>, calls };
}

/** Terraform's proposed new state: the configuration, with prior values where it is null on computed attributes. */
function proposedNew(attributes: Schema['attributes'], config: PlainObject, prior: PlainObject): PlainObject {
  const proposed: PlainObject = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const configured = config[name] ?? null;
    const priorValue = prior[name] ?? null;
    if (configured === null) proposed[name] = attribute.computed ? priorValue : null;
    else if (attribute.nested && typeof configured === 'object' && typeof priorValue === 'object' && priorValue)
      proposed[name] = proposedNew(attribute.nested, configured as PlainObject, priorValue as PlainObject);
    else proposed[name] = configured;
  }
  return proposed;
}

async function plan(handlers: Record<string, (request: any) => Promise<any>>, prior: PlainObject | null, config: PlainObject) {
  return handlers.PlanResourceChange({
    type_name: 'demo_widget',
    prior_state: dv(prior),
    proposed_new_state: dv(prior ? proposedNew(widgetSchema.attributes, full(config), prior) : full(config)),
    config: dv(full(config)),
    prior_private: Buffer.from('kept'),
  });
}

describe('schema and metadata', () => {
  test('GetProviderSchema converts types, nesting and flags', async () => {
    const { handlers } = await configured();
    const response = await handlers.GetProviderSchema({});
    const attributes = response.resource_schemas.demo_widget.block.attributes;
    const byName = Object.fromEntries(attributes.map((a: any) => [a.name, a]));
    expect(byName.tags.type.toString()).toBe('["set","string"]');
    expect(byName.password.sensitive).toBe(true);
    expect(byName.id).toMatchObject({ computed: true, optional: false, required: false });
    expect(byName.settings.type).toBeUndefined();
    expect(byName.settings.nested_type.nesting).toBe('SINGLE');
    expect(byName.settings.nested_type.attributes.map((a: any) => a.name)).toEqual(['mode', 'region', 'zone']);
    expect(response.server_capabilities.plan_destroy).toBe(false);
    expect(response.diagnostics).toEqual([]);
  });

  test('GetProviderSchema reports a default on an attribute that is not computed', async () => {
    const { provider } = makeProvider();
    const broken = {
      ...provider,
      schema: { description: 'x', attributes: { a: { type: 'string' as const, description: 'a', optional: true, default: 'x' } } },
    };
    const response: any = await providerHandlers(broken).GetProviderSchema({});
    expect(response.diagnostics[0].detail).toMatch(/attribute "a" declares a default/);
  });

  test('GetMetadata lists resources and data sources', async () => {
    const { handlers } = await configured();
    const response = await handlers.GetMetadata({});
    expect(response.resources).toEqual([{ type_name: 'demo_widget' }]);
    expect(response.data_sources).toEqual([{ type_name: 'demo_lookup' }]);
  });
});

describe('validation', () => {
  test('runs attribute validators on known values, with the attribute path', async () => {
    const { handlers } = await configured();
    const response = await handlers.ValidateResourceConfig({
      type_name: 'demo_widget',
      config: dv(full({ name: 'a', color: 'plaid', settings: { zone: 'z1' } })),
    });
    expect(response.diagnostics).toEqual([
      expect.objectContaining({ severity: 'ERROR', detail: 'Plaid is not a color.', attribute: { steps: [{ attribute_name: 'color' }] } }),
      expect.objectContaining({
        detail: 'Zones are closed.',
        attribute: { steps: [{ attribute_name: 'settings' }, { attribute_name: 'zone' }] },
      }),
    ]);
  });

  test('skips unknown and null values, then runs validateConfig', async () => {
    const { handlers } = await configured({
      validateConfig(config: PlainObject, diagnostics: Diagnostics) {
        if (config.tags === null) diagnostics.warning('No tags', 'Consider tagging.', ['tags']);
      },
    });
    const response = await handlers.ValidateResourceConfig({
      type_name: 'demo_widget',
      config: dv(full({ name: 'a', color: UNKNOWN })),
    });
    expect(response.diagnostics).toEqual([
      expect.objectContaining({ severity: 'WARNING', summary: 'No tags', attribute: { steps: [{ attribute_name: 'tags' }] } }),
    ]);
  });

  test('an unknown resource type is an error diagnostic', async () => {
    const { handlers } = await configured();
    const response = await handlers.ValidateResourceConfig({ type_name: 'demo_nothing', config: dv(null) });
    expect(summaries(response.diagnostics)).toEqual(['Unknown resource type']);
  });
});

describe('configure', () => {
  test('passes the provider block to configure and hands its result to resources', async () => {
    const { handlers, calls } = await configured();
    expect(calls.configured).toEqual([{ token: 'secret-token' }]);
    const response = await handlers.ApplyResourceChange({
      type_name: 'demo_widget',
      prior_state: dv(null),
      planned_state: dv(full({ name: 'a', size: 1, id: UNKNOWN, revision: UNKNOWN })),
      config: dv(full({ name: 'a' })),
    });
    expect((read(response.new_state) as PlainObject).id).toBe('client-1');
  });

  test('returns configure diagnostics', async () => {
    const { provider } = makeProvider();
    const failing = {
      ...provider,
      configure: async (_req: unknown, diagnostics: Diagnostics) => {
        diagnostics.error('Missing token', 'Set token.', ['token']);
        return undefined;
      },
    };
    const response: any = await providerHandlers(failing).ConfigureProvider({
      config: encodeDynamicValue({ token: null }, schemaType(provider.schema)),
    });
    expect(response.diagnostics).toEqual([
      expect.objectContaining({ summary: 'Missing token', attribute: { steps: [{ attribute_name: 'token' }] } }),
    ]);
  });
});

describe('PlanResourceChange', () => {
  const prior = full({ id: 'w-1', name: 'a', color: 'red', size: 1, revision: 3, settings: { mode: 'auto', region: 'eu', zone: null } });

  test('on create: configured values, defaults, unknown for other computed attributes', async () => {
    const { handlers } = await configured();
    const response = await plan(handlers, null, { name: 'a', settings: { region: 'eu' } });
    expect(read(response.planned_state)).toEqual(
      full({ name: 'a', id: UNKNOWN, size: 1, revision: UNKNOWN, settings: { mode: 'auto', region: 'eu', zone: null } }),
    );
    expect(response.requires_replace).toEqual([]);
    expect(Buffer.from(response.planned_private).toString()).toBe('kept');
  });

  test('with nothing changed: computed attributes keep their prior values', async () => {
    const { handlers } = await configured();
    const response = await plan(handlers, prior, { name: 'a', color: 'red', settings: { region: 'eu' } });
    expect(read(response.planned_state)).toEqual(prior);
  });

  test('on update: useStateForUnknown keeps the prior value, other computed attributes become unknown', async () => {
    const { handlers } = await configured();
    const response = await plan(handlers, prior, { name: 'a', color: 'blue', settings: { region: 'eu' } });
    const planned = read(response.planned_state) as PlainObject;
    expect(planned.id).toBe('w-1');
    expect(planned.revision).toBe(UNKNOWN);
    expect(planned.size).toBe(1);
    expect(planned.color).toBe('blue');
    expect(response.requires_replace).toEqual([]);
  });

  test('a changed requiresReplace attribute, also nested, is reported for replacement', async () => {
    const { handlers } = await configured();
    const response = await plan(handlers, prior, { name: 'b', color: 'red', settings: { region: 'us' } });
    expect(response.requires_replace).toEqual([
      { steps: [{ attribute_name: 'name' }] },
      { steps: [{ attribute_name: 'settings' }, { attribute_name: 'region' }] },
    ]);
  });

  test('modifyPlan sees the framework plan and may adjust it', async () => {
    const seen: Array<PlainObject | null> = [];
    const { handlers } = await configured({
      modifyPlan: ({ plan: planned }) => {
        seen.push(planned);
        return planned ? { ...planned, revision: 99 } : null;
      },
    });
    const response = await plan(handlers, prior, { name: 'a', color: 'blue', settings: { region: 'eu' } });
    expect(seen[0]?.revision).toBe(UNKNOWN);
    expect((read(response.planned_state) as PlainObject).revision).toBe(99);
  });

  test('destroy plans null', async () => {
    const { handlers } = await configured();
    const response = await handlers.PlanResourceChange({
      type_name: 'demo_widget',
      prior_state: dv(prior),
      proposed_new_state: dv(null),
      config: dv(null),
    });
    expect(read(response.planned_state)).toBeNull();
  });

  test('an unknown configured value stays unknown in the plan', async () => {
    const { handlers } = await configured();
    const response = await plan(handlers, null, { name: 'a', color: UNKNOWN, settings: UNKNOWN });
    const planned = read(response.planned_state) as PlainObject;
    expect(planned.color).toBe(UNKNOWN);
    expect(planned.settings).toBe(UNKNOWN);
  });
});

describe('ApplyResourceChange', () => {
  test('create, update and delete reach the right handler', async () => {
    const { handlers, calls } = await configured();
    const created = await handlers.ApplyResourceChange({
      type_name: 'demo_widget',
      prior_state: dv(null),
      planned_state: dv(full({ name: 'a', size: 1, id: UNKNOWN, revision: UNKNOWN })),
      config: dv(full({ name: 'a' })),
      planned_private: Buffer.from('p'),
    });
    const state = read(created.new_state) as PlainObject;
    expect(state).toEqual(full({ id: 'client-1', name: 'a', size: 1, revision: 1 }));
    expect(Buffer.from(created.private).toString()).toBe('p');

    const updated = await handlers.ApplyResourceChange({
      type_name: 'demo_widget',
      prior_state: dv(state),
      planned_state: dv({ ...state, color: 'red', revision: UNKNOWN }),
      config: dv(full({ name: 'a', color: 'red' })),
    });
    expect(read(updated.new_state)).toEqual({ ...state, color: 'red', revision: 2 });

    const deleted = await handlers.ApplyResourceChange({
      type_name: 'demo_widget',
      prior_state: dv(state),
      planned_state: dv(null),
      config: dv(null),
    });
    expect(read(deleted.new_state)).toBeNull();
    expect(calls.deleted).toHaveLength(1);
    expect(deleted.diagnostics).toEqual([]);
  });

  test('an attribute left unknown after create is an error naming it, and is sent as null', async () => {
    const { handlers } = await configured({ create: async ({ plan: planned }) => ({ ...planned, id: 'x' }) });
    const response = await handlers.ApplyResourceChange({
      type_name: 'demo_widget',
      prior_state: dv(null),
      planned_state: dv(full({ name: 'a', size: 1, id: UNKNOWN, revision: UNKNOWN })),
      config: dv(full({ name: 'a' })),
    });
    expect(response.diagnostics).toEqual([
      expect.objectContaining({
        summary: 'Provider returned an unknown value',
        detail: expect.stringContaining('revision'),
        attribute: { steps: [{ attribute_name: 'revision' }] },
      }),
    ]);
    expect((read(response.new_state) as PlainObject).revision).toBeNull();
  });

  test('an exception in a handler becomes an error diagnostic, and a failed update keeps the prior state', async () => {
    const { handlers } = await configured({
      update: async () => {
        throw new Error('remote said no');
      },
    });
    const prior = full({ id: 'w', name: 'a', size: 1, revision: 1 });
    const response = await handlers.ApplyResourceChange({
      type_name: 'demo_widget',
      prior_state: dv(prior),
      planned_state: dv({ ...prior, color: 'red' }),
      config: dv(full({ name: 'a', color: 'red' })),
    });
    expect(response.diagnostics).toEqual([
      expect.objectContaining({ severity: 'ERROR', summary: 'Updating demo_widget failed', detail: 'remote said no' }),
    ]);
    expect(read(response.new_state)).toEqual(prior);
  });
});

describe('ReadResource, ImportResourceState, UpgradeResourceState, ReadDataSource', () => {
  const state = full({ id: 'w', name: 'a', size: 1, revision: 1 });

  test('a null read removes the resource without an error; private bytes pass through', async () => {
    const { handlers } = await configured({ read: async () => null });
    const response = await handlers.ReadResource({
      type_name: 'demo_widget',
      current_state: dv(state),
      private: Buffer.from('opaque'),
    });
    expect(read(response.new_state)).toBeNull();
    expect(response.diagnostics).toEqual([]);
    expect(Buffer.from(response.private).toString()).toBe('opaque');
  });

  test('a read that throws keeps the current state', async () => {
    const { handlers } = await configured({
      read: async () => {
        throw new Error('timeout');
      },
    });
    const response = await handlers.ReadResource({ type_name: 'demo_widget', current_state: dv(state) });
    expect(read(response.new_state)).toEqual(state);
    expect(summaries(response.diagnostics)).toEqual(['Reading demo_widget failed']);
  });

  test('import returns one resource with the state importState built', async () => {
    const { handlers } = await configured();
    const response = await handlers.ImportResourceState({ type_name: 'demo_widget', id: 'w-9' });
    expect(response.imported_resources).toHaveLength(1);
    expect(response.imported_resources[0].type_name).toBe('demo_widget');
    expect(read(response.imported_resources[0].state)).toEqual(full({ id: 'w-9', name: 'w-9' }));
  });

  test('import without importState is an error', async () => {
    const { handlers } = await configured({ importState: undefined });
    const response = await handlers.ImportResourceState({ type_name: 'demo_widget', id: 'w-9' });
    expect(response.imported_resources).toEqual([]);
    expect(summaries(response.diagnostics)).toEqual(['Resource import not supported']);
  });

  test('upgrade reads stored JSON against the current schema', async () => {
    const { handlers } = await configured();
    const response = await handlers.UpgradeResourceState({
      type_name: 'demo_widget',
      version: 0,
      raw_state: { json: Buffer.from(JSON.stringify({ id: 'w', name: 'a', size: '2', removed_attribute: true })) },
    });
    expect(read(response.upgraded_state)).toEqual(full({ id: 'w', name: 'a', size: 2 }));
  });

  test('upgrade of a legacy flatmap state is an error', async () => {
    const { handlers } = await configured();
    const response = await handlers.UpgradeResourceState({
      type_name: 'demo_widget',
      raw_state: { flatmap: { id: 'w' } },
    });
    expect(summaries(response.diagnostics)).toEqual(['Unsupported state format']);
  });

  test('a data source reads with its configuration and the configured client', async () => {
    const { handlers } = await configured();
    const type = { object: { name: 'string', value: 'string' } } as const;
    const response = await handlers.ReadDataSource({
      type_name: 'demo_lookup',
      config: encodeDynamicValue({ name: 'n', value: null }, type),
    });
    expect(decodeDynamicValue(response.state, type)).toEqual({ name: 'n', value: 'n@client' });
  });
});

describe('features this framework does not offer', () => {
  test('ephemeral resources, functions and moves answer with diagnostics', async () => {
    const { handlers } = await configured();
    expect(summaries((await handlers.OpenEphemeralResource({ type_name: 'x' })).diagnostics)).toEqual([
      'Unknown ephemeral resource type',
    ]);
    expect(await handlers.GetFunctions({})).toEqual({ functions: {}, diagnostics: [] });
    expect((await handlers.CallFunction({ name: 'f' })).error.text).toMatch(/no function named "f"/);
    expect(summaries((await handlers.MoveResourceState({ source_type_name: 'a' })).diagnostics)).toEqual([
      'Moving resource state is not supported',
    ]);
    expect(await handlers.StopProvider({})).toEqual({});
  });

  test('an unexpected failure becomes a diagnostic in the RPC\'s own error field', () => {
    expect(failureResponse('PlanResourceChange', new Error('boom'))).toEqual({
      diagnostics: [expect.objectContaining({ severity: 'ERROR', detail: expect.stringContaining('boom') })],
    });
    expect(failureResponse('CallFunction', new Error('boom'))).toEqual({ error: { text: 'boom' } });
    expect(failureResponse('StopProvider', new Error('boom'))).toEqual({ Error: 'boom' });
  });
});
