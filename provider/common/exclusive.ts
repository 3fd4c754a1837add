/**
 * Exclusive management of a provider configuration's integrations, shared by
 * `elasticpath_integrations_exclusive` and `sendcloud_integrations_exclusive`.
 *
 * As the AWS provider's `*_exclusive` resources do, the configuration names the ids it owns;
 * Read fills the computed `unmanaged` attribute with every other integration of the store
 * (minus the names `ignore_names` matches). With prune on, the plan sets `unmanaged` to an
 * empty list, so `terraform plan` shows the undeclared integrations going away as an in-place
 * update, and apply deletes exactly those the plan showed. With prune off the planned value is
 * what Read found: no diff, nothing deleted, and a warning lists them. `unmanaged` holds no
 * secret: only id, name, type, enabled, observes and a destination built from non-sensitive fields.
 */
import {
  type AttributeSchema,
  type Diagnostics,
  type PlainObject,
  type PlainValue,
  type ResourceModifyPlanRequest,
  type Schema,
  UNKNOWN,
  isUnknown,
} from '../framework/types';

/** Resource type names of exclusive management end with this; the drift report looks for it. */
export const EXCLUSIVE_TYPE_SUFFIX = '_integrations_exclusive';
/** The computed attribute holding the undeclared integrations. */
export const UNMANAGED_ATTRIBUTE = 'unmanaged';

/** One undeclared integration as `unmanaged` holds it (the same shape for every vendor). */
export interface UnmanagedIntegration {
  id: string;
  name: string | null;
  type: string | null;
  enabled: boolean | null;
  observes: string[] | null;
  destination: string | null;
}

export const UNMANAGED_OBJECT_TYPE = {
  object: { id: 'string', name: 'string', type: 'string', enabled: 'bool', observes: { list: 'string' }, destination: 'string' },
} as const;

/** A name matches a glob when the whole name fits it: `*` any run of characters, `?` one character. */
export function matchesGlob(name: string, glob: string): boolean {
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`, 's').test(name);
}

function knownStrings(value: PlainValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((element): element is string => typeof element === 'string') : [];
}

function hasUnknown(value: PlainValue | undefined): boolean {
  return isUnknown(value) || (Array.isArray(value) && value.some((element) => isUnknown(element)));
}

/**
 * The integrations neither `integrationIds` declares nor `ignoreNames` matches. Unknown
 * elements (ids of integrations not created yet) cannot name an existing one, so they are skipped.
 */
export function undeclared(
  integrations: readonly UnmanagedIntegration[],
  integrationIds: PlainValue | undefined,
  ignoreNames: PlainValue | undefined,
): UnmanagedIntegration[] {
  const declared = new Set(knownStrings(integrationIds));
  const globs = knownStrings(ignoreNames);
  return integrations
    .filter((integration) => !declared.has(integration.id))
    .filter((integration) => !globs.some((glob) => matchesGlob(integration.name ?? '', glob)))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.id.localeCompare(b.id));
}

function asUnmanaged(value: PlainValue | undefined): UnmanagedIntegration[] {
  return Array.isArray(value) ? (value.filter((entry) => entry !== null && typeof entry === 'object') as unknown as UnmanagedIntegration[]) : [];
}

export interface ExclusiveSchemaOptions {
  /** "Elastic Path" or "Sendcloud". */
  readonly vendor: string;
  /** What the resource's id is, and so the id `terraform import` takes. */
  readonly idDescription: string;
  /** What `ignore_names` is matched against. */
  readonly nameDescription: string;
  /** Whether the vendor lets undeclared integrations be deleted. */
  readonly prunable: boolean;
}

export function exclusiveSchema(options: ExclusiveSchemaOptions): Schema {
  const attributes: Record<string, AttributeSchema> = {
    id: { type: 'string', computed: true, description: options.idDescription, planModifiers: ['useStateForUnknown'] },
    integration_ids: {
      type: { set: 'string' },
      required: true,
      description: `The ids of the ${options.vendor} integrations this configuration owns, normally references to the integration resources' ids.`,
    },
    ignore_names: {
      type: { set: 'string' },
      optional: true,
      description: `Glob patterns (* and ?) of ${options.nameDescription} owned elsewhere (another repository, the vendor's own apps): matching integrations are never reported${options.prunable ? ' or removed' : ''}.`,
      validate: (value) =>
        Array.isArray(value) && value.some((glob) => glob === '')
          ? 'holds an empty pattern, which matches no name: remove it, or use "*" to ignore every name'
          : undefined,
    },
    [UNMANAGED_ATTRIBUTE]: {
      type: { list: UNMANAGED_OBJECT_TYPE },
      computed: true,
      description:
        `The ${options.vendor} integrations that are neither declared in integration_ids nor matched by ignore_names ` +
        '(id, name, type, enabled, observes, destination; never a secret).',
    },
  };
  if (options.prunable) {
    attributes.prune = {
      type: 'bool',
      optional: true,
      computed: true,
      default: false,
      description:
        'When true, apply deletes the undeclared integrations the plan shows (the first apply, which creates this resource, only records them). ' +
        'When false (the default) they are reported only.',
    };
  }
  return {
    description:
      `Exclusive management of the ${options.vendor} integrations of one provider configuration: the plan lists every integration ` +
      `that integration_ids does not declare${options.prunable ? ', and with prune = true apply deletes them' : ' (report only)'}.`,
    attributes,
  };
}

