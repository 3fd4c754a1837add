/**
 * A write-only secret is never in plan or state, so a change to it (raised version, or a
 * secret changed out of band, which the provider reports by reading its version as null)
 * shows in the plan as a change of its version number. The report names the secret
 * instead, with its values hidden, as the provider schemas declare the pairing.
 *
 * Only the schemas are read (not the providers, which would load their resources and API
 * clients): the resources that have write-only attributes are their vendors' integrations.
 */
import * as elasticpath from '../../provider/elasticpath/schema';
import type { AttributeSchema, Schema } from '../../provider/framework/types';
import * as sendcloud from '../../provider/sendcloud/schema';
import { SENSITIVE_PLACEHOLDER, type ResourceDrift } from './drift-types';

/** The managed resources' schemas this module reads, by Terraform type. */
export const WRITE_ONLY_RESOURCE_SCHEMAS: ReadonlyMap<string, Schema> = new Map([
  [elasticpath.INTEGRATION_RESOURCE_TYPE, elasticpath.INTEGRATION_SCHEMA],
  [sendcloud.INTEGRATION_RESOURCE_TYPE, sendcloud.INTEGRATION_SCHEMA],
]);

/** "configuration.secret_key_wo_version" -> "configuration.secret_key_wo", per resource type. */
function versionPaths(): Map<string, Map<string, string>> {
  const byType = new Map<string, Map<string, string>>();
  for (const [typeName, schema] of WRITE_ONLY_RESOURCE_SCHEMAS) {
    const paths = new Map<string, string>();
    const visit = (attributes: Record<string, AttributeSchema>, prefix: string[]) => {
      for (const [name, attribute] of Object.entries(attributes)) {
        if (attribute.versionOf) paths.set([...prefix, name].join('.'), [...prefix, attribute.versionOf].join('.'));
        if (attribute.nested) visit(attribute.nested, [...prefix, name]);
      }
    };
    visit(schema.attributes, []);
    if (paths.size > 0) byType.set(typeName, paths);
  }
  return byType;
}

let cached: Map<string, Map<string, string>> | undefined;

/** The resource's fields with each write-only version change shown as a change of the (sensitive) secret. */
export function withWriteOnlyFieldsNamed(resource: ResourceDrift): ResourceDrift {
  cached ??= versionPaths();
  const paths = cached.get(resource.address.replace(/^(module\.[^.]+\.)*/, '').split('.')[0]);
  if (!paths) return resource;
  const fields = resource.fields.map((field) => {
    const secret = paths.get(field.path);
    if (!secret) return field;
    return {
      path: secret,
      declared: field.declared === null ? null : SENSITIVE_PLACEHOLDER,
      // No remote object (not created yet, or deleted): nothing remote to hide.
      remote: resource.kind === 'not-created' || resource.kind === 'deleted' ? null : SENSITIVE_PLACEHOLDER,
    };
  });
  return { ...resource, fields };
}
