// The Studio webview narrows the composer's draft to what the chosen model accepts (src/webview/draftOptions.ts).
// The views are built from the core's capability table the way the host builds them (optionsFor in
// src/extension/studio), so a change to the table is tracked here. The webview's verdicts are cross-checked against
// the core's validateForModel: what the composer lets run must not be refused by the core for a reason it knew.
import { englishSurface } from '../support/messageText';
import { sizeProblemText } from '../../src/shared/messages';
import { strict as assert } from 'node:assert';
import {
  BACKGROUNDS,
  ASPECT_RATIOS,
  capabilitiesFor,
  IMAGE_SIZES,
  flexibleSizeProblem,
  ImageOptionsSchema,
  type ImageOptions,
  MODERATIONS,
  OUTPUT_FORMATS,
  QUALITIES,
  SIZE_PATTERN,
  STYLES,
  validateForModel,
} from '../../src/core';
import { modelOptionsView, UNKNOWN_MODEL_SIZES } from '../../src/shared/studio/modelOptionsView';
import type { ComposerDraft, ModelOptionsView } from '../../src/shared/studio/protocol';
import {
  acceptsSize,
  allowsCustomSize,
  ANY_MODEL,
  checkCustomSize,
  compressionApplies,
  type DraftOptions,
  pruneOptions,
  sameDraft,
  sameOptions,
  shapeNote,
  viewForOperation,
} from '../../src/webview/draftOptions';

/** What the host sends for `modelId` (minus capabilities a proxy declares for an alias). */
function viewFor(modelId: string): ModelOptionsView {
  return modelOptionsView(capabilitiesFor(modelId));
}

const KNOWN_MODELS = ['gpt-image-2', 'gpt-image-1', 'dall-e-3', 'dall-e-2'] as const;
const UNKNOWN_MODEL = 'my-flux-alias';

/** Whether the core lets a run with these options through (what the host's planRequest does before sending). */
const StrictOptions = ImageOptionsSchema.strict();
function coreAccepts(model: string, options: ImageOptions): boolean {
  if (!StrictOptions.safeParse(options).success) return false;
  try {
    validateForModel(model, options, 'generate');
    return true;
  } catch {
    return false;
  }
}

/** Every option set by the gpt-image-1 draft of the task: the richest draft a gpt-image model takes. */
const GPT_IMAGE_DRAFT: DraftOptions = {
  size: '1536x1024',
  quality: 'high',
  n: 4,
  background: 'transparent',
  outputFormat: 'webp',
  outputCompression: 80,
  moderation: 'low',
};

describe('webview draftOptions: views built from the capability table', () => {
  it('builds a view for every family, with the gpt-image-2 flexible rule and none for the others', () => {
    for (const model of KNOWN_MODELS) assert.equal(viewFor(model).known, true, model);
    assert.equal(viewFor(UNKNOWN_MODEL).known, false);
    assert.deepEqual(viewFor('gpt-image-2').flexibleSize, capabilitiesFor('gpt-image-2')!.flexibleSize);
    assert.ok(viewFor('gpt-image-2').flexibleSize, 'gpt-image-2 has a flexible size rule');
    for (const model of ['gpt-image-1', 'dall-e-3', 'dall-e-2'])
      assert.equal(viewFor(model).flexibleSize, undefined, model);
  });

  it('ANY_MODEL (used until the host answers) offers exactly the enums the settings accept', () => {
    assert.equal(ANY_MODEL.known, false);
    assert.equal(ANY_MODEL.anySize, true);
    assert.deepEqual([...ANY_MODEL.qualities], [...QUALITIES]);
    assert.deepEqual([...ANY_MODEL.styles], [...STYLES]);
    assert.deepEqual([...ANY_MODEL.backgrounds], [...BACKGROUNDS]);
    assert.deepEqual([...ANY_MODEL.outputFormats], [...OUTPUT_FORMATS]);
    assert.equal(ANY_MODEL.maxCount, ImageOptionsSchema.shape.n.unwrap().maxValue);
    assert.equal(ANY_MODEL.compression, true);
    assert.equal(ANY_MODEL.moderation, true);
    for (const size of ANY_MODEL.sizes) assert.match(size, SIZE_PATTERN);
  });
});

