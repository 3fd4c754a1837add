/**
 * The typed msgpack decoder (the fast path of decodeMsgpack) against the generic path it
 * stands in for: @msgpack/msgpack's decoder followed by `conform`.
 */
import { Decoder, Encoder, ExtData } from '@msgpack/msgpack';
import { UNKNOWN, type AttributeType } from '../../provider/framework/types';
import { decodeMsgpack } from '../../provider/protocol/codec/msgpack';
import { NOT_DECODED, decodeTypedMsgpack } from '../../provider/protocol/codec/msgpack-typed';
import { ValueShapeError, conform } from '../../provider/protocol/codec/values';
import { EVERY_KIND } from './helpers/msgpack-fixtures';

const EXTENSION = Symbol('extension');
const extensionCodec = {
  tryToEncode: (value: unknown) => (value === UNKNOWN ? new ExtData(0, new Uint8Array([0])) : null),
  decode: () => EXTENSION,
};
const encoder = new Encoder({ extensionCodec });
const genericDecode = (bytes: Uint8Array, type: AttributeType) =>
  conform(new Decoder({ extensionCodec }).decode(bytes), type, [], (candidate) => candidate === EXTENSION);

const integration: AttributeType = { object: EVERY_KIND };

function expectFastAndSame(bytes: Uint8Array, type: AttributeType) {
  const fast = decodeTypedMsgpack(bytes, type);
  expect(fast).not.toBe(NOT_DECODED);
  const generic = genericDecode(bytes, type);
  expect(fast).toEqual(generic);
  // Same attribute order as conform gives (resources may iterate it).
  expect(JSON.stringify(fast)).toBe(JSON.stringify(generic));
}

describe('typed msgpack decoding', () => {
  test.each<[string, unknown, AttributeType]>([
    ['a whole object', { name: 'n', enabled: true, count: 3, observes: ['a.b', 'c.d'], tags: { k: 'v', '1': 'x' }, configuration: { url: 'https://x', secret_key: null }, steps: [{ id: 1 }, { id: -2 }] }, integration],
    ['absent attributes as null, in the type order', { steps: [], name: 'n' }, integration],
    ['null', null, integration],
    ['unknown at the top', UNKNOWN, integration],
    ['unknowns inside', { name: UNKNOWN, observes: [UNKNOWN], tags: { k: UNKNOWN }, configuration: UNKNOWN }, integration],
    ['empty collections', { observes: [], tags: {}, steps: [] }, integration],
    ['integers of every width', [0, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, -1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31)], { list: 'number' }],
    ['fractions', [0.5, -1.25, 1e300], { list: 'number' }],
    ['numbers and bools where strings are expected', [1, -3, 2.5, true, false], { list: 'string' }],
    ['numbers as strings where numbers are expected', ['12', ' 7 ', '-1.5'], { list: 'number' }],
    ['UTF-8 of every length', ['', 'é', '€', '😀', 'a'.repeat(31), 'b'.repeat(32), 'c'.repeat(65), 'ü'.repeat(200), 'd'.repeat(60_000)], { list: 'string' }],
    ['a long list', Array.from({ length: 1000 }, (_, index) => index), { list: 'number' }],
    ['a long map', Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`k${index}`, String(index)])), { map: 'string' }],
    ['nested lists and maps', [{ a: ['x'] }, {}], { list: { map: { list: 'string' } } }],
  ])('%s: decoded in one pass, as the generic path decodes it', (_name, value, type) => {
    expectFastAndSame(encoder.encode(value), type);
  });

  test('refined unknowns (extension 12, longer payloads) are unknown', () => {
    for (const payload of [1, 2, 4, 8, 16, 3, 300]) {
      const bytes = new Encoder().encode([new ExtData(12, new Uint8Array(payload)), 'after']);
      expect(decodeTypedMsgpack(bytes, { list: 'string' })).toEqual([UNKNOWN, 'after']);
    }
  });

  test.each<[string, Uint8Array, AttributeType]>([
    ['a value that does not fit', encoder.encode({ name: ['x'] }), integration],
    ['an attribute the type does not have', encoder.encode({ name: 'n', extra: 1 }), integration],
    ['a bool given as a string', encoder.encode('true'), 'bool'],
    ['a 64-bit integer', encoder.encode(2 ** 40), 'number'],
    ['binary data', encoder.encode(new Uint8Array([1])), 'string'],
    ['a key __proto__', encoder.encode({ ['__proto__']: 'x' }), { map: 'string' }],
    ['trailing bytes', Buffer.concat([encoder.encode('a'), Buffer.from([0xc0])]), 'string'],
    ['truncated input', encoder.encode('abcdef').subarray(0, 4), 'string'],
    ['a number that is not one', encoder.encode('x1'), 'number'],
  ])('%s: left to the generic path', (_name, bytes, type) => {
    expect(decodeTypedMsgpack(bytes, type)).toBe(NOT_DECODED);
  });

  test('decodeMsgpack still reports a misfit with its attribute path', () => {
    const bytes = encoder.encode({ steps: [{ id: 'x' }] });
    expect(() => decodeMsgpack(bytes, integration)).toThrow(ValueShapeError);
    try {
      decodeMsgpack(bytes, integration);
    } catch (error) {
      expect((error as ValueShapeError).path).toEqual(['steps', 0, 'id']);
    }
  });

  test('decodeMsgpack gives what the generic path gives where the fast path declines', () => {
    const bytes = encoder.encode({ name: 'n', extra: 1, count: 2 ** 40 });
    expect(decodeMsgpack(bytes, integration)).toEqual(genericDecode(bytes, integration));
  });

  test('a type read many times, from Buffers and plain Uint8Arrays, at any offset, decodes the same each time', () => {
    const values = [
      { name: 'a', observes: ['x.y'], configuration: { url: 'u', secret_key: null } },
      { steps: [{ id: 1 }], tags: { k: 'v' } },
      null,
      UNKNOWN,
    ];
    for (let round = 0; round < 3; round += 1) {
      for (const value of values) {
        const encoded = encoder.encode(value);
        expectFastAndSame(encoded, integration);
        const shifted = new Uint8Array(encoded.length + 7);
        shifted.set(encoded, 7);
        expectFastAndSame(shifted.subarray(7), integration);
        expectFastAndSame(Buffer.from(encoded), integration);
      }
    }
  });

  test('an object type with an attribute named __proto__ is left to the generic path', () => {
    const type: AttributeType = { object: JSON.parse('{"__proto__": "string", "a": "string"}') };
    expect(decodeTypedMsgpack(encoder.encode({ a: 'x' }), type)).toBe(NOT_DECODED);
  });

  test('a type name that is not a primitive, even an Object.prototype one, is left to the generic path', () => {
    for (const name of ['constructor', 'toString', 'dynamic']) {
      expect(decodeTypedMsgpack(encoder.encode('x'), name as AttributeType)).toBe(NOT_DECODED);
    }
  });
});
