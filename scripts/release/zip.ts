/**
 * A zip writer whose output depends on nothing but the entries: fixed timestamps, the order
 * given, fixed Unix permissions, and deflate from a pinned pure-JavaScript library (fflate),
 * since zlib builds differ in their output between Node versions and CPUs. Enough of the
 * format for release archives: deflated files, no folders, no ZIP64 (under 4 GiB).
 */
import * as zlib from 'node:zlib';
import { deflateSync } from 'fflate';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Unix permission bits, e.g. 0o755 for an executable. */
  mode: number;
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
const VERSION_NEEDED = 20; // 2.0: deflate
const MADE_BY_UNIX = (3 << 8) | VERSION_NEEDED; // the high byte says the external attributes hold Unix mode bits
const METHOD_DEFLATE = 8;
const FLAG_UTF8_NAMES = 0x0800;
/** 1980-01-01 00:00:00, the earliest MS-DOS time: the same in every build. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const REGULAR_FILE = 0o100000;
/** Level 9 saves 0.05% of the size over 6 for 15% more time; level 1 saves a third of the time but brings the Windows zip to about 60 MB. */
const DEFLATE_LEVEL = 6;
const FOUR_GIB = 2 ** 32;

export function writeZip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateSync(entry.data, { level: DEFLATE_LEVEL });
    const crc = zlib.crc32(entry.data);
    if (entry.data.length >= FOUR_GIB || offset >= FOUR_GIB) throw new Error(`${entry.name} is too large for a zip without ZIP64`);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER_SIGNATURE, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(FLAG_UTF8_NAMES, 6);
    local.writeUInt16LE(METHOD_DEFLATE, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER_SIGNATURE, 0);
    header.writeUInt16LE(MADE_BY_UNIX, 4);
    header.writeUInt16LE(VERSION_NEEDED, 6);
    header.writeUInt16LE(FLAG_UTF8_NAMES, 8);
    header.writeUInt16LE(METHOD_DEFLATE, 10);
    header.writeUInt16LE(DOS_TIME, 12);
    header.writeUInt16LE(DOS_DATE, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(0, 30); // extra field length
    header.writeUInt16LE(0, 32); // comment length
    header.writeUInt16LE(0, 34); // disk number
    header.writeUInt16LE(0, 36); // internal attributes
    header.writeUInt32LE(((REGULAR_FILE | (entry.mode & 0o777)) << 16) >>> 0, 38);
    header.writeUInt32LE(offset, 42);

    parts.push(local, name, Buffer.from(compressed.buffer, compressed.byteOffset, compressed.length));
    central.push(header, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY_SIGNATURE, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...parts, ...central, end]);
}

/** The files of a zip (name, Unix mode, contents), read back: what the tests and the h1 hash look at. */
export function readZip(zip: Buffer): (ZipEntry & { data: Buffer })[] {
  const endOffset = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOffset < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(endOffset + 10);
  let cursor = zip.readUInt32LE(endOffset + 16);
  const entries: (ZipEntry & { data: Buffer })[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(cursor) !== CENTRAL_HEADER_SIGNATURE) throw new Error('corrupt zip: bad central directory header');
    const method = zip.readUInt16LE(cursor + 10);
    const compressedSize = zip.readUInt32LE(cursor + 20);
    const nameLength = zip.readUInt16LE(cursor + 28);
    const extraLength = zip.readUInt16LE(cursor + 30);
    const commentLength = zip.readUInt16LE(cursor + 32);
    const mode = (zip.readUInt32LE(cursor + 38) >>> 16) & 0o777;
    const localOffset = zip.readUInt32LE(cursor + 42);
    const name = zip.toString('utf8', cursor + 46, cursor + 46 + nameLength);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === METHOD_DEFLATE ? zlib.inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : undefined;
    if (!data) throw new Error(`${name}: unsupported compression method ${method}`);
    entries.push({ name, mode, data });
    cursor += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
