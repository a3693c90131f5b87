import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { exportCharges, parseChargeExport } from "@/lib/charges/export-charges";
import { csvDownload } from "@/lib/export/download";

export const dynamic = "force-dynamic";

// GET /api/charges/export?<the list's filters>&sort=&format=csv&encoding=utf-8|shift_jis&locale=ja|en – the list's rows as a streamed CSV (any signed-in role, audited).
export const GET = withApiHandler(async ({ req, user, locale }) => {
  const { query, options, filters, search } = parseChargeExport(req.nextUrl.searchParams, locale);
  const body = exportCharges({ actor: user, query, options, filters, search, audit: auditContextFrom(req.headers) });
  return csvDownload(body, "charges", options.encoding);
});
