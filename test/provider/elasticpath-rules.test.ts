import { Diagnostics } from '../../provider/framework/types';
import { checkObservableEvent } from '../../provider/elasticpath/events';
import { INTEGRATION_SCHEMA, validateIntegrationConfig } from '../../provider/elasticpath/schema';
import { isMaskOf, isSameIntegration, toState } from '../../provider/elasticpath/integration-resource';

const observes = INTEGRATION_SCHEMA.attributes.observes;

test('documented and custom API events are accepted', () => {
  for (const event of ['order.paid', 'order.refunded', 'cart.deleted', 'account-member.created', 'wishlist.created', 'my_entries.deleted']) {
    expect(checkObservableEvent(event)).toBeUndefined();
  }
});

test('fails when an event is not observable, naming what the entity publishes', () => {
  expect(checkObservableEvent('order.shipped')).toMatch(/order\.paid/);
  expect(checkObservableEvent('cart.created')).toMatch(/cart\.updated, cart\.deleted/);
  expect(checkObservableEvent('orderpaid')).toMatch(/documented events/);
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
