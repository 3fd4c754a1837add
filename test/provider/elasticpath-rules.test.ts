import { Diagnostics } from '../../provider/framework/types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkObservableEvent, classifyEvent, undocumentedEventWarning } from '../../api/elasticpath-events';
import { INTEGRATION_SCHEMA, validateIntegrationConfig, warnAboutUndocumentedEvents } from '../../provider/elasticpath/schema';
import { isMaskOf, isSameIntegration, toState } from '../../provider/elasticpath/integration-resource';
import { SPECS_DIR } from '../contract/specs-dir';

const observes = INTEGRATION_SCHEMA.attributes.observes;

test('documented, Subscriptions and custom API events are accepted without a warning', () => {
  const events = [
    'order.paid', 'order.refunded', 'cart.deleted', 'account-member.created', 'wishlist.created', 'my_entries.deleted',
    'subscription.paused', 'subscription.pending_cancel', 'subscription.create-failed', 'subscription-invoice.created', 'subscription-subscriber.deleted',
  ];
  for (const event of events) {
    expect(checkObservableEvent(event)).toBeUndefined();
    expect(undocumentedEventWarning(event)).toBeUndefined();
  }
});

test('the catalog holds every event of the Subscriptions page', () => {
  const page = fs.readFileSync(path.join(SPECS_DIR, 'elasticpath', 'subscriptions-observable-events.md'), 'utf8');
  const table = page.slice(0, page.indexOf('Note the mixed'));
  const listed = [...table.matchAll(/`(subscription[a-z-]*\.[a-z_-]+)`/g)].map((match) => match[1]);
  expect(listed.length).toBeGreaterThan(25);
  for (const event of listed) expect([event, classifyEvent(event)]).toEqual([event, 'documented']);
});

test('an undocumented event is a warning naming it and saying the API decides, not an error', () => {
  expect(checkObservableEvent('order.shipped')).toBeUndefined();
  expect(undocumentedEventWarning('order.shipped')).toMatch(/"order.shipped" is not among .*order is documented to publish order.created, .*order.paid.*The API will decide/);
  expect(undocumentedEventWarning('shipment.dispatched')).toMatch(/"shipment.dispatched" .*custom API publishes only <slug>.created.*The API will decide/);

  const config = { integration_type: 'webhook', observes: ['order.paid', 'shipment.dispatched'], configuration: { url: 'https://x.example.com' } };
  const validation = new Diagnostics();
  validateIntegrationConfig(config, validation);
  // Given when planning, not when validating (Terraform validates twice per plan).
  expect(validation.items).toEqual([]);
  const diagnostics = new Diagnostics();
  warnAboutUndocumentedEvents(config, diagnostics);
  expect(diagnostics.items).toEqual([
    expect.objectContaining({ severity: 'warning', summary: 'Undocumented event shipment.dispatched', attribute: ['observes'] }),
  ]);
  expect(observes.validate?.(['shipment.dispatched'])).toBeUndefined();
});

test('fails when a name is not an event name at all', () => {
  for (const event of ['orderpaid', 'Order Paid', 'order.', '.paid', '']) {
    expect(checkObservableEvent(event)).toMatch(/is not an event name: events are <entity>.<action>/);
  }
});

test('fails when more than 5 events are observed', () => {
  const six = ['order.created', 'order.paid', 'order.updated', 'order.fulfilled', 'order.cancelled', 'order.refunded'];
  expect(observes.validate?.(six)).toMatch(/at most 5/);
  expect(observes.validate?.(six.slice(0, 5))).toBeUndefined();
});

test('each integration type requires its own configuration fields and refuses the others', () => {
  const diagnostics = new Diagnostics();
  validateIntegrationConfig(
    { integration_type: 'aws_sqs', configuration: { url: 'https://sqs', aws_access_key_id: null, aws_secret_access_key: 'x', region: null, username: 'u' } },
    diagnostics,
  );
  const paths = diagnostics.items.map((d) => d.attribute?.join('.'));
  expect(paths).toEqual(['configuration.aws_access_key_id', 'configuration.region', 'configuration.username']);
  expect(diagnostics.items[0].detail).toMatch(/aws_sqs integration requires configuration.aws_access_key_id/);
  expect(diagnostics.items[2].detail).toMatch(/only used by stomp/);
});

test('a masked answer keeps the declared secret while its last 4 characters match', () => {
  expect(isMaskOf('****************JIMB', 'AKIAABCDEFGHIJKLJIMB')).toBe(true);
  expect(isMaskOf('****************XXXX', 'AKIAABCDEFGHIJKLJIMB')).toBe(false);
  expect(isMaskOf('JIMB', 'AKIAABCDEFGHIJKLJIMB')).toBe(false);

  const known = {
    configuration: { url: 'https://sqs', aws_access_key_id: 'AKIAABCDEFGHIJKLJIMB', aws_secret_access_key: 'secret-value-0001', region: 'eu-west-1' },
  };
  const state = toState(
    {
      id: '1',
      type: 'integration',
      name: 'n',
      integration_type: 'aws_sqs',
      observes: ['order.paid'],
      configuration: { url: 'https://sqs', aws_access_key_id: '****************JIMB', aws_secret_access_key: '*************9999', region: 'eu-west-1' },
    },
    known,
  );
  const configuration = state.configuration as Record<string, unknown>;
  expect(configuration.aws_access_key_id).toBe('AKIAABCDEFGHIJKLJIMB');
  expect(configuration.aws_secret_access_key).toBe('*************9999');
});

test('a lost create is recognised only by an exact match of the declared attributes', () => {
  const wanted = {
    name: 'Orders',
    integration_type: 'aws_sqs' as const,
    observes: ['order.paid', 'order.created'],
    configuration: { url: 'https://sqs', aws_access_key_id: 'AKIAABCDEFGHIJKLJIMB', aws_secret_access_key: 'secret-value-0001', region: 'eu-west-1' },
  };
  const remote = {
    id: 'x',
    type: 'integration' as const,
    name: 'Orders',
    integration_type: 'aws_sqs' as const,
    observes: ['order.created', 'order.paid'],
    configuration: { url: 'https://sqs', aws_access_key_id: '****************JIMB', aws_secret_access_key: '*************0001', region: 'eu-west-1' },
  };
  expect(isSameIntegration(remote, wanted)).toBe(true);
  expect(isSameIntegration({ ...remote, name: 'Orders 2' }, wanted)).toBe(false);
  expect(isSameIntegration({ ...remote, observes: ['order.paid'] }, wanted)).toBe(false);
  expect(isSameIntegration({ ...remote, configuration: { ...remote.configuration, region: 'us-east-1' } }, wanted)).toBe(false);
  expect(isSameIntegration({ ...remote, configuration: { ...remote.configuration, aws_secret_access_key: '*************9999' } }, wanted)).toBe(false);
});
