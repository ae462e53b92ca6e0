/**
 * Workbenches shared by the e2e files. Starting code-server and its extension host costs 10–60 s (more on a busy
 * machine), so every spec file asks for one of two long-lived setups instead of starting its own:
 *
 * - 'env-key': LITELLM_API_KEY=sk-master-test in the server's environment, a fake proxy with that master key.
 * - 'no-key':  LITELLM_API_KEY empty, a fake proxy whose master key is a fresh random key, which the tests type into
 *              "LiteLLM: Set API Key…" (nothing else knows it).
 *
 * Each setup starts on first use (in a `before`), and test/e2e/support/hooks.ts closes them all after the run.
 * Tests leave the workbench as they found it with `resetWorkbench()` (no editors, no notifications, no quick input).
 */
import { randomBytes } from 'node:crypto';
import { FAMILY_FAKE_MODELS } from '../../fixtures/fakeFamilies';
import { DEFAULT_FAKE_MODELS, FakeLitellm } from '../../fixtures/fakeLitellm';
import { openWorkbench, type Workbench } from './workbench';

export type SetupName = 'env-key' | 'no-key';

export interface Setup {
  name: SetupName;
  wb: Workbench;
  fake: FakeLitellm;
  /** The key the fake proxy accepts. */
  masterKey: string;
  /** http://127.0.0.1:PORT: the fake's origin, which the extension stores keys under. */
  origin: string;
}

const setups = new Map<SetupName, Promise<Setup>>();
let failed = false;

async function start(name: SetupName): Promise<Setup> {
  const masterKey = name === 'env-key' ? 'sk-master-test' : `sk-e2e-${randomBytes(9).toString('hex')}`;
  // The other families too (Gemini on both routes, Imagen, Stability, Recraft), as an operator might list them.
  const fake = new FakeLitellm({ masterKey, models: [...DEFAULT_FAKE_MODELS, ...FAMILY_FAKE_MODELS] });
  await fake.start();
  try {
    const wb = await openWorkbench({
      userSettings: {
        'litellm.baseUrl': fake.baseUrl,
        // Room for the editors, and screenshots fit for the README.
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'editor.minimap.enabled': false,
        'editor.lightbulb.enabled': 'off',
      },
      // The empty value also keeps a LITELLM_API_KEY of the shell running the tests away from the 'no-key' server.
      env: { LITELLM_API_KEY: name === 'env-key' ? masterKey : '' },
    });
    return { name, wb, fake, masterKey, origin: fake.origin };
  } catch (err) {
    await fake.stop();
    throw err;
  }
}

/** The setup, started on first use. A setup that failed to start is retried by the next caller. */
export function sharedSetup(name: SetupName): Promise<Setup> {
  let p = setups.get(name);
  if (!p) {
    p = start(name);
    setups.set(name, p);
    p.catch(() => setups.delete(name));
  }
  return p;
}

/** The setups started so far (for failure screenshots). */
export async function startedSetups(): Promise<Setup[]> {
  const all = await Promise.allSettled([...setups.values()]);
  return all.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}

export function markFailed(): void {
  failed = true;
}

/** Closes every workbench and fake; the servers' logs are kept when a test failed. */
export async function closeSharedSetups(): Promise<void> {
  const started = await startedSetups();
  setups.clear();
  for (const s of started) {
    await s.wb.close({ keepLogs: failed }).catch((e: unknown) => console.error(e));
    await s.fake.stop();
  }
}
