export * from './domain/index.js';
export * from './planner/index.js';
