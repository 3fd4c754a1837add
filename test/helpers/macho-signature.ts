/**
 * Reads a 64-bit Mach-O executable's embedded code signature and checks it the way macOS's
 * kernel does before it runs a page: LC_CODE_SIGNATURE -> SuperBlob -> CodeDirectory, then the
 * SHA-256 of every page up to codeLimit against the directory's code slots, and the special
 * slots against the blobs they name. Written here, independent of the tool that signed.
 */
import * as crypto from 'node:crypto';

const MH_MAGIC_64 = 0xfeedfacf;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CSSLOT_CODEDIRECTORY = 0;
const CS_HASHTYPE_SHA256 = 2;
export const CS_ADHOC = 0x2;

export interface CodeSignature {
  cpuType: number;
  /** Where the signature starts and how long it is (LC_CODE_SIGNATURE). */
  dataOffset: number;
  dataSize: number;
  /** The end of the __LINKEDIT segment in the file: the signature must lie inside it. */
  linkeditEnd: number;
  identifier: string;
  flags: number;
  hashType: number;
  pageSize: number;
  codeLimit: number;
  codeSlots: number;
  /** Code slots whose hash does not match the page (empty when the signature is valid). */
  mismatchedPages: number[];
  /** Special slots (-1 … -n) whose hash does not match the blob they name. */
  mismatchedSpecialSlots: number[];
}

export function readCodeSignature(file: Buffer): CodeSignature {
  if (file.readUInt32LE(0) !== MH_MAGIC_64) throw new Error('not a 64-bit little-endian Mach-O file');
  const cpuType = file.readUInt32LE(4);
  const commandCount = file.readUInt32LE(16);
  let cursor = 32;
  let signature: { dataOffset: number; dataSize: number } | undefined;
  let linkeditEnd = 0;
  for (let index = 0; index < commandCount; index += 1) {
    const command = file.readUInt32LE(cursor);
    const size = file.readUInt32LE(cursor + 4);
    if (command === LC_CODE_SIGNATURE) signature = { dataOffset: file.readUInt32LE(cursor + 8), dataSize: file.readUInt32LE(cursor + 12) };
    if (command === LC_SEGMENT_64 && file.toString('latin1', cursor + 8, cursor + 24).replace(/\0+$/, '') === '__LINKEDIT') {
      linkeditEnd = Number(file.readBigUInt64LE(cursor + 40) + file.readBigUInt64LE(cursor + 48));
    }
    cursor += size;
  }
  if (!signature) throw new Error('no LC_CODE_SIGNATURE: the executable is unsigned');

  // The signature's blobs are big-endian.
  const superBlob = file.subarray(signature.dataOffset, signature.dataOffset + signature.dataSize);
  if (superBlob.readUInt32BE(0) !== CSMAGIC_EMBEDDED_SIGNATURE) throw new Error('LC_CODE_SIGNATURE does not point at an embedded-signature SuperBlob');
  const blobCount = superBlob.readUInt32BE(8);
  const blobs = new Map<number, Buffer>();
  for (let index = 0; index < blobCount; index += 1) {
    const type = superBlob.readUInt32BE(12 + index * 8);
    const offset = superBlob.readUInt32BE(16 + index * 8);
    blobs.set(type, superBlob.subarray(offset, offset + superBlob.readUInt32BE(offset + 4)));
  }
  const directory = blobs.get(CSSLOT_CODEDIRECTORY);
  if (!directory || directory.readUInt32BE(0) !== CSMAGIC_CODEDIRECTORY) throw new Error('the SuperBlob holds no CodeDirectory');

  const flags = directory.readUInt32BE(12);
  const hashOffset = directory.readUInt32BE(16);
  const identOffset = directory.readUInt32BE(20);
  const specialSlots = directory.readUInt32BE(24);
  const codeSlots = directory.readUInt32BE(28);
  const codeLimit = directory.readUInt32BE(32);
  const hashSize = directory.readUInt8(36);
  const hashType = directory.readUInt8(37);
  const pageSize = 2 ** directory.readUInt8(39);
  const identifier = directory.toString('utf8', identOffset, directory.indexOf(0, identOffset));
  if (hashType !== CS_HASHTYPE_SHA256) throw new Error(`CodeDirectory hash type ${hashType} is not SHA-256 (2)`);

  const hashAt = (slot: number) => directory.subarray(hashOffset + slot * hashSize, hashOffset + (slot + 1) * hashSize);
  const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest().subarray(0, hashSize);
  const mismatchedPages: number[] = [];
  for (let page = 0; page < codeSlots; page += 1) {
    const start = page * pageSize;
    const expected = sha256(file.subarray(start, Math.min(start + pageSize, codeLimit)));
    if (!expected.equals(hashAt(page))) mismatchedPages.push(page);
  }
  const mismatchedSpecialSlots: number[] = [];
  for (let slot = 1; slot <= specialSlots; slot += 1) {
    const blob = blobs.get(slot);
    const stored = hashAt(-slot);
    // An absent blob's slot holds zeros; slots 1 and 3 (Info.plist, resources) hash files a bare executable has none of.
    const expected = blob ? sha256(blob) : Buffer.alloc(hashSize);
    if (!expected.equals(stored)) mismatchedSpecialSlots.push(-slot);
  }
  return {
    cpuType,
    dataOffset: signature.dataOffset,
    dataSize: signature.dataSize,
    linkeditEnd,
    identifier,
    flags,
    hashType,
    pageSize,
    codeLimit,
    codeSlots,
    mismatchedPages,
    mismatchedSpecialSlots,
  };
}
