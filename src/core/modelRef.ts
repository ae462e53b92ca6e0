/**
 * Model refs: `litellm/<id>` and `<id>` both mean `<id>`, so refs copied from agent configs work unchanged.
 * Only the first `litellm/` is a prefix: `litellm/litellm/x` means the proxy model `litellm/x`.
 */
export function normalizeModelRef(ref: string): string {
  const trimmed = ref.trim();
  return trimmed.startsWith('litellm/') ? trimmed.slice('litellm/'.length) : trimmed;
}
