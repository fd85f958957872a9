export * from './polygon.js';
export * from './distance-transform.js';
export * from './value-noise.js';
export * from './brush-outline.js';
