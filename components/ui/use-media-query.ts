"use client";

import { useSyncExternalStore } from "react";

/**
 * Whether a CSS media query matches, following changes. The server (and the first client
 * render, so hydration matches) sees `serverValue`.
 */
export function useMediaQuery(query: string, serverValue = false): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => serverValue,
  );
}
