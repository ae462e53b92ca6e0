/**
 * One Studio run: a generation, or an edit when there are references. It goes through the same job runner and the
 * same core calls as Generate Image and Edit Image, so saving, naming, provenance, fallbacks and failure messages
 * are identical; only the presenter differs (the panel instead of notifications).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImageOptions } from '../../core/imageOptions';
import { loadCore } from '../coreLoader';
import { ImageCommandResult, JobPresenter, runImageJob } from '../imageJob';
import { checkOutputLocation, editLocation, generationFolder } from '../outputLocation';
import type { Services } from '../services';
import { historyFolder } from './studioHistory';

export interface StudioRun {
  prompt: string;
  /** Undefined = the `litellm.image.model` setting. */
  model?: string;
  options: ImageOptions;
  references: string[];
  mask?: string;
  signal: AbortSignal;
}

export async function runStudioJob(
  s: Services,
  run: StudioRun,
  presenter: JobPresenter,
  retry: () => unknown,
): Promise<ImageCommandResult> {
  const core = loadCore();
  const { prompt, model, options, references, mask } = run;
  const common = { presenter, retry, signal: run.signal, open: false, insertLink: false as const };
  if (references.length === 0) {
    // The history's folder, so new images appear in the history; the commands' rules when there is none.
    const target = historyFolder();
    const location = target ?? (await generationFolder(undefined, undefined));
    if (!location) return { status: 'dismissed', files: [], warnings: [] };
    await checkOutputLocation(location);
    return runImageJob(s, {
      ...common,
      title: vscode.l10n.t('Generating image'),
      plan: core.planGenerate({ prompt, model, options, folder: location.folder }),
      location,
    });
  }
  const first = references[0]!;
  const plan = core.planEdit({ prompt, references, mask, model, options });
  return runImageJob(s, {
    ...common,
    title: vscode.l10n.t('Editing {0}', path.basename(first)),
    plan,
    location: editLocation(plan.save.folder, first),
  });
}
