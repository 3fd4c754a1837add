/**
 * HPACK (provider/protocol/wire/hpack.ts): RFC 7541 Appendix C's examples as test vectors, the
 * Huffman code, the dynamic table's eviction and size updates, and the encoder's blocks.
 */
import { HpackDecoder, HpackError, decodeHuffman, encodeHeaderBlock, encodeHuffman, huffmanCodes } from '../../provider/protocol/wire/hpack';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const pairs = (fields: string[]): Array<[string, string]> => {
  const out: Array<[string, string]> = [];
  for (let index = 0; index < fields.length; index += 2) out.push([fields[index], fields[index + 1]]);
  return out;
};

const DATE_21 = 'Mon, 21 Oct 2013 20:13:21 GMT';
const DATE_22 = 'Mon, 21 Oct 2013 20:13:22 GMT';
const LOCATION = 'https://www.example.com';
const COOKIE = 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1';

describe('HPACK decoding: RFC 7541 Appendix C', () => {
  test('C.2.1 literal with indexing, C.2.2 without, C.2.3 never indexed, C.2.4 indexed', () => {
    const withIndexing = new HpackDecoder();
    expect(pairs(withIndexing.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'))))
      .toEqual([['custom-key', 'custom-header']]);
    expect(withIndexing.dynamicTable).toEqual([['custom-key', 'custom-header']]);
    expect(withIndexing.dynamicTableSize).toBe(55);

    const others = new HpackDecoder();
    expect(pairs(others.decode(hex('040c 2f73 616d 706c 652f 7061 7468')))).toEqual([[':path', '/sample/path']]);
    expect(pairs(others.decode(hex('1008 7061 7373 776f 7264 0673 6563 7265 74')))).toEqual([['password', 'secret']]);
    expect(pairs(others.decode(hex('82')))).toEqual([[':method', 'GET']]);
    expect(others.dynamicTable).toEqual([]);
  });

  const requests = [
    [[':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com']],
    [[':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com'], ['cache-control', 'no-cache']],
    [[':method', 'GET'], [':scheme', 'https'], [':path', '/index.html'], [':authority', 'www.example.com'], ['custom-key', 'custom-value']],
  ];
  const requestTables = [
    { size: 57, entries: [[':authority', 'www.example.com']] },
    { size: 110, entries: [['cache-control', 'no-cache'], [':authority', 'www.example.com']] },
    { size: 164, entries: [['custom-key', 'custom-value'], ['cache-control', 'no-cache'], [':authority', 'www.example.com']] },
  ];

  test.each([
    ['C.3, without Huffman', ['8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d', '8286 84be 5808 6e6f 2d63 6163 6865', '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65']],
    ['C.4, with Huffman', ['8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff', '8286 84be 5886 a8eb 1064 9cbf', '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf']],
  ])('%s: three requests on one connection', (_name, blocks) => {
    const decoder = new HpackDecoder();
    blocks.forEach((block, index) => {
      expect(pairs(decoder.decode(hex(block)))).toEqual(requests[index]);
      expect(decoder.dynamicTable).toEqual(requestTables[index].entries);
      expect(decoder.dynamicTableSize).toBe(requestTables[index].size);
    });
  });

  const responses = [
    [[':status', '302'], ['cache-control', 'private'], ['date', DATE_21], ['location', LOCATION]],
    [[':status', '307'], ['cache-control', 'private'], ['date', DATE_21], ['location', LOCATION]],
    [[':status', '200'], ['cache-control', 'private'], ['date', DATE_22], ['location', LOCATION], ['content-encoding', 'gzip'], ['set-cookie', COOKIE]],
  ];
  // SETTINGS_HEADER_TABLE_SIZE 256: entries are evicted.
  const responseTables = [
    { size: 222, entries: [['location', LOCATION], ['date', DATE_21], ['cache-control', 'private'], [':status', '302']] },
    { size: 222, entries: [[':status', '307'], ['location', LOCATION], ['date', DATE_21], ['cache-control', 'private']] },
    { size: 215, entries: [['set-cookie', COOKIE], ['content-encoding', 'gzip'], ['date', DATE_22]] },
  ];

  test.each([
    [
      'C.5, without Huffman',
      [
        '4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
        '4803 3330 37c1 c0bf',
        '88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31',
      ],
    ],
    [
      'C.6, with Huffman',
      [
        '4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3',
        '4883 640e ffc1 c0bf',
        '88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07',
      ],
    ],
  ])('%s: three responses with a 256-byte table, evicting', (_name, blocks) => {
    const decoder = new HpackDecoder(256);
    blocks.forEach((block, index) => {
      expect(pairs(decoder.decode(hex(block)))).toEqual(responses[index]);
      expect(decoder.dynamicTable).toEqual(responseTables[index].entries);
      expect(decoder.dynamicTableSize).toBe(responseTables[index].size);
    });
  });
});

describe('HPACK: the dynamic table', () => {
  const fill = () => {
    const decoder = new HpackDecoder();
    decoder.decode(hex('8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d'));
    decoder.decode(hex('8286 84be 5808 6e6f 2d63 6163 6865'));
    return decoder;
  };

  test('a size update to 0 empties it, and a later one lets entries in again', () => {
    const decoder = fill();
    // 0x20: size update to 0, then :method GET (indexed).
    expect(pairs(decoder.decode(hex('20 82')))).toEqual([[':method', 'GET']]);
    expect(decoder.dynamicTable).toEqual([]);
    expect(decoder.dynamicTableSize).toBe(0);
    // 0x3f 0xe1 0x1f: size update to 4096; then the C.2.1 literal with indexing.
    decoder.decode(hex('3fe11f 400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    expect(decoder.dynamicTable).toEqual([['custom-key', 'custom-header']]);
  });

  test('a smaller size evicts the oldest entries first', () => {
    const decoder = fill();
    // 0x3f 0x17: size update to 31 + 23 = 54: only cache-control: no-cache (53) fits.
    decoder.decode(hex('3f17'));
    expect(decoder.dynamicTable).toEqual([['cache-control', 'no-cache']]);
    expect(decoder.dynamicTableSize).toBe(53);
  });

  test('an entry larger than the table empties it and is not kept', () => {
    const decoder = new HpackDecoder(64);
    decoder.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    expect(decoder.dynamicTableSize).toBe(55);
    const long = 'x'.repeat(40);
    const fields = decoder.decode(Buffer.concat([hex('40 01 61 28'), Buffer.from(long)]));
    expect(pairs(fields)).toEqual([['a', long]]);
    expect(decoder.dynamicTable).toEqual([]);
  });

  test('refuses a size update above the limit, or after a field, and indexes beyond the tables', () => {
    expect(() => new HpackDecoder().decode(hex('3fe21f'))).toThrow(HpackError); // 4097
    expect(() => new HpackDecoder().decode(hex('82 20'))).toThrow(/after a header field/);
    expect(() => new HpackDecoder().decode(hex('be'))).toThrow(/beyond the tables/);
    expect(() => new HpackDecoder().decode(hex('80'))).toThrow(/index 0/);
    expect(() => new HpackDecoder().decode(hex('40 0a 6375'))).toThrow(/truncated/);
    expect(() => new HpackDecoder().decode(hex('ff ff ff ff ff 0f'))).toThrow(/too large/);
  });
});

describe('HPACK: Huffman', () => {
  test('the code is RFC 7541 Appendix B: a few codes from the table, and every code a prefix of none other', () => {
    const codes = huffmanCodes();
    expect(codes).toHaveLength(257);
    expect(codes[0]).toEqual({ code: 0x1ff8, bits: 13 });
    expect(codes[32]).toEqual({ code: 0x14, bits: 6 });
    expect(codes['0'.charCodeAt(0)]).toEqual({ code: 0x0, bits: 5 });
    expect(codes['a'.charCodeAt(0)]).toEqual({ code: 0x3, bits: 5 });
    expect(codes[255]).toEqual({ code: 0x3ffffee, bits: 26 });
    expect(codes[256]).toEqual({ code: 0x3fffffff, bits: 30 });
    // Kraft: a complete prefix code sums to exactly 1.
    expect(codes.reduce((sum, { bits }) => sum + 2 ** -bits, 0)).toBe(1);
  });

  test('every octet round-trips, alone and in a string', () => {
    for (let byte = 0; byte < 256; byte += 1) {
      const text = String.fromCharCode(byte);
      const encoded = encodeHuffman(text);
      expect(decodeHuffman(encoded, 0, encoded.length)).toBe(text);
    }
    const all = Buffer.from(Array.from({ length: 256 }, (_, index) => index)).toString('latin1').repeat(3);
    const encoded = encodeHuffman(all);
    expect(decodeHuffman(encoded, 0, encoded.length)).toBe(all);
    expect(encodeHuffman('www.example.com')).toEqual(hex('f1e3 c2e5 f23a 6ba0 ab90 f4ff'));
  });

  test('refuses padding that is not a prefix of EOS, padding of 8 bits or more, and EOS itself', () => {
    // 'a' is 00011: padded with 000 instead of 111.
    expect(() => decodeHuffman(Buffer.from([0b00011000]), 0, 1)).toThrow(/padding/);
    // 'a' then a whole byte of 1s.
    expect(() => decodeHuffman(Buffer.from([0b00011111, 0xff]), 0, 2)).toThrow(/padding/);
    // EOS: 30 ones, then two bits of padding.
    expect(() => decodeHuffman(Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4)).toThrow(/EOS/);
  });
});

describe('HPACK encoding (the server’s header blocks)', () => {
  test('static matches are indexed, the rest literals without indexing that leave the table as it was', () => {
    const block = encodeHeaderBlock([
      [':status', '200'],
      ['content-type', 'application/grpc'],
      ['grpc-status', '13'],
      ['grpc-message', 'x'.repeat(200)],
    ]);
    expect(block[0]).toBe(0x88);
    const decoder = new HpackDecoder();
    expect(pairs(decoder.decode(block))).toEqual([
      [':status', '200'],
      ['content-type', 'application/grpc'],
      ['grpc-status', '13'],
      ['grpc-message', 'x'.repeat(200)],
    ]);
    expect(decoder.dynamicTable).toEqual([]);
  });
});
