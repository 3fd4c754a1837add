/**
 * HPACK (RFC 7541): the header compression of HTTP/2. The decoder is complete (static and
 * dynamic tables, size updates, Huffman strings), since grpc-go indexes and Huffman-encodes
 * what it sends; the encoder only writes literals without indexing and static-table indexes,
 * which is all the server's few constant header blocks need.
 */

/** A decoding failure: the connection must end with COMPRESSION_ERROR (RFC 9113 §4.3). */
export class HpackError extends Error {}

/** RFC 7541 Appendix A. */
const STATIC_TABLE: ReadonlyArray<readonly [string, string]> = [
  [':authority', ''],
  [':method', 'GET'],
  [':method', 'POST'],
  [':path', '/'],
  [':path', '/index.html'],
  [':scheme', 'http'],
  [':scheme', 'https'],
  [':status', '200'],
  [':status', '204'],
  [':status', '206'],
  [':status', '304'],
  [':status', '400'],
  [':status', '404'],
  [':status', '500'],
  ['accept-charset', ''],
  ['accept-encoding', 'gzip, deflate'],
  ['accept-language', ''],
  ['accept-ranges', ''],
  ['accept', ''],
  ['access-control-allow-origin', ''],
  ['age', ''],
  ['allow', ''],
  ['authorization', ''],
  ['cache-control', ''],
  ['content-disposition', ''],
  ['content-encoding', ''],
  ['content-language', ''],
  ['content-length', ''],
  ['content-location', ''],
  ['content-range', ''],
  ['content-type', ''],
  ['cookie', ''],
  ['date', ''],
  ['etag', ''],
  ['expect', ''],
  ['expires', ''],
  ['from', ''],
  ['host', ''],
  ['if-match', ''],
  ['if-modified-since', ''],
  ['if-none-match', ''],
  ['if-range', ''],
  ['if-unmodified-since', ''],
  ['last-modified', ''],
  ['link', ''],
  ['location', ''],
  ['max-forwards', ''],
  ['proxy-authenticate', ''],
  ['proxy-authorization', ''],
  ['range', ''],
  ['referer', ''],
  ['refresh', ''],
  ['retry-after', ''],
  ['server', ''],
  ['set-cookie', ''],
  ['strict-transport-security', ''],
  ['transfer-encoding', ''],
  ['user-agent', ''],
  ['vary', ''],
  ['via', ''],
  ['www-authenticate', ''],
];

/**
 * The Huffman code of RFC 7541 Appendix B is canonical (codes ordered by length, then by
 * symbol), so each symbol's code length is all it takes to rebuild it: one letter per symbol
 * 0-256 (256 is EOS), 'a' for 5 bits up to 'z' for 30.
 */
const HUFFMAN_CODE_LENGTHS =
  'isxxxxxxxtzxxzxxxxxxxxzxxxxxxxxxbffhibdgffdgdbbbaaabbbbbbbcdkbhfibccccccccccccccccccccccdcdioijbkabababbbaccbbbabcbaabccccckgjixprpprrrsrssssststtrstssssqrsrsstrqprrssqsrrtqrssqqrqsrssprrrsrrsvvporsruvvvwwvtuoqvwwvwtqqvvxwwwptpqrqqsrruuttvsvwvvwwwwwxwwwwwvz';
const EOS = 256;
const MAX_CODE_LENGTH = 30;

interface CanonicalCode {
  /** Symbols ordered by code length, then value. */
  symbols: Uint16Array;
  /** Per length: the first code of that length, how many there are, and where they start in `symbols`. */
  firstCode: Int32Array;
  count: Int32Array;
  offset: Int32Array;
}

let canonical: CanonicalCode | undefined;

/** Built at the first Huffman string (many connections never see one after their first requests). */
function huffmanCode(): CanonicalCode {
  if (canonical) return canonical;
  const lengths = Array.from(HUFFMAN_CODE_LENGTHS, (letter) => letter.charCodeAt(0) - 97 + 5);
  const count = new Int32Array(MAX_CODE_LENGTH + 1);
  for (const length of lengths) count[length] += 1;
  const offset = new Int32Array(MAX_CODE_LENGTH + 1);
  const firstCode = new Int32Array(MAX_CODE_LENGTH + 1);
  let code = 0;
  let position = 0;
  for (let length = 1; length <= MAX_CODE_LENGTH; length += 1) {
    code = (code + count[length - 1]) << 1;
    firstCode[length] = code;
    offset[length] = position;
    position += count[length];
  }
  const next = offset.slice();
  const symbols = new Uint16Array(lengths.length);
  for (let symbol = 0; symbol < lengths.length; symbol += 1) symbols[next[lengths[symbol]]++] = symbol;
  canonical = { symbols, firstCode, count, offset };
  return canonical;
}

