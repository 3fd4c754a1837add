/**
 * Synth-time checks derived from the provider's own attribute declarations.
 *
 * A construct hands over its declaration (a `Schema` from provider/<vendor>/schema.ts) and
 * its configuration keyed by the bindings' camelCase names. From those this module builds
 * the snake_case configuration the provider itself would receive (unresolved tokens become
 * UNKNOWN, absent values null), runs the declared `validate` functions and the
 * cross-attribute checks over it, and turns each diagnostic's attribute path back into the
 * construct's prop name; warnings become synth warnings (annotations). There is no second list of rules here: a rule added to a schema
 * reaches the constructs without touching this folder.
 */
import { Annotations, Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import {
  type AttributePath,
  type AttributeSchema,
  type Diagnostic,
  Diagnostics,
  type PlainObject,
  type PlainValue,
  type Schema,
  UNKNOWN,
  isUnknown,
} from '../../provider/framework/types';

/** A cross-attribute check as the schemas export them (validateIntegrationConfig and the like). */
export type ConfigCheck = (config: PlainObject, diagnostics: Diagnostics) => void;

export interface DeclaredChecksOptions {
  /** The declaration the construct's configuration is checked against. */
  readonly schema: Schema;
  /** The configuration, keyed by camelCase attribute names, as handed to the generated binding. */
  readonly source: object;
  /**
   * Cross-attribute checks, asked for when validation runs (so they may depend on
   * constructs added after this one, such as a provider).
   * @default - attribute validators only
   */
  readonly checks?: () => readonly ConfigCheck[];
  /**
   * Further declarations whose attribute names may appear in the checks' messages
   * (the Sendcloud API-version check names the provider's api_version).
   * @default - only `schema`'s names are rewritten
   */
  readonly mentions?: readonly Schema[];
  /** How a user keeps a literal secret out of cdk.tf.json, given the attribute's declaration. */
  readonly secretAdvice: (attribute: AttributeSchema) => string;
}

/**
 * Builds the configuration once, warns about literal secrets, and registers the declared
 * checks with `node.addValidation` (run by `cdktf synth` and `Testing.synth(stack, true)`).
 */
export function applyDeclaredChecks(scope: IConstruct, options: DeclaredChecksOptions): void {
  const config = declaredConfig(options.schema.attributes, options.source);
  // Only a check's message needs it.
  let vocabularyOnce: Set<string> | undefined;
  const vocabulary = () => (vocabularyOnce ??= attributeNames([options.schema, ...(options.mentions ?? [])]));

  for (const { path, attribute } of literalSecrets(options.schema.attributes, config, [])) {
    Annotations.of(scope).addWarning(
      `${propName(path)} of ${scope.node.path} is a literal string, so the secret sits in plain text ` +
        `in the source and in cdk.tf.json: ${options.secretAdvice(attribute)}`,
    );
  }

  // Validation may run more than once (each synth): a warning is annotated only the first time.
  let warned = false;
  scope.node.addValidation({
    validate: () => {
      const diagnostics = new Diagnostics();
      checkAttributes(options.schema.attributes, config, [], diagnostics);
      for (const check of options.checks?.() ?? []) check(config, diagnostics);
      if (!warned) {
        warned = true;
        for (const diagnostic of diagnostics.items.filter((item) => item.severity === 'warning')) {
          Annotations.of(scope).addWarning(describe(scope, diagnostic, vocabulary()));
        }
      }
      return diagnostics.items
        .filter((diagnostic) => diagnostic.severity === 'error')
        .map((diagnostic) => describe(scope, diagnostic, vocabulary()));
    },
  });
}

/** How to keep a resource's secret out of cdk.tf.json: Terraform reads a variable's value from TF_VAR_<name>. */
export function sensitiveVariableAdvice(attribute?: AttributeSchema): string {
  if (attribute?.writeOnly) {
    return (
      "pass an EphemeralSecretVariable's value instead " +
      "(new EphemeralSecretVariable(scope, 'name').stringValue, set through TF_VAR_name), so the secret is in neither cdk.tf.json, plan nor state"
    );
  }
  return (
    "pass a sensitive TerraformVariable's value instead " +
    "(new TerraformVariable(scope, 'name', { type: 'string', sensitive: true }).stringValue, set through TF_VAR_name)"
  );
}

const camelCaseNames = new Map<string, string>();

/** snake_case -> camelCase, as the bindings' generator names attributes. */
export function camelCase(name: string): string {
  let camel = camelCaseNames.get(name);
  if (camel === undefined) {
    camel = name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
    camelCaseNames.set(name, camel);
  }
  return camel;
}

/** The value the provider would see: UNKNOWN for anything not known before apply, null for absent. */
function plainValue(value: unknown): PlainValue {
  if (value === undefined || value === null) return null;
  if (Token.isUnresolved(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, plainValue(element)]));
  }
  return UNKNOWN;
}

