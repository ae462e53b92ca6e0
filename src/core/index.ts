/** The core's public surface: everything the CLI and the extension use comes through here. */
export * from './capabilities';
export * from './client';
export * from './connectionCheck';
export * from './discovery';
export * from './editInputs';
export * from './errors';
export * from './files/fileStore';
export * from './files/nodeFileStore';
export * from './forwardProxy';
export * from './trust';
export * from './callCost';
export * from './costEstimate';
export * from './modelPrices';
export * from './imageBytes';
export * from './imageOptions';
export * from './imagesResponse';
export * from './logger';
export * from './messages';
export * from './modelRef';
export * from './networkPolicy';
export * from './downloadPolicy';
export * from './producedImage';
export * from './provenance';
export * from './requestPlan';
export * from './saveImages';
export * from './saveResult';
export * from './settings';
export * from './sizeRule';
export * from './history';
export * from './historyDetails';
export * from './workspacePaths';
export * from './useCases/imagePlans';

// The Studio's one seam into this bundle (the Studio is not part of the core, and nothing else here imports
// src/shared): the host validates webview messages with zod and builds the composer's view from the core's option
// lists, both of which only this lazily loaded bundle carries. Re-exported here, they are reached through loadCore()
// instead of bundling a second zod and core files into dist/studio.js (test/unit/architecture.test.ts).
export { parseWebviewMessage } from '../shared/studio/webviewMessages';
export { modelOptionsView } from '../shared/studio/modelOptionsView';
export * from './useCases/rerunPlan';
