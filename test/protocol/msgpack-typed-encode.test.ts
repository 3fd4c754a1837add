/**
 * The typed msgpack encoder (the fast path of encodeMsgpack) against the generic path it stands
 * in for: `conform` followed by @msgpack/msgpack's encoder. Same bytes, or NOT_ENCODED and the
 * generic path's own answer (bytes or error).
 */
import { Encoder, ExtData } from '@msgpack/msgpack';
import { UNKNOWN, type AttributeType, type PlainValue } from '../../provider/framework/types';
import { encodeMsgpack } from '../../provider/protocol/codec/msgpack';
import { NOT_ENCODED, encodeTypedMsgpack } from '../../provider/protocol/codec/msgpack-typed-encode';
import { schemaType } from '../../provider/protocol/codec/types';
import { conform } from '../../provider/protocol/codec/values';
import { INTEGRATION_SCHEMA } from '../../provider/elasticpath/schema';
import { EVERY_KIND } from './helpers/msgpack-fixtures';

const encoder = new Encoder({
  extensionCodec: { tryToEncode: (value: unknown) => (value === UNKNOWN ? new ExtData(0, new Uint8Array([0])) : null), decode: () => null },
});
const genericEncode = (value: unknown, type: AttributeType) => encoder.encode(conform(value, type));

/** Integer-like names too: a copy built by assignment lists them first. */
const integration: AttributeType = { object: { ...EVERY_KIND, '10': 'string', '2': 'string' } };

function expectFastAndSame(value: unknown, type: AttributeType) {
  const fast = encodeTypedMsgpack(value as PlainValue, type);
  expect(fast).not.toBe(NOT_ENCODED);
  expect(Buffer.from(fast as Uint8Array).toString('hex')).toBe(Buffer.from(genericEncode(value, type)).toString('hex'));
  expect(fast).toBeInstanceOf(Uint8Array);
}