/**
 * Plans `unmanaged`: empty when pruning (a visible in-place update), else what Read found minus
 * what the configuration now declares or ignores. Warns, listing them, when they stay.
 */
export function planUnmanaged<Data>(
  req: ResourceModifyPlanRequest<Data>,
  /** Names the store or account for the warning, from the resource's id (Terraform merges warnings with one summary). */
  scope: (id: string) => string,
  diagnostics: Diagnostics,
): PlainObject | null {
  const { plan, prior } = req;
  if (!plan) return plan;
  if (!prior) return { ...plan, [UNMANAGED_ATTRIBUTE]: UNKNOWN };
  if (plan.prune === true) return { ...plan, id: prior.id, [UNMANAGED_ATTRIBUTE]: [] };
  const remaining = undeclared(asUnmanaged(prior[UNMANAGED_ATTRIBUTE]), plan.integration_ids, plan.ignore_names);
  const settled = !hasUnknown(plan.integration_ids) && !hasUnknown(plan.ignore_names);
  if (remaining.length > 0) {
    diagnostics.warning(
      `${remaining.length} integration(s) of ${scope(String(prior.id))} not declared in this configuration`,
      `${remaining.map(describeUnmanaged).join('\n')}\n` +
        `Declare them, add their names to ignore_names, or${plan.prune === false ? ' set prune = true to delete them on apply' : ' remove them in the vendor\'s dashboard'}.`,
    );
  }
  return { ...plan, id: prior.id, [UNMANAGED_ATTRIBUTE]: settled ? (remaining as unknown as PlainValue) : UNKNOWN };
}

/** One line of the plan warning: id, name, type, destination, enabled, observes (what `unmanaged` holds, no secret). */
export function describeUnmanaged(integration: UnmanagedIntegration): string {
  const parts = [
    integration.type,
    integration.destination,
    integration.enabled === null ? null : integration.enabled ? 'enabled' : 'disabled',
    integration.observes && integration.observes.length > 0 ? `observes ${integration.observes.join(', ')}` : null,
  ].filter((part) => part);
  return `  ${integration.id} "${integration.name ?? ''}"${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** The undeclared integrations the prior state listed that the configuration still neither declares nor ignores. */
export function toPrune(prior: PlainObject, plan: PlainObject): UnmanagedIntegration[] {
  return undeclared(asUnmanaged(prior[UNMANAGED_ATTRIBUTE]), plan.integration_ids, plan.ignore_names);
}

/** `state` with `unmanaged` filled from the store's integrations (the list refresh already fetched, when there is one). */
export async function withUnmanaged<T>(
  integrations: () => Promise<T[]>,
  toUnmanaged: (integration: T) => UnmanagedIntegration,
  state: PlainObject,
): Promise<PlainObject> {
  const all = (await integrations()).map(toUnmanaged);
  return { ...state, [UNMANAGED_ATTRIBUTE]: undeclared(all, state.integration_ids, state.ignore_names) as unknown as PlainValue };
}