/** The code and bit length of each symbol (for the encoder the tests use, and for checking the table). */
export function huffmanCodes(): Array<{ code: number; bits: number }> {
  const { symbols, firstCode, count, offset } = huffmanCode();
  const codes: Array<{ code: number; bits: number }> = [];
  for (let length = 1; length <= MAX_CODE_LENGTH; length += 1) {
    for (let index = 0; index < count[length]; index += 1) codes[symbols[offset[length] + index]] = { code: firstCode[length] + index, bits: length };
  }
  return codes;
}

/** Decodes a Huffman-coded string (RFC 7541 §5.2) to its octets, as a latin1 string. */
export function decodeHuffman(data: Buffer, start: number, end: number): string {
  const { symbols, firstCode, count, offset } = huffmanCode();
  const out: number[] = [];
  let code = 0;
  let length = 0;
  let ones = true; // whether the bits since the last symbol are all 1s (a prefix of EOS: the padding)
  for (let index = start; index < end; index += 1) {
    const byte = data[index];
    for (let bit = 7; bit >= 0; bit -= 1) {
      const value = (byte >> bit) & 1;
      code = (code << 1) | value;
      length += 1;
      ones &&= value === 1;
      const rank = code - firstCode[length];
      if (rank >= 0 && rank < count[length]) {
        const symbol = symbols[offset[length] + rank];
        if (symbol === EOS) throw new HpackError('Huffman string holds EOS');
        out.push(symbol);
        code = 0;
        length = 0;
        ones = true;
      } else if (length >= MAX_CODE_LENGTH) {
        throw new HpackError('invalid Huffman code');
      }
    }
  }
  if (length > 7 || !ones) throw new HpackError('invalid Huffman padding');
  return Buffer.from(out).toString('latin1');
}

/** A Huffman-coded string's octets (tests; the server sends plain literals). */
export function encodeHuffman(text: string): Buffer {
  const codes = huffmanCodes();
  const out: number[] = [];
  let buffered = 0;
  let bits = 0;
  for (const byte of Buffer.from(text, 'latin1')) {
    const { code, bits: length } = codes[byte];
    // At most 7 bits wait in `buffered`, plus up to 30: kept below 2^53 with arithmetic, not shifts.
    buffered = buffered * 2 ** length + code;
    bits += length;
    while (bits >= 8) {
      bits -= 8;
      const top = Math.floor(buffered / 2 ** bits);
      out.push(top);
      buffered -= top * 2 ** bits;
    }
  }
  if (bits > 0) out.push(buffered * 2 ** (8 - bits) + (2 ** (8 - bits) - 1));
  return Buffer.from(out);
}

/** Room an entry takes in the dynamic table (RFC 7541 §4.1): its octets plus 32. */
const entrySize = (name: string, value: string): number => name.length + value.length + 32;

/** The largest integer accepted in a header block; anything larger is an attack or an error. */
const MAX_INTEGER = 2 ** 30;

export class HpackDecoder {
  /** Newest entry last. Names and values are latin1 strings, so their lengths are octets. */
  private readonly entries: Array<readonly [string, string]> = [];
  private size = 0;
  /** The limit an encoder's size update may set: our SETTINGS_HEADER_TABLE_SIZE. */
  private readonly maxAllowed: number;
  private maxSize: number;
  private offset = 0;
  private block: Buffer = Buffer.alloc(0);

  constructor(maxSize = 4096) {
    this.maxAllowed = maxSize;
    this.maxSize = maxSize;
  }

  /** The dynamic table's entries, newest first (tests). */
  get dynamicTable(): Array<readonly [string, string]> {
    return [...this.entries].reverse();
  }

  get dynamicTableSize(): number {
    return this.size;
  }

