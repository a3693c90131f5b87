import { NextResponse, type NextRequest } from "next/server";
import { handleWebhookDelivery } from "@/lib/webhooks/handle-delivery";

export const dynamic = "force-dynamic";

// POST /api/webhooks/omise – signed Omise events; 2xx only once the event is stored.
// In production server.mjs answers this path itself, with the same
// handleWebhookDelivery, before Next's router; this handler serves `next dev`.
export async function POST(req: NextRequest) {
  const answer = await handleWebhookDelivery({
    declaredLength: Number(req.headers.get("content-length") ?? 0),
    readBody: async (limit) => {
      const raw = Buffer.from(await req.arrayBuffer());
      return raw.length > limit ? null : raw;
    },
    header: (name) => req.headers.get(name),
  });
  return NextResponse.json(answer.body, { status: answer.status });
}
