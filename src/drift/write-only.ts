/**
 * A write-only secret is never in plan or state, so a change to it (raised version, or a
 * secret changed out of band, which the provider reports by reading its version as null)
 * shows in the plan as a change of its version number. The report names the secret
 * instead, with its values hidden, as the provider schemas declare the pairing.
 */
import type { AttributeSchema } from '../../provider/framework/types';
import { elasticPathProvider } from '../../provider/elasticpath/provider';
import { sendcloudProvider } from '../../provider/sendcloud/provider';
import { SENSITIVE_PLACEHOLDER, type ResourceDrift } from './drift-types';

/** "configuration.secret_key_wo_version" -> "configuration.secret_key_wo", per resource type. */
function versionPaths(): Map<string, Map<string, string>> {
  const byType = new Map<string, Map<string, string>>();
  for (const provider of [elasticPathProvider, sendcloudProvider] as const) {
    for (const resource of provider.resources) {
      const paths = new Map<string, string>();
      const visit = (attributes: Record<string, AttributeSchema>, prefix: string[]) => {
        for (const [name, attribute] of Object.entries(attributes)) {
          if (attribute.versionOf) paths.set([...prefix, name].join('.'), [...prefix, attribute.versionOf].join('.'));
          if (attribute.nested) visit(attribute.nested, [...prefix, name]);
        }
      };
      visit(resource.schema.attributes, []);
      if (paths.size > 0) byType.set(resource.typeName, paths);
    }
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
