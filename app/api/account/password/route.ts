import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { changeOwnPassword } from "@/lib/account/change-password";

// POST /api/account/password – { currentPassword, newPassword }: change one's own password
// (reachable while a reset password must be changed; other sessions end)
export const POST = withApiHandler(
  async ({ req, user }) => NextResponse.json(await changeOwnPassword({ actor: user, input: await req.json().catch(() => null), headers: req.headers })),
  { allowPasswordChangeRequired: true },
);
