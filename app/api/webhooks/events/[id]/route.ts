import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { CAN } from "@/lib/auth/types";
import { getWebhookEvent } from "@/lib/webhooks/get-event";

export const dynamic = "force-dynamic";

// GET /api/webhooks/events/:id – one stored delivery with its payload (admin only).
export const GET = withApiHandler<{ id: string }>(
  async ({ user, params }) => NextResponse.json(await getWebhookEvent({ actor: user, id: params.id })),
  { roles: CAN.manageWebhooks },
);
