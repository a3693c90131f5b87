import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { listAudit } from "@/lib/audit/list-audit";
import { CAN } from "@/lib/auth/types";

export const dynamic = "force-dynamic";

// GET /api/audit?actor=&action=&from=&to=&cursor=&limit= – the audit log, newest first, keyset-paginated (admin only).
// from/to are JST calendar days (YYYY-MM-DD, both inclusive); actor is a user id or an email.
export const GET = withApiHandler(
  async ({ req, user }) => {
    const sp = req.nextUrl.searchParams;
    const query = Object.fromEntries(["actor", "action", "from", "to", "cursor", "limit"].map((k) => [k, sp.get(k) ?? undefined]));
    return NextResponse.json(await listAudit({ actor: user, query }));
  },
  { roles: CAN.readAudit },
);
