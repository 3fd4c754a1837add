/** The pages the docs tests read: the README and every page of docs/ (new ones included). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/workspace';

/** Paths relative to the repository: README.md first, then docs/*.md sorted. */
export function docPages(): string[] {
  const docs = fs.readdirSync(path.join(REPO_ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => path.join('docs', name))];
}

export function readPage(page: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, page), 'utf8');
}

/** A page's fenced blocks (any language) and the inline code spans of its prose. */
export function codeOf(text: string): { blocks: string[]; spans: string[] } {
  const blocks: string[] = [];
  const prose: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```/.test(lines[i])) {
      prose.push(lines[i]);
      continue;
    }
    const end = lines.findIndex((line, index) => index > i && /^\s*```\s*$/.test(line));
    const last = end < 0 ? lines.length : end;
    blocks.push(lines.slice(i + 1, last).join('\n'));
    i = last;
  }
  // A span may wrap onto the next line, as prose wraps.
  const spans = [...prose.join('\n').matchAll(/`([^`\n]+(?:\n[^`\n]+)?)`/g)].map((match) => match[1].replace(/\n/g, ' '));
  return { blocks, spans };
}
