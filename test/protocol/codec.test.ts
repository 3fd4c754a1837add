import { decode as msgpackDecode, encode as msgpackEncode, ExtData } from '@msgpack/msgpack';
import { UNKNOWN, type AttributeType, type PlainValue } from '../../provider/framework/types';
import { decodeDynamicValue, encodeDynamicValue } from '../../provider/protocol/codec/dynamic-value';
import { decodeJson } from '../../provider/protocol/codec/json';
import { decodeMsgpack, encodeMsgpack } from '../../provider/protocol/codec/msgpack';
import { ctyTypeJson, objectTypeOf, typeFromCtyJson } from '../../provider/protocol/codec/types';
import { ValueShapeError, formatPath, unknownPaths, valuesEqual } from '../../provider/protocol/codec/values';

const roundTrip = (value: PlainValue, type: AttributeType): PlainValue => decodeMsgpack(encodeMsgpack(value, type), type);

describe('msgpack value codec', () => {
  test.each<[string, PlainValue, AttributeType]>([
    ['string', 'hello', 'string'],
    ['empty string', '', 'string'],
    ['unicode string', 'grüße ✓', 'string'],
    ['integer', 42, 'number'],
    ['negative integer', -7, 'number'],
    ['large integer', 2 ** 40 + 3, 'number'],
    ['float', 3.25, 'number'],
    ['true', true, 'bool'],
    ['false', false, 'bool'],
    ['list', ['a', 'b', 'a'], { list: 'string' }],
    ['set', [1, 2, 3], { set: 'number' }],
    ['map', { a: true, b: false }, { map: 'bool' }],
    ['empty list', [], { list: 'string' }],
    ['object', { name: 'x', size: 2 }, { object: { name: 'string', size: 'number' } }],
    ['list of objects', [{ id: 'a' }, { id: 'b' }], { list: { object: { id: 'string' } } }],
    ['null', null, 'string'],
    ['unknown', UNKNOWN, 'string'],
    ['unknown inside a list', ['a', UNKNOWN], { list: 'string' }],
    ['unknown object attribute', { name: UNKNOWN }, { object: { name: 'string' } }],
  ])('round-trips %s', (_label, value, type) => {
    expect(roundTrip(value, type)).toEqual(value);
  });

  test('writes an unknown value as extension type 0', () => {
    const raw = msgpackDecode(encodeMsgpack(UNKNOWN, 'string'), {
      extensionCodec: {
        tryToEncode: () => null,
        decode: (data: Uint8Array, type: number) => new ExtData(type, data),
      },
    });
    expect(raw).toBeInstanceOf(ExtData);
    expect((raw as ExtData).type).toBe(0);
  });

  test('reads a refined unknown (extension type 12) as unknown', () => {
    const refinement = msgpackEncode(new Map([[1, false]]));
    const bytes = msgpackEncode(new ExtData(12, refinement));
    expect(decodeMsgpack(bytes, 'string')).toBe(UNKNOWN);
  });

  test('reads any other extension type as unknown', () => {
    expect(decodeMsgpack(msgpackEncode(new ExtData(5, new Uint8Array([1, 2]))), 'number')).toBe(UNKNOWN);
  });

  test('writes every object attribute, absent ones as nil', () => {
    const type: AttributeType = {
      object: { name: 'string', tags: { set: 'string' }, settings: { object: { mode: 'string', retries: 'number' } } },
    };
    const raw = msgpackDecode(encodeMsgpack({ name: 'x', settings: { mode: 'fast' } }, type));
    expect(raw).toEqual({ name: 'x', tags: null, settings: { mode: 'fast', retries: null } });
  });

  test('fills attributes missing from a received object with null, recursively', () => {
    const type = objectTypeOf({
      name: { type: 'string', description: 'n', required: true },
      settings: {
        description: 's',
        optional: true,
        nested: { mode: { type: 'string', description: 'm', optional: true } },
      },
    });
    expect(decodeMsgpack(msgpackEncode({ settings: {} }), type)).toEqual({ name: null, settings: { mode: null } });
  });

  test('drops attributes the schema does not have', () => {
    expect(decodeMsgpack(msgpackEncode({ a: 1, gone: 'x' }), { object: { a: 'number' } })).toEqual({ a: 1 });
  });

  test('reads numbers sent as strings (arbitrary precision in Terraform)', () => {
    expect(decodeMsgpack(msgpackEncode('12.5'), 'number')).toBe(12.5);
    expect(decodeMsgpack(msgpackEncode(['1', '2e3']), { list: 'number' })).toEqual([1, 2000]);
  });

  test('reads 64-bit integers', () => {
    expect(decodeMsgpack(msgpackEncode(2 ** 53 - 1), 'number')).toBe(2 ** 53 - 1);
  });

  test('converts primitives the way Terraform does', () => {
    expect(roundTrip(5 as unknown as string, 'string')).toBe('5');
    expect(roundTrip('true' as unknown as boolean, 'bool')).toBe(true);
  });

  test('fails with the attribute path when a value does not fit', () => {
    const type: AttributeType = { object: { settings: { object: { retries: 'number' } } } };
    let caught: unknown;
    try {
      encodeMsgpack({ settings: { retries: 'many' } }, type);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValueShapeError);
    expect((caught as ValueShapeError).path).toEqual(['settings', 'retries']);
  });
});

