/**
 * Terraform installing the released providers the way a runner without Node does: from the release
 * fixture's registry tree served over HTTPS (test/helpers/https-static.ts), with a PATH that holds
 * nothing but `terraform` (so neither Terraform nor the providers it starts can find `node`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The first executable called `name` on the current PATH. */
export function onPath(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return fs.realpathSync(candidate);
    } catch {
      // not here
    }
  }
  throw new Error(`${name} is not on the PATH`);
}

/** A folder holding only a link to the terraform executable, for PATH. */
export function terraformOnlyPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commerce-iac-nodeless-path-'));
  fs.symlinkSync(onPath('terraform'), path.join(dir, 'terraform'));
  return dir;
}

/** Whether a shell with this PATH finds `node` (the shell itself is started by absolute path). */
export function nodeIsFound(pathValue: string): boolean {
  return spawnSync('/bin/sh', ['-c', 'command -v node'], { env: { PATH: pathValue } }).status === 0;
}

/** A CLI configuration file: empty (Terraform then installs straight from each source's registry) or the given text. */
export function writeCliConfig(dir: string, text = ''): string {
  const file = path.join(dir, `terraform-${Math.random().toString(36).slice(2)}.rc`);
  fs.writeFileSync(file, text);
  return file;
}

/** CLI configuration that installs every provider from a network mirror (the registry tree's root). */
export function networkMirrorConfig(url: string): string {
  return `provider_installation {\n  network_mirror {\n    url = ${JSON.stringify(url.endsWith('/') ? url : `${url}/`)}\n  }\n}\n`;
}

/** The `h1:` hashes the tree's mirror part records for one provider version, by platform. */
export function mirrorHashes(registryDir: string, name: string, version: string): Record<string, string> {
  const document = JSON.parse(fs.readFileSync(path.join(registryDir, 'registry.terraform.io', 'commerce-iac', name, `${version}.json`), 'utf8')) as {
    archives: Record<string, { hashes: string[] }>;
  };
  return Object.fromEntries(Object.entries(document.archives).map(([platform, archive]) => [platform, archive.hashes.find((hash) => hash.startsWith('h1:'))!]));
}
