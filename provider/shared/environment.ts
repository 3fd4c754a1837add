/**
 * The environment variables each provider setting falls back to. The providers' configure
 * and `cdktf-integrations generate` (which lists a store with the same credentials) read them
 * from here.
 */
export const ELASTICPATH_ENVIRONMENT = {
  client_id: 'ELASTICPATH_CLIENT_ID',
  client_secret: 'ELASTICPATH_CLIENT_SECRET',
  api_base_url: 'ELASTICPATH_API_BASE_URL',
  store_id: 'ELASTICPATH_STORE_ID',
} as const;

export const SENDCLOUD_ENVIRONMENT = {
  public_key: 'SENDCLOUD_PUBLIC_KEY',
  secret_key: 'SENDCLOUD_SECRET_KEY',
  oauth_client_id: 'SENDCLOUD_OAUTH_CLIENT_ID',
  oauth_client_secret: 'SENDCLOUD_OAUTH_CLIENT_SECRET',
  oauth_token_url: 'SENDCLOUD_OAUTH_TOKEN_URL',
  api_base_url: 'SENDCLOUD_API_BASE_URL',
} as const;
