/**
 * The `ignoreChanges` prop of the integration constructs: construct prop names in,
 * Terraform's `lifecycle.ignore_changes` attribute names out. A prop stands for the attributes
 * it sets: by default the one of its own name, looked up in the provider's declaration (the
 * bindings name each attribute in camelCase); a construct whose prop sets several attributes
 * (ElasticPathIntegration's `configuration` also sets the integration type) says so by
 * passing what each prop sets, so no list is kept here.
 */
import type { Schema } from '../../provider/framework/types';
import { camelCase } from './declared-checks';

/**
 * The attribute names for `lifecycle.ignore_changes`. `attributesSetBy` maps a prop to the
 * binding's values it sets (only their keys are read); without it each prop sets its namesake.
 * A prop with no attribute (a typo through `as any`, or a prop that is not sent to the
 * provider) is an error naming it.
 */
export function ignoredAttributes(
  schema: Schema,
  props: readonly string[] | undefined,
  constructPath: string,
  attributesSetBy?: Readonly<Record<string, object>>,
): string[] | undefined {
  if (!props || props.length === 0) return undefined;
  const configurable = Object.entries(schema.attributes).filter(([, attribute]) => attribute.required || attribute.optional);
  const byBindingName = new Map(configurable.map(([attribute]) => [camelCase(attribute), attribute]));
  const setBy = (prop: string): string[] | undefined => {
    const bindingNames = attributesSetBy ? (Object.hasOwn(attributesSetBy, prop) ? Object.keys(attributesSetBy[prop]!) : []) : [prop];
    const attributes = bindingNames.map((name) => byBindingName.get(name));
    return attributes.length > 0 && attributes.every((attribute) => attribute !== undefined) ? (attributes as string[]) : undefined;
  };
  return props.flatMap((prop) => {
    const attributes = setBy(prop);
    if (!attributes) {
      const accepted = attributesSetBy ? Object.keys(attributesSetBy) : [...byBindingName.keys()];
      throw new Error(`ignoreChanges of ${constructPath}: "${prop}" is not a prop sent to the provider; use some of ${accepted.join(', ')}`);
    }
    return attributes;
  });
}
