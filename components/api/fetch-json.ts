// Same-origin JSON calls for client components. Error messages from the API
// are already in the user's language, so they are shown as they arrive.

import type { ChargeDto } from "@/lib/charges/dto";

// `duplicates` comes with code "duplicate_suspected" (POST /api/charges).
export type ApiError = { code: string; message: string; fields?: Record<string, string[]>; duplicates?: ChargeDto[] };
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

type Init = { method?: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> };

function isApiError(value: unknown): value is { error: ApiError } {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

/** `fallbackMessage` is used when the server could not be reached or sent no error body. */
export async function fetchJson<T>(url: string, init: Init, fallbackMessage: string): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers: { ...(init.body === undefined ? {} : { "Content-Type": "application/json" }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
      signal: init.signal,
    });
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: fallbackMessage } };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  if (isApiError(body)) return { ok: false, status: res.status, error: body.error };
  return { ok: false, status: res.status, error: { code: `http_${res.status}`, message: fallbackMessage } };
}

export type PollResult<T> = { ok: true; changed: false } | { ok: true; changed: true; data: T; etag: string | null } | { ok: false; status: number };

/**
 * A conditional GET for polling: sends the last ETag as If-None-Match, and a 304 (nothing
 * changed; the server answers it without reading the charges) comes back as `changed: false`.
 */
export async function pollJson<T>(url: string, etag: string | null): Promise<PollResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-store", headers: etag ? { "If-None-Match": etag } : undefined });
  } catch {
    return { ok: false, status: 0 };
  }
  if (res.status === 304) return { ok: true, changed: false };
  if (!res.ok) return { ok: false, status: res.status };
  const data = (await res.json().catch(() => null)) as T | null;
  if (data === null) return { ok: false, status: res.status };
  return { ok: true, changed: true, data, etag: res.headers.get("etag") };
}
