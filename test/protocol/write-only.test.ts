/**
 * The framework's rules for write-only attributes (protocol 6.8) and private state, driven
 * in-process through the handlers the gRPC server uses.
 */
import {
  Diagnostics,
  type PlainObject,
  type PlainValue,
  type ProviderDefinition,
  type ResourceDefinition,
  type Schema,
} from '../../provider/framework/types';
import { decodeDynamicValue, encodeDynamicValue } from '../../provider/protocol/codec/dynamic-value';
import { schemaType } from '../../provider/protocol/codec/types';
import { checkSchema } from '../../provider/protocol/convert/schema';
import type { DiagnosticMessage, DynamicValue } from '../../provider/protocol/messages';
import { providerHandlers } from '../../provider/protocol/provider-service';

const vaultSchema: Schema = {
  description: 'vault',
  attributes: {
    id: { type: 'string', description: 'id', computed: true, planModifiers: ['useStateForUnknown'] },
    name: { type: 'string', description: 'name', required: true },
    revision: { type: 'number', description: 'revision', computed: true },
    password: { type: 'string', description: 'password', optional: true, sensitive: true, writeOnly: true },
    password_version: { type: 'number', description: 'version', optional: true, versionOf: 'password' },
    login: {
      description: 'login',
      optional: true,
      nested: {
        user: { type: 'string', description: 'user', optional: true },
        token: { type: 'string', description: 'token', optional: true, sensitive: true, writeOnly: true },
      },
    },
  },
};
const vaultType = schemaType(vaultSchema);
const dv = (value: PlainValue): DynamicValue => encodeDynamicValue(value, vaultType);
const decoded = (value: DynamicValue | undefined) => decodeDynamicValue(value, vaultType) as PlainObject | null;

function full(values: PlainObject): PlainObject {
  const result: PlainObject = {};
  for (const name of Object.keys(vaultSchema.attributes)) result[name] = values[name] ?? null;
  if (result.login) result.login = { user: null, token: null, ...(result.login as PlainObject) };
  return result;
}

interface Seen {
  createConfig?: PlainObject;
  updateConfig?: PlainObject;
  updatePrivate?: string;
  readPrivate?: string;
}

function handlersFor(overrides: Partial<ResourceDefinition<string>> = {}) {
  const seen: Seen = {};
  const vault: ResourceDefinition<string> = {
    typeName: 'demo_vault',
    schema: vaultSchema,
    async create({ plan, config, private: privateState }) {
      seen.createConfig = config;
      privateState.set('sent', String(config.password));
      // A careless resource that copies the configuration into its state: the framework nulls the secrets.
      return { ...config, id: 'v1', revision: 1 };
    },
    async read({ state, private: privateState }) {
      seen.readPrivate = privateState.get('sent');
      return { ...state, password: 'leaked-by-read', login: state.login ? { ...(state.login as PlainObject), token: 'leaked' } : null };
    },
    async update({ plan, config, private: privateState }) {
      seen.updateConfig = config;
      seen.updatePrivate = privateState.get('sent');
      privateState.set('sent', String(config.password));
      return { ...plan, password: config.password, revision: 2 };
    },
    async delete() {},
    importState: (id) => ({ id, name: id, password: 'leaked-by-import' }),
    ...overrides,
  };
  const provider: ProviderDefinition<string> = {
    typeName: 'demo',
    version: '1.0.0',
    schema: { description: 'demo', attributes: {} },
    configure: async () => 'client',
    resources: [vault],
    dataSources: [],
  };
  return { handlers: providerHandlers(provider) as Record<string, (request: any) => Promise<any>>, seen };
}

const details = (diagnostics: DiagnosticMessage[] | undefined) => (diagnostics ?? []).map((d) => `${d.summary}: ${d.detail ?? ''}`);

describe('schema declaration', () => {
  test('GetProviderSchema advertises write_only, nested attributes too', async () => {
    const { handlers } = handlersFor();
    const response = await handlers.GetProviderSchema({});
    const attributes = response.resource_schemas.demo_vault.block.attributes as { name: string; write_only?: boolean; nested_type?: any }[];
    expect(attributes.find((a) => a.name === 'password')).toMatchObject({ write_only: true, sensitive: true });
    expect(attributes.find((a) => a.name === 'password_version')?.write_only).toBeFalsy();
    const login = attributes.find((a) => a.name === 'login')!;
    expect(login.nested_type.attributes.find((a: { name: string }) => a.name === 'token')).toMatchObject({ write_only: true });
    expect(response.diagnostics).toEqual([]);
  });

  test('write-only may not be computed, nor appear outside managed resources', () => {
    const diagnostics = new Diagnostics();
    checkSchema('resource "demo_bad"', { description: 'bad', attributes: { secret: { type: 'string', description: 's', computed: true, writeOnly: true } } }, diagnostics, {
      managedResource: true,
    });
    checkSchema('data source "demo_lookup"', { description: 'lookup', attributes: { secret: { type: 'string', description: 's', optional: true, writeOnly: true } } }, diagnostics);
    expect(diagnostics.items.map((d) => d.detail)).toEqual([
      expect.stringMatching(/resource "demo_bad": attribute "secret" is write-only, so it cannot be computed/),
      expect.stringMatching(/data source "demo_lookup": attribute "secret" is write-only, which only managed resources may declare/),
    ]);
  });
});

