// crypto.randomUUID exists only in secure contexts (https or localhost); the
// desk may be opened over plain http on a shop LAN, where getRandomValues
// still works.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
