export * from './providers';
export * from './elasticpath-integration';
export * from './sendcloud-integration';
export * from './secret-inputs';
