/**
 * The composer: prompt, model, options and the run/cancel buttons. It owns the draft while the user types: the
 * host's draft replaces the fields only when the host bumps `composerRevision` (restore, "load settings"), so a
 * state arriving mid-keystroke never clobbers typing. Changes are saved to the webview state at once (a reload
 * paints them before the host answers) and sent to the host debounced.
 */
import type { ComposerDraft, ModelsView, StudioState } from '../shared/studio/protocol';
import { debounce, h, iconButton, isMac, primaryModifier, setHidden, setText } from './dom';
import { ANY_MODEL, pruneOptions, sameDraft, sameOptions } from './draftOptions';
import { icon } from './icons';
import { OptionControls } from './optionControls';
import { ProgressRow } from './progress';
import { format, type StudioStrings } from './strings';
import type { Host, PersistedState } from './vscodeApi';

const DRAFT_DELAY_MS = 300;
/** How long Run stays disabled waiting for the host to report the job it started. */
const SENDING_TIMEOUT_MS = 5000;

export class Composer {
  readonly promptField: HTMLElement;
  readonly settings: HTMLElement;
  readonly actions: HTMLElement;

  private readonly prompt: HTMLTextAreaElement;
  private readonly model: HTMLInputElement;
  private readonly modelList: HTMLDataListElement;
  private readonly modelStatus: HTMLElement;
  private readonly editWarning: HTMLElement;
  private readonly options: OptionControls;
  private readonly runButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly progress: ProgressRow;
  private readonly estimate: HTMLSpanElement;

  private revision: number | undefined;
  private firstState = true;
  /** The user typed before the host's first state arrived: that text wins over the draft the host kept. */
  private typedBeforeState = false;
  private modelsKey = '';
  private editing = false;
  private running = false;
  /**
   * Set from a click on Run until the host reports the job (or an error), so a double click sends one run. A timer
   * releases it in case the host refuses the run without saying so.
   */
  private sending = false;
  private sendingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly sendDraft = debounce(
    () => this.host.post({ type: 'draft', draft: this.draft() }),
    DRAFT_DELAY_MS,
  );

