import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { CAN } from "@/lib/auth/types";
import { listWebhookEvents } from "@/lib/webhooks/list-events";

export const dynamic = "force-dynamic";

// GET /api/webhooks/events?state=unprocessed|failed|processed&cursor=&limit= – stored deliveries, newest first, keyset-paginated (admin only).
export const GET = withApiHandler(
  async ({ req, user }) => {
    const sp = req.nextUrl.searchParams;
    const query = Object.fromEntries(["state", "cursor", "limit"].map((k) => [k, sp.get(k) ?? undefined]));
    return NextResponse.json(await listWebhookEvents({ actor: user, query }));
  },
  { roles: CAN.manageWebhooks },
);
