import "server-only";
import type { z } from "zod";
import { issuesToFields, parseInput } from "@/lib/errors";
import { listChargesQuery } from "@/lib/charges/list-charges";
import { FILTER_PARAMS, filterParamsOf } from "@/lib/charges/filters";

// What a saved view holds: the list's status tab, sort, search and filters as a query string,
// checked by the list's own schema (so a view opens exactly like the URL it was saved from) and
// written in one order, defaults left out, so two equal views have equal strings.
export type ListQuery = Omit<z.output<typeof listChargesQuery>, "created" | "deadline" | "limit">;

/** The list's parameters of a query string (`status=…&from=…`, with or without `?`); others (cursor, limit) are ignored. */
export function listParamsOf(sp: URLSearchParams): Record<string, string | undefined> {
  return { status: sp.get("status") ?? undefined, sort: sp.get("sort") ?? undefined, q: sp.get("q") ?? undefined, ...filterParamsOf(sp) };
}

/** The normalised query string of parsed list parameters. */
export function viewQueryOf(q: ListQuery): string {
  const out = new URLSearchParams();
  if (q.status !== "all") out.set("status", q.status);
  if (q.sort !== "created") out.set("sort", q.sort);
  if (q.q) out.set("q", q.q);
  for (const k of FILTER_PARAMS) {
    const v = q[k];
    if (v !== undefined && v !== "") out.set(k, String(v));
  }
  return out.toString();
}

/** Validates a query string with the list's schema (422 naming the bad parameter) and normalises it. */
export function normaliseViewQuery(query: string): string {
  const sp = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  return viewQueryOf(parseInput(listChargesQuery, listParamsOf(sp)));
}

export type ReadListQuery = { ok: true; query: ListQuery; normalised: string } | { ok: false; fields: Record<string, string[]> };

/** The list page's URL read with the list's schema: the parsed query and its normalised string, or the bad fields' message keys. */
export function readListQuery(sp: URLSearchParams): ReadListQuery {
  const parsed = listChargesQuery.safeParse(listParamsOf(sp));
  if (!parsed.success) return { ok: false, fields: issuesToFields(parsed.error) };
  const { created: _c, deadline: _d, limit: _l, ...query } = parsed.data;
  return { ok: true, query, normalised: viewQueryOf(query) };
}
