/**
 * Saved plan files hold every value of the plan, sensitive ones included (a stored secret, in
 * clear text): each is made in a temporary folder of its own (0700), created 0600 before
 * Terraform writes into it, and removed with its folder after use, also when a step fails.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const FOLDER_PREFIX = 'cdktf-drift-plan-';
const FILE_NAME = 'drift.tfplan';

/** `text` (a command line) with each private plan file's temporary path shortened to "<plan file>": it is gone once the step ends. */
export function withPlanFilePathsHidden(text: string): string {
  return text.replace(new RegExp(String.raw`[^\s=]*${FOLDER_PREFIX}[^/\s]+/${FILE_NAME.replace('.', '\\.')}`, 'g'), '<plan file>');
}

export async function withPrivatePlanFile<T>(use: (planFile: string) => Promise<T>): Promise<T> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), FOLDER_PREFIX));
  try {
    // Explicit modes: a permissive umask (umask 000 in CI containers) must not widen them.
    fs.chmodSync(directory, 0o700);
    const planFile = path.join(directory, FILE_NAME);
    // Terraform truncates and rewrites an existing file, keeping its mode.
    fs.writeFileSync(planFile, '', { mode: 0o600 });
    fs.chmodSync(planFile, 0o600);
    return await use(planFile);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