describe('typed msgpack encoding', () => {
  test.each<[string, unknown, AttributeType]>([
    ['a whole object', { name: 'n', enabled: true, count: 3, observes: ['a.b', 'c.d'], tags: { k: 'v', '1': 'x' }, configuration: { url: 'https://x', secret_key: null }, steps: [{ id: 1 }, { id: -2 }], '10': 'a', '2': 'b' }, integration],
    ['absent attributes as null, in the order conform gives', { steps: [], name: 'n' }, integration],
    ['attributes the type does not have are left out', { name: 'n', extra: 'x' }, integration],
    ['null and undefined', null, integration],
    ['unknown at the top', UNKNOWN, integration],
    ['unknowns inside', { name: UNKNOWN, observes: [UNKNOWN], tags: { k: UNKNOWN }, configuration: UNKNOWN, steps: [UNKNOWN, { id: UNKNOWN }] }, integration],
    ['empty collections', { observes: [], tags: {}, steps: [] }, integration],
    ['integers of every width', [0, -0, 1, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, -1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31)], { list: 'number' }],
    ['fractions and non-finite numbers', [0.5, -1.25, 1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53 + 2, Number.MIN_VALUE], { list: 'number' }],
    ['ASCII of every length', ['', 'a', 'a'.repeat(31), 'b'.repeat(32), 'c'.repeat(255), 'd'.repeat(256), 'e'.repeat(65535), '\u0000\u007f'], { list: 'string' }],
    ['long lists and maps', [Array.from({ length: 70_000 }, (_, index) => index % 300)], { list: { list: 'number' } }],
    ['a map of 16 and of 70000 keys', [Object.fromEntries(Array.from({ length: 16 }, (_, index) => [`k${index}`, String(index)])), Object.fromEntries(Array.from({ length: 70_000 }, (_, index) => [`k${index}`, 'v']))], { list: { map: 'string' } }],
    ['an object of 16 attributes', Object.fromEntries(Array.from({ length: 16 }, (_, index) => [`a${index}`, index])), { object: Object.fromEntries(Array.from({ length: 16 }, (_, index) => [`a${index}`, 'number'])) }],
    ['integer-like map keys', { b: 'x', '2': 'y', '1': 'z', a: 'w' }, { map: 'string' }],
    ['nested lists and maps', [{ a: ['x'] }, {}], { list: { map: { list: 'string' } } }],
    ['bools', [true, false, null], { list: 'bool' }],
    ['attribute names of 31, 32 and 255 characters', { ['a'.repeat(31)]: '1', ['b'.repeat(32)]: '2', ['c'.repeat(255)]: '3' }, { object: { ['a'.repeat(31)]: 'string', ['b'.repeat(32)]: 'string', ['c'.repeat(255)]: 'string' } }],
    ['an integration state', { id: 'i', name: 'n', enabled: true, integration_type: 'webhook', observes: ['order.paid'], configuration: { url: 'https://x', secret_key_wo_version: 2 } }, schemaType(INTEGRATION_SCHEMA)],
  ])('%s: the bytes the generic path writes', (_name, value, type) => {
    expectFastAndSame(value, type);
  });

  test('one buffer serves values of any size one after the other', () => {
    for (const length of [10, 5000, 3, 100_000, 1]) {
      expectFastAndSame({ text: 'x'.repeat(length % 60_000), numbers: Array.from({ length }, () => 1) }, { object: { text: 'string', numbers: { list: 'number' } } });
    }
  });

  test.each<[string, unknown, AttributeType]>([
    ['numbers where strings are expected', [1, true], { list: 'string' }],
    ['strings where numbers are expected', ['12'], { list: 'number' }],
    ['a string where a bool is expected', 'true', 'bool'],
    ['a value that does not fit', { name: ['x'] }, integration],
    ['a 64-bit integer', 2 ** 40, 'number'],
    ['a negative 64-bit integer', -(2 ** 40), 'number'],
    ['a bigint', BigInt(3), 'number'],
    ['non-ASCII text', ['é', '€', '😀', 'x\ud800'], { list: 'string' }],
    ['a non-ASCII map key', { é: 'x' }, { map: 'string' }],
    ['a map key __proto__', JSON.parse('{"__proto__": "x", "a": "y"}'), { map: 'string' }],
    ['an attribute named __proto__', { a: 'x' }, { object: JSON.parse('{"__proto__": "string", "a": "string"}') }],
    ['a non-ASCII attribute name', { é: 'x' }, { object: { é: 'string' } }],
    ['an attribute name of 256 characters', { ['n'.repeat(256)]: 'x' }, { object: { ['n'.repeat(256)]: 'string' } }],
    ['binary data', new Uint8Array([1]), { map: 'string' }],
    ['a string of 65536 characters', 'x'.repeat(65536), 'string'],
  ])('%s: left to the generic path, which answers as before', (_name, value, type) => {
    expect(encodeTypedMsgpack(value as PlainValue, type)).toBe(NOT_ENCODED);
    let generic: string;
    try {
      generic = Buffer.from(genericEncode(value, type)).toString('hex');
    } catch (error) {
      expect(() => encodeMsgpack(value as PlainValue, type)).toThrow((error as Error).message);
      return;
    }
    expect(Buffer.from(encodeMsgpack(value as PlainValue, type)).toString('hex')).toBe(generic);
  });

  test('a type nested deeper than the fast path goes leaves it to the generic encoder and its limit', () => {
    let type: AttributeType = 'string';
    let value: unknown = 'x';
    for (let depth = 0; depth < 120; depth += 1) {
      type = { list: type };
      value = [value];
    }
    expect(encodeTypedMsgpack(value as PlainValue, type)).toBe(NOT_ENCODED);
    expect(() => encodeMsgpack(value as PlainValue, type)).toThrow(/Too deep/);
  });

  test('a type name that is not a primitive, even an Object.prototype one, is left to the generic path', () => {
    for (const name of ['constructor', 'toString', 'dynamic']) expect(encodeTypedMsgpack('x', name as AttributeType)).toBe(NOT_ENCODED);
  });
});
