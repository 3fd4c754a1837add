import { assertResponseMatchesSpec, requestSpecErrors } from './support/contract';

// The contract checker guards every other emulator test, so it must reject what the specs reject.

test('accepts a documented response and rejects one with a wrongly typed field', () => {
  const integration = {
    id: 1, shop_name: 'A', shop_url: 'https://a.example.com/', type: 'api', started_failing_at: null, last_fetched_at: null,
    created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z', service_point_enabled: false,
    service_point_carriers: [], webhook_active: false, webhook_url: null, feedback_type: 'eager',
  };
  expect(() => assertResponseMatchesSpec('sendcloud-v3', 'GET', '/integrations/{id}', 200, JSON.stringify({ data: integration }))).not.toThrow();
  expect(() => assertResponseMatchesSpec('sendcloud-v3', 'GET', '/integrations/{id}', 200, JSON.stringify({ data: { ...integration, id: '1' } })))
    .toThrow(/does not match the spec/);
  expect(() => assertResponseMatchesSpec('sendcloud-v3', 'GET', '/integrations/{id}', 200, JSON.stringify({ data: { ...integration, feedback_type: 'later' } })))
    .toThrow(/does not match the spec/);
});

test('rejects a v2 integration missing a required field', () => {
  const body = [{ id: 1, shop_name: 'A', last_updated_at: '2024-01-01T00:00:00Z' }];
  expect(() => assertResponseMatchesSpec('sendcloud-v2', 'GET', '/integrations', 200, JSON.stringify(body))).toThrow(/system/);
});

test('rejects a body where the spec documents none, and an undocumented success status', () => {
  expect(() => assertResponseMatchesSpec('sendcloud-v3', 'PATCH', '/integrations/{id}', 204, '')).not.toThrow();
  expect(() => assertResponseMatchesSpec('sendcloud-v3', 'PATCH', '/integrations/{id}', 204, '{}')).toThrow(/documents no body/);
  expect(() => assertResponseMatchesSpec('sendcloud-v3', 'PATCH', '/integrations/{id}', 200, '{}')).toThrow(/not documented/);
});

test('checks undocumented error statuses against the API error format', () => {
  expect(() => assertResponseMatchesSpec('elasticpath', 'GET', '/integrations', 401, JSON.stringify({ errors: [{ status: 401, title: 'Unauthorized' }] })))
    .not.toThrow();
  expect(() => assertResponseMatchesSpec('elasticpath', 'GET', '/integrations', 401, JSON.stringify({ message: 'Unauthorized' })))
    .toThrow(/error format/);
  expect(() => assertResponseMatchesSpec('sendcloud-v2', 'GET', '/integrations', 429, JSON.stringify({ error: { code: 429 } })))
    .toThrow(/error format/);
});

test('Elastic Path links must be URIs and timestamps date-times', () => {
  const data = {
    id: 'x', type: 'integration', name: 'n', integration_type: 'webhook', observes: [], configuration: { url: 'https://a.example.com' },
    links: { self: 'http://127.0.0.1:1/v2/integrations/x' }, meta: { timestamps: { created_at: '2024-01-01T00:00:00Z', updated_at: 'yesterday' } },
  };
  expect(() => assertResponseMatchesSpec('elasticpath', 'GET', '/integrations/{integration_uuid}', 200, JSON.stringify({ data })))
    .toThrow(/date-time/);
});

test('request schemas reject bodies the spec forbids', () => {
  expect(requestSpecErrors('elasticpath', 'POST', '/integrations', { data: { type: 'integration', name: 'n' } })).not.toEqual([]);
  expect(requestSpecErrors('sendcloud-v3', 'PATCH', '/integrations/{id}', { feedback_type: 'eager' })).toEqual([]);
  expect(requestSpecErrors('sendcloud-v3', 'PATCH', '/integrations/{id}', { shop_name: '' })).not.toEqual([]);
});
