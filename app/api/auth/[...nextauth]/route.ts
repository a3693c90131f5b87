import NextAuth from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";
import { auditSignOut, signInGate } from "@/lib/auth/sign-in-gate";
import { noStore } from "@/lib/api/handler";

// GET|POST /api/auth/* – next-auth (credentials sign-in, session, sign-out). A throttled
// sign-in is answered 429 with Retry-After before next-auth runs (lib/auth/sign-in-gate.ts).
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const refused = await signInGate(req);
  if (refused) return refused;
  const signingOut = req.method === "POST" && req.nextUrl.pathname.endsWith("/signout");
  const token = signingOut ? await getToken({ req }) : null;
  const res: Response = await NextAuth(getAuthOptions())(req, ctx);
  if (signingOut) await auditSignOut(req, token, res);
  return noStore(res);
}
export { handler as GET, handler as POST };
