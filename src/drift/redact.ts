/**
 * The one place drift's output passes through on its way out: every secret value the run knows
 * is replaced by SENSITIVE_PLACEHOLDER, in the report object and in each text written (stdout,
 * stderr, --report files, merged reports).
 *
 * What the run knows as secret:
 * - the synthesized configuration's sensitive values: literal values of the provider and
 *   resource attributes this package's schemas mark sensitive, and the defaults of variables
 *   declared sensitive (plus their TF_VAR_ values);
 * - the environment variables the providers read for their sensitive settings;
 * - values Terraform marks sensitive in a plan.
 *
 * Terraform quotes a configuration line in its diagnostics as written (JSON-escaped in
 * cdk.tf.json) and wraps long diagnostic lines at spaces, so a secret is matched as written,
 * JSON-escaped, and with any whitespace in it (or between its characters) turned into a line
 * break and indentation, raw or JSON-escaped as in a JSON report.
 */
import { elasticPathProvider } from '../../provider/elasticpath/provider';
import type { AttributeSchema, Schema } from '../../provider/framework/types';
import { sendcloudProvider } from '../../provider/sendcloud/provider';
import { MIN_SECRET_LENGTH } from '../../api/redact';
import { SENSITIVE_PLACEHOLDER } from './drift-types';


const PROVIDERS = [elasticPathProvider, sendcloudProvider] as const;

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null | undefined;

  /** Remembers string values (nested in arrays and objects too) as secrets. */
  add(value: unknown): this {
    for (const text of stringsIn(value)) {
      if (text.length < MIN_SECRET_LENGTH || isReference(text)) continue;
      // A secret also shows URL-encoded (a form body or query string an API echoes back).
      for (const form of new Set([text, encodeURIComponent(text)])) {
        if (this.secrets.has(form)) continue;
        this.secrets.add(form);
        this.pattern = undefined;
      }
    }
    return this;
  }

  get size(): number {
    return this.secrets.size;
  }

  /** `text` with every known secret replaced by the placeholder. */
  redact(text: string): string {
    if (this.pattern === undefined) this.pattern = buildPattern([...this.secrets]);
    return this.pattern ? text.replace(this.pattern, SENSITIVE_PLACEHOLDER) : text;
  }

  /** A copy of `value` with every string in it redacted. */
  redactValue<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item)) as T;
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactValue(item)])) as T;
    }
    return value;
  }
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** `${var.secret}`: an expression, not a value. */
function isReference(text: string): boolean {
  return /^\$\{[^}]*\}$/.test(text);
}

/** A line break as Terraform's wrapping makes it, raw or JSON-escaped, with indentation (and a box margin with colour on). */
const BREAK = String.raw`(?:[ \t]*(?:\r?\n|(?:\\r)?\\n)[ \t│]*)`;
/** Whitespace inside a secret: any run of whitespace, raw or JSON-escaped (one alternative per leading character: no backtracking blow-up). */
const SPACE = String.raw`(?:[ \t│]|\r?\n|\\[rnt])+`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One character of the secret as it may appear: itself, JSON-escaped, or escaped twice (a quoted cdk.tf.json line inside a JSON report). */
function characterPattern(character: string): string {
  if (/\s/.test(character)) return SPACE;
  const once = JSON.stringify(character).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  const forms = [...new Set([character, once, twice])].map(escapeRegExp);
  return forms.length === 1 ? forms[0] : `(?:${forms.join('|')})`;
}

function secretPattern(secret: string): string {
  // A wrap may fall anywhere (Terraform also breaks words longer than the line), so between any two characters.
  return [...secret.trim()].map(characterPattern).join(`${BREAK}?`);
}

function buildPattern(secrets: string[]): RegExp | null {
  if (secrets.length === 0) return null;
  // Longest first: a secret that contains another is replaced whole.
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(secretPattern).join('|'), 'g');
}

// ---------------------------------------------------------------------------------------------
// Where the secrets come from

interface SynthesizedConfiguration {
  provider?: Record<string, unknown>;
  resource?: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, unknown>>;
  variable?: Record<string, { sensitive?: boolean; default?: unknown }>;
}

function schemasByType(): Map<string, Schema> {
  const schemas = new Map<string, Schema>();
  for (const definition of PROVIDERS) {
    schemas.set(`provider.${definition.typeName}`, definition.schema);
    for (const resource of definition.resources) schemas.set(`resource.${resource.typeName}`, resource.schema);
    for (const dataSource of definition.dataSources) schemas.set(`data.${dataSource.typeName}`, dataSource.schema);
  }
  return schemas;
}

