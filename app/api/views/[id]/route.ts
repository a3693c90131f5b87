import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { deleteView, updateView } from "@/lib/views/saved-views";
import { CAN } from "@/lib/auth/types";

// PATCH /api/views/:id – rename a saved view, change its filters, or (admins) share it
export const PATCH = withApiHandler<{ id: string }>(
  async ({ req, user, params }) => NextResponse.json(await updateView({ actor: user, id: params.id, input: await req.json().catch(() => null), audit: auditContextFrom(req.headers) })),
  { roles: CAN.saveView },
);

// DELETE /api/views/:id – delete one's own view, or (admins) a shared one
export const DELETE = withApiHandler<{ id: string }>(
  async ({ req, user, params }) => {
    await deleteView({ actor: user, id: params.id, audit: auditContextFrom(req.headers) });
    return new NextResponse(null, { status: 204 });
  },
  { roles: CAN.saveView },
);
