/**
 * The floors of docs/architecture.md, checked on every import of every non-test source file:
 * scripts/examples -> src/cli -> src (library) -> provider -> api. An import may point to its
 * own floor or below, never up; no files import each other in a ring, in one folder or across;
 * nothing outside test/ imports test/; library code only the CLI reaches lives under src/cli.
 */
import { type Import, importCycles, readImports } from './import-graph';

/** Lower is deeper. A path matches the longest prefix listed. */
const FLOORS: readonly (readonly [prefix: string, floor: number, name: string])[] = [
  ['api/', 0, 'API (api/)'],
  ['provider/', 1, 'providers (provider/)'],
  ['src/', 2, 'library (src/)'],
  ['src/cli/', 3, 'CLI (src/cli/)'],
  ['scripts/', 4, 'scripts (scripts/, examples/, bin/)'],
  ['examples/', 4, 'scripts (scripts/, examples/, bin/)'],
  ['bin/', 4, 'scripts (scripts/, examples/, bin/)'],
  ['test/', 5, 'tests (test/)'],
];
/** Files at the top of the repository (package.json) are data every floor may read. */
const ROOT_FLOOR = -1;

function floorOf(file: string): { floor: number; name: string } {
  const match = FLOORS.filter(([prefix]) => file.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
  return match ? { floor: match[1], name: match[2] } : { floor: ROOT_FLOOR, name: 'the repository root' };
}

const describeImport = (entry: Import) => `${entry.from}:${entry.line} imports '${entry.specifier}' (${entry.to})`;
const folderOf = (file: string) => file.slice(0, file.lastIndexOf('/'));

const imports = readImports();

test('the graph is read: every floor has files that import', () => {
  for (const prefix of ['api/', 'provider/', 'src/', 'src/cli/', 'scripts/']) {
    expect(imports.some((entry) => entry.from.startsWith(prefix))).toBe(true);
  }
});

test('no import runs back up a floor (and nothing outside test/ imports test/)', () => {
  const upward = imports
    .filter((entry) => floorOf(entry.to).floor > floorOf(entry.from).floor)
    .map((entry) => `${describeImport(entry)}: ${floorOf(entry.from).name} may not import ${floorOf(entry.to).name}`);
  expect(upward).toEqual([]);
});

test('no files import each other in a ring, inside one folder or across folders (type-only imports count)', () => {
  const rings = importCycles(imports).map((cycle) => {
    const members = new Set(cycle);
    const edges = imports.filter((entry) => members.has(entry.from) && members.has(entry.to));
    const where = new Set(cycle.map(folderOf)).size > 1 ? 'across folders' : `inside ${folderOf(cycle[0]!)}/`;
    return `cycle ${where} through ${cycle.join(', ')}: ${edges.map(describeImport).join('; ')}; move what both sides need into a file they both import`;
  });
  expect(rings).toEqual([]);
});

/** The files an entry loads, following every import (lazy `require`s included). */
function closure(entries: readonly string[]): Set<string> {
  const seen = new Set(entries);
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    for (const entry of imports) {
      if (entry.from === file && !seen.has(entry.to)) {
        seen.add(entry.to);
        pending.push(entry.to);
      }
    }
  }
  return seen;
}

test('library code that only the CLI reaches lives under src/cli', () => {
  const published = closure(['src/index.ts', 'provider/main.ts']);
  const libraryFiles = new Set(imports.flatMap((entry) => [entry.from, entry.to]).filter((file) => file.startsWith('src/') && !file.startsWith('src/cli/')));
  const cliOnly = [...libraryFiles].filter((file) => !published.has(file)).map((file) => `${file}: not reached from src/index.ts; move it under src/cli, or export it`);
  expect(cliOnly).toEqual([]);
});

test("drift's classifier reads provider schemas, not whole providers or the HTTP stack", () => {
  const loaded = closure(['src/drift/classify.ts']);
  expect([...loaded].filter((file) => /^provider\/[^/]+\/provider\.ts$|^api\/http\.ts$/.test(file))).toEqual([]);
});