let schemas: Map<string, Schema> | undefined;

/** The values of the attributes `attributes` marks sensitive, in one block of configuration. */
function sensitiveValuesOfBlock(block: unknown, attributes: Record<string, AttributeSchema>): unknown[] {
  if (typeof block !== 'object' || block === null || Array.isArray(block)) return [];
  const found: unknown[] = [];
  for (const [name, value] of Object.entries(block as Record<string, unknown>)) {
    const attribute = attributes[name];
    if (!attribute) continue;
    if (attribute.sensitive) found.push(value);
    else if (attribute.nested) found.push(...sensitiveValuesOfBlock(value, attribute.nested));
  }
  return found;
}

/**
 * The sensitive values a synthesized stack (cdk.tf.json) holds literally: this package's provider
 * and resource attributes marked sensitive, and the defaults of sensitive variables. The
 * variables' names are returned too, for their TF_VAR_ values.
 */
export function secretsOfConfiguration(synthesized: unknown): { values: unknown[]; sensitiveVariables: string[] } {
  schemas ??= schemasByType();
  const config = (synthesized ?? {}) as SynthesizedConfiguration;
  const values: unknown[] = [];
  for (const [type, blocks] of Object.entries(config.provider ?? {})) {
    const schema = schemas.get(`provider.${type}`);
    if (!schema) continue;
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) values.push(...sensitiveValuesOfBlock(block, schema.attributes));
  }
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(config[kind] ?? {})) {
      const schema = schemas.get(`${kind}.${type}`);
      if (!schema) continue;
      for (const block of Object.values(byName ?? {})) values.push(...sensitiveValuesOfBlock(block, schema.attributes));
    }
  }
  const sensitiveVariables: string[] = [];
  for (const [name, variable] of Object.entries(config.variable ?? {})) {
    if (!variable?.sensitive) continue;
    sensitiveVariables.push(name);
    if (variable.default !== undefined) values.push(variable.default);
  }
  return { values, sensitiveVariables };
}

/** The environment variables the providers read for their sensitive settings, as their schemas declare them (`env`). */
export function secretEnvironmentVariables(): string[] {
  return PROVIDERS.flatMap((definition) =>
    Object.values(definition.schema.attributes).flatMap((attribute) => (attribute.sensitive && attribute.env ? [attribute.env] : [])),
  );
}

/** Values a Terraform plan (`terraform show -json`) marks sensitive: before/after under *_sensitive markers, and sensitive outputs. */
export function sensitiveValuesOfPlan(plan: unknown): unknown[] {
  const found: unknown[] = [];
  const marked = (value: unknown, markers: unknown) => {
    if (markers === true) {
      found.push(value);
      return;
    }
    if (typeof markers !== 'object' || markers === null || typeof value !== 'object' || value === null) return;
    for (const [key, marker] of Object.entries(markers as Record<string, unknown>)) marked((value as Record<string, unknown>)[key], marker);
  };
  const document = (plan ?? {}) as {
    resource_changes?: { change?: Record<string, unknown> }[];
    resource_drift?: { change?: Record<string, unknown> }[];
    output_changes?: Record<string, Record<string, unknown>>;
  };
  for (const entry of [...(document.resource_changes ?? []), ...(document.resource_drift ?? [])]) {
    const change = entry.change ?? {};
    marked(change.before, change.before_sensitive);
    marked(change.after, change.after_sensitive);
  }
  for (const change of Object.values(document.output_changes ?? {})) {
    marked(change.before, change.before_sensitive);
    marked(change.after, change.after_sensitive);
  }
  return found;
}

/** A redactor that knows the secrets the providers read from the environment. */
export function redactorForEnvironment(env: NodeJS.ProcessEnv): Redactor {
  return new Redactor().add(secretEnvironmentVariables().map((name) => env[name] ?? ''));
}

/** Adds what a synthesized stack holds as secret, and the TF_VAR_ values of its sensitive variables, to `redactor`. */
export function addSecretsOfConfiguration(redactor: Redactor, synthesized: unknown, env: NodeJS.ProcessEnv): void {
  const { values, sensitiveVariables } = secretsOfConfiguration(synthesized);
  redactor.add(values);
  redactor.add(sensitiveVariables.map((name) => env[`TF_VAR_${name}`] ?? ''));
}
