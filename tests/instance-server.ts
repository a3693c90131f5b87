// A second (or third) app instance for the concurrency tests: its own process
// and Prisma pool on the same database, serving the real webhook receiver.
// Prints its URL on stdout once listening.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { receiveOmiseEvent } from "@/lib/webhooks/receive-event";

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    try {
      const r = await receiveOmiseEvent({
        rawBody: Buffer.concat(chunks).toString("utf8"),
        signature: (req.headers["omise-signature"] as string | undefined) ?? null,
        timestamp: (req.headers["omise-signature-timestamp"] as string | undefined) ?? null,
      });
      res.writeHead(r.status).end();
    } catch {
      res.writeHead(503).end();
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => process.exit(0));
