import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { createView, listViews } from "@/lib/views/saved-views";
import { CAN } from "@/lib/auth/types";

export const dynamic = "force-dynamic";

// GET /api/views – one's own saved views of the charge list and the shared ones
export const GET = withApiHandler(async ({ user }) => NextResponse.json({ data: await listViews({ actor: user }) }), { roles: CAN.saveView });

// POST /api/views – save a view { name, query, shared? } (shared: admins only) → 201
export const POST = withApiHandler(
  async ({ req, user }) => NextResponse.json(await createView({ actor: user, input: await req.json().catch(() => null), audit: auditContextFrom(req.headers) }), { status: 201 }),
  { roles: CAN.saveView },
);
