/** Spaces out call starts to at most `perSecond` a second (0 = no limit). */
export function createPacer(perSecond: number, now: () => number = Date.now): () => Promise<void> {
  if (perSecond <= 0) return async () => {};
  const gap = 1000 / perSecond;
  let next = 0;
  return async () => {
    const t = now();
    const at = Math.max(t, next);
    next = at + gap;
    if (at > t) await new Promise((r) => setTimeout(r, at - t));
  };
}
