import { NextResponse, type NextRequest } from "next/server";
import { MAX_WEBHOOK_BYTES, receiveOmiseEvent } from "@/lib/webhooks/receive-event";

export const dynamic = "force-dynamic";

const STORE_DEADLINE_MS = 4_000;

// POST /api/webhooks/omise – signed Omise events; 2xx only once the event is stored
export async function POST(req: NextRequest) {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) return NextResponse.json({ error: "payload too large" }, { status: 413 });
  const raw = Buffer.from(await req.arrayBuffer());
  if (raw.length > MAX_WEBHOOK_BYTES) return NextResponse.json({ error: "payload too large" }, { status: 413 });
  try {
    // A hung database must not hold Omise's request open: no answer within
    // STORE_DEADLINE_MS is a 5xx (the event may still land; a repeat is a no-op).
    const result = await Promise.race([
      receiveOmiseEvent({
        rawBody: raw.toString("utf8"),
        signature: req.headers.get("omise-signature"),
        timestamp: req.headers.get("omise-signature-timestamp"),
      }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("store deadline passed")), STORE_DEADLINE_MS).unref()),
    ]);
    if (result.status !== 200) return NextResponse.json({ error: result.reason }, { status: result.status });
    return NextResponse.json({ received: result.eventId, duplicate: result.duplicate });
  } catch (err) {
    console.error("[webhook] could not store event", err);
    return NextResponse.json({ error: "could not store the event; retry later" }, { status: 503 });
  }
}
