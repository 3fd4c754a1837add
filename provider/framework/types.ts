/**
 * The provider framework's public shapes: what a resource author sees.
 *
 * Resources receive and return plain JavaScript values (strings, numbers, booleans,
 * arrays, objects, `null`), with `UNKNOWN` standing for a value Terraform will only
 * know after apply. They never see gRPC, protobuf or msgpack: the protocol layer in
 * `provider/protocol/` converts at the edge, as terraform-plugin-framework does.
 */

/** A value that is not known until apply (msgpack extension type 0 on the wire). */
export const UNKNOWN: unique symbol = Symbol.for('commerce-iac.unknown');
export type Unknown = typeof UNKNOWN;

export type PlainValue =
  | string
  | number
  | boolean
  | null
  | Unknown
  | PlainValue[]
  | { [key: string]: PlainValue };

export type PlainObject = { [key: string]: PlainValue };

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

/** Terraform value types an attribute may have (cty types). */
export type AttributeType =
  | 'string'
  | 'number'
  | 'bool'
  | { list: AttributeType }
  | { set: AttributeType }
  | { map: AttributeType }
  | { object: Record<string, AttributeType> };

/** How a computed attribute's planned value is chosen (see terraform-plugin-framework's plan modifiers). */
export type PlanModifier =
  /** Keep the prior state's value instead of "known after apply" when the resource is updated. */
  | 'useStateForUnknown'
  /** A change to this attribute destroys and re-creates the resource. */
  | 'requiresReplace';

export interface AttributeSchema {
  /** The value type; omit when `nested` is given. */
  readonly type?: AttributeType;
  /** A single nested object of attributes (protocol v6 nested attribute, nesting SINGLE). */
  readonly nested?: Record<string, AttributeSchema>;
  readonly description: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  /**
   * Write-only (Terraform 1.11+, protocol 6.8): the value is read from the configuration by
   * create and update and is never stored. The framework returns it as null in every planned,
   * applied, read and imported state. Managed resources only; never together with computed.
   */
  readonly writeOnly?: boolean;
  /**
   * This number goes with the write-only attribute named here (a sibling): raising it sends
   * that value again. Reports show a change of it as a change of the write-only attribute.
   */
  readonly versionOf?: string;
  /**
   * Provider settings: the environment variable read when the attribute is not set. The one
   * declaration of the name: configure, `drift --health`, `generate` and the constructs'
   * advice all take it from here.
   */
  readonly env?: string;
  /** Applied at plan time when the configuration leaves an optional+computed attribute null. */
  readonly default?: PlainValue;
  readonly planModifiers?: readonly PlanModifier[];
  /** Checks a known, non-null configured value; returns a problem's detail or undefined. */
  readonly validate?: (value: PlainValue) => string | undefined;
}

export interface Schema {
  readonly version?: number;
  readonly description: string;
  readonly attributes: Record<string, AttributeSchema>;
}

/** A step of an attribute path: an attribute name, or a list index / map key. */
export type PathStep = string | number | { key: string };
export type AttributePath = PathStep[];

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly attribute?: AttributePath;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(summary: string, detail?: string, attribute?: AttributePath): void {
    this.items.push({ severity: 'error', summary, detail, attribute });
  }

  warning(summary: string, detail?: string, attribute?: AttributePath): void {
    this.items.push({ severity: 'warning', summary, detail, attribute });
  }

  append(other: Diagnostics | readonly Diagnostic[]): void {
    this.items.push(...(other instanceof Diagnostics ? other.items : other));
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** The result of a resource operation: a value and what went wrong or deserves a warning. */
export interface Result<T> {
  value: T;
  diagnostics: Diagnostics;
}

export interface ConfigureRequest {
  /** The provider block's values, every attribute present (null when unset, UNKNOWN when not known yet). */
  config: PlainObject;
  /** Terraform's version, e.g. "1.11.4". */
  terraformVersion: string;
}

/**
 * The resource's private state: provider-only data that Terraform keeps next to the state
 * (and in saved plans) without showing it or diffing it. Values are strings by key; the
 * framework carries them from apply to read to plan. Never put a secret here: state files
 * and plan files hold it as plain bytes.
 */
export class PrivateState {
  private readonly values: Record<string, string>;

  constructor(values: Record<string, string> = {}) {
    this.values = { ...values };
  }

  get(key: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.values, key) ? this.values[key] : undefined;
  }

  /** Sets a key; undefined removes it. */
  set(key: string, value: string | undefined): void {
    if (value === undefined) delete this.values[key];
    else this.values[key] = value;
  }

  entries(): Record<string, string> {
    return { ...this.values };
  }
}

