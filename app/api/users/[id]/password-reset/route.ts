import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { resetUserPassword } from "@/lib/users/reset-password";
import { CAN } from "@/lib/auth/types";

// POST /api/users/:id/password-reset – { confirm: true, reason } → { temporaryPassword } (admin only, shown once)
export const POST = withApiHandler<{ id: string }>(
  async ({ req, user, params }) =>
    NextResponse.json(await resetUserPassword({ actor: user, id: params.id, input: await req.json().catch(() => null), headers: req.headers })),
  { roles: CAN.manageUsers },
);
