import { withApiHandler } from "@/lib/api/handler";
import { readResponse } from "@/lib/api/read-response";
import { overviewAnswer } from "@/lib/api/read-answers";

export const dynamic = "force-dynamic";

// GET /api/overview – the overview's figures (pending, paid today / this month, expired this
// month, 30 JST days of paid and expired, expiring in the next 24 hours), from the kept-current tables.
// server.mjs answers it on its lean listener (lib/http/lean-reads.ts) with the same answer.
export const GET = withApiHandler(async () => readResponse(await overviewAnswer()));
