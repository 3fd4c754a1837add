/**
 * The per-call shortcuts of the RPC handlers against the code they replaced, on a range of
 * inputs: write-only nulling that returns the value itself when nothing is set, set equality
 * that skips matching for the same order, a plan whose proposal is the prior state's bytes,
 * and the elasticpath cross-attribute checks worked out once per field.
 */
import { Diagnostics, UNKNOWN, type AttributeSchema, type AttributeType, type PlainObject, type PlainValue } from '../../provider/framework/types';
import { encodeMsgpack } from '../../provider/protocol/codec/msgpack';
import { schemaType } from '../../provider/protocol/codec/types';
import { valuesEqual } from '../../provider/protocol/codec/values';
import { ProviderContext } from '../../provider/protocol/server/context';
import { planResourceChange } from '../../provider/protocol/server/plan-resource-change';
import { withoutWriteOnly } from '../../provider/protocol/server/write-only';
import { upgradeResourceState } from '../../provider/protocol/server/upgrade-resource-state';
import { decodeJson } from '../../provider/protocol/codec/json';
import { Encoder, ExtData } from '@msgpack/msgpack';
import { conform } from '../../provider/protocol/codec/values';
import {
  CONFIGURATION_FIELDS,
  INTEGRATION_SCHEMA,
  WRITE_ONLY_SECRETS,
  type IntegrationType,
  validateIntegrationConfig,
} from '../../provider/elasticpath/schema';
import { integrationResource } from '../../provider/elasticpath/integration-resource';
import { elasticPathProvider } from '../../provider/elasticpath/provider';

const type = schemaType(INTEGRATION_SCHEMA);
const attributes = INTEGRATION_SCHEMA.attributes;

/** withoutWriteOnly as it was: always a copy, write-only attributes set to null. */
function copyingWithoutWriteOnly(schema: Record<string, AttributeSchema>, value: PlainObject | null): PlainObject | null {
  if (value === null) return value;
  const result: PlainObject = { ...value };
  for (const [name, attribute] of Object.entries(schema)) {
    if (attribute.writeOnly) result[name] = null;
    else if (attribute.nested) {
      const nested = value[name];
      if (nested !== null && nested !== undefined && nested !== UNKNOWN && typeof nested === 'object' && !Array.isArray(nested)) {
        result[name] = copyingWithoutWriteOnly(attribute.nested, nested as PlainObject);
      }
    }
  }
  return result;
}

/** valuesEqual's set comparison as it was: each element matched among the unmatched ones. */
function matchingSetsEqual(elementType: AttributeType, left: PlainValue[], right: PlainValue[]): boolean {
  if (left === right) return true;
  if (left.length !== right.length) return false;
  const unmatched = [...right];
  for (const element of left) {
    const index = unmatched.findIndex((candidate) => valuesEqual(elementType, element, candidate));
    if (index < 0) return false;
    unmatched.splice(index, 1);
  }
  return true;
}

const base = {
  id: 'f3c1a2b4-0000-4000-8000-000000000001',
  name: 'n',
  description: null,
  enabled: true,
  integration_type: 'webhook',
  observes: ['order.paid', 'order.cancelled'],
  created_at: 't',
  updated_at: 't',
};

const states: PlainObject[] = [
  { ...base, configuration: { url: 'https://x' } },
  { ...base, configuration: { url: 'https://x', secret_key_wo: 'secret', secret_key_wo_version: 1 } },
  { ...base, configuration: { password_wo: UNKNOWN } },
  { ...base, configuration: { password_wo: null, aws_secret_access_key_wo: '' } },
  { ...base, configuration: null },
  { ...base, configuration: UNKNOWN },
  { ...base },
  { name: 'only a name' },
  {},
];

describe('withoutWriteOnly', () => {
  test.each(states.map((state, index) => [index, state]))('state %i: the same state as the copying version gives', (_index, state) => {
    const before = JSON.stringify(state);
    const fast = withoutWriteOnly(attributes, state as PlainObject);
    const copied = copyingWithoutWriteOnly(attributes, state as PlainObject)!;
    expect(Buffer.from(encodeMsgpack(fast, type))).toEqual(Buffer.from(encodeMsgpack(copied, type)));
    expect(valuesEqual(type, fast, copied)).toBe(true);
    // Never changes what it was given.
    expect(JSON.stringify(state)).toBe(before);
  });

  test('returns the value itself only when no write-only value is set', () => {
    expect(withoutWriteOnly(attributes, states[0])).toBe(states[0]);
    expect(withoutWriteOnly(attributes, states[3])).not.toBe(states[3]);
    expect(withoutWriteOnly(attributes, states[1])).not.toBe(states[1]);
    expect(withoutWriteOnly(attributes, null)).toBeNull();
  });
});

