import "server-only";
import { env } from "@/lib/env";
import { OmiseClient } from "@/lib/omise/client";
import { processSingleton } from "@/lib/process-state";

/** The app's Omise client, configured from the environment. Server only. */
export function getOmise(): OmiseClient {
  return processSingleton("omise", () => {
    const { OMISE_API_URL, OMISE_SECRET_KEY, OMISE_RETRY_BASE_MS } = env();
    return new OmiseClient({ baseUrl: OMISE_API_URL, secretKey: OMISE_SECRET_KEY, retryBaseMs: OMISE_RETRY_BASE_MS });
  });
}
