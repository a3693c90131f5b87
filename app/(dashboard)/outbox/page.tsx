import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { listOutbox } from "@/lib/messages/list-messages";
import { messagingConfig } from "@/lib/messages/config";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { OutboxMessage } from "@/components/charges/outbox-message";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("outbox.title") };
}

// The demo's outbox: the latest messages as the customer sees them, newest first (keyset pages).
export default async function OutboxPage({ searchParams }: Readonly<{ searchParams: Promise<{ cursor?: string | string[] }> }>) {
  await requirePageUser("/outbox");
  const t = await getTranslations();
  const { cursor } = await searchParams;
  const query = { cursor: typeof cursor === "string" ? cursor : undefined };
  // A cursor that does not decode (an edited address) shows the first page.
  const page = await listOutbox({ query }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "unprocessable") return listOutbox({ query: {} });
    throw err;
  });
  const { captureOnly } = messagingConfig();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{t("outbox.title")}</h1>
        <p className="text-sm text-slate-600">{t("outbox.intro")}</p>
      </div>
      {captureOnly && (
        <Alert tone="warning" testId="outbox-capture-notice">
          {t("outbox.captureNotice")}
        </Alert>
      )}
      {page.items.length === 0 ? (
        <Card>
          <p className="text-slate-600">{t("outbox.empty")}</p>
        </Card>
      ) : (
        <ul data-testid="outbox-list" className="space-y-4">
          {page.items.map((m) => (
            <li key={m.id}>
              <OutboxMessage message={m} />
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor && (
        <Link href={`/outbox?cursor=${encodeURIComponent(page.nextCursor)}`} data-testid="outbox-more" className="inline-block font-semibold text-emerald-700 hover:underline">
          {t("outbox.more")} →
        </Link>
      )}
    </div>
  );
}
