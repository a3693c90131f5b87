import "server-only";
import { env } from "@/lib/env";

/**
 * Called by instrumentation.ts when the server starts: a bad environment stops
 * the process with the message naming the variable. (A module of its own so the
 * Edge build of instrumentation.ts never sees `process.exit`.)
 */
export function envOrExit(): void {
  try {
    env();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
