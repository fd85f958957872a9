export * from './domain/index.js';
export * from './planner/index.js';
export * from './geometry/index.js';
export * from './sampling/index.js';
export * from './render/index.js';
export * from './analysis/index.js';
export * from './i18n/index.js';
export * from './registration/index.js';
