/**
 * The progress row shown while the host reports a job: an indeterminate bar, what is happening, and the elapsed
 * seconds. The host sends the elapsed time only with each state; between states the webview counts with its own
 * clock. The row exists only while `state.job` does, so nothing can spin after the job ends.
 */
import type { JobView } from '../shared/studio/protocol';
import { h, setHidden, setText } from './dom';
import { format, type StudioStrings } from './strings';

/** "Generating 3 images…", "Editing the image…". */
export function jobTitle(s: StudioStrings, job: JobView): string {
  if (job.operation === 'edit')
    return job.count === 1 ? s.progressEditingOne : format(s.progressEditingMany, job.count);
  return job.count === 1 ? s.progressGeneratingOne : format(s.progressGeneratingMany, job.count);
}

export class ProgressRow {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly elapsed: HTMLElement;
  private startedAt = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly s: StudioStrings) {
    this.title = h('span', { class: 'progress-title' });
    this.detail = h('span', { class: 'progress-detail' });
    // Not live: a screen reader hears the job start and change, not every second.
    this.elapsed = h('span', { class: 'progress-elapsed', 'aria-live': 'off' });
    this.root = h(
      'div',
      { id: 'progress', class: 'progress', role: 'status', hidden: true },
      h('div', { class: 'progress-bar', 'aria-hidden': 'true' }, h('div', { class: 'progress-indicator' })),
      h('div', { class: 'progress-text' }, this.title, this.detail, this.elapsed),
    );
  }

  render(job: JobView | undefined): void {
    if (!job) {
      this.stop();
      setHidden(this.root, true);
      return;
    }
    setText(this.title, jobTitle(this.s, job));
    setText(this.detail, job.detail);
    this.startedAt = performance.now() - job.elapsedMs;
    this.tick();
    if (this.timer === undefined) this.timer = setInterval(() => this.tick(), 1000);
    setHidden(this.root, false);
  }

  private tick(): void {
    const seconds = Math.max(0, Math.floor((performance.now() - this.startedAt) / 1000));
    setText(this.elapsed, format(this.s.elapsedSeconds, seconds));
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
