import { SENSITIVE_PLACEHOLDER, classifyPlan, needsApply } from '../../src/drift/classify';
import type { DriftReport } from '../../src/drift/detect';
import { formatJson, formatMarkdown, formatText, renderReport } from '../../src/drift/report';

const address = 'elasticpath_integrations_exclusive.store';
const handMade = { id: 'id-hand', name: 'Hand made', type: 'webhook', enabled: true, observes: ['order.paid'], destination: 'https://x.example.com/a|b' };
const declaredLater = { id: 'id-later', name: 'Declared later', type: 'webhook', enabled: true, observes: [], destination: null };
const ignoredLater = { id: 'id-ignored', name: 'Platform sync', type: 'stomp', enabled: false, observes: [], destination: 'stomp://b:1 /q' };

function exclusive(actions: string[], before: Record<string, unknown>, after: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { address, mode: 'managed', type: 'elasticpath_integrations_exclusive', name: 'store', change: { actions, before, after, ...extra } };
}

const state = { id: 'default', integration_ids: ['a'], ignore_names: null, prune: false, unmanaged: [handMade] };

test('a no-op exclusive resource still reports each undeclared integration as its own unmanaged entry', () => {
  const [entry, ...rest] = classifyPlan({ resource_changes: [exclusive(['no-op'], state, state)] }, new Map([[address, 'stack/store']]));
  expect(rest).toEqual([]);
  expect(entry).toEqual({
    address,
    constructPath: 'stack/store',
    kind: 'unmanaged',
    prune: false,
    integration: { provider: 'elasticpath', store: 'default', id: 'id-hand', name: 'Hand made', type: 'webhook', destination: 'https://x.example.com/a|b' },
    fields: [
      { path: 'name', declared: null, remote: 'Hand made' },
      { path: 'type', declared: null, remote: 'webhook' },
      { path: 'enabled', declared: null, remote: true },
      { path: 'observes', declared: null, remote: ['order.paid'] },
      { path: 'destination', declared: null, remote: 'https://x.example.com/a|b' },
    ],
  });
  expect(needsApply([entry])).toBe(false);
});

test('what the code now declares or ignores is not reported; pruning entries need apply', () => {
  const before = { ...state, unmanaged: [handMade, declaredLater, ignoredLater] };
  const after = { ...state, integration_ids: ['a', 'id-later'], ignore_names: ['Platform *'], prune: true, unmanaged: [] };
  const entries = classifyPlan({ resource_changes: [exclusive(['update'], before, after)] });
  expect(entries.filter((entry) => entry.kind === 'unmanaged').map((entry) => [entry.integration?.id, entry.prune])).toEqual([['id-hand', true]]);
  // The code's own change (prune, ignore_names) is reported too, ids and the list itself are not.
  expect(entries.find((entry) => entry.kind === 'config-changed')?.fields.map((field) => field.path)).toEqual(['ignore_names', 'prune']);
  expect(needsApply(entries)).toBe(true);
});

test('a value the plan marks sensitive is shown as (sensitive)', () => {
  const [entry] = classifyPlan({ resource_changes: [exclusive(['no-op'], state, state, { before_sensitive: { unmanaged: [{ destination: true }] } })] });
  expect(entry.integration?.destination).toBe(SENSITIVE_PLACEHOLDER);
  expect(JSON.stringify(entry)).not.toContain('x.example.com');
});

function report(): DriftReport {
  const resources = classifyPlan({ resource_changes: [exclusive(['no-op'], state, state)] });
  const long = `https://hooks.example.com/${'x'.repeat(200)}`;
  return {
    inSync: false,
    stacks: [
      {
        name: 'shop',
        resources: [
          { address: 'elasticpath_integration.orders', constructPath: 'shop/orders', kind: 'changed', fields: [{ path: 'configuration.url', declared: long, remote: 'https://evil.example.com' }] },
          ...resources,
        ],
      },
      { name: 'quiet', resources: [] },
    ],
  };
}

test('markdown: one table per stack with field / declared / remote, undeclared integrations listed, pipes escaped, long values clipped', () => {
  const markdown = formatMarkdown(report());
  expect(markdown).toContain('## ⚠️ Drift report: Drift found.');
  expect(markdown).toContain('| resource | change | field | declared | remote |');
  expect(markdown).toMatch(/\| `shop\/orders` \| changed out of band \| `configuration.url` \| `https:\/\/hooks\.example\.com\/x+…` \| `https:\/\/evil\.example\.com` \|/);
  expect(markdown).not.toContain('x'.repeat(100));
  expect(markdown).toContain('| elasticpath | `default` | `id-hand` | `Hand made` | `webhook` | `https://x.example.com/a\\|b` | reported only (prune is off) |');
  expect(markdown).toContain('### Stack `quiet`: in sync');
});

test('text names the store and the action; JSON carries schemaVersion; renderReport picks the format', () => {
  const text = formatText(report());
  expect(text).toMatch(/elasticpath store default\s+not declared in code: id-hand "Hand made"\s+reported only \(prune is off\)/);
  expect(JSON.parse(formatJson(report()))).toMatchObject({ schemaVersion: 1, inSync: false });
  expect(renderReport(report(), 'json')).toBe(`${formatJson(report())}\n`);
  expect(renderReport(report(), 'markdown')).toBe(formatMarkdown(report()));
  expect(renderReport(report(), 'text')).toBe(text);
});