describe('validation', () => {
  const config = full({ name: 'v', password: 'hunter2-secret', password_version: 1, login: { user: 'u', token: 'tok-secret' } });

  test('a Terraform that did not announce write_only_attributes_allowed gets an error per attribute, naming it and Terraform 1.11', async () => {
    const { handlers } = handlersFor();
    const response = await handlers.ValidateResourceConfig({ type_name: 'demo_vault', config: dv(config) });
    expect(details(response.diagnostics)).toEqual([
      expect.stringMatching(/^Write-only attribute not supported by this Terraform: password is a write-only attribute, which needs Terraform 1\.11 or later/),
      expect.stringMatching(/login\.token is a write-only attribute, which needs Terraform 1\.11 or later/),
    ]);
    expect(response.diagnostics[1].attribute).toEqual({ steps: [{ attribute_name: 'login' }, { attribute_name: 'token' }] });
    expect(JSON.stringify(response)).not.toMatch(/hunter2|tok-secret/);
  });

  test('with the capability announced, or with write-only attributes left null, there is no error', async () => {
    const { handlers } = handlersFor();
    const allowed = await handlers.ValidateResourceConfig({
      type_name: 'demo_vault',
      config: dv(config),
      client_capabilities: { write_only_attributes_allowed: true },
    });
    expect(allowed.diagnostics).toEqual([]);
    const unset = await handlers.ValidateResourceConfig({ type_name: 'demo_vault', config: dv(full({ name: 'v' })) });
    expect(unset.diagnostics).toEqual([]);
  });
});

describe('plan, apply, read and import return write-only attributes as null', () => {
  const config = full({ name: 'v', password: 'hunter2-secret', password_version: 1, login: { user: 'u', token: 'tok-secret' } });
  const stored = full({ id: 'v1', name: 'v', revision: 1, password_version: 1, login: { user: 'u', token: null } });

  test('the plan of a create holds no write-only value', async () => {
    const { handlers } = handlersFor();
    const response = await handlers.PlanResourceChange({ type_name: 'demo_vault', prior_state: dv(null), proposed_new_state: dv(config), config: dv(config) });
    const planned = decoded(response.planned_state)!;
    expect(planned.password).toBeNull();
    expect((planned.login as PlainObject).token).toBeNull();
    expect((planned.login as PlainObject).user).toBe('u');
    expect(planned.password_version).toBe(1);
  });

  test('an unchanged configuration with write-only values is no change: computed attributes keep their values', async () => {
    const { handlers } = handlersFor();
    // Terraform proposes the configuration's write-only values; the prior state has none.
    const proposed = { ...config, id: 'v1', revision: 1 };
    const response = await handlers.PlanResourceChange({ type_name: 'demo_vault', prior_state: dv(stored), proposed_new_state: dv(proposed), config: dv(config) });
    expect(decoded(response.planned_state)).toEqual(stored);
  });

  test('modifyPlan cannot put a write-only value into the plan', async () => {
    const { handlers } = handlersFor({ modifyPlan: ({ plan }) => (plan ? { ...plan, password: 'from-modify-plan' } : plan) });
    const response = await handlers.PlanResourceChange({ type_name: 'demo_vault', prior_state: dv(null), proposed_new_state: dv(config), config: dv(config) });
    expect(decoded(response.planned_state)!.password).toBeNull();
  });

  test('create reads the secret from the configuration; the new state has none; private state is returned', async () => {
    const { handlers, seen } = handlersFor();
    const planned = full({ name: 'v', password_version: 1, login: { user: 'u', token: null } });
    const response = await handlers.ApplyResourceChange({ type_name: 'demo_vault', prior_state: dv(null), planned_state: dv(planned), config: dv(config) });
    expect(seen.createConfig?.password).toBe('hunter2-secret');
    expect((seen.createConfig?.login as PlainObject).token).toBe('tok-secret');
    const state = decoded(response.new_state)!;
    expect(state.password).toBeNull();
    expect((state.login as PlainObject).token).toBeNull();
    expect(response.diagnostics).toEqual([]);
    expect(JSON.parse(Buffer.from(response.private).toString())).toEqual({ sent: 'hunter2-secret' });
  });

  test('update gets the configuration and the prior private state, and may replace it', async () => {
    const { handlers, seen } = handlersFor();
    const next = { ...config, password: 'second-secret', password_version: 2 };
    const response = await handlers.ApplyResourceChange({
      type_name: 'demo_vault',
      prior_state: dv(stored),
      planned_state: dv({ ...stored, password_version: 2 }),
      config: dv(next),
      planned_private: Buffer.from(JSON.stringify({ sent: 'first' })),
    });
    expect(seen.updateConfig?.password).toBe('second-secret');
    expect(seen.updatePrivate).toBe('first');
    expect(decoded(response.new_state)!.password).toBeNull();
    expect(JSON.parse(Buffer.from(response.private).toString())).toEqual({ sent: 'second-secret' });
  });

  test('read sees the private state; write-only values it returns are nulled', async () => {
    const { handlers, seen } = handlersFor();
    const response = await handlers.ReadResource({
      type_name: 'demo_vault',
      current_state: dv(stored),
      private: Buffer.from(JSON.stringify({ sent: 'fingerprint' })),
    });
    expect(seen.readPrivate).toBe('fingerprint');
    const state = decoded(response.new_state)!;
    expect(state.password).toBeNull();
    expect((state.login as PlainObject).token).toBeNull();
    expect(JSON.parse(Buffer.from(response.private).toString())).toEqual({ sent: 'fingerprint' });
  });

  test('import returns no write-only value', async () => {
    const { handlers } = handlersFor();
    const response = await handlers.ImportResourceState({ type_name: 'demo_vault', id: 'v9' });
    expect(decoded(response.imported_resources[0].state)!.password).toBeNull();
  });
});
