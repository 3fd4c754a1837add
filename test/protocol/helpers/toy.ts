/** Builds the toy provider bundle once per test file and describes how to launch it. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const TOY_ADDRESS = 'registry.terraform.io/commerce-iac/toy';
export const MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const build = require(join(REPO_ROOT, 'scripts', 'build.js')) as { buildToy(): Promise<string> };

let built: Promise<string> | undefined;

/** Path of dist/provider-test-toy.js, freshly bundled. */
export function buildToyProvider(): Promise<string> {
  built ??= build.buildToy().then((path) => {
    if (!existsSync(path) || statSync(path).size === 0) throw new Error(`toy bundle missing at ${path}`);
    return path;
  });
  return built;
}