describe('webview draftOptions: sizes', () => {
  it('allows a typed size only for unknown models and flexible ones', () => {
    assert.equal(allowsCustomSize(ANY_MODEL), true);
    assert.equal(allowsCustomSize(viewFor(UNKNOWN_MODEL)), true);
    assert.equal(allowsCustomSize(viewFor('gpt-image-2')), true);
    assert.equal(allowsCustomSize(viewFor('gpt-image-1')), false);
    assert.equal(allowsCustomSize(viewFor('dall-e-3')), false);
    assert.equal(allowsCustomSize(viewFor('dall-e-2')), false);
  });

  it('refuses typed text that is not WIDTHxHEIGHT as a format problem, whatever the model', () => {
    const notSizes = [
      '',
      'auto',
      'AUTO',
      '1024X1024',
      '1024×1024',
      ' 1024x1024',
      '1024x1024 ',
      '1024 x 1024',
      '1024x1024\n',
      '1024x',
      'x1024',
      '1024x1024x1',
      '-1024x1024',
      '+1024x1024',
      '01024x1024',
      '1024x0',
      '0x1024',
      '1024.0x1024',
      '1e3x1e3',
      '1x1',
      '123456x1024',
      '١٠٢٤x١٠٢٤',
      'wide',
    ];
    for (const view of [ANY_MODEL, viewFor(UNKNOWN_MODEL), viewFor('gpt-image-2')])
      for (const size of notSizes)
        assert.deepEqual(checkCustomSize(size, view), { ok: false, reason: 'format' }, JSON.stringify(size));
  });

  it('accepts any WIDTHxHEIGHT shape for an unknown model, and a listed size without any check', () => {
    for (const size of ['10x10', '1000x1000', '99999x99999', '1280x720', '513x777'])
      assert.deepEqual(checkCustomSize(size, ANY_MODEL), { ok: true }, size);
    assert.equal(acceptsSize('1000x1000', viewFor(UNKNOWN_MODEL)), true);
    assert.equal(acceptsSize('auto', viewFor(UNKNOWN_MODEL)), true);
    assert.equal(acceptsSize('auto', ANY_MODEL), true);
    assert.equal(acceptsSize('1024 x 1024', ANY_MODEL), false);
  });

  it("checks a typed size against gpt-image-2's flexible rule and reports the core's reason", () => {
    const view = viewFor('gpt-image-2');
    const rule = view.flexibleSize!;
    for (const size of ['1280x720', '2880x960', '816x816', '3840x1280', '2048x1536'])
      assert.deepEqual(checkCustomSize(size, view), { ok: true }, size);
    const bad: Array<[string, RegExp]> = [
      ['1000x1000', /multiples of 16/],
      ['4096x2048', /longest side must be at most 3840/],
      ['3856x1280', /longest side must be at most 3840/],
      ['512x512', /pixels \(got 262,144\)/],
      ['800x800', /pixels \(got 640,000\)/],
      ['3200x960', /aspect ratio must be at most 3:1/],
      ['3840x1264', /aspect ratio must be at most 3:1/],
    ];
    for (const [size, why] of bad) {
      const check = checkCustomSize(size, view);
      assert.deepEqual(check, { ok: false, reason: 'rule', problem: flexibleSizeProblem(size, rule) }, size);
      assert.ok(
        !check.ok && check.reason === 'rule' && why.test(sizeProblemText(check.problem, englishSurface)),
        size,
      );
    }
  });

  it('accepts only the listed sizes for models without a flexible rule, typed or not', () => {
    assert.equal(acceptsSize('1536x1024', viewFor('gpt-image-1')), true);
    assert.equal(acceptsSize('auto', viewFor('gpt-image-1')), true);
    assert.equal(acceptsSize('1280x720', viewFor('gpt-image-1')), false);
    assert.equal(acceptsSize('2048x2048', viewFor('gpt-image-1')), false);
    assert.equal(acceptsSize('1792x1024', viewFor('dall-e-3')), true);
    assert.equal(acceptsSize('auto', viewFor('dall-e-3')), false);
    assert.equal(acceptsSize('1536x1024', viewFor('dall-e-3')), false);
    assert.equal(acceptsSize('256x256', viewFor('dall-e-2')), true);
    assert.equal(acceptsSize('1792x1024', viewFor('dall-e-2')), false);
    // gpt-image-2 lists sizes its own flexible rule would not allow (auto) and ones it would (3840x2160).
    assert.equal(acceptsSize('auto', viewFor('gpt-image-2')), true);
    assert.equal(acceptsSize('3840x2160', viewFor('gpt-image-2')), true);
  });
});

