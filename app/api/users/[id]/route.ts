import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { updateUser } from "@/lib/users/manage-users";
import { CAN } from "@/lib/auth/types";

// PATCH /api/users/:id – disable/enable or change role (admin only)
export const PATCH = withApiHandler<{ id: string }>(
  async ({ req, user, params }) =>
    NextResponse.json(await updateUser({ actor: user, id: params.id, input: await req.json().catch(() => null), audit: auditContextFrom(req.headers) })),
  { roles: CAN.manageUsers },
);
