import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { getCharge } from "@/lib/charges/get-charge";
import type { ChargeDto } from "@/lib/charges/dto";
import type { MessageDto } from "@/lib/messages/dto";
import { formatDeadline } from "@/lib/messages/render";
import { LEASE_MS, MAX_ATTEMPTS, runSenderOnce } from "@/lib/messages/sender";
import { enqueueMessage } from "@/lib/messages/enqueue";
import { fromJst } from "@/lib/time/jst";
import { keyTranslator } from "@/lib/i18n/translate-key";
import { publishProcessValue } from "@/lib/process-state";
import { makeUser, uniqueCustomer , type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// Sending the payment link by email through a real SMTP server (smtp-server, started here) and
// the outbox sender, over HTTP through the real route handler; the session is supplied as in
// api-validation.integration.test.ts. mailparser reads what the SMTP server received.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const SMTP_PORT = 3401; // this helper's port block
const MERCHANT = "テスト商店";
const ja = keyTranslator("ja");

type Received = { to: string[]; raw: string; mail: ParsedMail };
const received: Received[] = [];
// Faults the SMTP server plays: answer the next DATA with 421 (transient) n times.
const faults = { tempFailData: 0 };

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onRcptTo(address, _session, cb) {
    if (address.address.startsWith("reject-")) return cb(Object.assign(new Error("5.1.1 <" + address.address + ">: Recipient address rejected: User unknown"), { responseCode: 550 }));
    cb();
  },
  onData(stream: SMTPServerDataStream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      if (faults.tempFailData > 0) {
        faults.tempFailData -= 1;
        return cb(Object.assign(new Error("4.3.2 Service not available, try again later"), { responseCode: 421 }));
      }
      const raw = Buffer.concat(chunks).toString("utf8");
      void simpleParser(raw).then((mail) => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, mail });
        cb();
      }, cb);
    });
  },
});

