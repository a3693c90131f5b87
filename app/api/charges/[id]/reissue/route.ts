import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { reissueCharge } from "@/lib/charges/reissue-charge";
import { CAN } from "@/lib/auth/types";
import { keyTranslator } from "@/lib/i18n/translate-key";

// POST /api/charges/:id/reissue – replace a pending, expired or failed charge by a new one (201; 200 if already re-issued)
export const POST = withApiHandler<{ id: string }>(
  async ({ req, user, params, locale }) => {
    const input: unknown = await req.json().catch(() => ({})); // no body: same amount, default deadline
    const result = await reissueCharge({ actor: user, id: params.id, input, audit: auditContextFrom(req.headers) });
    const t = keyTranslator(locale);
    return NextResponse.json({ ...result.charge, warnings: result.warnings.map((w) => t(w)) }, { status: result.created ? 201 : 200 });
  },
  { roles: CAN.reissueCharge },
);
