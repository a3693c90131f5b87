// npm run reconcile: one reconciliation pass with Omise, by hand. With the
// embedded database, stop the server first (PGlite admits one process).
import { getDb } from "@/lib/db";
import { runReconciliation } from "@/lib/reconcile/run-reconciliation";

async function main() {
  const started = Date.now();
  const summary = await runReconciliation({ trigger: "manual" });
  if (!summary) console.log("Another instance is reconciling right now; nothing done.");
  else console.log(`Reconciled in ${Date.now() - started} ms:`, JSON.stringify(summary, null, 2));
  await (await getDb()).$disconnect();
}

main().then(() => process.exit(0)).catch((err: unknown) => {
  console.error("Reconciliation failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
