/**
 * Re-run from provenance as a use case: a saved image's record (its prompt, the model that was asked for, its
 * options and, for an edit, its references and mask) becomes the same plan as a new Generate or Edit. Provenance is a
 * file in the workspace that a repository can write, so every input it names must resolve, after links, inside the
 * caller's allowed roots, or the re-run is refused by name before anything is read or sent.
 */
import * as path from 'node:path';
import { coded } from '../errors';
import { readProvenanceFromFile, type Provenance } from '../provenance';
import { firstOutside } from '../workspacePaths';
import { type EditIntent, type GenerateIntent, type ImagePlan, planEdit, planGenerate } from './imagePlans';

/** The files an edit used, resolved: provenance stores them relative to the image's folder. */
export interface RecordedInputs {
  references: string[];
  mask?: string;
}

export function recordedInputs(imagePath: string, p: Provenance): RecordedInputs | undefined {
  if (!p.references?.length) return undefined;
  const base = path.dirname(path.resolve(imagePath));
  return {
    references: p.references.map((r) => path.resolve(base, r)),
    ...(p.mask ? { mask: path.resolve(base, p.mask) } : {}),
  };
}

export type RecordedIntent =
  { operation: 'generate'; intent: GenerateIntent } | { operation: 'edit'; intent: EditIntent };

/** What the record asked for: the requested model (not a fallback that answered) and the stored options. */
export function recordedIntent(imagePath: string, p: Provenance): RecordedIntent {
  const intent: GenerateIntent = {
    prompt: p.prompt,
    model: p.requestedModel ?? p.model,
    options: p.parameters,
  };
  const inputs = recordedInputs(imagePath, p);
  if (p.operation === 'edit' && inputs) return { operation: 'edit', intent: { ...intent, ...inputs } };
  return { operation: 'generate', intent };
}

export interface RerunRequest {
  /** The saved image whose provenance is re-run. */
  image: string;
  /** Folders its references and mask must stay inside (the workspace folders; the CLI's working folder). */
  allowedRoots: readonly string[];
  /** Where the new images go; undefined = beside the image being re-run. */
  folder?: string;
}

export type RerunPlan = ImagePlan & RecordedIntent;

export async function planRerun(req: RerunRequest): Promise<RerunPlan> {
  const provenance = await readProvenanceFromFile(req.image);
  if (!provenance) throw coded('input', 'rerun.noProvenance', { file: req.image }, { actions: [] });
  const recorded = recordedIntent(req.image, provenance);
  const folder = path.resolve(req.folder ?? path.dirname(path.resolve(req.image)));
  if (recorded.operation === 'generate')
    return { ...recorded, ...planGenerate({ ...recorded.intent, folder }) };
  const { references, mask } = recorded.intent;
  const outside = await firstOutside([...references, ...(mask ? [mask] : [])], req.allowedRoots);
  if (outside) throw coded('input', 'rerun.inputOutside', { image: req.image, ...outside }, { actions: [] });
  return { ...recorded, ...planEdit({ ...recorded.intent, folder }) };
}
