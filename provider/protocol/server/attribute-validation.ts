/** Per-attribute `validate` functions, run on known non-null configured values (nested ones too). */
import {
  UNKNOWN,
  type AttributePath,
  type AttributeSchema,
  type Diagnostics,
  type PlainObject,
  type PlainValue,
} from '../../framework/types';
import { formatPath } from '../codec/values';

export function validateAttributes(
  attributes: Record<string, AttributeSchema>,
  config: PlainObject,
  diagnostics: Diagnostics,
  path: AttributePath = [],
): void {
  // Runs for every configured resource on every validation: the attribute path is only built
  // for an attribute with a problem or nested attributes.
  for (const name in attributes) {
    const attribute = attributes[name];
    if (!attribute.validate && !attribute.nested) continue;
    const value: PlainValue = config[name] ?? null;
    if (value === null || value === UNKNOWN) continue;
    if (attribute.validate) {
      let problem: string | undefined;
      try {
        problem = attribute.validate(value);
      } catch (error) {
        problem = `validation failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (problem) {
        const attributePath = [...path, name];
        diagnostics.error(`Invalid value for ${formatPath(attributePath)}`, problem, attributePath);
      }
    }
    if (attribute.nested && typeof value === 'object' && !Array.isArray(value)) {
      validateAttributes(attribute.nested, value as PlainObject, diagnostics, [...path, name]);
    }
  }
}
