/**
 * The `ignoreChanges` prop of the integration constructs: construct prop names in,
 * Terraform's `lifecycle.ignore_changes` attribute names out, looked up in the provider's own
 * declaration (the bindings name each attribute in camelCase), so no list is kept here.
 */
import type { Schema } from '../../provider/framework/types';
import { camelCase } from './declared-checks';

/**
 * The attribute names for `lifecycle.ignore_changes`. A prop with no attribute of its name
 * (a typo through `as any`, or a prop that is not sent to the provider) is an error naming it.
 */
export function ignoredAttributes(schema: Schema, props: readonly string[] | undefined, constructPath: string): string[] | undefined {
  if (!props || props.length === 0) return undefined;
  const configurable = Object.entries(schema.attributes).filter(([, attribute]) => attribute.required || attribute.optional);
  const byProp = new Map(configurable.map(([attribute]) => [camelCase(attribute), attribute]));
  return props.map((prop) => {
    const attribute = byProp.get(prop);
    if (!attribute) {
      throw new Error(`ignoreChanges of ${constructPath}: "${prop}" is not a prop sent to the provider; use some of ${[...byProp.keys()].join(', ')}`);
    }
    return attribute;
  });
}
