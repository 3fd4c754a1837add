/** The receiver helpers accept exactly the right values and nothing else. */
import { signSendcloudBody, verifyElasticPathWebhook, verifySendcloudSignature } from '../../src';

describe('verifySendcloudSignature', () => {
  // The example in Sendcloud's webhook documentation.
  const documentedBody = '{"key": "value"}';
  const documentedSignature = '1eed4b3d41f4653ac64fd56f1bf1cbfd349e4482cbc11dff7134bd93e5da4b0a';

  test("matches the documentation's example", () => {
    expect(signSendcloudBody(documentedBody, 'secretkey')).toBe(documentedSignature);
    expect(verifySendcloudSignature(documentedBody, documentedSignature, 'secretkey')).toBe(true);
    expect(verifySendcloudSignature(Buffer.from(documentedBody), documentedSignature.toUpperCase(), 'secretkey')).toBe(true);
  });

  test('rejects a tampered body, a wrong secret, a wrong or truncated signature', () => {
    expect(verifySendcloudSignature('{"key": "value2"}', documentedSignature, 'secretkey')).toBe(false);
    expect(verifySendcloudSignature('{"key":"value"}', documentedSignature, 'secretkey')).toBe(false);
    expect(verifySendcloudSignature(documentedBody, documentedSignature, 'other-secret')).toBe(false);
    expect(verifySendcloudSignature(documentedBody, documentedSignature.slice(0, 63), 'secretkey')).toBe(false);
    expect(verifySendcloudSignature(documentedBody, `${documentedSignature.slice(0, 63)}b`, 'secretkey')).toBe(false);
  });

  test('rejects missing values', () => {
    expect(verifySendcloudSignature(documentedBody, undefined, 'secretkey')).toBe(false);
    expect(verifySendcloudSignature(documentedBody, null, 'secretkey')).toBe(false);
    expect(verifySendcloudSignature(documentedBody, '', 'secretkey')).toBe(false);
    expect(verifySendcloudSignature(documentedBody, documentedSignature, '')).toBe(false);
    // An empty secret would let anyone sign: never a match, even with the right HMAC.
    expect(verifySendcloudSignature(documentedBody, signSendcloudBody(documentedBody, ''), '')).toBe(false);
    expect(verifySendcloudSignature(undefined as unknown as string, documentedSignature, 'secretkey')).toBe(false);
  });
});

describe('verifyElasticPathWebhook', () => {
  test('accepts the secret in any header bag and any header-name case', () => {
    expect(verifyElasticPathWebhook({ 'x-moltin-secret-key': 'whsec-1' }, 'whsec-1')).toBe(true);
    expect(verifyElasticPathWebhook({ 'X-MOLTIN-SECRET-KEY': 'whsec-1' }, 'whsec-1')).toBe(true);
    expect(verifyElasticPathWebhook({ 'x-moltin-secret-key': ['whsec-1'] }, 'whsec-1')).toBe(true);
    expect(verifyElasticPathWebhook(new Headers({ 'X-Moltin-Secret-Key': 'whsec-1' }), 'whsec-1')).toBe(true);
  });

  test('rejects wrong and missing values', () => {
    expect(verifyElasticPathWebhook({ 'x-moltin-secret-key': 'whsec-2' }, 'whsec-1')).toBe(false);
    expect(verifyElasticPathWebhook({ 'x-moltin-secret-key': 'whsec-1 ' }, 'whsec-1')).toBe(false);
    expect(verifyElasticPathWebhook({ 'x-moltin-secret-key': 'whsec-' }, 'whsec-1')).toBe(false);
    expect(verifyElasticPathWebhook({}, 'whsec-1')).toBe(false);
    expect(verifyElasticPathWebhook({ 'x-moltin-secret-key': undefined }, 'whsec-1')).toBe(false);
    expect(verifyElasticPathWebhook({ 'x-moltin-secret-key': '' }, '')).toBe(false);
    expect(verifyElasticPathWebhook({ 'x-moltin-secret-key': 'whsec-1' }, '')).toBe(false);
    expect(verifyElasticPathWebhook(new Headers(), 'whsec-1')).toBe(false);
  });
});
