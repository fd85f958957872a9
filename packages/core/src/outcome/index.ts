export * from './measure-outcome.js';
