"use client";

import { useEffect, useRef } from "react";

/**
 * Calls `fn` every `intervalMs` while `enabled`, never two at once, and not
 * while the tab is hidden (a wall of idle tabs must not hammer the server);
 * it runs once right away when the tab becomes visible again.
 */
export function usePolling(fn: () => Promise<void>, intervalMs: number, enabled = true): void {
  const fnRef = useRef(fn);
  useEffect(() => {
    fnRef.current = fn;
  }, [fn]);

  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let stopped = false;

    const schedule = () => {
      if (!stopped && timer === undefined && !document.hidden) timer = setTimeout(() => void tick(), intervalMs);
    };
    const tick = async () => {
      timer = undefined;
      if (running || stopped || document.hidden) return;
      running = true;
      try {
        await fnRef.current();
      } catch {
        // The next tick tries again; callers show their own stale state.
      } finally {
        running = false;
        schedule();
      }
    };
    const onVisibility = () => {
      if (document.hidden) {
        clearTimeout(timer);
        timer = undefined;
      } else if (timer === undefined && !running) {
        void tick();
      }
    };

    schedule();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [enabled, intervalMs]);
}
