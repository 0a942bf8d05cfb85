export * from './events';
export * from './snapshot';
export * from './protocol';
export * from './merge-patch';
export * from './thresholds';
export * from './history';
export * from './supervision';
