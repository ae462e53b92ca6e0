/**
 * The webview's link to the extension host: typed messages out, and the small persisted state that lets a reloaded
 * panel paint the composer before the host answers. `acquireVsCodeApi` may be called only once per page.
 */
import type { ComposerDraft, WebviewMessage } from '../shared/studio/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What survives a webview reload (VS Code keeps it per panel). */
export interface PersistedState {
  draft: ComposerDraft;
  /** The host's composerRevision the draft descends from; a different one means the host replaced the composer. */
  composerRevision?: number;
  /** Text typed into the custom size box, kept even while it is not (yet) a valid size. */
  customSize?: string;
}

export interface Host {
  post(message: WebviewMessage): void;
  load(): PersistedState | undefined;
  save(state: PersistedState): void;
}

export function connectHost(): Host {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    load: () => {
      const state = api.getState() as Partial<PersistedState> | undefined;
      return state && typeof state === 'object' && state.draft && typeof state.draft.prompt === 'string'
        ? (state as PersistedState)
        : undefined;
    },
    save: (state) => api.setState(state),
  };
}
