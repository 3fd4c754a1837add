/**
 * Elastic Path's observable events, as its documentation lists them: the Integrations
 * "Observable Events" table, and the Subscriptions "Observable Events" page it links to
 * (test/contract/specs/elasticpath/subscriptions-observable-events.md). Custom API entries
 * publish `<slug>.created`, `<slug>.updated` and `<slug>.deleted`.
 *
 * The vendor adds events faster than any copy of its catalog: an event that is neither
 * documented here nor a custom API event is a warning, and the API decides.
 */
export const DOCUMENTED_EVENTS: Readonly<Record<string, readonly string[]>> = {
  address: ['created', 'updated', 'deleted'],
  account: ['created', 'updated', 'deleted'],
  'account-member': ['created', 'updated', 'deleted'],
  'account-membership': ['created', 'updated', 'deleted'],
  cart: ['updated', 'deleted'],
  currency: ['created', 'updated', 'deleted'],
  customer: ['created', 'updated', 'deleted'],
  file: ['created', 'deleted'],
  integration: ['created', 'updated', 'deleted'],
  'one-time-password-token-request': ['created'],
  order: ['created', 'updated', 'paid', 'authorized', 'fulfilled', 'cancelled', 'refunded'],
  'payment-gateway': ['updated'],
  'catalog-release': ['created', 'updated', 'deleted'],
  'catalog-rule': ['created', 'updated', 'deleted'],
  settings: ['created', 'updated'],
  'stock-transaction': ['created'],
  transaction: ['created', 'updated'],
  'user-authentication-info': ['created', 'updated', 'deleted'],
  // Subscriptions (note the mixed separators: create-failed, pending_cancel).
  'subscription-product': ['created', 'updated', 'deleted'],
  'subscription-plan': ['created', 'updated', 'deleted'],
  'subscription-offering': ['created', 'updated', 'deleted'],
  subscription: ['created', 'create-failed', 'canceled', 'paused', 'pending_cancel', 'pending_pause', 'resumed', 'closed'],
  'subscription-job': ['created', 'updated', 'deleted'],
  'subscription-invoice': ['created', 'deleted'],
  'subscription-schedule': ['created', 'updated', 'deleted'],
  'subscription-subscriber': ['created', 'updated', 'deleted'],
};

/** The most events one integration may observe (the API answers "You have reached the integration event limit of 5"). */
export const MAX_OBSERVED_EVENTS = 5;

const CUSTOM_API_ACTIONS: readonly string[] = ['created', 'updated', 'deleted'];
const NAME_PART = /^[a-z0-9][a-z0-9_-]*$/i;

/** How an event name relates to the catalog. */
export type EventKind = 'documented' | 'custom-api' | 'undocumented' | 'malformed';

function split(event: string): { entity: string; action: string } {
  const dot = event.lastIndexOf('.');
  return dot > 0 ? { entity: event.slice(0, dot), action: event.slice(dot + 1) } : { entity: '', action: '' };
}

export function classifyEvent(event: string): EventKind {
  const { entity, action } = split(event);
  if (!NAME_PART.test(entity) || !NAME_PART.test(action)) return 'malformed';
  const documented = DOCUMENTED_EVENTS[entity];
  if (documented) return documented.includes(action) ? 'documented' : 'undocumented';
  return CUSTOM_API_ACTIONS.includes(action) ? 'custom-api' : 'undocumented';
}

/** Why `event` cannot be an event name at all (an error), or undefined. */
export function checkObservableEvent(event: string): string | undefined {
  if (classifyEvent(event) !== 'malformed') return undefined;
  return `"${event}" is not an event name: events are <entity>.<action>, for example order.paid, subscription.paused or <custom-api-slug>.created`;
}

/** A warning for an event the catalog does not list and that is not a custom API event, or undefined. */
export function undocumentedEventWarning(event: string): string | undefined {
  if (classifyEvent(event) !== 'undocumented') return undefined;
  const { entity } = split(event);
  const documented = DOCUMENTED_EVENTS[entity];
  const known = documented
    ? `${entity} is documented to publish ${documented.map((action) => `${entity}.${action}`).join(', ')}`
    : `a custom API publishes only <slug>.created, <slug>.updated and <slug>.deleted`;
  return (
    `"${event}" is not among Elastic Path's documented observable events (${known}). ` +
    'The API will decide whether it accepts it: check the spelling if apply then fails.'
  );
}
