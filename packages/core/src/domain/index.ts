export * from './common.schema.js';
export * from './staff.schema.js';
export * from './client.schema.js';
export * from './audit.schema.js';
export * from './search-text.js';
export * from './assessment.schema.js';
export * from './plan.schema.js';