describe('webview draftOptions: compression', () => {
  it('applies only to jpeg and webp, and only when the model takes compression', () => {
    for (const model of ['gpt-image-2', 'gpt-image-1', UNKNOWN_MODEL]) {
      const view = viewFor(model);
      assert.equal(compressionApplies(view, 'jpeg'), true, model);
      assert.equal(compressionApplies(view, 'webp'), true, model);
      assert.equal(compressionApplies(view, 'png'), false, model);
      assert.equal(compressionApplies(view, undefined), false, model);
      assert.equal(compressionApplies(view, ''), false, model);
    }
    for (const model of ['dall-e-3', 'dall-e-2']) {
      assert.equal(compressionApplies(viewFor(model), 'jpeg'), false, model);
      assert.equal(compressionApplies(viewFor(model), 'webp'), false, model);
    }
  });
});

describe('webview draftOptions: pruning the draft when the model changes', () => {
  it('gpt-image-1 → dall-e-3 keeps the count and drops every other option of the draft', () => {
    assert.deepEqual(pruneOptions(GPT_IMAGE_DRAFT, viewFor('dall-e-3')), { n: 4 });
    // "high" is not mapped to "hd": the quality goes back to the settings' default.
    assert.deepEqual(pruneOptions({ quality: 'high' }, viewFor('dall-e-3')), {});
    assert.deepEqual(pruneOptions({ quality: 'auto' }, viewFor('dall-e-3')), {});
    assert.deepEqual(pruneOptions({ quality: 'hd', size: '1024x1024' }, viewFor('dall-e-3')), {
      quality: 'hd',
      size: '1024x1024',
    });
  });

  it('gpt-image-1 → gpt-image-2 and back keeps everything both accept', () => {
    assert.deepEqual(pruneOptions(GPT_IMAGE_DRAFT, viewFor('gpt-image-2')), GPT_IMAGE_DRAFT);
    assert.deepEqual(pruneOptions(GPT_IMAGE_DRAFT, viewFor('gpt-image-1')), GPT_IMAGE_DRAFT);
  });

  it('dall-e-3 → gpt-image-1 drops style and the dall-e qualities', () => {
    const dalle: DraftOptions = { size: '1024x1024', quality: 'hd', style: 'vivid', n: 2 };
    assert.deepEqual(pruneOptions(dalle, viewFor('gpt-image-1')), { size: '1024x1024', n: 2 });
    assert.deepEqual(pruneOptions({ quality: 'standard' }, viewFor('dall-e-2')), { quality: 'standard' });
    assert.deepEqual(pruneOptions({ quality: 'hd', style: 'natural' }, viewFor('dall-e-2')), {});
  });

  it('keeps a custom size only where the flexible rule (or any size) allows it', () => {
    assert.deepEqual(pruneOptions({ size: '1280x720' }, viewFor('gpt-image-2')), { size: '1280x720' });
    assert.deepEqual(pruneOptions({ size: '1280x720' }, viewFor('gpt-image-1')), {});
    assert.deepEqual(pruneOptions({ size: '1280x720' }, viewFor(UNKNOWN_MODEL)), { size: '1280x720' });
    assert.deepEqual(pruneOptions({ size: '1000x1000' }, viewFor('gpt-image-2')), {});
    assert.deepEqual(pruneOptions({ size: '1000x1000' }, viewFor(UNKNOWN_MODEL)), { size: '1000x1000' });
    assert.deepEqual(pruneOptions({ size: '3840x2160' }, viewFor('gpt-image-2')), { size: '3840x2160' });
    assert.deepEqual(pruneOptions({ size: '3840x2160' }, viewFor('gpt-image-1')), {});
    assert.deepEqual(pruneOptions({ size: 'auto' }, viewFor('dall-e-2')), {});
  });

  it('keeps everything for a model the core does not know', () => {
    const everything: DraftOptions = { ...GPT_IMAGE_DRAFT, size: '1000x1000', style: 'natural', n: 10 };
    assert.deepEqual(pruneOptions(everything, viewFor(UNKNOWN_MODEL)), everything);
    assert.deepEqual(pruneOptions(everything, ANY_MODEL), everything);
    const dalle: DraftOptions = { size: '1792x1024', quality: 'hd', style: 'vivid' };
    assert.deepEqual(pruneOptions(dalle, viewFor(UNKNOWN_MODEL)), dalle);
  });

  it('keeps a count from 1 to the maximum and drops one outside (no clamping)', () => {
    const view = viewFor('gpt-image-1');
    assert.deepEqual(pruneOptions({ n: 1 }, view), { n: 1 });
    assert.deepEqual(pruneOptions({ n: view.maxCount }, view), { n: view.maxCount });
    assert.deepEqual(pruneOptions({ n: view.maxCount + 1 }, view), {});
    assert.deepEqual(pruneOptions({ n: 0 }, view), {});
    assert.deepEqual(pruneOptions({ n: -1 }, view), {});
    const four = { ...view, maxCount: 4 };
    assert.deepEqual(pruneOptions({ n: 4 }, four), { n: 4 });
    assert.deepEqual(pruneOptions({ n: 5 }, four), {});
  });

  it('keeps compression only with a lossy format the model keeps', () => {
    const view = viewFor('gpt-image-1');
    assert.deepEqual(pruneOptions({ outputFormat: 'jpeg', outputCompression: 60 }, view), {
      outputFormat: 'jpeg',
      outputCompression: 60,
    });
    assert.deepEqual(pruneOptions({ outputFormat: 'webp', outputCompression: 0 }, view), {
      outputFormat: 'webp',
      outputCompression: 0,
    });
    assert.deepEqual(pruneOptions({ outputFormat: 'png', outputCompression: 60 }, view), {
      outputFormat: 'png',
    });
    // No format in the draft: the settings' default applies, which the core reads as png.
    assert.deepEqual(pruneOptions({ outputCompression: 60 }, view), {});
    assert.deepEqual(pruneOptions({ outputCompression: 60 }, ANY_MODEL), {});
    // The format goes (dall-e-3 has none), so its compression goes too.
    assert.deepEqual(pruneOptions({ outputFormat: 'jpeg', outputCompression: 60 }, viewFor('dall-e-3')), {});
    // A model that takes compression but not this format: the format goes, and its compression with it.
    assert.deepEqual(
      pruneOptions(
        { outputFormat: 'webp', outputCompression: 60 },
        { ...view, outputFormats: ['png', 'jpeg'] },
      ),
      {},
    );
    // A model that keeps the format but takes no compression.
    assert.deepEqual(
      pruneOptions({ outputFormat: 'jpeg', outputCompression: 60 }, { ...view, compression: false }),
      {
        outputFormat: 'jpeg',
      },
    );
  });

  it('keeps moderation only for models that take it', () => {
    assert.deepEqual(pruneOptions({ moderation: 'low' }, viewFor('gpt-image-2')), { moderation: 'low' });
    assert.deepEqual(pruneOptions({ moderation: 'auto' }, viewFor(UNKNOWN_MODEL)), { moderation: 'auto' });
    assert.deepEqual(pruneOptions({ moderation: 'low' }, viewFor('dall-e-3')), {});
    assert.deepEqual(pruneOptions({ moderation: 'low' }, viewFor('dall-e-2')), {});
  });

  it('leaves a transparent JPEG to the core (it refuses it for gpt-image models)', () => {
    // pruneOptions checks each option against the model, not combinations: both survive, and the core's refusal is
    // what the user sees (the option fields do not block the pair either). Pinned so that a change is deliberate.
    const transparentJpeg: DraftOptions = { background: 'transparent', outputFormat: 'jpeg' };
    assert.deepEqual(pruneOptions(transparentJpeg, viewFor('gpt-image-1')), transparentJpeg);
    assert.equal(coreAccepts('gpt-image-1', transparentJpeg), false);
    assert.equal(coreAccepts('gpt-image-1', { background: 'transparent', outputFormat: 'webp' }), true);
  });

  it('never adds or changes a value, and pruning twice changes nothing more', () => {
    const drafts: DraftOptions[] = [
      GPT_IMAGE_DRAFT,
      { size: '1000x1000', quality: 'hd', style: 'vivid', n: 11 },
      { size: 'auto', background: 'opaque', outputFormat: 'png', outputCompression: 5, moderation: 'auto' },
      {},
    ];
    for (const model of [...KNOWN_MODELS, UNKNOWN_MODEL])
      for (const draft of drafts) {
        const pruned = pruneOptions(draft, viewFor(model));
        for (const [k, v] of Object.entries(pruned))
          assert.equal(draft[k as keyof DraftOptions], v, `${model} ${k}`);
        assert.deepEqual(pruneOptions(pruned, viewFor(model)), pruned, model);
      }
  });
});

