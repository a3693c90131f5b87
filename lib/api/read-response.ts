import "server-only";
import { NextResponse } from "next/server";
import type { ReadAnswer } from "@/lib/api/read-answers";

/** A read answer (lib/api/read-answers.ts) as a Next route handler's response. */
export function readResponse(a: ReadAnswer): Response {
  return a.body === null ? new NextResponse(null, { status: a.status, headers: a.headers }) : NextResponse.json(a.body, { status: a.status, headers: a.headers });
}
