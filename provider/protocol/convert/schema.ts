/** Framework schemas to protocol Schema messages, and checks of declarations the protocol cannot express. */
import { Diagnostics, type AttributeSchema, type Schema } from '../../framework/types';
import type { SchemaAttributeMessage, SchemaMessage } from '../messages';
import { ctyTypeJson } from '../codec/types';

function attributeToMessage(name: string, attribute: AttributeSchema): SchemaAttributeMessage {
  const message: SchemaAttributeMessage = {
    name,
    description: attribute.description,
    description_kind: 'PLAIN',
    required: attribute.required === true,
    optional: attribute.optional === true,
    computed: attribute.computed === true,
    sensitive: attribute.sensitive === true,
  };
  if (attribute.writeOnly) message.write_only = true;
  if (attribute.nested) {
    message.nested_type = { attributes: attributesToMessages(attribute.nested), nesting: 'SINGLE' };
  } else if (attribute.type !== undefined) {
    message.type = Buffer.from(JSON.stringify(ctyTypeJson(attribute.type)));
  }
  return message;
}

function attributesToMessages(attributes: Record<string, AttributeSchema>): SchemaAttributeMessage[] {
  return Object.keys(attributes)
    .sort()
    .map((name) => attributeToMessage(name, attributes[name]));
}

export function schemaToMessage(schema: Schema): SchemaMessage {
  const version = schema.version ?? 0;
  return {
    version,
    block: {
      version,
      attributes: attributesToMessages(schema.attributes),
      block_types: [],
      description: schema.description,
      description_kind: 'PLAIN',
    },
  };
}

/**
 * Declarations Terraform would reject later with a vaguer message, reported
 * against the type that declares them.
 */
export function checkSchema(
  owner: string,
  schema: Schema,
  diagnostics: Diagnostics,
  options: { managedResource?: boolean } = {},
): void {
  const visit = (attributes: Record<string, AttributeSchema>, path: string[]): void => {
    for (const [name, attribute] of Object.entries(attributes)) {
      const where = `${owner}: attribute "${[...path, name].join('.')}"`;
      const hasType = attribute.type !== undefined;
      if (hasType === Boolean(attribute.nested)) {
        diagnostics.error('Invalid provider schema', `${where} must declare exactly one of "type" and "nested".`);
      }
      const modes = [attribute.required, attribute.optional, attribute.computed].filter(Boolean).length;
      if (modes === 0) {
        diagnostics.error('Invalid provider schema', `${where} must be required, optional or computed.`);
      }
      if (attribute.required && (attribute.optional || attribute.computed)) {
        diagnostics.error('Invalid provider schema', `${where} cannot be required and also optional or computed.`);
      }
      if (attribute.default !== undefined && !attribute.computed) {
        diagnostics.error(
          'Invalid provider schema',
          `${where} declares a default, so it must be computed (Terraform rejects a plan that differs from a non-computed configuration value).`,
        );
      }
      if (attribute.writeOnly && attribute.computed) {
        diagnostics.error(
          'Invalid provider schema',
          `${where} is write-only, so it cannot be computed (a write-only value is never in state for the provider to compute).`,
        );
      }
      if (attribute.writeOnly && !options.managedResource) {
        diagnostics.error('Invalid provider schema', `${where} is write-only, which only managed resources may declare.`);
      }
      if (attribute.writeOnly && attribute.planModifiers?.length) {
        diagnostics.error('Invalid provider schema', `${where} is write-only, so it has no planned value for plan modifiers to act on.`);
      }
      if (attribute.nested) visit(attribute.nested, [...path, name]);
    }
  };
  visit(schema.attributes, []);
}
