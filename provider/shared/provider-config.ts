/** Reading a provider block: a value from configuration, else from the environment; unknown values are an error. */
import { type Diagnostics, type PlainObject, isUnknown } from '../framework/types';

export interface SettingSource {
  attribute: string;
  /** The environment variable used when the attribute is not set. */
  env?: string;
}

/**
 * The setting's value, or undefined when neither the configuration nor the environment
 * gives one. A value Terraform does not know yet (it depends on a resource not created)
 * cannot configure a client: that is reported, distinct from a missing value.
 */
export function readSetting(config: PlainObject, source: SettingSource, diagnostics: Diagnostics): string | undefined {
  const value = config[source.attribute];
  if (isUnknown(value)) {
    diagnostics.error(
      `Unknown provider setting ${source.attribute}`,
      `${source.attribute} depends on a value that is only known after apply; the provider needs it to plan. ` +
        `Set it to a value known before apply${source.env ? `, or leave it out and set $${source.env}` : ''}.`,
      [source.attribute],
    );
    return undefined;
  }
  if (typeof value === 'string' && value !== '') return value;
  const fromEnv = source.env ? process.env[source.env] : undefined;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined;
}

export function requireSetting(
  config: PlainObject,
  source: SettingSource,
  diagnostics: Diagnostics,
  what: string,
): string | undefined {
  const value = readSetting(config, source, diagnostics);
  if (value === undefined && !isUnknown(config[source.attribute])) {
    diagnostics.error(
      `Missing provider setting ${source.attribute}`,
      `The provider needs ${what}: set ${source.attribute} in the provider block${source.env ? ` or the environment variable ${source.env}` : ''}.`,
      [source.attribute],
    );
  }
  return value;
}

/**
 * A number setting: from configuration, else from the environment (parsed), else undefined.
 * A malformed environment value is an error naming the variable, so a typo does not silently
 * fall back to the default.
 */
export function readNumberSetting(
  config: PlainObject,
  source: SettingSource & { validate(value: number): string | undefined },
  diagnostics: Diagnostics,
): number | undefined {
  const value = config[source.attribute];
  if (isUnknown(value)) {
    readSetting(config, source, diagnostics); // reports the unknown value
    return undefined;
  }
  if (typeof value === 'number') return value;
  const fromEnv = source.env ? process.env[source.env] : undefined;
  if (fromEnv === undefined || fromEnv.trim() === '') return undefined;
  const parsed = Number(fromEnv);
  const problem = Number.isNaN(parsed) ? `"${fromEnv}" is not a number` : source.validate(parsed);
  if (problem) {
    diagnostics.error(
      `Invalid environment variable ${source.env}`,
      `$${source.env} (used because ${source.attribute} is not set): ${problem}. Fix the variable, or set ${source.attribute} in the provider block.`,
      [source.attribute],
    );
    return undefined;
  }
  return parsed;
}
