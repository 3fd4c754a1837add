/**
 * Publishes a release folder (what `npm run release -- --out DIR` writes) to an HCP Terraform or
 * Terraform Enterprise private registry, through its API:
 *   1. the provider (POST /organizations/ORG/registry-providers),
 *   2. the public half of the signing key (POST /api/registry/private/v2/gpg-keys),
 *   3. the version (POST .../versions), then SHA256SUMS and SHA256SUMS.sig PUT to the links it returns,
 *   4. each platform (POST .../versions/VERSION/platforms), then its zip PUT to the link it returns.
 * Each step first asks whether its object exists (GET; 404 = not yet), and a create answered with
 * 409 counts as done, so a run that stopped half-way can simply be run again; files already
 * uploaded are not sent twice.
 *
 *   TFE_TOKEN=... node scripts/run-ts.js examples/release/publish-hcp.ts --dir DIR --organization ORG
 *     [--address https://app.terraform.io] [--provider elasticpath]... [--key-file public.asc]
 *
 * TFE_TOKEN: a user or team token with "Manage Private Registry" (an organization token cannot
 * publish). Private providers live in the namespace named like the organization, so configurations
 * use `source = "app.terraform.io/ORG/elasticpath"` (TFE: your hostname).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PublishOptions {
  /** The release folder: terraform-provider-NAME_VERSION_OS_ARCH.zip, _SHA256SUMS, _SHA256SUMS.sig, _manifest.json. */
  dir: string;
  organization: string;
  /** @default "https://app.terraform.io" */
  address?: string;
  token: string;
  /** Only these providers. @default every provider in the folder */
  providers?: string[];
  /** The signing key's public half (ASCII armour). @default the key DIR/registry hands out */
  publicKeyArmored?: string;
  log?: (line: string) => void;
}

interface ReleaseFiles {
  name: string;
  version: string;
  shasums: string;
  signature: string;
  protocols: string[];
  archives: { os: string; arch: string; file: string; sha256: string }[];
}

const ZIP_NAME = /^terraform-provider-([a-z0-9-]+)_(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)_([a-z0-9]+)_([a-z0-9]+)\.zip$/;
const JSON_API = 'application/vnd.api+json';

/** The release files of each provider in `dir`, checked against their SHA256SUMS before anything is sent. */
export function readRelease(dir: string, only?: string[]): ReleaseFiles[] {
  if (!fs.existsSync(dir)) throw new Error(`--dir ${dir} does not exist: give the folder \`npm run release -- --out DIR\` wrote`);
  const byProvider = new Map<string, ReleaseFiles>();
  for (const entry of fs.readdirSync(dir).sort()) {
    const match = ZIP_NAME.exec(entry);
    if (!match) continue;
    const [, name, version, os, arch] = match;
    if (only && !only.includes(name)) continue;
    let release = byProvider.get(name);
    if (!release) {
      const prefix = path.join(dir, `terraform-provider-${name}_${version}`);
      for (const suffix of ['_SHA256SUMS', '_SHA256SUMS.sig', '_manifest.json']) {
        if (!fs.existsSync(`${prefix}${suffix}`)) throw new Error(`${path.basename(prefix)}${suffix} is missing from ${dir}: the release is incomplete`);
      }
      const manifest = JSON.parse(fs.readFileSync(`${prefix}_manifest.json`, 'utf8')) as { metadata?: { protocol_versions?: string[] } };
      release = {
        name,
        version,
        shasums: `${prefix}_SHA256SUMS`,
        signature: `${prefix}_SHA256SUMS.sig`,
        protocols: manifest.metadata?.protocol_versions ?? ['5.0'],
        archives: [],
      };
      byProvider.set(name, release);
    } else if (release.version !== version) {
      throw new Error(`${dir} holds ${name} ${release.version} and ${version}: publish one version at a time (one release folder per version)`);
    }
    const sums = fs.readFileSync(release.shasums, 'utf8');
    const listed = new RegExp(`^([0-9a-f]{64})  ${entry.replace(/[.]/g, '\\.')}$`, 'm').exec(sums)?.[1];
    const actual = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, entry))).digest('hex');
    if (listed !== actual) throw new Error(`${entry}: its SHA-256 ${actual} is ${listed ? `not the ${listed} SHA256SUMS lists` : 'not listed in SHA256SUMS'}; rebuild the release`);
    release.archives.push({ os, arch, file: path.join(dir, entry), sha256: actual });
  }
  if (only) {
    const missing = only.filter((name) => !byProvider.has(name));
    if (missing.length > 0) throw new Error(`--provider ${missing.join(', ')}: no terraform-provider-<name>_*.zip for it in ${dir}`);
  }
  if (byProvider.size === 0) throw new Error(`${dir} holds no terraform-provider-NAME_VERSION_OS_ARCH.zip`);
  return [...byProvider.values()];
}

