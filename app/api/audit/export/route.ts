import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { exportAudit, parseAuditExport } from "@/lib/audit/export-audit";
import { csvDownload } from "@/lib/export/download";
import { CAN } from "@/lib/auth/types";

export const dynamic = "force-dynamic";

// GET /api/audit/export?actor=&action=&from=&to=&format=csv&encoding=&locale= – the audit log as a streamed CSV (admin only, audited).
export const GET = withApiHandler(
  async ({ req, user, locale }) => {
    const { query, options, filters } = parseAuditExport(req.nextUrl.searchParams, locale);
    const body = exportAudit({ actor: user, query, options, filters, audit: auditContextFrom(req.headers) });
    return csvDownload(body, "audit", options.encoding);
  },
  { roles: CAN.readAudit },
);