describe('valuesEqual on sets', () => {
  const sets: PlainValue[][] = [[], ['a'], ['a', 'b'], ['b', 'a'], ['a', 'a'], ['a', 'b', 'a'], ['b', 'a', 'a'], [UNKNOWN], ['a', UNKNOWN], [UNKNOWN, 'a'], [null], ['a', null]];
  test('gives what matching gives, for every pair', () => {
    for (const left of sets) {
      for (const right of sets) {
        expect([left, right, valuesEqual({ set: 'string' }, left, right)]).toEqual([left, right, matchingSetsEqual('string', left, right)]);
      }
    }
  });

  test('sets of numbers (NaN included) and of objects', () => {
    const numbers: PlainValue[][] = [[1, 2], [2, 1], [1, Number.NaN], [1, Number.NaN], [Number.NaN, 1], [1, 1]];
    for (const left of numbers) for (const right of numbers) expect(valuesEqual({ set: 'number' }, left, right)).toBe(matchingSetsEqual('number', left, right));
    const objectType: AttributeType = { object: { a: 'string' } };
    const one = { a: 'x' };
    const objects: PlainValue[][] = [[one, { a: 'y' }], [{ a: 'y' }, one], [one, one], [{ a: 'x' }, { a: 'y' }]];
    for (const left of objects) for (const right of objects) expect(valuesEqual({ set: objectType }, left, right)).toBe(matchingSetsEqual(objectType, left, right));
  });
});

describe('PlanResourceChange with the prior state as the proposal', () => {
  const context = new ProviderContext(elasticPathProvider);
  const config = { name: 'n', integration_type: 'webhook', observes: ['order.paid', 'order.unheard_of'], configuration: { url: 'https://x' } };
  const priors: (PlainObject | null)[] = [
    { ...base, configuration: { url: 'https://x' } },
    { ...base, configuration: { url: 'https://old' } },
    { ...base, description: 'kept', enabled: false, configuration: { url: 'https://x' } },
    null,
  ];

  test.each(priors.map((prior, index) => [index, prior]))('prior %i: the same answer from the same bytes as from a separate copy of them', async (_index, prior) => {
    const priorBytes = Buffer.from(encodeMsgpack(prior, type));
    const request = (proposed: Uint8Array) => ({
      type_name: integrationResource.typeName,
      config: { msgpack: encodeMsgpack(config, type) },
      prior_state: { msgpack: priorBytes },
      proposed_new_state: { msgpack: proposed },
    });
    const shared = await planResourceChange(context, request(priorBytes));
    // The same value written with its attributes in another order: other bytes, decoded on its own.
    const reordered = prior === null ? encodeMsgpack(null, type) : Buffer.from(require('@msgpack/msgpack').encode(Object.fromEntries(Object.entries(prior).reverse())));
    expect(Buffer.from(reordered).equals(priorBytes)).toBe(prior === null);
    const separate = await planResourceChange(context, request(reordered));
    expect(shared).toEqual(separate);
  });

  test('a prior state that does not decode is reported for both, as before', async () => {
    const bad = Buffer.from([0x81, 0xa4, 0x6e, 0x61, 0x6d, 0x65, 0x91, 0x01]); // {name: [1]}
    const answer = await planResourceChange(context, {
      type_name: integrationResource.typeName,
      config: { msgpack: encodeMsgpack(config, type) },
      prior_state: { msgpack: bad },
      proposed_new_state: { msgpack: bad },
    });
    expect(answer.diagnostics!.map((diagnostic) => diagnostic.summary)).toEqual(['Invalid prior state', 'Invalid proposed new state']);
  });
});

/** validateIntegrationConfig as it was, working out each field's names and users on every call. */
function validateIntegrationConfigBefore(config: PlainObject, diagnostics: Diagnostics): void {
  const integrationType = config.integration_type;
  const configuration = config.configuration;
  if (typeof integrationType !== 'string' || !(['webhook', 'aws_sqs', 'stomp'] as string[]).includes(integrationType)) return;
  if (configuration === null || configuration === UNKNOWN || typeof configuration !== 'object' || Array.isArray(configuration)) return;
  const values = configuration as PlainObject;
  const isSet = (field: string) => values[field] !== null && values[field] !== undefined;
  for (const [field, declaration] of Object.entries(CONFIGURATION_FIELDS)) {
    const use = declaration.usedBy[integrationType as IntegrationType];
    const secret = WRITE_ONLY_SECRETS.find((candidate) => candidate.stored === field);
    const givenAs = [field, ...(secret ? [secret.writeOnly, secret.version] : [])].filter(isSet);
    if (use === 'required' && !isSet(field) && !(secret && isSet(secret.writeOnly))) {
      const either = secret ? `, or its write-only form configuration.${secret.writeOnly} with configuration.${secret.version} (Terraform 1.11 or later)` : '';
      diagnostics.error(`Missing configuration.${field}`, `A ${integrationType} integration requires configuration.${field}: set it (${declaration.attribute.description})${either}`, ['configuration', field]);
    } else if (!use) {
      const users = Object.keys(declaration.usedBy).join(' and ');
      for (const name of givenAs) {
        diagnostics.error(`configuration.${name} does not apply to ${integrationType}`, `configuration.${name} is only used by ${users} integrations: remove it, or change integration_type`, ['configuration', name]);
      }
    }
    if (secret && use) {
      const { stored, writeOnly, version } = secret;
      if (isSet(stored) && isSet(writeOnly)) diagnostics.error(`configuration.${stored} conflicts with configuration.${writeOnly}`, expect.any(String) as unknown as string, ['configuration', writeOnly]);
      if (isSet(writeOnly) && !isSet(version)) diagnostics.error(`Missing configuration.${version}`, expect.any(String) as unknown as string, ['configuration', version]);
      if (isSet(version) && !isSet(writeOnly)) diagnostics.error(`configuration.${version} without configuration.${writeOnly}`, expect.any(String) as unknown as string, ['configuration', version]);
    }
  }
}