  /** A whole header block's fields, as [name0, value0, name1, value1, …]. */
  decode(block: Buffer): string[] {
    this.block = block;
    this.offset = 0;
    const fields: string[] = [];
    let sawField = false;
    while (this.offset < block.length) {
      const first = block[this.offset];
      if (first & 0x80) {
        const [name, value] = this.lookup(this.integer(7));
        fields.push(name, value);
      } else if (first & 0x40) {
        const index = this.integer(6);
        const name = index === 0 ? this.string() : this.lookup(index)[0];
        const value = this.string();
        fields.push(name, value);
        this.add(name, value);
      } else if (first & 0x20) {
        // A size update must come before any field (RFC 7541 §4.2).
        if (sawField) throw new HpackError('dynamic table size update after a header field');
        const size = this.integer(5);
        if (size > this.maxAllowed) throw new HpackError('dynamic table size update above the limit');
        this.maxSize = size;
        this.evict(0);
        continue;
      } else {
        // Literal without indexing (0000) or never indexed (0001): the same to a decoder.
        const index = this.integer(4);
        const name = index === 0 ? this.string() : this.lookup(index)[0];
        fields.push(name, this.string());
      }
      sawField = true;
    }
    this.block = Buffer.alloc(0);
    return fields;
  }

  private lookup(index: number): readonly [string, string] {
    if (index === 0) throw new HpackError('index 0');
    if (index <= STATIC_TABLE.length) return STATIC_TABLE[index - 1];
    const entry = this.entries[this.entries.length - (index - STATIC_TABLE.length)];
    if (!entry) throw new HpackError(`index ${index} beyond the tables`);
    return entry;
  }

  private add(name: string, value: string): void {
    const size = entrySize(name, value);
    // An entry larger than the table empties it and is not added (RFC 7541 §4.4).
    this.evict(size);
    if (size <= this.maxSize) {
      this.entries.push([name, value]);
      this.size += size;
    }
  }

  /** Evicts the oldest entries until `room` more octets fit. */
  private evict(room: number): void {
    let drop = 0;
    while (this.size + room > this.maxSize && drop < this.entries.length) {
      const [name, value] = this.entries[drop++];
      this.size -= entrySize(name, value);
    }
    if (drop > 0) this.entries.splice(0, drop);
  }

  /** An integer with an N-bit prefix (RFC 7541 §5.1). */
  private integer(prefixBits: number): number {
    const block = this.block;
    const limit = (1 << prefixBits) - 1;
    let value = block[this.offset++] & limit;
    if (value < limit) return value;
    let shift = 0;
    for (;;) {
      if (this.offset >= block.length) throw new HpackError('truncated integer');
      const byte = block[this.offset++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (value > MAX_INTEGER) throw new HpackError('integer too large');
      if ((byte & 0x80) === 0) return value;
    }
  }

  /** A string literal (RFC 7541 §5.2), as latin1. */
  private string(): string {
    if (this.offset >= this.block.length) throw new HpackError('truncated header block');
    const huffman = (this.block[this.offset] & 0x80) !== 0;
    const length = this.integer(7);
    const start = this.offset;
    const end = start + length;
    if (end > this.block.length) throw new HpackError('truncated string');
    this.offset = end;
    return huffman ? decodeHuffman(this.block, start, end) : this.block.toString('latin1', start, end);
  }
}

/** An integer with an N-bit prefix, the prefix's other bits set to `flags`. */
function encodeInteger(out: number[], value: number, prefixBits: number, flags: number): void {
  const limit = (1 << prefixBits) - 1;
  if (value < limit) {
    out.push(flags | value);
    return;
  }
  out.push(flags | limit);
  value -= limit;
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
}

function encodeString(out: number[], text: string): void {
  const bytes = Buffer.from(text, 'latin1');
  encodeInteger(out, bytes.length, 7, 0);
  for (const byte of bytes) out.push(byte);
}

/**
 * A header block of the given fields, each an exact static-table match (indexed), or a literal
 * without indexing (its name from the static table when there): nothing enters the client's
 * dynamic table, so every block can be encoded once and reused. Values are sent as latin1.
 */
export function encodeHeaderBlock(fields: ReadonlyArray<readonly [string, string]>): Buffer {
  const out: number[] = [];
  for (const [name, value] of fields) {
    const exact = STATIC_TABLE.findIndex(([staticName, staticValue]) => staticName === name && staticValue === value);
    if (exact >= 0) {
      encodeInteger(out, exact + 1, 7, 0x80);
      continue;
    }
    const named = STATIC_TABLE.findIndex(([staticName]) => staticName === name);
    encodeInteger(out, named + 1, 4, 0x00);
    if (named < 0) encodeString(out, name);
    encodeString(out, value);
  }
  return Buffer.from(out);
}
