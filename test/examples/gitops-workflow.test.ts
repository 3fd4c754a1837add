/**
 * examples/gitops/drift.yml: its issue script keeps ONE open drift issue (found by label; body
 * replaced on each run; closed by a clean run), run here against a fake GitHub client; it uses
 * a supported Node version and only drift options the CLI accepts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseDriftArguments } from '../../src/cli/drift';

const workflow = parse(fs.readFileSync(path.join(__dirname, '../../examples/gitops/drift.yml'), 'utf8')) as {
  jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown>; run?: string; name?: string }[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const issueScript = steps.find((step) => step.name === 'Keep one drift issue up to date')!.with!.script as string;

interface Issue {
  number: number;
  state: 'open' | 'closed';
  labels: string[];
  body: string;
  comments: string[];
}

/** A GitHub with issues only, as much of the REST client as the script calls. */
function fakeGitHub(issues: Issue[]) {
  return {
    rest: {
      issues: {
        listForRepo: async ({ labels, state }: { labels: string; state: string }) => ({
          data: issues.filter((issue) => issue.state === state && issue.labels.includes(labels)),
        }),
        create: async ({ labels, body }: { labels: string[]; body: string }) => {
          issues.push({ number: issues.length + 1, state: 'open', labels, body, comments: [] });
        },
        update: async ({ issue_number, body, state }: { issue_number: number; body?: string; state?: 'closed' }) => {
          const issue = issues.find((each) => each.number === issue_number)!;
          if (body !== undefined) issue.body = body;
          if (state) issue.state = state;
        },
        createComment: async ({ issue_number, body }: { issue_number: number; body: string }) => {
          issues.find((each) => each.number === issue_number)!.comments.push(body);
        },
      },
    },
  };
}

async function runIssueScript(issues: Issue[], exit: '0' | '1' | '2', markdown: string, stacks: object[] = []): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-script-'));
  const previous = process.cwd();
  fs.writeFileSync(path.join(dir, 'drift.json'), JSON.stringify({ schemaVersion: 1, inSync: exit === '0', stacks }));
  fs.writeFileSync(path.join(dir, 'drift.md'), markdown);
  process.env.DRIFT_EXIT = exit;
  process.chdir(dir);
  try {
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
    const context = { repo: { owner: 'acme', repo: 'infra' }, serverUrl: 'https://github.com', runId: 7 };
    await new AsyncFunction('require', 'github', 'context', 'core', issueScript)(require, fakeGitHub(issues), context, { warning: jest.fn() });
  } finally {
    process.chdir(previous);
    delete process.env.DRIFT_EXIT;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('one issue for drift: opened once, its body replaced while drift lasts, closed by a clean run', async () => {
  const issues: Issue[] = [{ number: 1, state: 'open', labels: ['bug'], body: 'unrelated', comments: [] }];
  await runIssueScript(issues, '0', '');
  expect(issues).toHaveLength(1);

  await runIssueScript(issues, '2', '## first report');
  await runIssueScript(issues, '2', '## second report');
  const drift = issues.filter((issue) => issue.labels.includes('integration-drift'));
  expect(drift).toHaveLength(1);
  expect(drift[0].body).toMatch(/^## second report\n\nLast checked by \[this run\]/);
  expect(drift[0].state).toBe('open');

  await runIssueScript(issues, '0', '');
  expect(drift[0].state).toBe('closed');
  expect(drift[0].comments).toEqual([expect.stringMatching(/^In sync again/)]);
  expect(issues[0]).toEqual({ number: 1, state: 'open', labels: ['bug'], body: 'unrelated', comments: [] });

  // Drift after that opens a new one rather than reopening history.
  await runIssueScript(issues, '2', '## third report');
  expect(issues.filter((issue) => issue.labels.includes('integration-drift') && issue.state === 'open')).toHaveLength(1);
});

test('stacks that could not be checked are named first in the issue, and the summary and issue are kept whenever a report was written', async () => {
  const issues: Issue[] = [];
  const stacks = [
    { name: 'store-a', resources: [] },
    { name: 'store-b', resources: [], error: { command: 'terraform plan -input=false', message: 'exit 1: Error: credentials refused' } },
  ];
  await runIssueScript(issues, '1', '## ❌ Drift report: 1 stack(s) could not be checked.', stacks);
  expect(issues).toHaveLength(1);
  expect(issues[0].body).toMatch(/^\*\*Could not be checked:\*\* `store-b` \(errors below\)\n\n## ❌ Drift report/);

  const drift = steps.find((step) => step.name === 'Drift check')!;
  expect(drift.run).toMatch(/if \[ -s drift\.md \]; then .*cat drift\.md >> "\$GITHUB_STEP_SUMMARY"/);
  expect(steps.find((step) => step.name === 'Keep one drift issue up to date')).toMatchObject({ if: "steps.drift.outputs.report == 'yes'" });
});

test('the workflow uses a supported Node version and only drift options the CLI accepts', () => {
  const nodeVersions = steps.filter((step) => step.uses?.startsWith('actions/setup-node')).map((step) => String(step.with?.['node-version']));
  expect(nodeVersions.length).toBeGreaterThan(0);
  for (const version of nodeVersions) expect(['22', '24']).toContain(version);
  const driftCalls = steps.flatMap((step) => (step.run ?? '').split('\n')).filter((line) => line.includes('cdktf-integrations drift'));
  expect(driftCalls.length).toBeGreaterThan(0);
  for (const line of driftCalls) {
    const args = line.trim().replace(/^npx cdktf-integrations drift\s*/, '').split(/\s+/).filter((arg) => arg !== '' && !arg.startsWith('>') && arg !== '2>&1');
    expect(() => parseDriftArguments(args)).not.toThrow();
  }
});