describe('validateIntegrationConfig', () => {
  const fields = Object.keys(CONFIGURATION_FIELDS);
  const configurations: PlainValue[] = [null, UNKNOWN, {}, { url: 'https://x' }];
  // Each field alone, with its write-only form and version in each combination, and everything at once.
  for (const field of fields) configurations.push({ [field]: 'v' });
  for (const secret of WRITE_ONLY_SECRETS) {
    configurations.push({ [secret.writeOnly]: 's' }, { [secret.writeOnly]: 's', [secret.version]: 1 }, { [secret.version]: 1 }, { [secret.stored]: 'x', [secret.writeOnly]: 's', [secret.version]: 2 });
  }
  configurations.push(Object.fromEntries([...fields, ...WRITE_ONLY_SECRETS.flatMap((secret) => [secret.writeOnly, secret.version])].map((name) => [name, 'v'])));

  test('gives the diagnostics it gave, for every integration type and configuration', () => {
    for (const integrationType of ['webhook', 'aws_sqs', 'stomp', 'nope', UNKNOWN]) {
      for (const configuration of configurations) {
        const config = { integration_type: integrationType, configuration } as PlainObject;
        const now = new Diagnostics();
        validateIntegrationConfig(config, now);
        const before = new Diagnostics();
        validateIntegrationConfigBefore(config, before);
        expect(now.items).toEqual(before.items);
      }
    }
  });
});

describe('UpgradeResourceState', () => {
  const context = new ProviderContext(elasticPathProvider);
  const genericEncoder = new Encoder({
    extensionCodec: { tryToEncode: (value: unknown) => (value === UNKNOWN ? new ExtData(0, new Uint8Array([0])) : null), decode: () => null },
  });
  /** The upgrade as it was: decode and shape the JSON, drop write-only values, shape and encode again. */
  const before = (json: string) => {
    const state = decodeJson(json, type);
    const cleaned = state !== null && typeof state === 'object' && !Array.isArray(state) ? copyingWithoutWriteOnly(attributes, state as PlainObject) : state;
    return Buffer.from(genericEncoder.encode(conform(cleaned, type))).toString('hex');
  };
  const stored: unknown[] = [
    ...states.filter((state) => !Object.values(state).includes(UNKNOWN) && (state.configuration as PlainObject | undefined)?.password_wo !== UNKNOWN),
    { ...base, configuration: { url: 'https://x' }, removed_attribute: 'x', schema_version: 3 },
    { ...base, enabled: 'true', configuration: { url: 'https://x', secret_key_wo_version: '2' } },
    { ...base, name: 'café', configuration: { url: 'https://x' } },
    { ...base, observes: null, configuration: { url: 'https://x', addresses: ['stomp://a', 'ssl://b'] } },
    { ...base, configuration: 'not an object' },
    { ...base, configuration: { url: 'https://x' }, __proto__: { polluted: true } },
    null,
    [],
  ];

  test.each(stored.map((state, index) => [index, state]))('stored state %i: the bytes the general path gives', (_index, state) => {
    const json = JSON.stringify(state);
    const answer = upgradeResourceState(context, { type_name: integrationResource.typeName, version: 0, raw_state: { json: Buffer.from(json) } });
    let expected: string;
    try {
      expected = before(json);
    } catch {
      expect(answer.diagnostics!.length).toBeGreaterThan(0);
      return;
    }
    expect(answer.diagnostics).toEqual([]);
    expect(Buffer.from(answer.upgraded_state!.msgpack!).toString('hex')).toBe(expected);
  });

  test('unreadable JSON is still reported', () => {
    const answer = upgradeResourceState(context, { type_name: integrationResource.typeName, version: 0, raw_state: { json: Buffer.from('{"name": ') } });
    expect(answer.diagnostics!.map((diagnostic) => diagnostic.summary)).toEqual(['Invalid stored state']);
  });
});
