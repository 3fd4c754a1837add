/**
 * Elastic Path's observable events, as its Integrations documentation lists them
 * (the "Observable Events" table). Custom API entries publish `<slug>.created`,
 * `<slug>.updated` and `<slug>.deleted`, so any other slug with those actions is accepted.
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
};

/** The most events one integration may observe (the API answers "You have reached the integration event limit of 5"). */
export const MAX_OBSERVED_EVENTS = 5;

const CUSTOM_API_ACTIONS = ['created', 'updated', 'deleted'];
const CUSTOM_API_SLUG = /^[a-z0-9][a-z0-9_-]*$/i;

/** Returns why `event` is not an observable event, or undefined when it is one. */
export function checkObservableEvent(event: string): string | undefined {
  const dot = event.lastIndexOf('.');
  const entity = dot > 0 ? event.slice(0, dot) : '';
  const action = dot > 0 ? event.slice(dot + 1) : '';
  const documented = DOCUMENTED_EVENTS[entity];
  if (documented) {
    if (documented.includes(action)) return undefined;
    return `"${event}" is not an observable event: ${entity} publishes ${documented.map((a) => `${entity}.${a}`).join(', ')}`;
  }
  if (CUSTOM_API_SLUG.test(entity) && CUSTOM_API_ACTIONS.includes(action)) return undefined;
  return (
    `"${event}" is not an observable event: use one of Elastic Path's documented events ` +
    `(for example order.paid, customer.created) or <custom-api-slug>.created|updated|deleted`
  );
}
