import { SENSITIVE_PLACEHOLDER, classifyPlan, constructPathsOf, unrestorable } from '../../src/drift/classify';

const address = 'elasticpath_integration.orders';

function change(actions: string[], before: unknown, after: unknown, extra: Record<string, unknown> = {}) {
  return { address, mode: 'managed', type: 'elasticpath_integration', name: 'orders', change: { actions, before, after, ...extra } };
}

const declared = {
  id: 'a',
  name: 'orders',
  enabled: true,
  observes: ['order.created', 'order.paid'],
  configuration: { url: 'https://example.com/hook', secret_key: 'declared-secret' },
  updated_at: 't1',
};

test('reports nothing when the plan has no changes, even if computed fields drifted', () => {
  const remote = { ...declared, updated_at: 't2' };
  const report = classifyPlan({
    resource_drift: [change(['update'], declared, remote)],
    resource_changes: [change(['no-op'], remote, remote)],
  });
  expect(report).toEqual([]);
});

test('names each field changed out of band with the declared and the remote value', () => {
  const remote = { ...declared, name: 'renamed', configuration: { ...declared.configuration, url: 'https://evil.example.com' } };
  const [resource] = classifyPlan({
    resource_drift: [change(['update'], declared, remote)],
    resource_changes: [change(['update'], remote, declared)],
  });
  expect(resource.kind).toBe('changed');
  expect(resource.fields).toEqual([
    { path: 'name', declared: 'orders', remote: 'renamed' },
    { path: 'configuration.url', declared: 'https://example.com/hook', remote: 'https://evil.example.com' },
  ]);
});

test('replaces sensitive values on both sides', () => {
  const remote = { ...declared, configuration: { ...declared.configuration, secret_key: 'rotated-secret' } };
  const sensitive = { configuration: { secret_key: true } };
  const [resource] = classifyPlan({
    resource_drift: [change(['update'], declared, remote, { before_sensitive: sensitive, after_sensitive: sensitive })],
    resource_changes: [change(['update'], remote, declared, { before_sensitive: sensitive, after_sensitive: sensitive })],
  });
  expect(resource.fields).toEqual([{ path: 'configuration.secret_key', declared: SENSITIVE_PLACEHOLDER, remote: SENSITIVE_PLACEHOLDER }]);
  expect(JSON.stringify(resource)).not.toMatch(/rotated-secret|declared-secret/);
});

test('a resource deleted out of band is "deleted", one never applied is "not-created"', () => {
  const deleted = classifyPlan({
    resource_drift: [change(['delete'], declared, null)],
    resource_changes: [change(['create'], null, declared, { after_unknown: { id: true, updated_at: true } })],
  });
  expect(deleted[0].kind).toBe('deleted');
  expect(deleted[0].fields.find((f) => f.path === 'name')).toEqual({ path: 'name', declared: 'orders', remote: null });
  expect(deleted[0].fields.some((f) => f.path === 'id')).toBe(false);

  const neverCreated = classifyPlan({ resource_changes: [change(['create'], null, declared)] });
  expect(neverCreated[0].kind).toBe('not-created');
});

test('a change made in code only is "config-changed"', () => {
  const [resource] = classifyPlan({ resource_changes: [change(['update'], declared, { ...declared, enabled: false })] });
  expect(resource).toMatchObject({ kind: 'config-changed', fields: [{ path: 'enabled', declared: false, remote: true }] });
});

test('construct paths come from the synthesized metadata', () => {
  const paths = constructPathsOf({ resource: { elasticpath_integration: { orders: { '//': { metadata: { path: 'stack/orders/Resource' } } } } } });
  const [resource] = classifyPlan({ resource_changes: [change(['create'], null, declared)] }, paths);
  expect(resource.constructPath).toBe('stack/orders/Resource');
});

test('--reconcile names a deleted sendcloud_integration as one it cannot restore, and why', () => {
  const deleted = (address: string) => ({ address, constructPath: null, kind: 'deleted' as const, fields: [] });
  expect(unrestorable('shop', [deleted('sendcloud_integration.shop'), deleted('elasticpath_integration.orders'), deleted('module.m.sendcloud_integration.eu["nl"]')])).toEqual([
    expect.stringMatching(/^stack shop: sendcloud_integration\.shop was deleted in Sendcloud, and --reconcile cannot restore it: Sendcloud has no endpoint to create integrations\. Connect the shop again/),
    expect.stringMatching(/^stack shop: module\.m\.sendcloud_integration\.eu\["nl"\] was deleted/),
  ]);
  expect(unrestorable('shop', [{ ...deleted('sendcloud_integration.shop'), kind: 'changed' }])).toEqual([]);
});
