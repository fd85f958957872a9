export * from './rng.js';
export * from './sample-impressions.js';
export * from './progressive.js';
export * from './point-set-metrics.js';
export * from './point-pattern-statistics.js';
export * from './natural-pattern.js';
