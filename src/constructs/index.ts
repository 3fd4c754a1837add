export * from './providers';
export * from './elasticpath-integration';
export * from './sendcloud-integration';
export * from './integrations-exclusive';
export * from './secret-inputs';
export * from './sendcloud-order-statuses';
