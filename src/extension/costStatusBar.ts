/**
 * The status bar item with the last call's cost, as the proxy reported it, and, when the proxy reports them, the
 * key's spend and budget. Hidden until something is known (unpriced models have no cost header, and a cost of 0 is
 * unknown too) or when `litellm.statusBar.showCost` is off. The call's cost is the sum of its images' shares, the
 * figures the Studio's cards show, in the same format. The item itself is created the first time there is something
 * to show, so activation creates nothing but this object.
 */
import * as vscode from 'vscode';
import type { KeyInfo } from '../core/discovery';
import { formatUsd } from './costText';
import { Commands } from './ids';

export { formatUsd };

export interface CostUpdate {
  cost?: number;
  /** Images of the call whose request reported no cost (not in `cost`). */
  imagesWithoutCost?: number;
  model: string;
  images: number;
  keyInfo?: KeyInfo;
}

export class CostStatusBar implements vscode.Disposable {
  private item?: vscode.StatusBarItem;
  private last?: CostUpdate;

  constructor(private enabled: () => boolean) {}

  private shownItem(): vscode.StatusBarItem {
    if (!this.item) {
      this.item = vscode.window.createStatusBarItem('litellm.cost', vscode.StatusBarAlignment.Right, 100);
      this.item.name = vscode.l10n.t('LiteLLM Image Cost');
      this.item.command = Commands.showLog;
    }
    return this.item;
  }

  update(u: CostUpdate): void {
    // Keep the key's spend from an earlier call when this call could not read it.
    this.last = { ...u, keyInfo: u.keyInfo ?? this.last?.keyInfo };
    this.render();
  }

  /** Current text and tooltip, for the status bar and for tests. */
  get state(): { visible: boolean; text: string; tooltip: string } {
    const tooltip = this.item?.tooltip;
    return {
      visible: this.visible,
      text: this.item?.text ?? '',
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
    };
  }

  private visible = false;

  render(): void {
    const u = this.last;
    const spend = u?.keyInfo?.spend;
    const budget = u?.keyInfo?.maxBudget;
    if (!this.enabled() || !u || (u.cost === undefined && spend === undefined)) {
      this.item?.hide();
      this.visible = false;
      return;
    }
    const item = this.shownItem();
    const parts: string[] = [];
    if (u.cost !== undefined) parts.push(formatUsd(u.cost));
    if (spend !== undefined)
      parts.push(budget !== undefined ? `${formatUsd(spend)}/${formatUsd(budget)}` : formatUsd(spend));
    item.text = `$(file-media) ${parts.join(' · ')}`;
    const lines = [
      u.cost !== undefined
        ? vscode.l10n.t(
            'Last image call: {0} for {1} image(s) from {2}, as reported by the proxy',
            formatUsd(u.cost),
            u.images,
            u.model,
          )
        : vscode.l10n.t(
            'Last image call: {0} image(s) from {1}; the proxy reported no cost',
            u.images,
            u.model,
          ),
    ];
    if (u.cost !== undefined && u.imagesWithoutCost)
      lines.push(
        vscode.l10n.t(
          'The proxy reported no cost for {0} of them; their cost is unknown and not included.',
          u.imagesWithoutCost,
        ),
      );
    if (spend !== undefined)
      lines.push(
        budget !== undefined
          ? vscode.l10n.t('Key spend: {0} of a {1} budget', formatUsd(spend), formatUsd(budget))
          : vscode.l10n.t('Key spend: {0} (no budget set)', formatUsd(spend)),
      );
    item.tooltip = lines.join('\n');
    item.show();
    this.visible = true;
  }

  dispose(): void {
    this.item?.dispose();
  }
}
