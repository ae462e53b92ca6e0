/**
 * The proxy's image models (with the prices it publishes), kept for a few minutes per proxy origin so a tool's
 * confirmation can show an estimated cost without a `/model/info` round trip before every agent call. A failure is
 * not kept: the next confirmation asks again. Used only where a missing answer is harmless (an estimate line).
 */
import type { DiscoveredModel } from '../core/discovery';
import type { Services } from './services';

const KEEP_MS = 5 * 60_000;

let kept: { origin: string; at: number; models: DiscoveredModel[] } | undefined;

export async function recentImageModels(s: Services, signal: AbortSignal): Promise<DiscoveredModel[]> {
  return s.clients.use(undefined, async (session) => {
    if (kept && kept.origin === session.origin && Date.now() - kept.at < KEEP_MS) return kept.models;
    const models = await session.client.listImageModels({ signal });
    kept = { origin: session.origin, at: Date.now(), models };
    return models;
  });
}
