import "server-only";
import nodemailer from "nodemailer";
import { getDb, getPgPool } from "@/lib/db";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-state";
import { recordAudit } from "@/lib/audit/record";
import { nextDaytimeJst } from "@/lib/time/jst";
import { renderEmail } from "@/lib/messages/render";
import { leads, noteRun, notifyOutboxLeader, seekLeadership } from "@/lib/instances/leadership";
import type { Prisma } from "@/lib/generated/prisma/client";

// The outbox's sender: a job inside the server that delivers queued OutboundMessage rows.
// Rows are claimed with FOR UPDATE SKIP LOCKED and a lease (lockedUntil), so two instances
// never take the same row; a row whose sender died mid-send is taken again once its lease
// has run out. Every outcome is written only while the lease is still ours.

/** How long a claimed row is ours: longer than the SMTP timeouts below add up to. */
export const LEASE_MS = 2 * 60_000;
/** Attempts (claims) before a transient failure counts as final. */
export const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 60 * 60_000;
const BATCH = 10;
/** Used as the sender's address in the demo when MAIL_FROM is unset (nothing is sent). */
export const DEMO_MAIL_FROM = "no-reply@konbini-desk.invalid";

/** The wait before the next try after `attempts` tries: 30 s, 1 min, 2 min, … at most 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
}

export type SenderSummary = { claimed: number; sent: number; captured: number; retried: number; failed: number; cancelled: number; deferred: number };

type SmtpError = { responseCode?: number; response?: string; code?: string; message?: string };

/** The sender's address as customers see it: the merchant's name and MAIL_FROM. */
export function mailFrom(): { name: string; address: string; display: string } {
  const e = env();
  const address = e.MAIL_FROM ?? DEMO_MAIL_FROM;
  return { name: e.MERCHANT_NAME, address, display: `${e.MERCHANT_NAME} <${address}>` };
}

/**
 * One pass: claim due rows and deliver them (or capture them, with no SMTP_URL).
 * `now` is injectable for tests (the lease, the due check, the daytime rule and backoff use it).
 */
