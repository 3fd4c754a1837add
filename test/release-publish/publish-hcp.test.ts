/**
 * examples/release/publish-hcp.ts against a local fake of HCP Terraform's private registry API
 * (test/helpers/fake-hcp-registry.ts), with the release fixture's files: the calls it makes and
 * their JSON:API bodies, the bytes each upload link receives, a second run that changes nothing,
 * a run interrupted by a failed upload that the next run finishes, and the errors users meet.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { publishToPrivateRegistry } from '../../examples/release/publish-hcp';
import { type FakeHcpRegistry, startFakeHcpRegistry } from '../helpers/fake-hcp-registry';
import { type ReleaseFixture, releaseForTests } from '../helpers/release-fixture';

let release: ReleaseFixture;
let fake: FakeHcpRegistry;
const ORG = 'acme';
const quiet = () => undefined;

beforeAll(async () => {
  release = await releaseForTests();
}, 900_000);

/** The first two tests share one fake registry: the second publishes again into what the first published. */
let shared: FakeHcpRegistry | undefined;
beforeEach(async () => {
  const name = expect.getState().currentTestName ?? '';
  fake = name.startsWith('a second run') && shared ? shared : await startFakeHcpRegistry();
  if (name.startsWith('publishes both providers')) shared = fake;
});
afterEach(async () => {
  if (fake !== shared || expect.getState().currentTestName?.startsWith('a second run')) await fake.close();
});

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(path.join(release.outDir, file))).digest('hex');
const posts = () => fake.calls.filter((call) => call.method === 'POST');
const puts = () => fake.calls.filter((call) => call.method === 'PUT');

test('publishes both providers: provider, key, version with its sums and signature, each platform with its zip', async () => {
  await publishToPrivateRegistry({ dir: release.outDir, organization: ORG, address: fake.address, token: fake.token, log: quiet });
  const { version } = release;
  const keyId = release.fingerprint.slice(-16);

  expect(posts().map((call) => call.path)).toEqual([
    '/api/registry/private/v2/gpg-keys',
    `/api/v2/organizations/${ORG}/registry-providers`,
    `/api/v2/organizations/${ORG}/registry-providers/private/${ORG}/elasticpath/versions`,
    ...release.platforms.map(() => `/api/v2/organizations/${ORG}/registry-providers/private/${ORG}/elasticpath/versions/${version}/platforms`),
    `/api/v2/organizations/${ORG}/registry-providers`,
    `/api/v2/organizations/${ORG}/registry-providers/private/${ORG}/sendcloud/versions`,
    ...release.platforms.map(() => `/api/v2/organizations/${ORG}/registry-providers/private/${ORG}/sendcloud/versions/${version}/platforms`),
  ]);
  expect(posts()[0].body).toEqual({ data: { type: 'gpg-keys', attributes: { namespace: ORG, 'ascii-armor': release.publicKeyArmored } } });
  expect(fake.keys).toEqual([expect.objectContaining({ namespace: ORG, keyId })]);
  expect(posts()[1].body).toEqual({ data: { type: 'registry-providers', attributes: { name: 'elasticpath', namespace: ORG, 'registry-name': 'private' } } });
  expect(posts()[2].body).toEqual({ data: { type: 'registry-provider-versions', attributes: { version, 'key-id': keyId, protocols: ['6.0'] } } });

  for (const name of ['elasticpath', 'sendcloud']) {
    const published = fake.providers.get(`${ORG}/${name}`)!.versions.get(version)!;
    expect(published.shasums?.sha256).toBe(sha256(`terraform-provider-${name}_${version}_SHA256SUMS`));
    expect(published.signature?.sha256).toBe(sha256(`terraform-provider-${name}_${version}_SHA256SUMS.sig`));
    expect([...published.platforms.keys()].sort()).toEqual([...release.platforms].sort());
    for (const platform of release.platforms) {
      const filename = `terraform-provider-${name}_${version}_${platform}.zip`;
      const [os, arch] = platform.split('_');
      expect(published.platforms.get(platform)).toMatchObject({ os, arch, filename, shasum: sha256(filename), binary: { sha256: sha256(filename) } });
    }
  }
  // Two sums files, two signatures and a zip per platform and provider, each sent once.
  expect(fake.uploads).toHaveLength(4 + 2 * release.platforms.length);
});