describe('webview draftOptions: agreement with the core', () => {
  const sizes = [
    // listed somewhere
    ...new Set(KNOWN_MODELS.flatMap((m) => capabilitiesFor(m)!.sizes)),
    ...UNKNOWN_MODEL_SIZES,
    // custom, valid for gpt-image-2's rule
    '1280x720',
    '2880x960',
    '816x816',
    '3840x1280',
    '2048x1536',
    // custom, invalid for gpt-image-2's rule
    '1000x1000',
    '4096x2048',
    '3856x1280',
    '800x800',
    '3200x960',
    '3840x1264',
    '16x16',
    '99999x99999',
    // garbage
    '',
    'AUTO',
    '1024X1024',
    '1024 x 1024',
    '1024x1024x1',
    '01024x1024',
    '1024x01024',
    '1x1',
    '0x0',
    '-16x16',
    '1024.0x1024',
    'wide',
  ];

  it('a size Generate may run with is exactly a size the core accepts, for every model', () => {
    for (const model of [...KNOWN_MODELS, UNKNOWN_MODEL])
      for (const size of sizes)
        assert.equal(
          acceptsSize(size, viewFor(model)),
          coreAccepts(model, { size }),
          `${model} ${JSON.stringify(size)}: webview ${acceptsSize(size, viewFor(model))}`,
        );
  });

  it("agrees with validateForModel alone on every size in the settings' shape", () => {
    // validateForModel only ever sees sizes that passed SIZE_PATTERN (planRequest, the protocol's schema). It reads
    // "01024x1024" as 1024x1024; the webview (like the schema) refuses it, so those are left out here.
    for (const model of KNOWN_MODELS)
      for (const size of sizes.filter((s) => SIZE_PATTERN.test(s))) {
        let throws = false;
        try {
          validateForModel(model, { size }, 'generate');
        } catch {
          throws = true;
        }
        assert.equal(acceptsSize(size, viewFor(model)), !throws, `${model} ${size}`);
      }
  });

  it('a single option survives pruning exactly when the core accepts it (known models)', () => {
    const singles: DraftOptions[] = [
      ...QUALITIES.map((quality) => ({ quality })),
      ...STYLES.map((style) => ({ style })),
      ...BACKGROUNDS.map((background) => ({ background })),
      ...OUTPUT_FORMATS.map((outputFormat) => ({ outputFormat })),
      ...MODERATIONS.map((moderation) => ({ moderation })),
      ...OUTPUT_FORMATS.map((outputFormat) => ({ outputFormat, outputCompression: 50 })),
      { outputCompression: 50 },
      { n: 1 },
      { n: 10 },
    ];
    for (const model of KNOWN_MODELS)
      for (const single of singles) {
        const kept = sameOptions(pruneOptions(single, viewFor(model)), single);
        assert.equal(kept, coreAccepts(model, single), `${model} ${JSON.stringify(single)}`);
      }
  });

  it('what pruning leaves passes the core, but for a transparent JPEG on a known model', () => {
    const drafts: DraftOptions[] = [];
    for (const background of [undefined, ...BACKGROUNDS])
      for (const outputFormat of [undefined, ...OUTPUT_FORMATS])
        for (const quality of [undefined, 'high', 'hd'] as const)
          drafts.push({
            size: '1280x720',
            n: 3,
            style: 'vivid',
            moderation: 'low',
            outputCompression: 70,
            ...(background && { background }),
            ...(outputFormat && { outputFormat }),
            ...(quality && { quality }),
          });
    for (const model of [...KNOWN_MODELS, UNKNOWN_MODEL])
      for (const draft of drafts) {
        const pruned = pruneOptions(draft, viewFor(model));
        const transparentJpeg = pruned.background === 'transparent' && pruned.outputFormat === 'jpeg';
        const refused = transparentJpeg && viewFor(model).known;
        assert.equal(coreAccepts(model, pruned), !refused, `${model} ${JSON.stringify(pruned)}`);
      }
  });
});