describe('JSON values and DynamicValue', () => {
  const type: AttributeType = { object: { id: 'string', size: 'number', tags: { set: 'string' } } };

  test('decodes JSON against the schema, filling absent attributes', () => {
    expect(decodeJson(Buffer.from('{"id":"a","size":"3"}'), type)).toEqual({ id: 'a', size: 3, tags: null });
  });

  test('a DynamicValue prefers msgpack, falls back to JSON, and is null when empty', () => {
    const value = { id: 'a', size: 1, tags: ['x'] };
    expect(decodeDynamicValue(encodeDynamicValue(value, type), type)).toEqual(value);
    expect(decodeDynamicValue({ json: Buffer.from(JSON.stringify(value)) }, type)).toEqual(value);
    expect(decodeDynamicValue({}, type)).toBeNull();
    expect(decodeDynamicValue(undefined, type)).toBeNull();
  });

  test('encodes null as msgpack nil', () => {
    expect(Buffer.from(encodeDynamicValue(null, type).msgpack!)).toEqual(Buffer.from([0xc0]));
  });
});

describe('types and value helpers', () => {
  test('writes cty type constraints as compact JSON and reads them back', () => {
    const type: AttributeType = { object: { a: { set: 'string' }, b: { map: { list: 'number' } }, c: 'bool' } };
    expect(ctyTypeJson(type)).toEqual(['object', { a: ['set', 'string'], b: ['map', ['list', 'number']], c: 'bool' }]);
    expect(typeFromCtyJson(JSON.parse(JSON.stringify(ctyTypeJson(type))))).toEqual(type);
  });

  test('compares sets without regard to order, lists with it', () => {
    expect(valuesEqual({ set: 'string' }, ['a', 'b'], ['b', 'a'])).toBe(true);
    expect(valuesEqual({ list: 'string' }, ['a', 'b'], ['b', 'a'])).toBe(false);
    expect(valuesEqual('string', UNKNOWN, 'a')).toBe(false);
    expect(valuesEqual('string', UNKNOWN, UNKNOWN)).toBe(true);
  });

  test('finds unknown values and names their paths', () => {
    const paths = unknownPaths({ a: 'x', b: { c: UNKNOWN }, d: ['y', UNKNOWN], e: { k: UNKNOWN } });
    expect(paths.map(formatPath)).toEqual(['b.c', 'd[1]', 'e.k']);
    expect(formatPath(['labels', { key: 'team' }])).toBe('labels["team"]');
  });
});