test('a second run finds everything published and creates or uploads nothing', async () => {
  expect(fake.uploads).toHaveLength(4 + 2 * release.platforms.length);
  const before = fake.calls.length;
  await publishToPrivateRegistry({ dir: release.outDir, organization: ORG, address: fake.address, token: fake.token, log: quiet });
  const again = fake.calls.slice(before);
  expect(again.filter((call) => call.method !== 'GET')).toEqual([]);
  expect(fake.uploads).toHaveLength(4 + 2 * release.platforms.length);
});

test('a run stopped by a failed upload is finished by the next, which sends only what is missing', async () => {
  const failed = `sendcloud ${release.version} ${release.platforms[0]}`;
  fake.failNextUpload(failed);
  await expect(
    publishToPrivateRegistry({ dir: release.outDir, organization: ORG, address: fake.address, token: fake.token, providers: ['sendcloud'], log: quiet }),
  ).rejects.toThrow(`uploading terraform-provider-sendcloud_${release.version}_${release.platforms[0]}.zip answered 500`);
  const uploadedBefore = fake.uploads.map((upload) => upload.purpose);
  expect(uploadedBefore).not.toContain(failed);

  await publishToPrivateRegistry({ dir: release.outDir, organization: ORG, address: fake.address, token: fake.token, providers: ['sendcloud'], log: quiet });
  expect(fake.uploads.map((upload) => upload.purpose).slice(uploadedBefore.length)).toEqual(
    [failed, ...release.platforms.slice(1).map((platform) => `sendcloud ${release.version} ${platform}`)].filter((purpose) => !uploadedBefore.includes(purpose)),
  );
  const version = fake.providers.get(`${ORG}/sendcloud`)!.versions.get(release.version)!;
  expect([...version.platforms.values()].every((platform) => platform.binary?.sha256 === platform.shasum)).toBe(true);
  expect(fake.providers.has(`${ORG}/elasticpath`)).toBe(false);
});

test('a missing or refused token is reported without the token, a missing token before any request', async () => {
  await expect(publishToPrivateRegistry({ dir: release.outDir, organization: ORG, address: fake.address, token: '', log: quiet })).rejects.toThrow(
    /TFE_TOKEN is empty: set it to a user or team API token with Manage Private Registry permission/,
  );
  expect(fake.calls).toEqual([]);
  const refused = publishToPrivateRegistry({ dir: release.outDir, organization: ORG, address: fake.address, token: 'wrong-token-value-123', log: quiet });
  await expect(refused).rejects.toThrow(/answered 401 \(is TFE_TOKEN a valid user or team token\?\)/);
  await expect(refused).rejects.not.toThrow(/wrong-token-value-123/);
  expect(fake.uploads).toEqual([]);
});

test('a release folder whose zip does not match its SHA256SUMS is refused before anything is sent', async () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'commerce-iac-tampered-release-'));
  try {
    for (const suffix of ['SHA256SUMS', 'SHA256SUMS.sig', 'manifest.json']) {
      const file = `terraform-provider-sendcloud_${release.version}_${suffix}`;
      fs.copyFileSync(path.join(release.outDir, file), path.join(copy, file));
    }
    const zip = `terraform-provider-sendcloud_${release.version}_${release.platforms[0]}.zip`;
    fs.writeFileSync(path.join(copy, zip), 'not the archive that was signed');
    await expect(publishToPrivateRegistry({ dir: copy, organization: ORG, address: fake.address, token: fake.token, log: quiet })).rejects.toThrow(
      new RegExp(`${zip.replace(/[.]/g, '\\.')}: its SHA-256 [0-9a-f]{64} is not the [0-9a-f]{64} SHA256SUMS lists; rebuild the release`),
    );
    expect(fake.calls).toEqual([]);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
