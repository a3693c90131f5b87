import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { createUser, listUsers } from "@/lib/users/manage-users";
import { CAN } from "@/lib/auth/types";

// GET /api/users – staff accounts (admin only)
export const GET = withApiHandler(async ({ user }) => NextResponse.json({ data: await listUsers({ actor: user }) }), {
  roles: CAN.manageUsers,
});

// POST /api/users – add a staff account (admin only)
export const POST = withApiHandler(
  async ({ req, user }) => NextResponse.json(await createUser({ actor: user, input: await req.json().catch(() => null), audit: auditContextFrom(req.headers) }), { status: 201 }),
  { roles: CAN.manageUsers },
);
