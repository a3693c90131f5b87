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
      // Counted as it arrives: a body past the limit is never held in memory.
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = req.body?.getReader();
      for (;;) {
        const part = reader ? await reader.read() : { done: true as const, value: undefined };
        if (part.done) return Buffer.concat(chunks, size);
        size += part.value.byteLength;
        if (size > limit) {
          await reader?.cancel();
          return null;
        }
        chunks.push(part.value);
      }
    },
    header: (name) => req.headers.get(name),
  });
  return NextResponse.json(answer.body, { status: answer.status });
}
