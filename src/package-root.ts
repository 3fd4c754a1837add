/** The folder of this package, whether running from TypeScript sources (tests) or the dist/ bundles. */
import * as fs from 'node:fs';
import * as path from 'node:path';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'bin', 'cdktf-integrations.js'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the cdktf-commerce-integrations package above ${__dirname}`);
    dir = parent;
  }
  root = dir;
  return dir;
}