export async function runSenderOnce(opts: { now?: Date; limit?: number } = {}): Promise<SenderSummary> {
  const now = opts.now ?? new Date();
  const lease = new Date(now.getTime() + LEASE_MS);
  const db = await getDb();
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "OutboundMessage"
    SET state = 'sending', "lockedUntil" = ${lease}, attempts = attempts + 1, "updatedAt" = ${now}
    WHERE id IN (
      SELECT id FROM "OutboundMessage"
      WHERE (state = 'queued' AND "notBefore" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now}))
         OR (state = 'sending' AND "lockedUntil" < ${now})
      ORDER BY "notBefore"
      LIMIT ${opts.limit ?? BATCH}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  const summary: SenderSummary = { claimed: claimed.length, sent: 0, captured: 0, retried: 0, failed: 0, cancelled: 0, deferred: 0 };
  if (claimed.length === 0) return summary;
  const { SMTP_URL } = env();
  const transport = SMTP_URL
    ? nodemailer.createTransport({ url: SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
    : null;
  try {
    for (const { id } of claimed) {
      const outcome = await deliver(id, now, lease, transport).catch((err: unknown) => {
        // Our own failure (the database): leave the row; its lease runs out and it is taken again.
        console.error(`[outbox] message ${id} not finished:`, err instanceof Error ? err.message : err);
        return null;
      });
      if (outcome) summary[outcome] += 1;
    }
  } finally {
    transport?.close();
  }
  return summary;
}

type Outcome = "sent" | "captured" | "retried" | "failed" | "cancelled" | "deferred";

async function deliver(id: string, now: Date, lease: Date, transport: nodemailer.Transporter | null): Promise<Outcome | null> {
  const db = await getDb();
  const row = await db.outboundMessage.findUniqueOrThrow({ where: { id }, include: { charge: true } });

  /** Write the outcome only while the lease is ours; with its timeline entry (and audit row). */
  const finish = async (
    data: Prisma.OutboundMessageUpdateManyMutationInput,
    event: { kind: string; detail: string } | null,
    audit?: Prisma.InputJsonValue,
  ): Promise<boolean> =>
    db.$transaction(async (tx) => {
      const { count } = await tx.outboundMessage.updateMany({ where: { id, state: "sending", lockedUntil: lease }, data: { ...data, lockedUntil: null } });
      if (count !== 1) return false;
      if (event) await tx.chargeEvent.create({ data: { chargeId: row.chargeId, kind: event.kind, source: "outbox", actorId: null, detail: event.detail } });
      if (audit !== undefined) {
        await recordAudit(tx, { action: "message.send", actorId: row.createdById, targetType: "message", targetId: row.id, detail: audit });
      }
      return true;
    });
  const cancel = async (reason: string, detail: string) =>
    (await finish({ state: "cancelled", lastError: reason }, { kind: "message_cancelled", detail })) ? "cancelled" : null;

  if (row.notAfter && row.notAfter <= now) return cancel("deadline_passed", `deadline_passed · ${row.toAddress}`);
  if (row.onlyWhilePending && row.charge.status !== "pending") return cancel("not_pending", `not_pending (${row.charge.status}) · ${row.toAddress}`);
  if (row.daytimeOnly) {
    const next = nextDaytimeJst(now);
    // Night in Japan: wait for 09:00 JST; the wait is not an attempt.
    if (next.getTime() !== now.getTime()) return (await finish({ state: "queued", notBefore: next, attempts: { decrement: 1 } }, null)) ? "deferred" : null;
  }
  if (row.attempts > MAX_ATTEMPTS) {
    return (await finish({ state: "failed", lastError: "too_many_attempts" }, { kind: "message_failed", detail: `too_many_attempts · ${row.lastError ?? ""}` })) ? "failed" : null;
  }

  const from = mailFrom();
  const mail = renderEmail({ kind: row.kind === "reminder" ? "reminder" : "link", locale: row.locale === "en" ? "en" : "ja", merchantName: from.name, charge: row.charge });
  const rendered = { fromAddress: from.display, subject: mail.subject, textBody: mail.text, htmlBody: mail.html };

  if (!transport) {
    const ok = await finish(
      { ...rendered, state: "captured", sentAt: now, lastError: null, smtpResponse: null },
      { kind: "message_captured", detail: `${row.kind} · ${row.locale} · ${row.toAddress}` },
      { chargeId: row.chargeId, to: row.toAddress, kind: row.kind, mode: "captured" },
    );
    return ok ? "captured" : null;
  }

  const domain = from.address.split("@")[1] ?? "konbini-desk.invalid";
  try {
    const info = (await transport.sendMail({
      from: { name: from.name, address: from.address },
      to: row.toAddress,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // The same Message-ID on every try: a receiver that saw a lost answer's message can tell.
      messageId: `<${row.id}@${domain}>`,
    })) as { response?: string; messageId?: string };
    const answer = info.response ?? "";
    const ok = await finish(
      { ...rendered, state: "sent", sentAt: now, smtpResponse: answer, messageId: info.messageId ?? null, lastError: null },
      { kind: "message_sent", detail: `${row.toAddress} · ${answer}` },
      { chargeId: row.chargeId, to: row.toAddress, kind: row.kind, mode: "smtp", response: answer, messageId: info.messageId ?? null },
    );
    return ok ? "sent" : null;
  } catch (err) {
    const e = (err ?? {}) as SmtpError;
    const answer = (e.response ?? [e.code, e.message].filter(Boolean).join(": ")) || "unknown error";
    const permanent = (e.responseCode !== undefined && e.responseCode >= 500) || (e.code === "EENVELOPE" && e.responseCode === undefined);
    if (permanent || row.attempts >= MAX_ATTEMPTS) {
      const ok = await finish({ ...rendered, state: "failed", smtpResponse: answer, lastError: answer }, { kind: "message_failed", detail: `${row.toAddress} · ${answer}` });
      return ok ? "failed" : null;
    }
    const ok = await finish({ ...rendered, state: "queued", notBefore: new Date(now.getTime() + backoffMs(row.attempts)), smtpResponse: answer, lastError: answer }, null);
    return ok ? "retried" : null;
  }
}

// ── The schedule inside the server (one per process, whichever bundle starts it) ──

type SenderState = { timer?: NodeJS.Timeout; running: boolean; again: boolean };
const state = (): SenderState => processSingleton("messageSender", () => ({ running: false, again: false }));

async function tick(): Promise<void> {
  const s = state();
  if (!leads("outbox")) return; // another instance sends (lib/instances/leadership.ts)
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  try {
    do {
      s.again = false;
      const r = await runSenderOnce();
      noteRun("outbox");
      if (r.claimed === (BATCH as number)) s.again = true; // more may be due
    } while (s.again);
  } catch (err) {
    console.error("[outbox] pass failed; will try again:", err instanceof Error ? err.message : err);
  } finally {
    s.running = false;
  }
}

/** Deliver queued messages every OUTBOX_INTERVAL_SECONDS (0 = off), on the one instance that leads the job. */
export function startSender(): void {
  const seconds = env().OUTBOX_INTERVAL_SECONDS;
  const s = state();
  if (seconds === 0 || s.timer) return;
  seekLeadership("outbox", () => setTimeout(() => void tick(), 0).unref());
  s.timer = setInterval(() => void tick(), seconds * 1000);
  s.timer.unref();
}

/**
 * A message was just queued: deliver it now rather than at the next interval (no-op when not
 * started). On an instance that does not lead the outbox, ask the leader (PostgreSQL NOTIFY).
 */
export function wakeSender(): void {
  if (!state().timer) return;
  if (leads("outbox")) return void setTimeout(() => void tick(), 0).unref();
  void getPgPool()
    .then((pool) => pool && notifyOutboxLeader(pool))
    .catch((err: unknown) => console.warn("[outbox] could not wake the sending instance; it sends at its next interval:", err instanceof Error ? err.message : err));
}

/** Stop the schedule (server shutdown). */
export function stopSender(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
}
