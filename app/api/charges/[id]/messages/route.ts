import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { CAN } from "@/lib/auth/types";
import { sendChargeMessage } from "@/lib/messages/send-message";
import { listChargeMessages } from "@/lib/messages/list-messages";

// POST /api/charges/:id/messages – email the payment link (202, queued in the outbox) or open the SMS text (200)
export const POST = withApiHandler<{ id: string }>(
  async ({ req, user, params, locale }) => {
    const input: unknown = await req.json().catch(() => ({}));
    const result = await sendChargeMessage({ actor: user, id: params.id, input, idempotencyKey: req.headers.get("idempotency-key"), staffLocale: locale });
    if (result.channel === "sms") return NextResponse.json({ text: result.text, smsUri: result.smsUri });
    return NextResponse.json(result.message, { status: 202 });
  },
  { roles: CAN.sendMessage },
);

// GET /api/charges/:id/messages – the charge's messages, oldest first
export const GET = withApiHandler<{ id: string }>(async ({ params }) =>
  NextResponse.json({ items: await listChargeMessages({ chargeId: params.id }) }),
);
