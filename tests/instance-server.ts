// A second (or third) app instance for the concurrency tests: its own process
// and Prisma pool on the same database, serving the real webhook listener.
// Prints its URL on stdout once listening.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serveWebhook } from "@/lib/http/lean-webhook";

const server = http.createServer((req, res) => void serveWebhook(req, res));
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => process.exit(0));
