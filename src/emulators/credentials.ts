/**
 * Fixed, documented credentials the emulators accept by default. They are visibly fake so
 * nobody mistakes them for (or replaces them with) real keys in examples and CI.
 */
export const EMULATOR_CREDENTIALS = {
  elasticpath: {
    clientId: 'emulator-client-id',
    clientSecret: 'emulator-client-secret',
  },
  sendcloud: {
    publicKey: 'emulator-public-key',
    secretKey: 'emulator-secret-key',
    oauthClientId: 'emulator-oauth-client-id',
    oauthClientSecret: 'emulator-oauth-client-secret',
  },
} as const satisfies {
  elasticpath: { clientId: string; clientSecret: string };
  sendcloud: { publicKey: string; secretKey: string; oauthClientId: string; oauthClientSecret: string };
};