let api: Awaited<ReturnType<typeof startApiServer>>;
let staff: TestUser;
let viewer: TestUser;

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  publishProcessValue("env", undefined); // parsed again on next use
}
const withSmtp = () => setEnv({ SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`, MAIL_FROM: "shop@example.jp", MERCHANT_NAME: MERCHANT });

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(SMTP_PORT, "127.0.0.1", () => resolve());
  });
  api = await startApiServer([{ path: /^\/api\/charges\/(?<id>[^/]+)\/messages$/, module: await import("@/app/api/charges/[id]/messages/route") }]);
  staff = await makeUser("staff");
  viewer = await makeUser("viewer");
});
afterAll(async () => {
  setEnv({ SMTP_URL: undefined, MAIL_FROM: undefined, MERCHANT_NAME: undefined });
  await api.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});
beforeEach(async () => {
  // Each test sends only its own messages: rows left queued (by other tests or files) are set aside.
  await (await getDb()).outboundMessage.updateMany({ where: { state: { in: ["queued", "sending"] } }, data: { state: "cancelled" } });
  withSmtp();
  faults.tempFailData = 0;
  signedIn.user = { id: staff.id, sv: 0, sid: staff.sid };
});

const post = (id: string, body: object, headers: Record<string, string> = {}) =>
  fetch(`${api.url}/api/charges/${id}/messages`, { method: "POST", headers: { Origin: api.url, "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
const newCharge = async (): Promise<ChargeDto> =>
  (await createCharge({ actor: staff, input: { amount: 12345, customerName: "山田 花子", ...uniqueCustomer(), description: "メール送信テスト" } })).charge;
const inbox = (address: string) => received.filter((r) => r.to.includes(address));
const row = async (id: string) => (await getDb()).outboundMessage.findUniqueOrThrow({ where: { id } });
const addressOf = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0];

describe("POST /api/charges/:id/messages (email)", () => {
  it("queues the link (202), the sender delivers it over SMTP: merchant as sender, UTF-8 subject MIME-encoded, body with amount, deadline, code and link", async () => {
    const charge = await newCharge();
    expect(charge.paymentCode).toBeTruthy();
    const res = await post(charge.id, { channel: "email", locale: "ja" });
    expect(res.status).toBe(202);
    const msg = (await res.json()) as MessageDto;
    expect(msg).toMatchObject({ channel: "email", kind: "link", locale: "ja", to: charge.customerEmail, state: "queued" });
    expect((await getCharge({ id: charge.id })).timeline.find((e) => e.kind === "message_queued")).toMatchObject({ actorName: staff.name });

    const summary = await runSenderOnce();
    expect(summary.sent).toBe(1);
    const [got, ...more] = inbox(charge.customerEmail);
    expect(more).toHaveLength(0);
    const mail = got!.mail;
    expect(addressOf(mail.from)).toEqual({ name: MERCHANT, address: "shop@example.jp" });
    expect(addressOf(mail.to)?.address).toBe(charge.customerEmail);
    expect(mail.subject).toBe(`【${MERCHANT}】コンビニでのお支払いのご案内（¥12,345）`);
    // The raw header is RFC 2047 encoded UTF-8, never raw 8-bit text.
    const rawSubject = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(got!.raw)?.[1] ?? "";
    expect(rawSubject).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(rawSubject).not.toMatch(/[^\x20-\x7e\r\n\t]/);
    const deadline = formatDeadline(new Date(charge.expiresAt!), "ja");
    expect(deadline).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日\([月火水木金土日]\) \d{2}:\d{2} まで$/);
    for (const s of ["山田 花子 様", "¥12,345", deadline, charge.paymentCode!, charge.authorizeUri!, MERCHANT]) expect(mail.text).toContain(s);
    expect(mail.html || "").toContain(`href="${charge.authorizeUri!.replaceAll("&", "&amp;")}"`);

    const stored = await row(msg.id);
    expect(stored).toMatchObject({ state: "sent", attempts: 1, lockedUntil: null, subject: mail.subject });
    expect(stored.smtpResponse).toMatch(/^250/);
    const detail = await getCharge({ id: charge.id });
    expect(detail.timeline.find((e) => e.kind === "message_sent")?.detail).toContain("250");
    expect(detail.messages.map((m) => m.state)).toEqual(["sent"]);
    const audit = await (await getDb()).auditLog.findFirst({ where: { action: "message.send", targetId: msg.id } });
    expect(audit).toMatchObject({ actorId: staff.id, targetType: "message" });
    // GET lists it.
    const list = (await (await fetch(`${api.url}/api/charges/${charge.id}/messages`)).json()) as { items: MessageDto[] };
    expect(list.items.map((m) => [m.id, m.state])).toEqual([[msg.id, "sent"]]);
  });

  it("English, to another address; the staff member's language is the default", async () => {
    const charge = await newCharge();
    const res = await post(charge.id, { channel: "email", locale: "en", to: " other@example.com " });
    expect(res.status).toBe(202);
    expect(((await res.json()) as MessageDto).to).toBe("other@example.com");
    const before = inbox("other@example.com").length;
    await runSenderOnce();
    const mail = inbox("other@example.com").slice(before)[0]!.mail;
    expect(mail.subject).toBe(`[${MERCHANT}] How to pay at a convenience store (¥12,345)`);
    expect(mail.text).toContain("Dear 山田 花子,");
    expect(mail.text).toContain(formatDeadline(new Date(charge.expiresAt!), "en"));
    expect(mail.text).toMatch(/by \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} JST/);
    // No locale: the staff member's (the Accept-Language of the request).
    const again = await post(charge.id, { channel: "email" }, { "Accept-Language": "en-US,en;q=0.9" });
    expect(((await again.json()) as MessageDto).locale).toBe("en");
  });

  it("a transient failure (421) is retried with backoff and delivered exactly once", async () => {
    const charge = await newCharge();
    const msg = (await (await post(charge.id, { channel: "email", locale: "ja" })).json()) as MessageDto;
    faults.tempFailData = 1;
    const now = new Date();
    expect((await runSenderOnce({ now })).retried).toBe(1);
    let stored = await row(msg.id);
    expect(stored).toMatchObject({ state: "queued", attempts: 1 });
    expect(stored.lastError).toMatch(/421/);
    expect(stored.notBefore.getTime()).toBe(now.getTime() + 30_000);
    expect((await runSenderOnce({ now: new Date(now.getTime() + 10_000) })).claimed).toBe(0); // not yet due
    expect((await runSenderOnce({ now: new Date(now.getTime() + 31_000) })).sent).toBe(1);
    expect((await runSenderOnce({ now: new Date(now.getTime() + 120_000) })).claimed).toBe(0);
    stored = await row(msg.id);
    expect(stored).toMatchObject({ state: "sent", attempts: 2 });
    expect(inbox(charge.customerEmail)).toHaveLength(1);
  });

  it("a permanent refusal (550) fails at once with the SMTP answer, on the row, in the timeline and in the JSON", async () => {
    const charge = await newCharge();
    const to = `reject-${charge.id.slice(-6)}@example.jp`;
    const msg = (await (await post(charge.id, { channel: "email", locale: "ja", to })).json()) as MessageDto;
    expect((await runSenderOnce()).failed).toBe(1);
    const stored = await row(msg.id);
    expect(stored.state).toBe("failed");
    expect(stored.attempts).toBe(1);
    expect(stored.smtpResponse).toMatch(/550.*User unknown/);
    const detail = await getCharge({ id: charge.id });
    expect(detail.timeline.find((e) => e.kind === "message_failed")?.detail).toMatch(/550/);
    expect(detail.messages[0]).toMatchObject({ state: "failed", lastError: expect.stringMatching(/550/) });
    expect(inbox(to)).toHaveLength(0);
    expect((await runSenderOnce({ now: new Date(Date.now() + 7_200_000) })).claimed).toBe(0); // never again
  });

  it("two senders at once (two instances) deliver each message exactly once", async () => {
    const charges = await Promise.all([newCharge(), newCharge(), newCharge()]);
    for (const c of charges) expect((await post(c.id, { channel: "email", locale: "ja" })).status).toBe(202);
    const [a, b] = await Promise.all([runSenderOnce(), runSenderOnce()]);
    expect(a.sent + b.sent).toBe(3);
    for (const c of charges) expect(inbox(c.customerEmail)).toHaveLength(1);
  });

  it("a row whose sender died mid-send is taken again once its lease has run out", async () => {
    const charge = await newCharge();
    const msg = (await (await post(charge.id, { channel: "email", locale: "ja" })).json()) as MessageDto;
    const db = await getDb();
    const now = new Date();
    await db.outboundMessage.update({ where: { id: msg.id }, data: { state: "sending", attempts: 1, lockedUntil: new Date(now.getTime() + LEASE_MS) } });
    expect((await runSenderOnce({ now })).claimed).toBe(0); // another instance holds it
    expect((await runSenderOnce({ now: new Date(now.getTime() + LEASE_MS + 1000) })).sent).toBe(1);
    expect(inbox(charge.customerEmail)).toHaveLength(1);
  });

  it("the same Idempotency-Key twice (double click) queues one message", async () => {
    const charge = await newCharge();
    const headers = { "Idempotency-Key": `dbl-${charge.id.slice(-10)}` };
    const [r1, r2] = await Promise.all([post(charge.id, { channel: "email", locale: "ja" }, headers), post(charge.id, { channel: "email", locale: "ja" }, headers)]);
    expect([r1.status, r2.status]).toEqual([202, 202]);
    const [m1, m2] = (await Promise.all([r1.json(), r2.json()])) as MessageDto[];
    expect(m1!.id).toBe(m2!.id);
    const db = await getDb();
    expect(await db.outboundMessage.count({ where: { chargeId: charge.id } })).toBe(1);
    expect(await db.chargeEvent.count({ where: { chargeId: charge.id, kind: "message_queued" } })).toBe(1);
    // Without a key each send is its own message.
    await post(charge.id, { channel: "email", locale: "ja" });
    expect(await db.outboundMessage.count({ where: { chargeId: charge.id } })).toBe(2);
  });

  it("a transient failure on the last allowed attempt fails for good, with the answer", async () => {
    const charge = await newCharge();
    const msg = (await (await post(charge.id, { channel: "email", locale: "ja" })).json()) as MessageDto;
    await (await getDb()).outboundMessage.update({ where: { id: msg.id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    faults.tempFailData = 1;
    expect((await runSenderOnce()).failed).toBe(1);
    expect(await row(msg.id)).toMatchObject({ state: "failed", attempts: MAX_ATTEMPTS, lastError: expect.stringMatching(/421/) });
  });

  it("reminder rules (enqueueMessage as the scheduler calls it): at night it waits for 09:00 JST, after notAfter it is cancelled", async () => {
    const charge = await newCharge();
    const db = await getDb();
    const night = fromJst(2030, 6, 3, 22, 30);
    const base = { chargeId: charge.id, kind: "reminder" as const, locale: "ja" as const, toAddress: charge.customerEmail, onlyWhilePending: true, daytimeOnly: true, createdById: null };
    const a = await db.$transaction((tx) => enqueueMessage(tx, { ...base, dedupeKey: `reminder-${charge.id}-t1`, notBefore: night, notAfter: fromJst(2030, 6, 5) }));
    // The same key again is a no-op that answers the same row.
    const again = await db.$transaction((tx) => enqueueMessage(tx, { ...base, dedupeKey: `reminder-${charge.id}-t1`, notBefore: night, notAfter: fromJst(2030, 6, 5) }));
    expect(again.id).toBe(a.id);
    expect((await runSenderOnce({ now: night })).deferred).toBe(1);
    expect(await row(a.id)).toMatchObject({ state: "queued", attempts: 0, notBefore: fromJst(2030, 6, 4, 9) });
    expect((await runSenderOnce({ now: fromJst(2030, 6, 4, 8, 59) })).claimed).toBe(0);
    expect((await runSenderOnce({ now: fromJst(2030, 6, 4, 9) })).sent).toBe(1);
    const mail = inbox(charge.customerEmail)[0]!.mail;
    // Neutral, with the deadline itself: a reminder can go out at 09:00 on the deadline day.
    expect(mail.subject).toMatch(new RegExp(`^【${MERCHANT}】お支払い期限のお知らせ（\\d{4}年\\d{1,2}月\\d{1,2}日\\(.\\) \\d\\d:\\d\\d まで）$`));

    const b = await db.$transaction((tx) => enqueueMessage(tx, { ...base, dedupeKey: `reminder-${charge.id}-t2`, notBefore: fromJst(2030, 6, 4, 10), notAfter: fromJst(2030, 6, 4, 12) }));
    expect((await runSenderOnce({ now: fromJst(2030, 6, 4, 13) })).cancelled).toBe(1);
    expect(await row(b.id)).toMatchObject({ state: "cancelled", lastError: "deadline_passed" });
    const timeline = (await getCharge({ id: charge.id })).timeline;
    expect(timeline.filter((e) => e.kind === "message_queued")).toHaveLength(2);
    expect(timeline.find((e) => e.kind === "message_queued")).toMatchObject({ source: "outbox", actorName: null });
    expect(inbox(charge.customerEmail)).toHaveLength(1);
  });

  it("a message cancelled, not sent, when the charge is no longer pending at its turn", async () => {
    const charge = await newCharge();
    const msg = (await (await post(charge.id, { channel: "email", locale: "ja" })).json()) as MessageDto;
    await (await getDb()).charge.update({ where: { id: charge.id }, data: { status: "successful", paidAt: new Date() } });
    expect((await runSenderOnce()).cancelled).toBe(1);
    expect(await row(msg.id)).toMatchObject({ state: "cancelled", lastError: "not_pending" });
    expect((await getCharge({ id: charge.id })).timeline.some((e) => e.kind === "message_cancelled")).toBe(true);
    expect(inbox(charge.customerEmail)).toHaveLength(0);
  });

  it("bad address: 422 naming the field in the user's language; not pending: 409; viewer: 403; nothing queued", async () => {
    const charge = await newCharge();
    const bad = await post(charge.id, { channel: "email", to: "not-an-address" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields.to).toEqual([ja("v.to.invalid")]);
    const badChannel = await post(charge.id, { channel: "fax" });
    expect(badChannel.status).toBe(422);
    await (await getDb()).charge.update({ where: { id: charge.id }, data: { status: "expired", expiredAt: new Date() } });
    const expired = await post(charge.id, { channel: "email" });
    expect(expired.status).toBe(409);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toBe(ja("err.message_not_pending"));
    signedIn.user = { id: viewer.id, sv: 0, sid: viewer.sid };
    expect((await post(charge.id, { channel: "email" })).status).toBe(403);
    expect(await (await getDb()).outboundMessage.count({ where: { chargeId: charge.id } })).toBe(0);
  });

  it("with no SMTP_URL (the demo) the message is captured: rendered and stored, nothing leaves the machine", async () => {
    setEnv({ SMTP_URL: undefined, MAIL_FROM: undefined, MERCHANT_NAME: MERCHANT });
    const charge = await newCharge();
    const msg = (await (await post(charge.id, { channel: "email", locale: "ja" })).json()) as MessageDto;
    const before = received.length;
    expect((await runSenderOnce()).captured).toBe(1);
    expect(received.length).toBe(before);
    const stored = await row(msg.id);
    expect(stored).toMatchObject({ state: "captured", subject: `【${MERCHANT}】コンビニでのお支払いのご案内（¥12,345）` });
    expect(stored.fromAddress).toContain(MERCHANT);
    expect(stored.textBody).toContain(charge.paymentCode!);
    expect((await getCharge({ id: charge.id })).timeline.some((e) => e.kind === "message_captured")).toBe(true);
  });
});

describe("POST /api/charges/:id/messages (sms)", () => {
  it("answers the SMS text and an sms: link to the customer's phone with the body, and records it", async () => {
    const charge = await newCharge();
    const res = await post(charge.id, { channel: "sms", locale: "ja" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; smsUri: string };
    for (const s of ["山田 花子 様", "¥12,345", charge.paymentCode!, charge.authorizeUri!]) expect(body.text).toContain(s);
    expect(body.smsUri).toBe(`sms:${charge.customerPhone}?body=${encodeURIComponent(body.text)}`);
    const entry = (await getCharge({ id: charge.id })).timeline.find((e) => e.kind === "sms_opened");
    expect(entry).toMatchObject({ actorName: staff.name, source: "user" });
    expect(await (await getDb()).outboundMessage.count({ where: { chargeId: charge.id } })).toBe(0);
  });
});
