import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { CAN } from "@/lib/auth/types";
import { fetchOmiseEvents } from "@/lib/webhooks/fetch-omise-events";

export const dynamic = "force-dynamic";

// POST /api/webhooks/fetch – { from, to, offset? }: pull Omise's GET /events for the window now, store what is missing, process it (admin only).
export const POST = withApiHandler(
  async ({ req, user }) =>
    NextResponse.json(await fetchOmiseEvents({ actor: user, input: await req.json().catch(() => null), audit: auditContextFrom(req.headers) })),
  { roles: CAN.manageWebhooks },
);
