/** The core's public surface: everything the CLI and the extension use comes through here. */
export * from './capabilities';
export * from './client';
export * from './connectionCheck';
export * from './discovery';
export * from './errors';
export * from './imageBytes';
export * from './imageOptions';
export * from './imagesResponse';
export * from './logger';
export * from './modelRef';
export * from './networkPolicy';
export * from './provenance';
export * from './requestPlan';
export * from './saveImages';
export * from './settings';
