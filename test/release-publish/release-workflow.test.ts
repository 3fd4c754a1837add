/**
 * examples/release/release.yml parses, runs `npm run release` with options the script accepts, and
 * attaches exactly the files a release writes: every provider's zips, SHA256SUMS, .sig, manifest and SBOM
 * on the tag's release, and each provider's own files in its terraform-provider-NAME repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseReleaseArguments } from '../../scripts/release/main';
import { type ReleaseFixture, releaseForTests } from '../helpers/release-fixture';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
const workflow = parse(fs.readFileSync(path.join(__dirname, '../../examples/release/release.yml'), 'utf8')) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: { provider: string[] } } }>;
};
const step = (job: string, name: string) => workflow.jobs[job].steps.find((each) => each.name === name)!;

let release: ReleaseFixture;
beforeAll(async () => {
  release = await releaseForTests();
}, 900_000);

/** The files a shell command's `"$prefix"_*`-style arguments match in a folder, after putting in the given variables. */
function attached(command: string, variables: Record<string, string>, dir: string): string[] {
  const joined = command.replace(/\\\n/g, ' ');
  const words = joined.split(/\s+/).filter((word) => word.startsWith('dist/release/') || word.startsWith('"$prefix"'));
  const patterns = words.map((word) => {
    let expanded = word;
    for (const [name, value] of Object.entries(variables)) expanded = expanded.split(`"$${name}"`).join(value).split(`$${name}`).join(value);
    expanded = expanded.replace(/\$\{\{ matrix\.provider \}\}/g, variables.provider ?? '');
    const source = expanded.replace(/^dist\/release\//, '').replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*');
    return new RegExp(`^${source}$`);
  });
  return fs.readdirSync(dir).filter((file) => patterns.some((pattern) => pattern.test(file))).sort();
}

test('runs on version tags with permission to write releases', () => {
  expect(workflow.on.push.tags).toEqual(['v*.*.*']);
  expect(workflow.permissions.contents).toBe('write');
});

test('imports the key from the secrets and builds with options npm run release accepts', () => {
  const key = step('release', 'Import the signing key');
  expect(key.env).toEqual({ GPG_PRIVATE_KEY: '${{ secrets.GPG_PRIVATE_KEY }}', GPG_PASSPHRASE: '${{ secrets.GPG_PASSPHRASE }}' });
  const build = step('release', 'Build and sign').run!;
  const argv = build.replace(/^npm run release -- /, '').match(/"[^"]*"|\S+/g)!.map((word) => word.replace(/^"|"$/g, ''));
  expect(parseReleaseArguments(argv)).toMatchObject({ version: '${{ steps.version.outputs.version }}', outDir: 'dist/release', gpgKey: '${{ steps.key.outputs.fingerprint }}' });
  expect(step('release', 'Check the signatures').run).toContain('gpg --batch --verify "$sums.sig" "$sums"');
});

test('the GitHub release gets every file the release writes, and nothing else', () => {
  const upload = step('release', 'Attach the release files to the GitHub release').run!;
  const written = fs.readdirSync(release.outDir).filter((file) => fs.statSync(path.join(release.outDir, file)).isFile()).sort();
  expect(written).toEqual(
    expect.arrayContaining([
      `terraform-provider-elasticpath_${release.version}_SHA256SUMS`,
      `terraform-provider-elasticpath_${release.version}_SHA256SUMS.sig`,
      `terraform-provider-elasticpath_${release.version}_manifest.json`,
      `terraform-provider-elasticpath_${release.version}_sbom.cdx.json`,
      `terraform-provider-sendcloud_${release.version}_linux_amd64.zip`,
    ]),
  );
  expect(attached(upload, { VERSION: release.version }, release.outDir)).toEqual(written);
});

test("each provider's repository release gets that provider's files", () => {
  expect(workflow.jobs['provider-repositories'].strategy!.matrix.provider).toEqual(['elasticpath', 'sendcloud']);
  const command = step('provider-repositories', 'Release terraform-provider-${{ matrix.provider }}').run!;
  expect(command).toContain('--repo "${{ github.repository_owner }}/terraform-provider-${{ matrix.provider }}"');
  // `"$prefix"_...` below stands for this folder and file name start, as the step sets it.
  expect(command).toContain('prefix="dist/release/terraform-provider-${{ matrix.provider }}_$VERSION"');
  for (const provider of ['elasticpath', 'sendcloud']) {
    const prefix = `terraform-provider-${provider}_${release.version}`;
    const expected = fs.readdirSync(release.outDir).filter((file) => file.startsWith(`${prefix}_`)).sort();
    expect(expected).toHaveLength(4 + release.platforms.length);
    expect(attached(command, { prefix, VERSION: release.version, provider }, release.outDir)).toEqual(expected);
  }
});
