import "server-only";
import { getOmise } from "@/lib/omise";

/** For pages: is Omise reachable, and when did it last answer well. */
export function getOmiseStatus(): { paused: boolean; lastSuccessAt: Date | null; retryAt: Date | null } {
  const s = getOmise().breaker.status();
  return { paused: s.state !== "closed", lastSuccessAt: s.lastSuccessAt, retryAt: s.retryAt };
}
