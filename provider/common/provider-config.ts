/**
 * Reading a provider block: a value from configuration, else from the environment variable
 * its attribute declares (`env`); unknown values are an error. The providers' configure,
 * `drift --health` and `generate` all read settings through `readProviderSettings`, so a
 * setting added to a provider schema (with its variable) is read the same way everywhere.
 */
import { type AttributeSchema, type Diagnostics, type PlainObject, type PlainValue, type Schema, isUnknown } from '../framework/types';

/** A provider attribute that falls back to an environment variable; its description says so, from the one name. */
export function withEnvironmentFallback(env: string, attribute: Omit<AttributeSchema, 'env'>, then?: string): AttributeSchema {
  return { ...attribute, env, description: `${attribute.description} Defaults to $${env}${then === undefined ? '' : `, then ${then}`}.` };
}

/** Each attribute's environment variable, by attribute name, as the schema declares them. */
export function environmentVariables(schema: Schema): Record<string, string> {
  return Object.fromEntries(
    Object.entries(schema.attributes).flatMap(([name, attribute]) => (attribute.env ? [[name, attribute.env] as const] : [])),
  );
}

/** A setting's value once read: strings and numbers only (provider blocks hold no other kinds). */
export type SettingValue = string | number;

/**
 * Every setting the schema declares, from `config` (a value known before apply), else from
 * the attribute's environment variable (validated like a configured value, numbers parsed).
 * Unset settings are absent. Problems are reported on `diagnostics`, naming the attribute
 * and, for a bad variable, the variable.
 */
export function readProviderSettings(
  schema: Schema,
  config: PlainObject,
  env: NodeJS.ProcessEnv,
  diagnostics: Diagnostics,
): Record<string, SettingValue> {
  const settings: Record<string, SettingValue> = {};
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    const value = readSetting(name, attribute, config[name], env, diagnostics);
    if (value !== undefined) settings[name] = value;
  }
  return settings;
}

function readSetting(
  name: string,
  attribute: AttributeSchema,
  configured: PlainValue | undefined,
  env: NodeJS.ProcessEnv,
  diagnostics: Diagnostics,
): SettingValue | undefined {
  if (isUnknown(configured)) {
    // A value Terraform does not know yet (it depends on a resource not created) cannot
    // configure a client: that is reported, distinct from a missing value.
    diagnostics.error(
      `Unknown provider setting ${name}`,
      `${name} depends on a value that is only known after apply; the provider needs it to plan. ` +
        `Set it to a value known before apply${attribute.env ? `, or leave it out and set $${attribute.env}` : ''}.`,
      [name],
    );
    return undefined;
  }
  if ((typeof configured === 'string' && configured !== '') || typeof configured === 'number') return configured;
  const fromEnv = attribute.env ? env[attribute.env] : undefined;
  if (fromEnv === undefined || fromEnv.trim() === '') return undefined;
  // A malformed variable is an error naming it, so a typo does not silently fall back to the default.
  const parsed = attribute.type === 'number' ? Number(fromEnv) : fromEnv;
  const problem = Number.isNaN(parsed) ? `"${fromEnv}" is not a number` : attribute.validate?.(parsed);
  if (problem) {
    diagnostics.error(
      `Invalid environment variable ${attribute.env}`,
      `$${attribute.env} (used because ${name} is not set): ${problem}. Fix the variable, or set ${name} in the provider block.`,
      [name],
    );
    return undefined;
  }
  return parsed;
}

/**
 * Reports each of `required` (attribute name: what it is) that `settings` lacks, naming the
 * attribute and its variable; one whose configured value is unknown was reported already.
 * Returns whether all are there.
 */
export function requireSettings(
  schema: Schema,
  settings: Record<string, SettingValue>,
  required: Readonly<Record<string, string>>,
  diagnostics: Diagnostics,
  config: PlainObject = {},
): boolean {
  let complete = true;
  for (const [name, what] of Object.entries(required)) {
    if (settings[name] !== undefined) continue;
    complete = false;
    if (isUnknown(config[name])) continue;
    const env = schema.attributes[name].env;
    diagnostics.error(
      `Missing provider setting ${name}`,
      `The provider needs ${what}: set ${name} in the provider block${env ? ` or the environment variable ${env}` : ''}.`,
      [name],
    );
  }
  return complete;
}
