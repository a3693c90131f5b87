import type { Page } from "@playwright/test";

export const VITALS_TARGETS: { LCP: number; CLS: number; TBT: number; INP: number };
export type LayoutShift = { at: number; value: number; recent: boolean; sources: string[] };
export type Vitals = {
  LCP: { value: number; element: string | null; ttfb: number; renderDelay: number } | null;
  CLS: { value: number; largestShiftTarget: string | null } | null;
  INP: { value: number; target: string; type: string; inputDelay: number; processing: number; presentation: number } | null;
  shifts: LayoutShift[];
};
export function vitalsInitScript(root?: string): string;
export function readVitals(page: Page): Promise<Vitals>;
export function median(values: (number | null | undefined)[]): number;
