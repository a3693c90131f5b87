import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { CAN } from "@/lib/auth/types";
import { processEventAgain } from "@/lib/webhooks/process-event-again";

export const dynamic = "force-dynamic";

// POST /api/webhooks/events/:id/process – process a stored event again (idempotent, audited; admin only).
export const POST = withApiHandler<{ id: string }>(
  async ({ req, user, params }) => NextResponse.json(await processEventAgain({ actor: user, id: params.id, audit: auditContextFrom(req.headers) })),
  { roles: CAN.manageWebhooks },
);
