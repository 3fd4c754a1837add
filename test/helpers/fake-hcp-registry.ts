/**
 * A local stand-in for HCP Terraform's private registry API (the parts publishing a provider uses,
 * as its API reference describes them): registry providers, GPG keys, provider versions and
 * platforms, JSON:API bodies behind a bearer token, and upload links (like Archivist's) that take
 * the release files with PUT. It records every call and keeps each upload's SHA-256 and size.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface RecordedCall {
  method: string;
  path: string;
  body?: { data: { type: string; attributes: Record<string, unknown> } };
}

export interface FakeUpload {
  /** What the link was handed out for, e.g. "elasticpath 0.1.0 SHA256SUMS" or "elasticpath 0.1.0 linux_amd64". */
  purpose: string;
  sha256: string;
  size: number;
}

interface Version {
  version: string;
  keyId: string;
  protocols: string[];
  shasums?: FakeUpload;
  signature?: FakeUpload;
  platforms: Map<string, { os: string; arch: string; shasum: string; filename: string; binary?: FakeUpload }>;
}

export interface FakeHcpRegistry {
  /** The API address, like https://app.terraform.io (here http://127.0.0.1:PORT). */
  address: string;
  token: string;
  calls: RecordedCall[];
  /** Every PUT to an upload link, in order. */
  uploads: FakeUpload[];
  providers: Map<string, { namespace: string; name: string; versions: Map<string, Version> }>;
  keys: { namespace: string; keyId: string; armored: string }[];
  /** Makes the next upload for this purpose fail with 500 (a dropped connection half-way through a release). */
  failNextUpload(purpose: string): void;
  close(): Promise<void>;
}

