/**
 * The provider's one-time TLS certificate for go-plugin's automatic mutual TLS.
 *
 * A self-signed EC P-256 certificate for "localhost", valid from just before now
 * for one day, usable as a CA and for server and client auth (what go-plugin's
 * own certificates carry). It is encoded here with a small DER writer and signed
 * by node:crypto: loading a general X.509 library costs ~60 ms of start-up,
 * more than the provider's whole start-up budget allows.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface ServerCertificate {
  /** PEM, for the TLS server. */
  certificatePem: string;
  /** PKCS#8 PEM, for the TLS server. */
  privateKeyPem: string;
  /** The certificate's DER bytes (what the handshake line carries, base64 without padding). */
  certificateDer: Buffer;
}

// --- a minimal DER writer (only the ASN.1 types a certificate needs) ---

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let remaining = length; remaining > 0; remaining >>= 8) bytes.unshift(remaining & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const explicit = (tagNumber: number, content: Buffer): Buffer => tlv(0xa0 | tagNumber, content);
const octetString = (content: Buffer): Buffer => tlv(0x04, content);
const utf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
const booleanTrue = (): Buffer => tlv(0x01, Buffer.from([0xff]));
const bitString = (content: Buffer, unusedBits = 0): Buffer =>
  tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));

/** A non-negative INTEGER from big-endian bytes (a leading zero keeps the sign bit clear). */
function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function objectIdentifier(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [40 * parts[0] + parts[1]];
  for (const part of parts.slice(2)) {
    const chunk = [part & 0x7f];
    for (let rest = part >>> 7; rest > 0; rest >>>= 7) chunk.unshift(0x80 | (rest & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime (YYMMDDHHMMSSZ), valid for years 1950-2049 as RFC 5280 requires. */
function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? sequence(objectIdentifier(oid), booleanTrue(), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value));
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  organizationName: '2.5.4.10',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

const HOST = 'localhost';
const VALIDITY_MS = 24 * 60 * 60 * 1000;
/** Allows for a little clock skew between Terraform and the provider. */
const BACKDATE_MS = 30 * 1000;

function distinguishedName(): Buffer {
  return sequence(
    set(sequence(objectIdentifier(OID.organizationName), utf8String('commerce-iac'))),
    set(sequence(objectIdentifier(OID.commonName), utf8String(HOST))),
  );
}

/** 16 random bytes with the top bit clear and the next set: positive and never zero. */
function positiveSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40;
  return serial;
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function createServerCertificate(now = new Date()): ServerCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const subjectPublicKeyInfo = publicKey.export({ type: 'spki', format: 'der' });
  // The uncompressed P-256 point (65 bytes) closes the SubjectPublicKeyInfo.
  const publicKeyBits = subjectPublicKeyInfo.subarray(-65);
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const name = distinguishedName();

  // digitalSignature (bit 0), keyEncipherment (bit 2), keyCertSign (bit 5): 1010 0100, two unused bits.
  const keyUsage = bitString(Buffer.from([0xa4]), 2);
  const extensions = sequence(
    extension(OID.keyUsage, true, keyUsage),
    extension(OID.basicConstraints, true, sequence(booleanTrue())),
    extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth), objectIdentifier(OID.clientAuth))),
    extension(OID.subjectAltName, false, sequence(tlv(0x82, Buffer.from(HOST, 'ascii')))),
    extension(OID.subjectKeyIdentifier, false, octetString(createHash('sha1').update(publicKeyBits).digest())),
  );

  const tbsCertificate = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // version 3
    unsignedInteger(positiveSerial()),
    signatureAlgorithm,
    name,
    sequence(utcTime(new Date(now.getTime() - BACKDATE_MS)), utcTime(new Date(now.getTime() + VALIDITY_MS))),
    name,
    subjectPublicKeyInfo,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbsCertificate, privateKey);
  const certificateDer = sequence(tbsCertificate, signatureAlgorithm, bitString(signature));

  return {
    certificateDer,
    certificatePem: toPem('CERTIFICATE', certificateDer),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
