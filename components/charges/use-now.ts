"use client";

import { useNow as useIntlNow } from "next-intl";

/**
 * The current time, re-read every `intervalMs` so countdowns and deadline previews
 * stay true. The first render uses the request's `now` from next-intl, so the server
 * and the browser render the same minute.
 */
export function useNow(intervalMs = 30_000): Date {
  return useIntlNow({ updateInterval: intervalMs });
}