describe('webview draftOptions: shapes the route or an edit cannot carry', () => {
  const view = (providerModel: string) => modelOptionsView(capabilitiesFor('alias', { providerModel }));

  it('an edit of a Google family offers no size, ratio or resolution, and says why; a generate does', () => {
    for (const providerModel of [
      'vertex_ai/gemini-3-pro-image-preview',
      'vertex_ai/gemini-2.5-flash-image',
    ]) {
      const v = view(providerModel);
      assert.ok(v.aspectRatios.length > 0, providerModel);
      assert.equal(viewForOperation(v, false), v, 'generate: offered as it is');
      assert.equal(shapeNote(v, false), undefined);
      const edit = viewForOperation(v, true);
      assert.deepEqual([edit.sizes, edit.aspectRatios, edit.imageSizes], [[], [], []], providerModel);
      assert.equal(allowsCustomSize(edit), false);
      assert.equal(shapeNote(v, true), 'edit');
      // What is left of a 16:9 draft is what the core lets an edit send.
      const left = pruneOptions({ aspectRatio: '16:9', imageSize: '2K', n: 1 }, edit);
      assert.deepEqual(left, { n: 1 });
      assert.doesNotThrow(() => validateForModel('alias', left as ImageOptions, 'edit', { providerModel }));
      assert.throws(() => validateForModel('alias', { aspectRatio: '16:9' }, 'edit', { providerModel }));
    }
  });

  it('Imagen and Stability cannot edit at all: the cannot-edit warning speaks, not a shape note', () => {
    for (const providerModel of ['vertex_ai/imagen-4.0-generate-001', 'stability/sd3.5-large']) {
      const v = view(providerModel);
      assert.equal(v.edits, false);
      assert.equal(shapeNote(v, true), undefined, providerModel);
      assert.deepEqual(viewForOperation(v, true).aspectRatios, []);
    }
  });

  it('AI Studio Gemini says its route drops the shape (generate and edit); an unknown route says that', () => {
    const studio = view('gemini/gemini-2.5-flash-image');
    assert.equal(studio.provider, 'gemini');
    assert.equal(shapeNote(studio, false), 'route');
    assert.equal(shapeNote(studio, true), 'route');
    assert.deepEqual([studio.sizes, studio.aspectRatios], [[], []]);
    assert.equal(
      shapeNote(modelOptionsView(capabilitiesFor('gemini-2.5-flash-image')), false),
      'unknownRoute',
    );
  });

  it('OpenAI families and unknown models keep their sizes when editing, with no note', () => {
    for (const v of [viewFor('gpt-image-1'), viewFor('dall-e-2'), viewFor('no-such-model'), ANY_MODEL]) {
      assert.equal(viewForOperation(v, true), v);
      assert.equal(shapeNote(v, true), undefined);
    }
  });
});

