/** The drift command's saved plans: a private folder per use, the file 0600 even under umask 000, removed afterwards. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withPlanFilePathsHidden, withPrivatePlanFile } from '../../src/drift/plan-file';
import { terraform } from '../../src/drift/terraform';

const mode = (file: string) => fs.statSync(file).mode & 0o777;
let umask: number;
let workdir: string;

beforeAll(() => {
  umask = process.umask(0o000);
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-file-test-'));
  fs.writeFileSync(path.join(workdir, 'main.tf.json'), JSON.stringify({ output: { greeting: { value: 'hello', sensitive: true } } }));
});
afterAll(() => {
  process.umask(umask);
  fs.rmSync(workdir, { recursive: true, force: true });
});

test('terraform writes the plan into a 0600 file in a 0700 folder, and both are gone afterwards', async () => {
  let seen: string | undefined;
  await withPrivatePlanFile(async (planFile) => {
    seen = planFile;
    await terraform(['plan', '-input=false', '-no-color', `-out=${planFile}`], { cwd: workdir });
    expect(fs.statSync(planFile).size).toBeGreaterThan(0);
    expect(mode(planFile)).toBe(0o600);
    expect(mode(path.dirname(planFile))).toBe(0o700);
    expect(path.dirname(path.dirname(planFile))).toBe(os.tmpdir());
  });
  expect(fs.existsSync(path.dirname(seen!))).toBe(false);
});

test('the folder is removed when a step fails too', async () => {
  let seen: string | undefined;
  await expect(
    withPrivatePlanFile(async (planFile) => {
      seen = planFile;
      fs.writeFileSync(planFile, 'sensitive plan bytes');
      throw new Error('terraform apply failed');
    }),
  ).rejects.toThrow('terraform apply failed');
  expect(fs.existsSync(path.dirname(seen!))).toBe(false);
});

test('a command line names a private plan file as <plan file>: its temporary path is gone once the step ends', async () => {
  await withPrivatePlanFile(async (planFile) => {
    expect(withPlanFilePathsHidden(`terraform plan -no-color -out=${planFile}`)).toBe('terraform plan -no-color -out=<plan file>');
    expect(withPlanFilePathsHidden(`terraform show -json ${planFile}`)).toBe('terraform show -json <plan file>');
  });
});
