/** Elastic Path's write-only secrets: the configuration rules, and rotation noticed through fingerprints in private state. */
import type { EpIntegration } from '../../api/elasticpath';
import { Diagnostics, PrivateState, type PlainObject } from '../../provider/framework/types';
import { toState } from '../../provider/elasticpath/integration-resource';
import { validateIntegrationConfig } from '../../provider/elasticpath/schema';
import { SecretFingerprints } from '../../provider/common/secret-fingerprints';

function problems(type: string, configuration: PlainObject): string[] {
  const diagnostics = new Diagnostics();
  validateIntegrationConfig({ integration_type: type, configuration }, diagnostics);
  return diagnostics.items.map((d) => `${d.attribute?.join('.')}: ${d.detail}`);
}

const sqs = { url: 'https://sqs.eu-west-1.amazonaws.com/1/q', aws_access_key_id: 'AKIA', region: 'eu-west-1' };

describe('configuration rules', () => {
  test('the write-only form satisfies a required secret', () => {
    expect(problems('aws_sqs', { ...sqs, aws_secret_access_key_wo: 'secret', aws_secret_access_key_wo_version: 1 })).toEqual([]);
    expect(problems('stomp', { addresses: ['stomp://b:61613'], destination: '/q', username: 'u', password_wo: 'p', password_wo_version: 1 })).toEqual([]);
  });

  test('a missing secret names both forms', () => {
    expect(problems('aws_sqs', sqs)).toEqual([
      expect.stringMatching(/^configuration\.aws_secret_access_key: A aws_sqs integration requires configuration\.aws_secret_access_key: set it .*write-only form configuration\.aws_secret_access_key_wo with configuration\.aws_secret_access_key_wo_version \(Terraform 1\.11 or later\)/),
    ]);
  });

  test('the stored and write-only forms conflict', () => {
    expect(problems('webhook', { url: 'https://h.example.com', secret_key: 'a', secret_key_wo: 'b', secret_key_wo_version: 1 })).toEqual([
      expect.stringMatching(/^configuration\.secret_key_wo: Set only one of configuration\.secret_key and configuration\.secret_key_wo/),
    ]);
  });

  test('the write-only value and its version go together', () => {
    expect(problems('webhook', { url: 'https://h.example.com', secret_key_wo: 'b' })).toEqual([
      expect.stringMatching(/^configuration\.secret_key_wo_version: configuration\.secret_key_wo goes with configuration\.secret_key_wo_version: set it to 1/),
    ]);
    expect(problems('webhook', { url: 'https://h.example.com', secret_key_wo_version: 1 })).toEqual([
      expect.stringMatching(/^configuration\.secret_key_wo_version: configuration\.secret_key_wo_version only counts/),
    ]);
  });

  test('a write-only secret of another integration type is refused', () => {
    expect(problems('webhook', { url: 'https://h.example.com', password_wo: 'p', password_wo_version: 1 })).toEqual([
      expect.stringMatching(/^configuration\.password_wo: configuration\.password_wo is only used by stomp integrations/),
      expect.stringMatching(/^configuration\.password_wo_version: configuration\.password_wo_version is only used by stomp integrations/),
    ]);
  });
});

describe('rotation through fingerprints', () => {
  const remote = (password: string): EpIntegration =>
    ({
      id: 'i-1',
      type: 'integration',
      name: 'broker',
      integration_type: 'stomp',
      observes: ['order.paid'],
      configuration: { addresses: ['stomp://b:61613'], destination: '/q', username: 'u', password },
    }) as EpIntegration;
  const known = { configuration: { password_wo_version: 3 } };

  function fingerprinted(answered: string): PrivateState {
    const privateState = new PrivateState();
    new SecretFingerprints(privateState).remember('password_wo', answered, true);
    return privateState;
  }

  test('an answer that still matches keeps the version; neither the secret nor its mask is in state', () => {
    const privateState = fingerprinted('*******Zq7t');
    const state = toState(remote('*******Zq7t'), known, new SecretFingerprints(privateState));
    expect(state.configuration).toMatchObject({ password: null, password_wo: null, password_wo_version: 3 });
    expect(JSON.stringify(privateState.entries())).not.toMatch(/Zq7t/);
  });

  test('a different answer reads the version as null, so the next plan sends the secret again', () => {
    const state = toState(remote('*******XXXX'), known, new SecretFingerprints(fingerprinted('*******Zq7t')));
    expect(state.configuration).toMatchObject({ password: null, password_wo: null, password_wo_version: null });
  });

  test('fingerprints are salted: the same answer gives different private bytes each time', () => {
    expect(fingerprinted('secret').entries()).not.toEqual(fingerprinted('secret').entries());
  });

  test('without a fingerprint (imported, or the stored form) the stored field reads from the API as before', () => {
    const state = toState(remote('*******Zq7t'), null);
    expect(state.configuration).toMatchObject({ password: '*******Zq7t', password_wo: null, password_wo_version: null });
  });
});
