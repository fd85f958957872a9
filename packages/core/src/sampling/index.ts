export * from './rng.js';
export * from './sample-impressions.js';
export * from './progressive.js';
export * from './point-set-metrics.js';
