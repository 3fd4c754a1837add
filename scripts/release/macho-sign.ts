/**
 * An ad-hoc code signature for a 64-bit Mach-O executable, as Apple's linker writes one
 * (`ld -adhoc_codesign`): an embedded-signature SuperBlob holding one CodeDirectory (version
 * 0x20400, flags adhoc | linker-signed, SHA-256 of each 4096-byte page up to the signature, the
 * __TEXT segment as the executable segment). Apple Silicon runs nothing without a valid
 * signature, and Intel Macs kill an executable whose signature does not match its pages. Bun
 * signs its darwin_arm64 output this way but leaves the darwin_amd64 runtime's original
 * signature in place, which no longer matches once the program is appended; the release re-signs
 * every darwin executable here, so both are signed the same way whatever Bun does.
 */
import * as crypto from 'node:crypto';

const MH_MAGIC_64 = 0xfeedfacf;
const MH_EXECUTE = 2;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CODEDIRECTORY_VERSION = 0x20400; // with the executable-segment fields
const CS_ADHOC = 0x2;
const CS_LINKER_SIGNED = 0x20000;
const CS_EXECSEG_MAIN_BINARY = 0x1;
const CS_HASHTYPE_SHA256 = 2;
const HASH_SIZE = 32;
const PAGE_SIZE_LOG2 = 12;
const PAGE_SIZE = 2 ** PAGE_SIZE_LOG2;
const CODEDIRECTORY_HEADER_SIZE = 88;
const SUPERBLOB_HEADER_SIZE = 12 + 8; // magic, length, count, and one index entry

interface Layout {
  signatureCommand: number;
  signatureOffset: number;
  linkeditCommand: number;
  linkeditFileOffset: bigint;
  textFileOffset: bigint;
  textFileSize: bigint;
  isExecutable: boolean;
}

function readLayout(macho: Buffer): Layout {
  if (macho.readUInt32LE(0) !== MH_MAGIC_64) throw new Error('not a 64-bit little-endian Mach-O file');
  const commandCount = macho.readUInt32LE(16);
  let cursor = 32;
  const found: Partial<Layout> = { isExecutable: macho.readUInt32LE(12) === MH_EXECUTE };
  for (let index = 0; index < commandCount; index += 1) {
    const command = macho.readUInt32LE(cursor);
    if (command === LC_CODE_SIGNATURE) {
      found.signatureCommand = cursor;
      found.signatureOffset = macho.readUInt32LE(cursor + 8);
    } else if (command === LC_SEGMENT_64) {
      const name = macho.toString('latin1', cursor + 8, cursor + 24).replace(/\0+$/, '');
      if (name === '__LINKEDIT') {
        found.linkeditCommand = cursor;
        found.linkeditFileOffset = macho.readBigUInt64LE(cursor + 40);
      } else if (name === '__TEXT') {
        found.textFileOffset = macho.readBigUInt64LE(cursor + 40);
        found.textFileSize = macho.readBigUInt64LE(cursor + 48);
      }
    }
    cursor += macho.readUInt32LE(cursor + 4);
  }
  if (found.signatureCommand === undefined || found.linkeditCommand === undefined || found.textFileSize === undefined) {
    throw new Error('the Mach-O file has no LC_CODE_SIGNATURE, __LINKEDIT or __TEXT to sign (re-signing needs the space the runtime reserved)');
  }
  return found as Layout;
}

/** The executable with its code signature (at the same offset, replacing any there) made anew, ad hoc, under `identifier`. */
export function adHocSign(macho: Buffer, identifier: string): Buffer {
  const layout = readLayout(macho);
  const codeLimit = layout.signatureOffset;
  const codeSlots = Math.ceil(codeLimit / PAGE_SIZE);
  const identifierBytes = Buffer.from(`${identifier}\0`, 'utf8');
  const hashOffset = CODEDIRECTORY_HEADER_SIZE + identifierBytes.length;
  const directoryLength = hashOffset + codeSlots * HASH_SIZE;
  const signatureLength = SUPERBLOB_HEADER_SIZE + directoryLength;

  // The load commands first: the signature's size is part of the pages it hashes.
  const code = Buffer.from(macho.subarray(0, codeLimit));
  code.writeUInt32LE(signatureLength, layout.signatureCommand + 12);
  const linkeditFileSize = BigInt(codeLimit + signatureLength) - layout.linkeditFileOffset;
  code.writeBigUInt64LE(linkeditFileSize, layout.linkeditCommand + 48);
  const linkeditVmSize = code.readBigUInt64LE(layout.linkeditCommand + 32);
  if (linkeditVmSize < linkeditFileSize) {
    const vmPage = 0x4000n;
    code.writeBigUInt64LE(((linkeditFileSize + vmPage - 1n) / vmPage) * vmPage, layout.linkeditCommand + 32);
  }

  const signature = Buffer.alloc(signatureLength);
  signature.writeUInt32BE(CSMAGIC_EMBEDDED_SIGNATURE, 0);
  signature.writeUInt32BE(signatureLength, 4);
  signature.writeUInt32BE(1, 8);
  signature.writeUInt32BE(0, 12); // slot: the CodeDirectory
  signature.writeUInt32BE(SUPERBLOB_HEADER_SIZE, 16);
  const directory = signature.subarray(SUPERBLOB_HEADER_SIZE);
  directory.writeUInt32BE(CSMAGIC_CODEDIRECTORY, 0);
  directory.writeUInt32BE(directoryLength, 4);
  directory.writeUInt32BE(CODEDIRECTORY_VERSION, 8);
  directory.writeUInt32BE(CS_ADHOC | CS_LINKER_SIGNED, 12);
  directory.writeUInt32BE(hashOffset, 16);
  directory.writeUInt32BE(CODEDIRECTORY_HEADER_SIZE, 20); // identifier
  directory.writeUInt32BE(0, 24); // special slots
  directory.writeUInt32BE(codeSlots, 28);
  directory.writeUInt32BE(codeLimit, 32);
  directory.writeUInt8(HASH_SIZE, 36);
  directory.writeUInt8(CS_HASHTYPE_SHA256, 37);
  directory.writeUInt8(0, 38); // platform
  directory.writeUInt8(PAGE_SIZE_LOG2, 39);
  // 40 spare2, 44 scatterOffset, 48 teamOffset, 52 spare3, 56 codeLimit64: all zero
  directory.writeBigUInt64BE(layout.textFileOffset, 64);
  directory.writeBigUInt64BE(layout.textFileSize, 72);
  directory.writeBigUInt64BE(BigInt(layout.isExecutable ? CS_EXECSEG_MAIN_BINARY : 0), 80);
  identifierBytes.copy(directory, CODEDIRECTORY_HEADER_SIZE);
  for (let page = 0; page < codeSlots; page += 1) {
    const start = page * PAGE_SIZE;
    crypto
      .createHash('sha256')
      .update(code.subarray(start, Math.min(start + PAGE_SIZE, codeLimit)))
      .digest()
      .copy(directory, hashOffset + page * HASH_SIZE);
  }
  return Buffer.concat([code, signature]);
}
