export * from './units';
export * from './plans';
export * from './indicators';
export * from './users';
export * from './observations';
export * from './imports';
export * from './audit';