  constructor(
    private readonly s: StudioStrings,
    private readonly host: Host,
    private readonly onRun: (draft: ComposerDraft) => Promise<void>,
  ) {
    this.prompt = h('textarea', {
      id: 'prompt',
      rows: 5,
      placeholder: s.promptPlaceholder,
      spellcheck: 'true',
      'aria-keyshortcuts': isMac ? 'Meta+Enter' : 'Control+Enter',
    });
    this.promptField = h(
      'div',
      { class: 'field field-wide prompt-field' },
      h('label', { for: 'prompt' }, s.promptLabel),
      this.prompt,
    );

    this.modelList = h('datalist', { id: 'model-list' });
    this.model = h('input', {
      id: 'model',
      type: 'text',
      list: 'model-list',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'model-status',
    });
    this.modelStatus = h('p', { id: 'model-status', class: 'hint', 'aria-live': 'polite' });
    const refresh = iconButton(icon('refresh'), s.refreshModels, { id: 'refresh-models' });
    refresh.addEventListener('click', () => this.host.post({ type: 'refreshModels' }));
    this.editWarning = h('p', { class: 'warning', hidden: true }, s.modelCannotEdit);
    this.options = new OptionControls(s, () => this.changed());
    this.settings = h(
      'div',
      { class: 'composer-settings' },
      h(
        'div',
        { class: 'field field-wide' },
        h('label', { for: 'model' }, s.modelLabel),
        h('div', { class: 'input-row' }, this.model, refresh),
        this.modelList,
        this.modelStatus,
        this.editWarning,
      ),
      this.options.root,
    );

    const shortcut = isMac ? '⌘Enter' : 'Ctrl+Enter';
    this.runButton = h(
      'button',
      { id: 'run', type: 'button', class: 'primary', title: shortcut },
      s.generate,
    );
    this.cancelButton = h(
      'button',
      { id: 'cancel', type: 'button', class: 'secondary', hidden: true },
      s.cancel,
    );
    this.progress = new ProgressRow(s);
    this.estimate = h('span', {
      id: 'estimate',
      class: 'hint estimate',
      title: s.estimateTooltip,
      hidden: true,
    });
    this.actions = h(
      'div',
      { class: 'composer-actions' },
      h(
        'div',
        { class: 'run-row' },
        this.runButton,
        this.cancelButton,
        h('span', { class: 'hint', 'aria-hidden': 'true' }, shortcut),
        this.estimate,
      ),
      this.progress.root,
    );

    this.prompt.addEventListener('input', () => this.changed());
    this.prompt.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && primaryModifier(e)) {
        e.preventDefault();
        void this.run();
      }
    });
    // A model name is sent once committed (Enter, leaving the field, a pick from the list), not per keystroke: the
    // host answers with what that model accepts, and a half-typed name would narrow the options on the way.
    this.model.addEventListener('input', () => {
      this.persist();
      this.updateRunButton();
    });
    this.model.addEventListener('change', () => {
      this.changed();
      this.sendDraft.flush();
    });
    this.runButton.addEventListener('click', () => void this.run());
    this.cancelButton.addEventListener('click', () => this.host.post({ type: 'cancel' }));
    // A reload or a closing panel should not lose the last keystrokes.
    window.addEventListener('pagehide', () => this.sendDraft.flush());
  }

  /** Paints the draft the webview saved before a reload, ahead of the host's first state. */
  restore(saved: PersistedState | undefined): void {
    if (!saved) return;
    this.revision = saved.composerRevision;
    this.fill(saved.draft, saved.customSize);
  }

  draft(): ComposerDraft {
    return {
      prompt: this.prompt.value,
      model: this.model.value.trim(),
      options: this.options.read().options,
    };
  }

  applyState(state: StudioState): void {
    if (this.sending && (state.job || state.error)) this.stopSending();
    const before = this.options.read();
    if (this.options.setView(state.modelOptions)) {
      // Another model: what it does not accept goes back to the default (a typed size included).
      const pruned = pruneOptions(before.options, state.modelOptions ?? ANY_MODEL);
      this.options.setValues(pruned);
      if (!sameOptions(pruned, before.options) || (before.customSize !== undefined && !pruned.size))
        this.changed();
    }
    if (state.composerRevision !== this.revision && this.firstState && this.typedBeforeState) {
      this.revision = state.composerRevision;
      this.persist();
      this.sendDraft();
    } else if (state.composerRevision !== this.revision) {
      this.revision = state.composerRevision;
      this.fill(state.draft);
      this.sendDraft.cancel();
      this.persist();
    } else if (this.firstState && !sameDraft(this.draft(), state.draft)) {
      // Typed just before a reload, never sent: the host catches up now.
      this.sendDraft();
    }
    this.firstState = false;

    this.model.placeholder = format(this.s.modelPlaceholder, state.defaultModel);
    this.renderModels(state.models);

    this.editing = state.references.length > 0;
    setText(this.runButton, this.editing ? this.s.edit : this.s.generate);
    this.prompt.placeholder = this.editing ? this.s.promptPlaceholderEdit : this.s.promptPlaceholder;
    setHidden(this.editWarning, !(this.editing && state.modelOptions?.known && !state.modelOptions.edits));

    setText(this.estimate, state.estimate ? format(this.s.estimateLabel, state.estimate) : '');
    setHidden(this.estimate, !state.estimate);

    this.running = state.job !== undefined;
    setHidden(this.cancelButton, !this.running);
    this.progress.render(state.job);
    this.updateRunButton();
  }

  /**
   * Run from the button or Ctrl/Cmd+Enter. The run message carries the draft as shown (the host stores it as the
   * draft too), so a pending debounced draft is dropped rather than sent ahead of it.
   */
  async run(): Promise<void> {
    if (this.runButton.disabled) return;
    this.sendDraft.cancel();
    this.sending = true;
    this.sendingTimer = setTimeout(() => this.stopSending(), SENDING_TIMEOUT_MS);
    this.updateRunButton();
    try {
      await this.onRun(this.draft());
    } catch {
      this.stopSending();
    }
  }

  private stopSending(): void {
    clearTimeout(this.sendingTimer);
    this.sending = false;
    this.updateRunButton();
  }

  private fill(draft: ComposerDraft, customSize?: string): void {
    this.prompt.value = draft.prompt;
    this.model.value = draft.model;
    this.options.setValues(draft.options, customSize);
    this.updateRunButton();
  }

  private changed(): void {
    if (this.firstState) this.typedBeforeState = true;
    this.persist();
    this.sendDraft();
    this.updateRunButton();
  }

  private persist(): void {
    const reading = this.options.read();
    const state: PersistedState = { draft: this.draft(), composerRevision: this.revision };
    if (reading.customSize !== undefined) state.customSize = reading.customSize;
    this.host.save(state);
  }

  private updateRunButton(): void {
    const ready = this.prompt.value.trim() !== '' && this.options.read().valid;
    this.runButton.disabled = this.running || this.sending || !ready;
  }

  private renderModels(models: ModelsView): void {
    const key = JSON.stringify(models);
    if (key === this.modelsKey) return;
    this.modelsKey = key;
    this.modelList.replaceChildren(
      ...models.items.map((m) =>
        h('option', { value: m.id, label: m.detail ? `${m.id} · ${m.detail}` : m.id }),
      ),
    );
    const s = this.s;
    const status =
      models.status === 'loading'
        ? s.modelsLoading
        : models.status === 'failed'
          ? (models.message ?? s.modelsFailed)
          : models.items.length === 0
            ? s.modelsNone
            : format(models.items.length === 1 ? s.modelsCountOne : s.modelsCountMany, models.items.length);
    setText(this.modelStatus, status);
    this.modelStatus.classList.toggle('field-error', models.status === 'failed');
  }
}