function declaredConfig(attributes: Record<string, AttributeSchema>, source: object): PlainObject {
  const values = source as Record<string, unknown>;
  const config: PlainObject = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = values[camelCase(name)];
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value) && !Token.isUnresolved(value);
    config[name] = attribute.nested && isObject ? declaredConfig(attribute.nested, value) : plainValue(value);
  }
  return config;
}

function isPlainObject(value: PlainValue): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/** What the framework checks per attribute: presence of required ones, then the declared validator. */
function checkAttributes(
  attributes: Record<string, AttributeSchema>,
  config: PlainObject,
  path: AttributePath,
  diagnostics: Diagnostics,
): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = config[name];
    const attributePath = [...path, name];
    if (value === null) {
      if (attribute.required) diagnostics.error(`Missing ${name}`, `${name} is required: set it (${attribute.description})`, attributePath);
      continue;
    }
    if (isUnknown(value)) continue;
    const problem = attribute.validate?.(value);
    if (problem) diagnostics.error(`Invalid ${name}`, problem, attributePath);
    if (attribute.nested && isPlainObject(value)) checkAttributes(attribute.nested, value, attributePath, diagnostics);
  }
}

function* literalSecrets(
  attributes: Record<string, AttributeSchema>,
  config: PlainObject,
  path: AttributePath,
): Generator<{ path: AttributePath; attribute: AttributeSchema }> {
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = config[name];
    if (attribute.sensitive && typeof value === 'string') yield { path: [...path, name], attribute };
    if (attribute.nested && isPlainObject(value)) yield* literalSecrets(attribute.nested, value, [...path, name]);
  }
}

function attributeNames(schemas: readonly Schema[]): Set<string> {
  const names = new Set<string>();
  const collect = (attributes: Record<string, AttributeSchema>) => {
    for (const [name, attribute] of Object.entries(attributes)) {
      names.add(name);
      if (attribute.nested) collect(attribute.nested);
    }
  };
  schemas.forEach((schema) => collect(schema.attributes));
  return names;
}

/** ["configuration", "secret_key"] -> "configuration.secretKey" */
function propName(path: AttributePath): string {
  return path
    .map((step) => (typeof step === 'number' ? `[${step}]` : typeof step === 'string' ? camelCase(step) : `["${step.key}"]`))
    .join('.')
    .replace(/\.\[/g, '[');
}

/**
 * Rewrites attribute names in a declaration's message into the construct's prop names,
 * leaving quoted user values alone ("webhook_active is true" -> "webhookActive is true").
 */
function inPropTerms(text: string, vocabulary: Set<string>): string {
  return text
    .split(/("[^"]*")/)
    .map((part, index) =>
      index % 2 === 1 ? part : part.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (word) => (vocabulary.has(word) ? camelCase(word) : word)),
    )
    .join('');
}

function describe(scope: IConstruct, diagnostic: Diagnostic, vocabulary: Set<string>): string {
  const detail = inPropTerms(diagnostic.detail ?? diagnostic.summary, vocabulary);
  const where = diagnostic.attribute?.length ? `${propName(diagnostic.attribute)} of ${scope.node.path}` : scope.node.path;
  return `${where}: ${detail}`;
}
