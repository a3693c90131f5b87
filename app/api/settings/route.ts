import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { getSettings, updateSettings } from "@/lib/settings/settings";
import { auditContextFrom } from "@/lib/audit/record";
import { CAN } from "@/lib/auth/types";

export const dynamic = "force-dynamic";

// GET /api/settings – the merchant-wide settings (`{ "remindersEnabled" }`); any signed-in role
export const GET = withApiHandler(async () => NextResponse.json(await getSettings(), { headers: { "Cache-Control": "no-store" } }));

// PATCH /api/settings – change them (admin only; audited as settings.update)
export const PATCH = withApiHandler(
  async ({ req, user }) => {
    const input: unknown = await req.json().catch(() => null);
    return NextResponse.json(await updateSettings({ actor: user, input, audit: auditContextFrom(req.headers) }));
  },
  { roles: CAN.manageSettings },
);
