/**
 * What activation registers for the Image Studio: the Open Image Studio command and the serializer that restores the
 * panel after a reload. The Studio itself (panel, controller, history: dist/studio.js) is loaded the first time
 * either is used, so activation stays as small as before the Studio existed.
 */
import * as vscode from 'vscode';
import type * as Studio from './studio';
import { menuResources } from './commandArguments';
import { Commands, STUDIO_VIEW_TYPE } from './ids';
import type { Services } from './services';

type StudioModule = typeof Studio;
let loaded: StudioModule | undefined;

function loadStudio(): StudioModule {
  // A literal path esbuild leaves alone (external): resolved next to dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, deliberately late load
  loaded ??= require('./studio.js') as StudioModule;
  return loaded;
}

export function registerStudio(context: vscode.ExtensionContext, s: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openStudio, async (first: unknown, second: unknown) => {
      const resources = menuResources(first, second);
      const other = resources.find((u) => u.scheme !== 'file');
      if (other)
        void vscode.window.showWarningMessage(
          vscode.l10n.t('{0} is not a file on disk; the Studio opens without it.', other.toString(true)),
        );
      await loadStudio().StudioPanel.show(
        s,
        context,
        resources.find((u) => u.scheme === 'file'),
      );
    }),
    vscode.window.registerWebviewPanelSerializer(STUDIO_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        loadStudio().StudioPanel.create(s, context, panel);
      },
    }),
    { dispose: () => loaded?.StudioPanel.close() },
  );
}

/** The open Studio's probe for the extension API; undefined while the Studio has never been opened. */
export function studioProbe(): Studio.StudioProbe | undefined {
  return loaded?.StudioPanel.probe();
}