export interface ResourceCreateRequest<Data> {
  plan: PlainObject;
  /** The configuration: the only place write-only attributes have their values. */
  config: PlainObject;
  client: Data;
  /** Empty on create; what create sets here is stored with the new state. */
  private: PrivateState;
}
export interface ResourceReadRequest<Data> {
  state: PlainObject;
  client: Data;
  /** What the last apply or read left; changes made here are stored with the refreshed state. */
  private: PrivateState;
}
export interface ResourceUpdateRequest<Data> {
  plan: PlainObject;
  prior: PlainObject;
  /** The configuration: the only place write-only attributes have their values. */
  config: PlainObject;
  client: Data;
  /** The prior private state; changes made here are stored with the updated state. */
  private: PrivateState;
}
export interface ResourceDeleteRequest<Data> {
  state: PlainObject;
  client: Data;
}
export interface ResourceModifyPlanRequest<Data = unknown> {
  /** Planned values after defaults and plan modifiers; null when the resource is being destroyed. */
  plan: PlainObject | null;
  prior: PlainObject | null;
  config: PlainObject | null;
  /** What the provider's configure returned; undefined when the provider is not configured yet. */
  client?: Data;
}

export interface ResourceDefinition<Data = unknown> {
  /** The full type name, e.g. "elasticpath_integration". */
  readonly typeName: string;
  readonly schema: Schema;
  /** Cross-attribute checks on the configuration (values may be UNKNOWN: skip those). */
  validateConfig?(config: PlainObject, diagnostics: Diagnostics): void;
  /** Adjusts the plan after the framework's defaults and plan modifiers (optional). */
  modifyPlan?(req: ResourceModifyPlanRequest<Data>, diagnostics: Diagnostics): PlainObject | null;
  create(req: ResourceCreateRequest<Data>, diagnostics: Diagnostics): Promise<PlainObject | null>;
  /** Returns null when the remote object is gone: the framework removes it from state. */
  read(req: ResourceReadRequest<Data>, diagnostics: Diagnostics): Promise<PlainObject | null>;
  update(req: ResourceUpdateRequest<Data>, diagnostics: Diagnostics): Promise<PlainObject | null>;
  delete(req: ResourceDeleteRequest<Data>, diagnostics: Diagnostics): Promise<void>;
  /** Builds the state to hand to read() for `terraform import`; the framework then calls read(). */
  importState?(id: string, diagnostics: Diagnostics): PlainObject;
}

export interface DataSourceDefinition<Data = unknown> {
  readonly typeName: string;
  readonly schema: Schema;
  validateConfig?(config: PlainObject, diagnostics: Diagnostics): void;
  read(req: { config: PlainObject; client: Data }, diagnostics: Diagnostics): Promise<PlainObject | null>;
}

export interface ProviderDefinition<Data = unknown> {
  /** The provider's local name, e.g. "elasticpath" (resource type names start with it). */
  readonly typeName: string;
  readonly version: string;
  readonly schema: Schema;
  validateConfig?(config: PlainObject, diagnostics: Diagnostics): void;
  /** Builds what resources need (an API client) from the provider block; called once per connection. */
  configure(req: ConfigureRequest, diagnostics: Diagnostics): Promise<Data | undefined>;
  /**
   * Loads what configure will need (the API client's module) ahead of it: a run host does it
   * while Terraform is busy between launches, so the first ConfigureProvider does not wait on it.
   */
  preload?(): void;
  readonly resources: readonly ResourceDefinition<Data>[];
  readonly dataSources: readonly DataSourceDefinition<Data>[];
}

/**
 * The provider, or a function returning it: a function is first called at the first RPC, so
 * loading the provider's modules (schemas, resources, the API client's errors) is not part of
 * the start that Terraform waits on before the handshake.
 */
export type ProviderSource = ProviderDefinition<any> | (() => ProviderDefinition<any>);
