/** The Image Studio's host side, bundled on its own as dist/studio.js and loaded when the panel first opens. */
export { StudioPanel, type StudioProbe } from './studioPanel';
