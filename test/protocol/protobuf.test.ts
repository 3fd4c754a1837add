/**
 * The provider's protobuf codec against protobufjs (an independent implementation
 * that parses the .proto files), and the committed descriptor against the .proto files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as protobuf from 'protobufjs';
import { decodeMessage, encodeMessage } from '../../provider/protocol/wire/protobuf';
import { REPO_ROOT } from './helpers/toy';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const build = require(join(REPO_ROOT, 'scripts', 'build.js')) as {
  renderDescriptor(): string;
  loadProtoRoot(): protobuf.Root;
  DESCRIPTOR_PATH: string;
};

const root = build.loadProtoRoot();
const reference = (typeName: string) => root.lookupType(typeName);
const referenceObject = (typeName: string, bytes: Uint8Array) =>
  reference(typeName).toObject(reference(typeName).decode(bytes), {
    longs: Number,
    enums: String,
    bytes: Buffer,
    defaults: false,
    oneofs: false,
  });

const schemaResponse = {
  provider: {
    version: 1,
    block: {
      version: 1,
      description: 'provider',
      attributes: [{ name: 'directory', type: Buffer.from('"string"'), required: true, description: 'dir' }],
    },
  },
  resource_schemas: {
    toy_file: {
      block: {
        attributes: [
          { name: 'tags', type: Buffer.from('["set","string"]'), optional: true, sensitive: true },
          {
            name: 'settings',
            nested_type: { nesting: 'SINGLE', attributes: [{ name: 'mode', type: Buffer.from('"string"'), computed: true }] },
            optional: true,
          },
        ],
      },
    },
  },
  data_source_schemas: {},
  diagnostics: [
    {
      severity: 'ERROR',
      summary: 'bad',
      detail: 'really bad',
      attribute: { steps: [{ attribute_name: 'tags' }, { element_key_int: 0 }, { element_key_string: 'k' }] },
    },
  ],
  server_capabilities: { plan_destroy: false, move_resource_state: false },
};

describe('protobuf codec', () => {
  test('protobufjs reads what the codec writes', () => {
    const bytes = encodeMessage('tfplugin6.GetProviderSchema.Response', schemaResponse);
    const decoded = referenceObject('tfplugin6.GetProviderSchema.Response', bytes);
    expect(decoded.provider.version).toBe(1);
    expect(decoded.resource_schemas.toy_file.block.attributes[1].nested_type.nesting).toBe('SINGLE');
    expect(Buffer.from(decoded.resource_schemas.toy_file.block.attributes[0].type).toString()).toBe('["set","string"]');
    // A oneof member holding a default value (index 0) must still be on the wire.
    expect(decoded.diagnostics[0].attribute.steps).toEqual([
      { attribute_name: 'tags' },
      { element_key_int: 0 },
      { element_key_string: 'k' },
    ]);
    expect(decoded.diagnostics[0].severity).toBe('ERROR');
  });

  test('the codec reads what protobufjs writes', () => {
    const type = reference('tfplugin6.PlanResourceChange.Request');
    const bytes = type
      .encode(
        type.fromObject({
          type_name: 'toy_file',
          prior_state: { msgpack: Buffer.from([0xc0]) },
          config: { json: Buffer.from('{}') },
          prior_private: Buffer.from('p'),
          client_capabilities: { deferral_allowed: true },
        }),
      )
      .finish();
    const decoded = decodeMessage('tfplugin6.PlanResourceChange.Request', Buffer.from(bytes));
    expect(decoded.type_name).toBe('toy_file');
    expect(Buffer.from(decoded.prior_state.msgpack)).toEqual(Buffer.from([0xc0]));
    expect(decoded.config.json.toString()).toBe('{}');
    expect(decoded.proposed_new_state).toBeUndefined();
    expect(decoded.client_capabilities).toEqual({ deferral_allowed: true });
  });

  test('maps, negative and large 64-bit integers round-trip', () => {
    const upgrade = { type_name: 't', version: 2 ** 40, raw_state: { flatmap: { a: '1', 'b.c': 'x' } } };
    expect(decodeMessage('tfplugin6.UpgradeResourceState.Request', encodeMessage('tfplugin6.UpgradeResourceState.Request', upgrade))).toEqual(upgrade);
    const error = { text: 'x', function_argument: -3 };
    const bytes = encodeMessage('tfplugin6.FunctionError', error);
    expect(decodeMessage('tfplugin6.FunctionError', bytes)).toEqual(error);
    expect(referenceObject('tfplugin6.FunctionError', bytes)).toEqual(error);
  });

  test('skips fields it does not know (newer Terraform versions add some)', () => {
    const withExtra = Buffer.concat([
      encodeMessage('tfplugin6.ReadResource.Request', { type_name: 'toy_file' }),
      Buffer.from([0xb2, 0x06, 0x02, 0x01, 0x02]), // field 102, length-delimited, two bytes
    ]);
    expect(decodeMessage('tfplugin6.ReadResource.Request', withExtra).type_name).toBe('toy_file');
  });

  // The encoder measures a message first and writes it into one buffer: these check that the
  // measure and the writing agree, against protobufjs's encoding of the same message.
  const referenceBytes = (typeName: string, message: object) =>
    Buffer.from(reference(typeName).encode(reference(typeName).fromObject(message)).finish());

  test.each([
    ['an empty message', 'tfplugin6.ValidateResourceConfig.Response', {}],
    ['empty repeated fields and maps', 'tfplugin6.GetProviderSchema.Response', { resource_schemas: {}, diagnostics: [] }],
    [
      'nested and repeated messages, oneofs holding defaults',
      'tfplugin6.Diagnostic',
      { severity: 'WARNING', summary: 's', attribute: { steps: [{ attribute_name: '' }, { element_key_int: 0 }, { element_key_int: 2 ** 31 }] } },
    ],
    ['UTF-8 of two, three and four bytes', 'tfplugin6.Diagnostic', { summary: 'é €  😀', detail: 'ü'.repeat(100) }],
    ['a map of strings', 'tfplugin6.RawState', { json: Buffer.from('{}'), flatmap: { a: '1', 'ключ': 'значение', empty: '' } }],
    ['a map of messages', 'tfplugin6.GetProviderSchema.Response', { data_source_schemas: { d: { version: 3, block: {} }, e: { block: { attributes: [] } } } }],
    ['large and negative varints', 'tfplugin6.FunctionError', { text: 'x', function_argument: -(2 ** 40) }],
    ['the largest safe integer', 'tfplugin6.UpgradeResourceState.Request', { type_name: 't', version: Number.MAX_SAFE_INTEGER }],
  ])('writes %s as protobufjs does', (_name, typeName, message) => {
    const bytes = encodeMessage(typeName, message);
    expect(bytes).toEqual(referenceBytes(typeName, message));
  });

  test('a message whose length needs a multi-byte varint at several levels', () => {
    const detail = 'd'.repeat(20_000);
    const response = { diagnostics: [{ severity: 'ERROR', summary: 'big', detail }, { severity: 'ERROR', summary: 'small' }] };
    const bytes = encodeMessage('tfplugin6.ValidateResourceConfig.Response', response);
    expect(bytes).toEqual(referenceBytes('tfplugin6.ValidateResourceConfig.Response', response));
    expect(decodeMessage('tfplugin6.ValidateResourceConfig.Response', bytes).diagnostics[0].detail).toBe(detail);
  });

  test('leaves the reserved bytes before the message free and zeroed', () => {
    const message = { type_name: 'toy_file', current_state: { msgpack: Buffer.from([0x81, 0xa1, 0x61, 0xc0]) } };
    const bytes = encodeMessage('tfplugin6.ReadResource.Request', message, 5);
    expect([...bytes.subarray(0, 5)]).toEqual([0, 0, 0, 0, 0]);
    expect(bytes.subarray(5)).toEqual(encodeMessage('tfplugin6.ReadResource.Request', message));
    expect(decodeMessage('tfplugin6.ReadResource.Request', bytes.subarray(5)).type_name).toBe('toy_file');
  });

  test('bytes given as a Uint8Array view into a larger buffer are written from the view only', () => {
    const backing = Buffer.from([9, 9, 1, 2, 3, 9]);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, 3);
    const decoded = decodeMessage('tfplugin6.DynamicValue', encodeMessage('tfplugin6.DynamicValue', { msgpack: view }));
    expect([...decoded.msgpack]).toEqual([1, 2, 3]);
  });

  test('still refuses values of the wrong kind, naming the field', () => {
    expect(() => encodeMessage('tfplugin6.DynamicValue', { msgpack: 'text' })).toThrow('field msgpack: expected bytes, got string');
    expect(() => encodeMessage('tfplugin6.Diagnostic', { severity: 'LOUD' })).toThrow('field severity: LOUD is not a value of');
    expect(() => encodeMessage('tfplugin6.UpgradeResourceState.Request', { version: 'x' })).toThrow('field version: expected an integer');
    expect(() => encodeMessage('no.Such', {})).toThrow('unknown message type no.Such');
  });

  test('the committed descriptor matches the .proto files (run node scripts/build.js when this fails)', () => {
    expect(readFileSync(build.DESCRIPTOR_PATH, 'utf8')).toBe(build.renderDescriptor());
  });
});
