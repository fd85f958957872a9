export * from './srgb.js';
export * from './density-field.js';
export * from './impression-set.js';
export * from './render-stage.js';
export * from './simulate.js';
export * from './preview-engine.js';
