/** The drift report shows a write-only secret's version change as a change of the secret, values hidden. */
import type { AttributeSchema, Schema } from '../../provider/framework/types';
import { classifyPlan, type PlanJson } from '../../src/drift/classify';
import { WRITE_ONLY_RESOURCE_SCHEMAS } from '../../src/drift/write-only';

function plan(before: number | null, after: number, drifted: boolean): PlanJson {
  const state = (version: number | null) => ({
    id: 'i-1',
    name: 'hook',
    configuration: { url: 'https://hooks.example.com/x', secret_key: null, secret_key_wo: null, secret_key_wo_version: version },
  });
  const change = (from: number | null, to: number | null) => ({
    actions: ['update'],
    before: state(from),
    after: state(to),
    after_unknown: {},
    before_sensitive: { configuration: { secret_key: true, secret_key_wo: true } },
    after_sensitive: { configuration: { secret_key: true, secret_key_wo: true } },
  });
  return {
    resource_drift: drifted ? [{ address: 'elasticpath_integration.hook', mode: 'managed', type: 'elasticpath_integration', name: 'hook', change: change(after, before) }] : [],
    resource_changes: [{ address: 'elasticpath_integration.hook', mode: 'managed', type: 'elasticpath_integration', name: 'hook', change: change(before, after) }],
  };
}

test('a secret changed out of band (its version read as null) is reported as changed, with (sensitive) values', () => {
  expect(classifyPlan(plan(null, 1, true))).toEqual([
    {
      address: 'elasticpath_integration.hook',
      constructPath: null,
      kind: 'changed',
      fields: [{ path: 'configuration.secret_key_wo', declared: '(sensitive)', remote: '(sensitive)' }],
    },
  ]);
});

test('a raised version is a change in code of the same field', () => {
  const [resource] = classifyPlan(plan(1, 2, false));
  expect(resource.kind).toBe('config-changed');
  expect(resource.fields).toEqual([{ path: 'configuration.secret_key_wo', declared: '(sensitive)', remote: '(sensitive)' }]);
});

test('every resource of both providers that has write-only attributes is among the schemas the report reads', () => {
  // The report reads schemas only (it must not load the providers); this keeps its table complete.
  const { elasticPathProvider } = require('../../provider/elasticpath/provider') as typeof import('../../provider/elasticpath/provider');
  const { sendcloudProvider } = require('../../provider/sendcloud/provider') as typeof import('../../provider/sendcloud/provider');
  const hasVersionOf = (attributes: Record<string, AttributeSchema>): boolean =>
    Object.values(attributes).some((attribute) => attribute.versionOf !== undefined || (attribute.nested !== undefined && hasVersionOf(attribute.nested)));
  const resources = [...elasticPathProvider.resources, ...sendcloudProvider.resources] as { typeName: string; schema: Schema }[];
  for (const resource of resources.filter((candidate) => hasVersionOf(candidate.schema.attributes))) {
    expect(WRITE_ONLY_RESOURCE_SCHEMAS.get(resource.typeName)).toBe(resource.schema);
  }
  expect(resources.some((resource) => hasVersionOf(resource.schema.attributes))).toBe(true);
});
