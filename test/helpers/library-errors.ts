/**
 * The error classes a caller of the library can meet: every exported class under api/ and the
 * library part of src/ (not src/cli/) that extends Error, directly or through another of them.
 * Read from the sources, so a new error class is checked without being listed anywhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './workspace';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join(REPO_ROOT, 'src', 'cli') ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

export function libraryErrorClassNames(): string[] {
  const parents = new Map<string, string>();
  for (const file of [...sourceFiles(path.join(REPO_ROOT, 'api')), ...sourceFiles(path.join(REPO_ROOT, 'src'))]) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/^export class (\w+) extends (\w+)/gm)) parents.set(match[1]!, match[2]!);
  }
  const isError = (name: string, seen = new Set<string>()): boolean => {
    if (name === 'Error') return true;
    const parent = parents.get(name);
    return parent !== undefined && !seen.has(name) && isError(parent, seen.add(name));
  };
  return [...parents.keys()].filter((name) => isError(name)).sort();
}
