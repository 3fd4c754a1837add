/**
 * A clone is enough: no file in the tree refers to a path outside the repository (such as a
 * folder of shared material beside the clone), so `npm ci && npm test` passes from a clone alone.
 * Reads every file git knows of (tracked, and new ones not ignored), as text.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './import-graph';

interface OutsideReference {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** Where it leads, relative to the repository root (starts with `..`). */
  readonly leadsTo: string;
}

/** `../` steps written as one path: in strings, shell lines, markdown links and prose. */
const SLASHED_CLIMB = /(?<![\w.])((?:\.\.[/\\])+)([\w.@-]*)/g;
/** `join(base, '..', '..', 'next')` and `resolve(...)`: the base, the `..` steps, and the next part if any. */
const JOINED_CLIMB = /\b(?:join|resolve)\(\s*([\w.]+)((?:\s*,\s*(['"])\.\.\3)+)(?:\s*,\s*['"]([^'"]*)['"])?/g;
/**
 * Files whose climbs are relative paths written into files they make elsewhere, which resolve
 * from there: the file, and where its paths resolve from.
 */
const NOT_TREE_PATHS: Readonly<Record<string, string>> = {
  'scripts/generate-docs.ts': 'a link in the generated docs/providers/<name>/index.md, relative to that page',
  'scripts/release/registry.ts': "a network mirror's archive URL, relative to the mirror's version file",
};
/** A base named like these is taken to be the repository root (ROOT, REPO_ROOT, repoRoot, root). */
const ROOT_NAME = /root$/i;

/**
 * The references in one file's text that lead out of `root` when followed from where they
 * are written: a climb after `__dirname` or a slashed one starts at the file's folder, one
 * after a root constant at the root. Climbs from other bases (temporary folders) are not paths
 * of the tree and are left alone.
 */
function outsideReferences(root: string, file: string, text: string): OutsideReference[] {
  const folder = path.dirname(path.join(root, file));
  const found: OutsideReference[] = [];
  const check = (start: string, steps: number, next: string, index: number) => {
    const target = path.resolve(start, ...Array<string>(steps).fill('..'), next);
    const leadsTo = path.relative(root, target);
    if (leadsTo === '..' || leadsTo.startsWith(`..${path.sep}`)) {
      const line = text.slice(0, index).split('\n').length;
      found.push({ file, line, text: text.split('\n')[line - 1]!.trim(), leadsTo });
    }
  };
  for (const match of text.matchAll(SLASHED_CLIMB)) {
    check(folder, match[1]!.length / 3, match[2] ?? '', match.index!);
  }
  for (const match of text.matchAll(JOINED_CLIMB)) {
    const base = match[1]!;
    const start = base === '__dirname' ? folder : ROOT_NAME.test(base) ? root : undefined;
    if (start) check(start, (match[2]!.match(/\.\./g) ?? []).length, match[4] ?? '', match.index!);
  }
  return found;
}

/** Files git tracks, plus new ones it does not ignore, relative to the root. */
function treeFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return [...new Set(listed.split('\0').filter((file) => file !== ''))].filter((file) => fs.statSync(path.join(ROOT, file), { throwIfNoEntry: false })?.isFile());
}

test('no file in the tree refers to a path outside the repository', () => {
  const files = treeFiles();
  expect(files).toEqual(expect.arrayContaining(['package.json', 'test/architecture/self-contained.test.ts']));
  const outside = files.flatMap((file) => outsideReferences(ROOT, file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
  const inGeneratedFiles = outside.filter((found) => found.file in NOT_TREE_PATHS);
  expect(inGeneratedFiles.map((found) => found.file).sort()).toEqual(Object.keys(NOT_TREE_PATHS).sort());
  expect(outside.filter((found) => !(found.file in NOT_TREE_PATHS)).map((found) => `${found.file}:${found.line}: ${found.text} (leads to ${found.leadsTo})`)).toEqual([]);
});

describe('what counts as a path outside the repository', () => {
  const root = path.join(path.sep, 'clone');
  const up = (steps: number) => Array<string>(steps).fill('..');

  test('fails when a climb from __dirname leaves the root, in either spelling', () => {
    const joined = `const specs = path.join(__dirname, ${up(3).map((step) => `'${step}'`).join(', ')}, 'beside', 'specs');`;
    const slashed = `const specs = path.resolve(__dirname, '${up(4).join('/')}/beside/specs');`;
    expect(outsideReferences(root, 'test/api/spec.ts', joined)).toEqual([
      { file: 'test/api/spec.ts', line: 1, text: joined, leadsTo: path.join('..', 'beside') },
    ]);
    expect(outsideReferences(root, 'test/emulators/support/contract.ts', slashed)).toEqual([expect.objectContaining({ leadsTo: path.join('..', 'beside') })]);
  });

  test('fails when a climb from a root constant or a sentence in a doc leaves the root', () => {
    const fromRoot = `const specs = path.join(ROOT, '${up(1)[0]}', 'beside', 'specs');`;
    const prose = `the vendors' specs in \`${up(1).join('/')}/beside/specs/\` for the contract tests`;
    expect(outsideReferences(root, 'scripts/prerequisites.js', fromRoot)).toEqual([expect.objectContaining({ leadsTo: path.join('..', 'beside') })]);
    expect(outsideReferences(root, 'README.md', `# Title\n\n${prose}`)).toEqual([expect.objectContaining({ line: 3, leadsTo: path.join('..', 'beside') })]);
  });

  test('climbs that stay inside, and climbs from other folders, pass', () => {
    const inside = [
      `export const REPO_ROOT = join(__dirname, ${up(3).map((step) => `'${step}'`).join(', ')});`,
      `import { build } from '${up(2).join('/')}/scripts/build';`,
      `See [the guide](${up(1).join('/')}/README.md).`,
      `const parent = path.join(workDir, '${up(1)[0]}');`,
    ].join('\n');
    expect(outsideReferences(root, 'test/protocol/helpers/toy.ts', inside)).toEqual([]);
  });
});
