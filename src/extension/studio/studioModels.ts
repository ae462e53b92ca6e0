/**
 * The composer's model list and what the chosen model accepts. The list comes from the proxy (a convenience: any
 * typed name still works); what a model accepts comes from the proxy's declared provider model when it says, else
 * from the name, else nothing is restricted (an unknown model: the proxy decides).
 */
import type { DiscoveredModel } from '../../core/discovery';
import type { ImageOptions } from '../../core/imageOptions';
import type { ModelOptionsView, ModelsView } from '../../shared/studio/protocol';
import { loadCore } from '../coreLoader';
import { formatEstimate } from '../estimateText';
import { summarizeFailure } from '../failures';
import type { Services } from '../services';
import { capabilityOverrides } from '../configuration';

export class StudioModels {
  private discovered: DiscoveredModel[] = [];
  private loading?: Promise<void>;
  view: ModelsView = { status: 'loading', items: [] };

  constructor(
    private readonly services: Services,
    private readonly changed: () => void,
  ) {}

  /** Lists the proxy's image models once (again when `force`); failures become a message, never an error. */
  load(force: boolean): Promise<void> {
    if (this.loading && !force) return this.loading;
    this.view = { status: 'loading', items: this.view.items };
    this.changed();
    this.loading = (async () => {
      try {
        const models = await this.services.clients.use(undefined, (session) =>
          session.client.listImageModels({ signal: AbortSignal.timeout(30_000) }),
        );
        this.discovered = models;
        this.view = {
          status: 'ready',
          items: models.map((m) => ({
            id: m.id,
            detail: m.providerModel && m.providerModel !== m.id ? m.providerModel : undefined,
            canEdit: m.canEdit,
          })),
        };
      } catch (e) {
        this.view = { status: 'failed', items: [], message: summarizeFailure(e).message };
        this.services.log.warn(`[studio] could not list models: ${this.view.message}`);
      }
      this.changed();
    })();
    return this.loading;
  }

  /** Read now, not at listing time, so a change of litellm.image.modelCapabilities shows without a refresh. */
  optionsFor(modelId: string): ModelOptionsView {
    const providerModel = this.discovered.find((m) => m.id === modelId)?.providerModel;
    const core = loadCore();
    return core.modelOptionsView(
      core.capabilitiesFor(modelId, { providerModel, overrides: capabilityOverrides(core) }),
    );
  }

  /**
   * The estimated cost of running the composer as it stands, from the prices the proxy published with its model list
   * (`/model/info`); undefined when it published none for this model or they cannot price this size.
   */
  estimateFor(modelId: string, options: ImageOptions): string | undefined {
    const core = loadCore();
    const outcome = core.estimateForModel(this.discovered, modelId, capabilityOverrides(core), options);
    return 'estimate' in outcome ? formatEstimate(outcome.estimate) : undefined;
  }
}