/** The long key ID of an armoured public key, as gpg reads it (what the real registry answers with). */
function keyIdOf(armored: string): string | undefined {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-hcp-gpg-'));
  try {
    const shown = spawnSync('gpg', ['--batch', '--with-colons', '--import-options', 'show-only', '--import'], {
      input: armored,
      env: { ...process.env, GNUPGHOME: home },
      encoding: 'utf8',
    });
    return shown.stdout.split('\n').find((line) => line.startsWith('pub:'))?.split(':')[4];
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

export async function startFakeHcpRegistry(token = `fake-token-${crypto.randomBytes(8).toString('hex')}`): Promise<FakeHcpRegistry> {
  const calls: RecordedCall[] = [];
  const uploads: FakeUpload[] = [];
  const providers: FakeHcpRegistry['providers'] = new Map();
  const keys: FakeHcpRegistry['keys'] = [];
  const links = new Map<string, { purpose: string; accept: (upload: FakeUpload) => void }>();
  const failing = new Set<string>();
  let address = '';

  const uploadLink = (purpose: string, accept: (upload: FakeUpload) => void) => {
    const id = crypto.randomBytes(12).toString('base64url');
    links.set(id, { purpose, accept });
    return `${address}/v1/object/${id}`;
  };
  const errors = (status: number, detail: string) => ({ status, body: { errors: [{ status: String(status), detail }] } });
  const versionDocument = (providerKey: string, entry: Version) => {
    const [namespace, name] = providerKey.split('/');
    const route = `/api/v2/organizations/${namespace}/registry-providers/private/${namespace}/${name}/versions/${entry.version}`;
    return {
      data: {
        id: `provver-${entry.version}`,
        type: 'registry-provider-versions',
        attributes: {
          version: entry.version,
          'key-id': entry.keyId,
          protocols: entry.protocols,
          'shasums-uploaded': Boolean(entry.shasums),
          'shasums-sig-uploaded': Boolean(entry.signature),
        },
        links: {
          ...(entry.shasums ? {} : { 'shasums-upload': uploadLink(`${name} ${entry.version} SHA256SUMS`, (upload) => (entry.shasums = upload)) }),
          ...(entry.signature ? {} : { 'shasums-sig-upload': uploadLink(`${name} ${entry.version} SHA256SUMS.sig`, (upload) => (entry.signature = upload)) }),
        },
        relationships: { platforms: { links: { related: `${route}/platforms` } } },
      },
    };
  };
  const platformDocument = (name: string, version: string, platform: Version['platforms'] extends Map<string, infer P> ? P : never) => ({
    data: {
      id: `provpltfrm-${platform.os}-${platform.arch}`,
      type: 'registry-provider-platforms',
      attributes: { os: platform.os, arch: platform.arch, shasum: platform.shasum, filename: platform.filename, 'provider-binary-uploaded': Boolean(platform.binary) },
      links: platform.binary
        ? {}
        : {
            'provider-binary-upload': uploadLink(`${name} ${version} ${platform.os}_${platform.arch}`, (upload) => {
              platform.binary = upload;
            }),
          },
    },
  });

  function route(method: string, url: URL, body: RecordedCall['body']): { status: number; body?: unknown } {
    const parts = url.pathname.split('/').filter(Boolean);
    if (url.pathname === '/api/registry/private/v2/gpg-keys') {
      if (method === 'GET') {
        const namespace = url.searchParams.get('filter[namespace]');
        return {
          status: 200,
          body: {
            data: keys
              .filter((key) => key.namespace === namespace)
              .map((key) => ({ type: 'gpg-keys', id: key.keyId, attributes: { namespace: key.namespace, 'key-id': key.keyId, 'ascii-armor': key.armored } })),
          },
        };
      }
      const attributes = body?.data.attributes ?? {};
      const keyId = keyIdOf(String(attributes['ascii-armor'] ?? ''));
      if (body?.data.type !== 'gpg-keys' || !attributes.namespace || !keyId) return errors(422, 'ascii-armor is not a GPG public key');
      if (keys.some((key) => key.namespace === attributes.namespace && key.keyId === keyId)) return errors(422, 'Key has already been taken');
      keys.push({ namespace: String(attributes.namespace), keyId, armored: String(attributes['ascii-armor']) });
      return { status: 201, body: { data: { type: 'gpg-keys', id: keyId, attributes: { namespace: attributes.namespace, 'key-id': keyId } } } };
    }
    // /api/v2/organizations/:org/registry-providers[/private/:namespace/:name[/versions[/:version[/platforms[/:os/:arch]]]]]
    if (parts[0] !== 'api' || parts[1] !== 'v2' || parts[2] !== 'organizations' || parts[4] !== 'registry-providers') return errors(404, 'not found');
    const organization = parts[3];
    if (parts.length === 5 && method === 'POST') {
      const attributes = body?.data.attributes ?? {};
      if (body?.data.type !== 'registry-providers' || attributes['registry-name'] !== 'private' || attributes.namespace !== organization || !attributes.name) {
        return errors(422, 'a private provider needs name, namespace = the organization and registry-name = private');
      }
      const providerKey = `${organization}/${attributes.name}`;
      if (providers.has(providerKey)) return errors(422, 'Name has already been taken');
      providers.set(providerKey, { namespace: organization, name: String(attributes.name), versions: new Map() });
      return { status: 201, body: { data: { type: 'registry-providers', id: `prov-${attributes.name}`, attributes } } };
    }
    if (parts[5] !== 'private' || parts[6] !== organization) return errors(404, 'not found');
    const providerKey = `${organization}/${parts[7]}`;
    const provider = providers.get(providerKey);
    if (!provider) return errors(404, 'not found');
    if (parts.length === 8 && method === 'GET') return { status: 200, body: { data: { type: 'registry-providers', attributes: { name: provider.name, namespace: provider.namespace } } } };
    if (parts[8] !== 'versions') return errors(404, 'not found');
    if (parts.length === 9 && method === 'POST') {
      const attributes = body?.data.attributes ?? {};
      const protocols = attributes.protocols as string[] | undefined;
      if (body?.data.type !== 'registry-provider-versions' || !/^\d+\.\d+\.\d+/.test(String(attributes.version))) return errors(422, 'version is not semver');
      if (!keys.some((key) => key.namespace === organization && key.keyId === attributes['key-id'])) return errors(422, 'key-id is not a key of this namespace');
      if (!Array.isArray(protocols) || protocols.some((protocol) => !['4.0', '5.0', '6.0'].includes(protocol))) return errors(422, 'protocols must be 4.0, 5.0 or 6.0');
      if (provider.versions.has(String(attributes.version))) return errors(422, 'Version has already been taken');
      const entry: Version = { version: String(attributes.version), keyId: String(attributes['key-id']), protocols, platforms: new Map() };
      provider.versions.set(entry.version, entry);
      return { status: 201, body: versionDocument(providerKey, entry) };
    }
    const version = provider.versions.get(parts[9]);
    if (!version) return errors(404, 'not found');
    if (parts.length === 10 && method === 'GET') return { status: 200, body: versionDocument(providerKey, version) };
    if (parts[10] !== 'platforms') return errors(404, 'not found');
    if (parts.length === 11 && method === 'POST') {
      const attributes = body?.data.attributes ?? {};
      if (body?.data.type !== 'registry-provider-version-platforms' || !attributes.os || !attributes.arch || !/^[0-9a-f]{64}$/.test(String(attributes.shasum)) || !attributes.filename) {
        return errors(422, 'a platform needs os, arch, shasum and filename');
      }
      const platformKey = `${attributes.os}_${attributes.arch}`;
      if (version.platforms.has(platformKey)) return errors(422, 'Platform has already been taken');
      const platform = { os: String(attributes.os), arch: String(attributes.arch), shasum: String(attributes.shasum), filename: String(attributes.filename) };
      version.platforms.set(platformKey, platform);
      return { status: 201, body: platformDocument(provider.name, version.version, platform) };
    }
    const platform = version.platforms.get(`${parts[11]}_${parts[12]}`);
    if (parts.length === 13 && method === 'GET' && platform) return { status: 200, body: platformDocument(provider.name, version.version, platform) };
    return errors(404, 'not found');
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', address);
      const raw = Buffer.concat(chunks);
      const send = (status: number, body?: unknown) => {
        response.writeHead(status, { 'content-type': 'application/vnd.api+json' });
        response.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (url.pathname.startsWith('/v1/object/') && request.method === 'PUT') {
        const link = links.get(url.pathname.slice('/v1/object/'.length));
        calls.push({ method: 'PUT', path: url.pathname });
        if (!link) return send(404, { errors: [{ detail: 'unknown upload link' }] });
        if (failing.delete(link.purpose)) return send(500, { errors: [{ detail: 'upload interrupted' }] });
        const upload = { purpose: link.purpose, sha256: crypto.createHash('sha256').update(raw).digest('hex'), size: raw.length };
        uploads.push(upload);
        link.accept(upload);
        links.delete(url.pathname.slice('/v1/object/'.length));
        return send(200);
      }
      const body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as RecordedCall['body']) : undefined;
      calls.push({ method: request.method ?? '', path: `${url.pathname}${url.search}`, ...(body ? { body } : {}) });
      if (request.headers.authorization !== `Bearer ${token}`) return send(401, { errors: [{ status: '401', title: 'unauthorized' }] });
      if (request.method === 'POST' && request.headers['content-type'] !== 'application/vnd.api+json') return send(415, { errors: [{ detail: 'not JSON:API' }] });
      const answer = route(request.method ?? '', url, body);
      return send(answer.status, answer.body);
    });
  });
  // Like a production API, keep idle connections longer than a test pauses between runs.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    address,
    token,
    calls,
    uploads,
    providers,
    keys,
    failNextUpload: (purpose) => failing.add(purpose),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
