import "server-only";
import { z } from "zod";
import { AppError, parseInput } from "@/lib/errors";
import { EXPORT_ENCODINGS } from "@/lib/export/csv";
import { LOCALES, type Locale } from "@/lib/i18n/locale";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

// `format=csv` (the only format, and the default), `encoding=utf-8|shift_jis` (UTF-8 with a BOM by
// default), `locale=ja|en` for the header row and status words (default: the request's language).
export const exportOptionsSchema = z.object({
  format: z.preprocess(blank, z.enum(["csv"], "csvExport.v.format").default("csv")),
  encoding: z.preprocess((v) => (typeof v === "string" ? blank(v.toLowerCase()) : blank(v)), z.enum(EXPORT_ENCODINGS, "csvExport.v.encoding").default("utf-8")),
  locale: z.preprocess(blank, z.enum(LOCALES, "csvExport.v.locale").optional()),
});
export type ExportOptions = z.output<typeof exportOptionsSchema> & { locale: Locale };

export const exportOptionsOf = (sp: URLSearchParams) => ({ format: sp.get("format") ?? undefined, encoding: sp.get("encoding") ?? undefined, locale: sp.get("locale") ?? undefined });

/**
 * The export's filters (the list's own schema) and its options, parsed together: one 422 naming
 * every bad field, thrown before the response (and so before any byte) starts.
 */
export function parseExportInput<T extends z.ZodType>(filterSchema: T, filters: unknown, options: unknown, requestLocale: Locale): { filters: z.output<T>; options: ExportOptions } {
  const fields: Record<string, string[]> = {};
  const attempt = <R,>(f: () => R): R | undefined => {
    try {
      return f();
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields) throw err;
      Object.assign(fields, err.fields);
      return undefined;
    }
  };
  const f = attempt(() => parseInput(filterSchema, filters));
  const o = attempt(() => parseInput(exportOptionsSchema, options));
  if (Object.keys(fields).length || f === undefined || o === undefined) throw new AppError("unprocessable", "err.validation", { fields });
  return { filters: f, options: { ...o, locale: o.locale ?? requestLocale } };
}
