import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { listMySessions } from "@/lib/auth/sessions";

// GET /api/account/sessions – the signed-in user's live sessions
export const GET = withApiHandler(async ({ user }) => NextResponse.json({ data: await listMySessions({ actor: user }) }));
