/**
 * provider/gen/ must be what scripts/generate.js makes of provider/schema.json today:
 * regenerate into a temporary folder and compare file by file.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const COMMITTED = path.join(ROOT, 'provider/gen');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

let regenerated: string;

beforeAll(() => {
  regenerated = fs.mkdtempSync(path.join(os.tmpdir(), 'bindings-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/generate.js'), '--out', regenerated], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
});

afterAll(() => fs.rmSync(regenerated, { recursive: true, force: true }));

test('provider/gen is up to date with provider/schema.json (run `npm run generate` when this fails)', () => {
  const files = filesUnder(regenerated);
  expect(filesUnder(COMMITTED)).toEqual(files);
  const stale = files.filter((file) => fs.readFileSync(path.join(COMMITTED, file), 'utf8') !== fs.readFileSync(path.join(regenerated, file), 'utf8'));
  expect(stale).toEqual([]);
});

test('the bindings cover every resource and data source of both providers', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'provider/schema.json'), 'utf8'));
  const generated = fs.readdirSync(path.join(COMMITTED, 'providers')).flatMap((provider) =>
    filesUnder(path.join(COMMITTED, 'providers', provider))
      .filter((file) => file.endsWith('/index.ts'))
      .map((file) => fs.readFileSync(path.join(COMMITTED, 'providers', provider, file), 'utf8'))
      .flatMap((source) => [...source.matchAll(/terraformResourceType: '([a-z_]+)'/g)].map((match) => match[1])),
  );
  const declared = Object.values(schema.provider_schemas as Record<string, any>).flatMap((provider: any) => [
    ...Object.keys(provider.resource_schemas),
    ...Object.keys(provider.data_source_schemas),
  ]);
  expect(generated.sort()).toEqual([...declared, 'elasticpath', 'sendcloud'].sort());
});
