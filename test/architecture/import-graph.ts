/**
 * The project's import graph, read from the source text: every relative `import`, `export
 * ... from`, `require(...)` and `import(...)` of every non-test source file. Used by the
 * layering test; it runs nothing it reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The top folders that hold source, and their files' endings. test/ is read only to find imports of it. */
const SOURCE_FOLDERS = ['api', 'provider', 'src', 'scripts', 'examples', 'bin'];
const SOURCE_ENDINGS = ['.ts', '.js'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'cdktf.out', '.gen']);

export interface Import {
  /** Repository-relative paths with forward slashes, e.g. src/drift/health.ts. */
  readonly from: string;
  readonly to: string;
  /** As written in the source. */
  readonly specifier: string;
  readonly line: number;
}

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED_FOLDERS.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (SOURCE_ENDINGS.some((ending) => entry.name.endsWith(ending)) && !entry.name.endsWith('.d.ts')) found.push(full);
    }
  };
  if (fs.existsSync(folder)) visit(folder);
  return found;
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** The file a relative specifier names, as Node and TypeScript resolve it; undefined for a package. */
function resolve(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base, ...['.ts', '.js', '.json'].map((ending) => base + ending), ...['index.ts', 'index.js'].map((index) => path.join(base, index))];
  return candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile()) ?? base;
}

/** Every relative import of every source file outside test/. */
export function readImports(): Import[] {
  const imports: Import[] = [];
  for (const file of SOURCE_FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder)))) {
    const text = fs.readFileSync(file, 'utf8');
    const lineOf = (position: number) => text.slice(0, position).split('\n').length;
    const info = ts.preProcessFile(text, true, true);
    for (const reference of info.importedFiles) {
      const target = resolve(file, reference.fileName);
      if (target !== undefined) imports.push({ from: relative(file), to: relative(target), specifier: reference.fileName, line: lineOf(reference.pos) });
    }
  }
  return imports;
}

/** Groups of files that import each other in a ring (Tarjan's strongly connected components, size > 1). */
export function importCycles(imports: readonly Import[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const { from, to } of imports) edges.set(from, [...(edges.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) connect(node);
  return cycles;
}