describe('webview draftOptions: comparing drafts', () => {
  it('compares options by value, ignoring key order and absent versus undefined', () => {
    assert.equal(sameOptions({}, {}), true);
    assert.equal(sameOptions({ size: 'auto', n: 2 }, { n: 2, size: 'auto' }), true);
    assert.equal(sameOptions({ size: undefined }, {}), true);
    assert.equal(sameOptions({ size: 'auto' }, {}), false);
    assert.equal(sameOptions({}, { n: 1 }), false);
    assert.equal(sameOptions({ n: 1 }, { n: 2 }), false);
    assert.equal(sameOptions({ outputCompression: 0 }, {}), false);
  });

  it('compares drafts by prompt, model and options', () => {
    const a: ComposerDraft = { prompt: 'a fox', model: 'gpt-image-1', options: { size: 'auto' } };
    assert.equal(sameDraft(a, { ...a, options: { size: 'auto' } }), true);
    assert.equal(sameDraft(a, { ...a, prompt: 'a fox ' }), false);
    assert.equal(sameDraft(a, { ...a, model: '' }), false);
    assert.equal(sameDraft(a, { ...a, options: {} }), false);
  });
});

describe('webview draftOptions: the Gemini, Imagen, Stability and Recraft families', () => {
  // By provider model, as the host resolves them from /model/info.
  const FAMILY_MODELS = [
    'vertex_ai/gemini-3-pro-image-preview',
    'vertex_ai/gemini-2.5-flash-image',
    'gemini/gemini-2.5-flash-image',
    'gemini/imagen-4.0-generate-001',
    'vertex_ai/imagen-4.0-generate-001',
    'stability/sd3.5-large',
    'recraft/recraftv3',
  ];
  const SIZES = [
    'auto',
    '1024x1024',
    '1536x1024',
    '1792x1024',
    '1280x896',
    '896x1280',
    '1365x1024',
    '512x512',
  ];

  it('offers a ratio, a resolution or a size exactly when the core accepts it', () => {
    const singles: DraftOptions[] = [
      ...ASPECT_RATIOS.map((aspectRatio) => ({ aspectRatio })),
      ...IMAGE_SIZES.map((imageSize) => ({ imageSize })),
      ...SIZES.map((size) => ({ size })),
    ];
    for (const model of FAMILY_MODELS) {
      const view = viewFor(model);
      assert.equal(view.known, true, model);
      for (const single of singles) {
        const kept = sameOptions(pruneOptions(single, view), single);
        assert.equal(kept, coreAccepts(model, single), `${model} ${JSON.stringify(single)}`);
      }
    }
  });

  it('offers no shape at all where the route drops it (Gemini on AI Studio)', () => {
    const view = viewFor('gemini/gemini-2.5-flash-image');
    assert.deepEqual(
      [view.sizes, view.aspectRatios, view.imageSizes, allowsCustomSize(view)],
      [[], [], [], false],
    );
  });

  it('offers no ratio for OpenAI models or models nobody knows', () => {
    for (const model of [...KNOWN_MODELS, UNKNOWN_MODEL])
      assert.deepEqual(viewFor(model).aspectRatios, [], model);
    assert.deepEqual(ANY_MODEL.aspectRatios, []);
  });
});
