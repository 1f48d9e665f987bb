/**
 * Domain engines: nesting, decision thresholds, budget envelopes, the dependency map,
 * templates and the guided setup. Pure functions on plain data.
 */
export * from './budget';
export * from './dependency-graph';
export * from './format';
export * from './hierarchy';
export * from './order';
export * from './policy';
export * from './setup-guide';
export * from './templates';
