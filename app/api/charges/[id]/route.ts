import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { getCharge } from "@/lib/charges/get-charge";
import { setChargeReminders } from "@/lib/charges/set-charge-reminders";
import { auditContextFrom } from "@/lib/audit/record";
import { CAN } from "@/lib/auth/types";

export const dynamic = "force-dynamic";

// GET /api/charges/:id – one charge with its timeline
export const GET = withApiHandler<{ id: string }>(async ({ params }) =>
  NextResponse.json(await getCharge({ id: params.id }), { headers: { "Cache-Control": "no-store" } }),
);

// PATCH /api/charges/:id – `{ "remindersEnabled": boolean }`: turn a pending charge's reminder email off or on
export const PATCH = withApiHandler<{ id: string }>(
  async ({ req, user, params }) => {
    const input: unknown = await req.json().catch(() => null);
    return NextResponse.json(await setChargeReminders({ actor: user, id: params.id, input, audit: auditContextFrom(req.headers) }));
  },
  { roles: CAN.setChargeReminders },
);