/** The public key the release's registry tree publishes (every download document carries it), with its key ID. */
export function releasePublicKey(dir: string, release: ReleaseFiles): { armored: string; keyId: string } {
  const { os, arch } = release.archives[0];
  const documents = fs.existsSync(path.join(dir, 'registry', 'v1', 'providers'))
    ? fs.readdirSync(path.join(dir, 'registry', 'v1', 'providers')).map((namespace) =>
        path.join(dir, 'registry', 'v1', 'providers', namespace, release.name, release.version, 'download', os, arch),
      )
    : [];
  const document = documents.find((file) => fs.existsSync(file));
  if (!document) throw new Error(`no public key found in ${dir}/registry: pass the signing key's public half with --key-file (gpg --armor --export FINGERPRINT)`);
  const keys = (JSON.parse(fs.readFileSync(document, 'utf8')) as { signing_keys: { gpg_public_keys: { key_id: string; ascii_armor: string }[] } })
    .signing_keys.gpg_public_keys;
  return { armored: keys[0].ascii_armor, keyId: keys[0].key_id };
}

class RegistryApi {
  constructor(
    private readonly address: string,
    private readonly token: string,
  ) {}

  /** A JSON:API call; undefined for a 404 on GET (not there yet) and for a 409 on POST (already there). */
  async call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T | undefined> {
    const request = () =>
      fetch(`${this.address}${route}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, 'content-type': JSON_API, accept: JSON_API },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const response = method === 'GET' ? await onceMore(request) : await request();
    if ((method === 'GET' && response.status === 404) || (method === 'POST' && response.status === 409)) return undefined;
    const text = await response.text();
    if (!response.ok) {
      const detail = (() => {
        try {
          return (JSON.parse(text) as { errors?: { detail?: string; title?: string }[] }).errors?.map((error) => error.detail ?? error.title).join('; ');
        } catch {
          return text.slice(0, 300);
        }
      })();
      const hint = response.status === 401 ? ' (is TFE_TOKEN a valid user or team token?)' : response.status === 403 ? ' (the token needs Manage Private Registry)' : '';
      throw new Error(`${method} ${route} answered ${response.status}${hint}: ${detail || response.statusText}`);
    }
    return (text ? JSON.parse(text) : {}) as T;
  }

  async upload(url: string, file: string): Promise<void> {
    const body = fs.readFileSync(file);
    const response = await onceMore(() => fetch(url, { method: 'PUT', body, headers: { 'content-type': 'application/octet-stream' } }));
    if (!response.ok) throw new Error(`uploading ${path.basename(file)} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
}

/**
 * Sends an idempotent request (GET, or PUT of the same bytes) a second time when the connection
 * failed before an answer came: a kept-alive connection the server closed meanwhile resets.
 */
async function onceMore(send: () => Promise<Response>): Promise<Response> {
  try {
    return await send();
  } catch {
    return send();
  }
}

interface Document<A> {
  data: { attributes: A; links?: Record<string, string> };
}
type VersionDocument = Document<{ 'shasums-uploaded': boolean; 'shasums-sig-uploaded': boolean }>;
type PlatformDocument = Document<{ 'provider-binary-uploaded': boolean }>;

export async function publishToPrivateRegistry(options: PublishOptions): Promise<void> {
  if (!options.token) throw new Error('TFE_TOKEN is empty: set it to a user or team API token with Manage Private Registry permission');
  if (!/^[A-Za-z0-9_-]+$/.test(options.organization)) throw new Error(`--organization "${options.organization}" is not an organization name`);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const releases = readRelease(options.dir, options.providers);
  const api = new RegistryApi((options.address ?? 'https://app.terraform.io').replace(/\/+$/, ''), options.token);
  const org = encodeURIComponent(options.organization);
  const key = options.publicKeyArmored ? { armored: options.publicKeyArmored, keyId: undefined } : releasePublicKey(options.dir, releases[0]);

  // The key belongs to the namespace (the organization); the registry answers with its key ID.
  const keyId = await ensureKey(api, options.organization, key, log);

  for (const release of releases) {
    const providerRoute = `/api/v2/organizations/${org}/registry-providers/private/${org}/${release.name}`;
    if (!(await api.call('GET', providerRoute))) {
      await api.call('POST', `/api/v2/organizations/${org}/registry-providers`, {
        data: { type: 'registry-providers', attributes: { name: release.name, namespace: options.organization, 'registry-name': 'private' } },
      });
      log(`created provider ${options.organization}/${release.name}`);
    }

    const versionRoute = `${providerRoute}/versions/${release.version}`;
    let version = await api.call<VersionDocument>('GET', versionRoute);
    if (!version) {
      version =
        (await api.call<VersionDocument>('POST', `${providerRoute}/versions`, {
          data: { type: 'registry-provider-versions', attributes: { version: release.version, 'key-id': keyId, protocols: release.protocols } },
        })) ?? (await api.call<VersionDocument>('GET', versionRoute));
      log(`created ${release.name} ${release.version}`);
    }
    if (!version) throw new Error(`${release.name} ${release.version} was neither found nor created`);
    if (!version.data.attributes['shasums-uploaded']) await api.upload(uploadLink(version, 'shasums-upload'), release.shasums);
    if (!version.data.attributes['shasums-sig-uploaded']) await api.upload(uploadLink(version, 'shasums-sig-upload'), release.signature);

    for (const archive of release.archives) {
      const platformRoute = `${versionRoute}/platforms/${archive.os}/${archive.arch}`;
      let platform = await api.call<PlatformDocument>('GET', platformRoute);
      if (!platform) {
        platform =
          (await api.call<PlatformDocument>('POST', `${versionRoute}/platforms`, {
            data: {
              type: 'registry-provider-version-platforms',
              attributes: { os: archive.os, arch: archive.arch, shasum: archive.sha256, filename: path.basename(archive.file) },
            },
          })) ?? (await api.call<PlatformDocument>('GET', platformRoute));
      }
      if (!platform) throw new Error(`${release.name} ${release.version} ${archive.os}_${archive.arch} was neither found nor created`);
      if (!platform.data.attributes['provider-binary-uploaded']) {
        await api.upload(uploadLink(platform, 'provider-binary-upload'), archive.file);
        log(`uploaded ${path.basename(archive.file)}`);
      }
    }
  }
}

function uploadLink(document: Document<unknown>, name: string): string {
  const link = document.data.links?.[name];
  if (!link) throw new Error(`the registry's answer has no ${name} link although the file is not uploaded yet`);
  return link;
}

async function ensureKey(
  api: RegistryApi,
  namespace: string,
  key: { armored: string; keyId?: string },
  log: (line: string) => void,
): Promise<string> {
  type KeyDocument = Document<{ 'key-id': string; namespace: string; 'ascii-armor'?: string }>;
  const listed = await api.call<{ data: KeyDocument['data'][] }>('GET', `/api/registry/private/v2/gpg-keys?filter%5Bnamespace%5D=${encodeURIComponent(namespace)}`);
  const existing = listed?.data.find(
    ({ attributes }) =>
      (key.keyId !== undefined && attributes['key-id'].toUpperCase() === key.keyId.toUpperCase()) ||
      normalizeArmor(attributes['ascii-armor']) === normalizeArmor(key.armored),
  );
  if (existing) return existing.attributes['key-id'];
  const armored = key.armored;
  const created = await api.call<KeyDocument>('POST', '/api/registry/private/v2/gpg-keys', {
    data: { type: 'gpg-keys', attributes: { namespace, 'ascii-armor': armored } },
  });
  if (!created) throw new Error(`the registry says the signing key exists in ${namespace} but does not list it`);
  log(`added signing key ${created.data.attributes['key-id']}`);
  return created.data.attributes['key-id'];
}

function normalizeArmor(armored: string | undefined): string {
  return (armored ?? '').replace(/\r/g, '').trim();
}

function parseArguments(argv: string[]): Omit<PublishOptions, 'token'> {
  const usage =
    'usage: TFE_TOKEN=... node scripts/run-ts.js examples/release/publish-hcp.ts --dir DIR --organization ORG [--address URL] [--provider NAME]... [--key-file FILE]';
  const options: Omit<PublishOptions, 'token'> & { providers: string[] } = { dir: '', organization: '', providers: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value\n${usage}`);
    index += 1;
    if (flag === '--dir') options.dir = value;
    else if (flag === '--organization') options.organization = value;
    else if (flag === '--address') options.address = value;
    else if (flag === '--provider') options.providers.push(value);
    else if (flag === '--key-file') options.publicKeyArmored = fs.readFileSync(value, 'utf8');
    else throw new Error(`unknown option ${flag}\n${usage}`);
  }
  if (!options.dir || !options.organization) throw new Error(`--dir and --organization are required\n${usage}`);
  return { ...options, providers: options.providers.length > 0 ? options.providers : undefined };
}

if (require.main === module) {
  Promise.resolve()
    .then(() => publishToPrivateRegistry({ ...parseArguments(process.argv.slice(2)), token: process.env.TFE_TOKEN ?? '' }))
    .then(() => process.stderr.write('published\n'))
    .catch((error: unknown) => {
      process.stderr.write(`publish failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
