import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { ja } from "@/messages/ja";
import { en } from "@/messages/en";
import { makeUser, waitFor, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// GET /api/charges/export and GET /api/audit/export over HTTP through the real route modules:
// the CSV, parsed by the RFC 4180 reader below, equals a direct SQL query row for row (values,
// order, both sorts, several filter combinations, more rows than one batch), and the list's own
// pages; headers in both languages, BOM, Shift_JIS, quoting, formula neutralisation, 422 before
// any byte, roles, and the audit row of each export. The session is supplied as in audit.integration.test.ts.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
// On PostgreSQL the server writes the first batch (2,000 rows) and the export's worker process the
// rest (lib/charges/export-charges.ts), so the exports below cross from one to the other.
process.env.EXPORT_SERVER_ROWS = "2000";
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

let api: Awaited<ReturnType<typeof startApiServer>>;
let admin: TestUser;
let staffA: TestUser;
let viewer: TestUser;
const tag = randomBytes(4).toString("hex");
const N = 4300; // more than two batches of EXPORT_BATCH (2000)
const as = (u: TestUser | null) => (signedIn.user = u && { id: u.id, sv: 0, sid: u.sid });
const get = (path: string, headers: Record<string, string> = {}, signal?: AbortSignal) => fetch(api.url + path, { headers: { "Accept-Language": "ja", ...headers }, signal });

// Cells that must come back intact (quoting) or neutralised (formulas), as customer names.
const TRICKY = ["=1+1", "+81-90-1234", "-5", "@SUM(A1)", "a,b", 'say "hi"', "行1\r\n行2", "\tタブ", "絵文字😀", "波〜ダッシュ", "＝ＳＵＭ(1)", "普通の名前"];

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") },
    { path: /^\/api\/charges\/export$/, module: await import("@/app/api/charges/export/route") },
    { path: /^\/api\/audit\/export$/, module: await import("@/app/api/audit/export/route") },
  ]);
  admin = await makeUser("admin");
  staffA = await makeUser("staff");
  viewer = await makeUser("viewer");
  const db = await getDb();
  // Pairs share a creation time and deadlines repeat (ties are ordered by id); every 7th has no deadline.
  await db.$executeRawUnsafe(
    `INSERT INTO "Charge" (id, reference, status, amount, currency, "customerName", "customerEmail", "customerPhone", description,
       "createdById", "createdAt", "updatedAt", "expiresAt", "paidAt", "expiredAt", "failureCode", "failureMessage", "paymentCode", "authorizeUri")
     SELECT 'chrg_exp_${tag}_' || lpad(g::text, 5, '0'), 'kd_exp_${tag}_' || g, s, 100 + (g * 37) % 9000, 'JPY',
       CASE WHEN g <= $2 THEN ($3::text[])[g] ELSE 'タナカ' || g END,
       'c' || g || '.${tag}@example.jp', '090' || lpad(((g * 7919) % 100000000)::text, 8, '0'),
       CASE WHEN g % 3 = 0 THEN 'ぶどう ${tag} #' ELSE 'りんご ${tag} #' END || g,
       $1, c, c, CASE WHEN g % 7 <> 0 THEN c + ((g % 5) + 1) * interval '1 day' END,
       CASE WHEN s = 'successful' THEN c + interval '5 hours' END,
       CASE WHEN s = 'expired' THEN c + interval '3 days' END,
       CASE WHEN s = 'failed' THEN (CASE WHEN g % 8 = 3 THEN 'payment_cancelled' ELSE 'odd_code' END) END,
       CASE WHEN s = 'failed' THEN '=cmd|'' /C calc''!A0' END,
       lpad((g * 13)::text, 12, '0'), 'https://pay.example.jp/' || g
     FROM (SELECT g, timestamptz '2026-11-01 00:00:00+09' + (g / 2) * interval '17 minutes' AS c,
             (ARRAY['pending', 'successful', 'expired', 'failed'])[1 + g % 4] AS s
           FROM generate_series(1, ${N}) g) x`,
    staffA.id,
    TRICKY.length,
    TRICKY,
  );
  await recordAudit(db, { action: "user.update", actorId: admin.id, actorEmail: admin.email, targetType: "user", targetId: staffA.id, reason: "=HYPERLINK(\"x\")\n2行目, 以上", detail: { a: 1 } });
});
// The rows were written by SQL, so Omise never heard of them: left pending they would crowd a later
// test's charge out of the reconciliation's 500 per pass (tests share one database).
afterAll(async () => {
  api.close();
  await (await getDb()).$executeRawUnsafe(`DELETE FROM "Charge" WHERE "id" LIKE 'chrg_exp_${tag}_%'`);
});

/** RFC 4180 records; throws on a bare line break outside quotes or an unterminated last record. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted) {
      if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") endCell();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else if (ch === "\r" || ch === "\n") throw new Error(`bare line break outside quotes at ${i}`);
    else cell += ch;
  }
  if (cell !== "" || row.length) throw new Error("last record not terminated by CRLF");
  return rows;
}

/** What a cell should read as once parsed: CR as LF, and an apostrophe before a formula start. */
const expectedCell = (v: string | number | null) => {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const text = v.replace(/\r\n?/g, "\n");
  return /^[=+\-@\t\r＝＋－＠]/.test(v) ? `'${text}` : text;
};

const JA_HEADER = ["請求ID", "参照番号", "状態", "金額（円）", "お客様名", "メールアドレス", "電話番号", "内容", "作成日時", "支払期限", "入金日時", "期限切れ日時", "失敗コード", "失敗理由", "作成者", "支払番号", "支払案内のリンク"];
const EN_HEADER = ["Charge ID", "Reference", "Status", "Amount (JPY)", "Customer name", "Email", "Phone", "Description", "Created", "Deadline", "Paid at", "Expired at", "Failure code", "Failure reason", "Created by", "Payment code", "Payment instructions link"];

const jstDay = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00Z`) - 9 * 3600_000 + plusDays * 86_400_000);

type Truth = { where: string; params: unknown[]; order: "created" | "deadline"; catalog?: typeof ja | typeof en };

/** The same rows straight from SQL, written here independently of the app's SQL, as the CSV should show them. */
async function truth({ where, params, order, catalog = ja }: Truth): Promise<string[][]> {
  const db = await getDb();
  const jst = (col: string) => `CASE WHEN c."${col}" IS NULL THEN NULL ELSE to_char((c."${col}" AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD HH24:MI:SS') || '+09:00' END`;
  const orderBy = order === "created" ? `c."createdAt" DESC, c.id DESC` : `c."expiresAt" ASC NULLS LAST, c.id ASC`;
  const rows = await db.$queryRawUnsafe<Record<string, string | number | null>[]>(
    `SELECT c.id, c.reference, c.status, c.amount, c."customerName", c."customerEmail", c."customerPhone", c.description,
       ${jst("createdAt")} AS created, ${jst("expiresAt")} AS deadline, ${jst("paidAt")} AS paid, ${jst("expiredAt")} AS expired,
       c."failureCode", c."failureMessage", u.email AS "createdBy", c."paymentCode", c."authorizeUri"
     FROM "Charge" c JOIN "User" u ON u.id = c."createdById" WHERE c."createdById" = $1 ${where} ORDER BY ${orderBy}`,
    staffA.id,
    ...params,
  );
  return rows.map((r) => {
    const failure = r.failureCode === "payment_cancelled" ? catalog.failure.payment_cancelled : r.failureMessage;
    return [r.id, r.reference, catalog.status[r.status as "pending"], r.amount, r.customerName, r.customerEmail, r.customerPhone, r.description, r.created, r.deadline, r.paid, r.expired, r.failureCode, failure, r.createdBy, r.paymentCode, r.authorizeUri].map(
      (v) => expectedCell(v as string | number | null),
    );
  });
}

async function exportText(query: string, headers: Record<string, string> = {}) {
  const res = await get(`/api/charges/export?${query}`, headers);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

describe("GET /api/charges/export", () => {
  const cases: { name: string; query: Record<string, string>; truth: () => Truth; min: number }[] = [
    { name: "every status, newest first (three batches)", query: {}, truth: () => ({ where: "", params: [], order: "created" }), min: N },
    {
      name: "pending, soonest deadline first, amount range",
      query: { status: "pending", sort: "deadline", amountMin: "2000", amountMax: "7000" },
      truth: () => ({ where: `AND c.status = 'pending' AND c.amount >= 2000 AND c.amount <= 7000`, params: [], order: "deadline" }),
      min: 100,
    },
    {
      name: "created on JST days, text search, newest first",
      query: { from: "2026-11-10", to: "2026-11-20", q: "ぶどう" },
      truth: () => ({ where: `AND c."createdAt" >= $2 AND c."createdAt" < $3 AND c.description LIKE 'ぶどう%'`, params: [jstDay("2026-11-10"), jstDay("2026-11-20", 1)], order: "created" }),
      min: 100,
    },
    {
      name: "deadline on JST days, every status, by deadline",
      query: { deadlineFrom: "2026-11-05", deadlineTo: "2026-11-30", sort: "deadline" },
      truth: () => ({ where: `AND c."expiresAt" >= $2 AND c."expiresAt" < $3`, params: [jstDay("2026-11-05"), jstDay("2026-11-30", 1)], order: "deadline" }),
      min: 1000,
    },
    { name: "all, by deadline (those without one last)", query: { sort: "deadline" }, truth: () => ({ where: "", params: [], order: "deadline" }), min: N },
  ];

  it.each(cases)("equals a direct SQL query row for row: $name", async ({ query, truth: t, min }) => {
    as(staffA);
    const { bytes, text, res } = await exportText(new URLSearchParams({ ...query, staff: staffA.id }).toString());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(JA_HEADER);
    const expected = await truth(t());
    expect(expected.length).toBeGreaterThanOrEqual(min);
    expect(rows).toEqual(expected);
  });

  it("has the same rows in the same order as the list's own pages", async () => {
    as(viewer); // viewers read the list, so they may export it
    const query = { status: "pending", sort: "deadline", amountMin: "1000", staff: staffA.id };
    const { text } = await exportText(new URLSearchParams(query).toString());
    const exported = parseCsv(text.slice(1)).slice(1).map((r) => r[0]);
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/charges?${new URLSearchParams({ ...query, limit: "100", ...(cursor ? { cursor } : {}) })}`);
      const page = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
      listed.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(listed.length).toBeGreaterThan(200);
    expect(exported).toEqual(listed);
  });

  it("quotes commas, quotes and line breaks and neutralises formula cells in the raw bytes", async () => {
    as(staffA);
    const { text } = await exportText(new URLSearchParams({ staff: staffA.id, q: `kd_exp_${tag}_1` }).toString());
    // kd_exp_<tag>_1 is a whole reference: looked up exactly (lib/charges/search-sql.ts).
    const lines = text.split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,"'=1+1",`);
    const names = await Promise.all(
      [4, 5, 6, 7, 8].map(async (g) => (await exportText(new URLSearchParams({ staff: staffA.id, q: `kd_exp_${tag}_${g}` }).toString())).text.split("\r\n").slice(1, -1).join("\r\n")),
    );
    expect(names[0]).toContain(`,"'@SUM(A1)",`);
    expect(names[1]).toContain(`,"a,b",`);
    expect(names[2]).toContain(`,"say ""hi""",`);
    expect(names[3]).toContain(`,"行1\n行2",`);
    expect(names[3]).toContain(`,odd_code,"'=cmd|' /C calc'!A0",`); // Omise's raw text, neutralised too
    expect(names[4]).toContain(`,"'\tタブ",`);
  });

  it("writes the header and status words in English with locale=en or the English cookie", async () => {
    as(staffA);
    const q = new URLSearchParams({ staff: staffA.id, status: "failed", from: "2026-11-02", to: "2026-11-03" });
    const byParam = parseCsv((await exportText(`${q}&locale=en`)).text.slice(1));
    const byCookie = parseCsv((await exportText(q.toString(), { Cookie: "kd_locale=en" })).text.slice(1));
    expect(byParam[0]).toEqual(EN_HEADER);
    expect(byCookie).toEqual(byParam);
    const expected = await truth({ where: `AND c.status = 'failed' AND c."createdAt" >= $2 AND c."createdAt" < $3`, params: [jstDay("2026-11-02"), jstDay("2026-11-03", 1)], order: "created", catalog: en });
    expect(byParam.slice(1)).toEqual(expected);
    expect(byParam.slice(1).every((r) => r[2] === "Failed")).toBe(true);
    expect(parseCsv((await exportText(`${q}&locale=ja`, { Cookie: "kd_locale=en" })).text.slice(1))[0]).toEqual(JA_HEADER);
  });

  it("encoding=shift_jis: no BOM, Shift_JIS bytes that decode to the UTF-8 export (CP932 spellings; emoji as ?)", async () => {
    as(staffA);
    const q = new URLSearchParams({ staff: staffA.id, amountMax: "3000" }).toString();
    const utf8 = (await exportText(q)).text.slice(1);
    const res = await get(`/api/charges/export?${q}&encoding=shift_jis`);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=Shift_JIS");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const decoded = iconv.decode(bytes, "shift_jis");
    expect(decoded).toBe(utf8.replace(/〜/g, "～").replace(/\p{Extended_Pictographic}/gu, "?"));
    expect(utf8).toContain("絵文字😀");
    expect(decoded).toContain("絵文字?");
    expect(decoded).toContain("波～ダッシュ");
    expect(decoded).toContain("支払待ち");
  });

  it("names the attachment by the JST minute and is never cached", async () => {
    as(staffA);
    const { res } = await exportText(new URLSearchParams({ staff: staffA.id, amountMin: "9999" }).toString());
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="charges-\d{8}-\d{4}\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 422 with every bad field, as JSON, before any CSV byte", async () => {
    as(staffA);
    const res = await get(`/api/charges/export?amountMin=abc&from=2026-02-30&sort=bogus&encoding=latin1&format=xlsx&locale=fr`);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(Object.keys(body.error.fields).sort()).toEqual(["amountMin", "encoding", "format", "from", "locale", "sort"]);
    expect(body.error.fields.encoding).toEqual([ja.csvExport.v.encoding]);
    const range = await get(`/api/charges/export?amountMin=500&amountMax=100`, { Cookie: "kd_locale=en" });
    expect(range.status).toBe(422);
    expect(((await range.json()) as { error: { fields: Record<string, string[]> } }).error.fields.amountMax).toEqual([en.v.amountRange.invalid]);
  });

  it("is refused without a session", async () => {
    as(null);
    expect((await get(`/api/charges/export`)).status).toBe(401);
  });

  it("is audited: who, the filters and the row count, written before the body ends", async () => {
    as(staffA);
    const query = { staff: staffA.id, status: "expired", sort: "deadline" };
    const { text } = await exportText(new URLSearchParams(query).toString(), { "X-Request-Id": `export-${tag}` });
    const rows = parseCsv(text.slice(1)).length - 1;
    const entries = await (await getDb()).auditLog.findMany({ where: { requestId: `export-${tag}` } });
    expect(entries).toEqual([
      expect.objectContaining({ action: "charge.export", actorId: staffA.id, actorEmail: staffA.email, detail: { filters: query, rows, completed: true, encoding: "utf-8", locale: "ja" } }),
    ]);
    expect(rows).toBeGreaterThan(500);
  });
});

/** The export worker processes this test process started (lib/export/worker-process.ts), from /proc. */
function exportWorkers(): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const ppid = Number(readFileSync(`/proc/${d}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]);
        return ppid === process.pid && readFileSync(`/proc/${d}/cmdline`, "utf8").includes("charge-export-worker");
      } catch {
        return false; // it ended while we looked
      }
    })
    .map(Number);
}

// On PostgreSQL the rows are read and formatted in a worker process (lib/export/worker-process.ts);
// the embedded database admits one process, so there the server does it (the tests above ran both ways).
describe.runIf(process.env.DATABASE_URL)("the charge export's worker process (PostgreSQL)", () => {
  it("writes the first batch in the server and the rest in a process of its own, which has ended when the download has", async () => {
    as(staffA);
    const seen = new Set<number>();
    const watch = setInterval(() => exportWorkers().forEach((p) => seen.add(p)), 20);
    try {
      const { text } = await exportText(new URLSearchParams({ staff: staffA.id }).toString());
      expect(parseCsv(text.slice(1)).length).toBe(N + 1);
    } finally {
      clearInterval(watch);
    }
    expect(seen.size).toBe(1);
    expect(seen.has(process.pid)).toBe(false);
    await expect.poll(() => exportWorkers(), { timeout: 5_000 }).toEqual([]);
  });

  it("stops the worker when the client goes away, and audits the export as not completed", async () => {
    as(staffA);
    const abort = new AbortController();
    const res = await get(`/api/charges/export?${new URLSearchParams({ staff: staffA.id })}`, { "X-Request-Id": `export-abort-${tag}` }, abort.signal);
    await res.body!.getReader().read(); // the header; the first batch then fills the socket and the server starts the worker
    await expect.poll(() => exportWorkers().length, { timeout: 5_000 }).toBe(1);
    abort.abort();
    await expect.poll(() => exportWorkers(), { timeout: 5_000 }).toEqual([]);
    const entries = async () => (await getDb()).auditLog.findMany({ where: { requestId: `export-abort-${tag}` } });
    await expect.poll(entries, { timeout: 5_000 }).toEqual([expect.objectContaining({ action: "charge.export", detail: expect.objectContaining({ completed: false }) })]);
  });
});

describe("GET /api/audit/export", () => {
  it("is for admins only", async () => {
    for (const u of [staffA, viewer]) {
      as(u);
      expect((await get(`/api/audit/export`)).status).toBe(403);
    }
  });

  it("equals a direct SQL query for the actor filter, newest first, and is itself audited", async () => {
    as(admin);
    await exportText(new URLSearchParams({ staff: staffA.id, amountMin: "8900" }).toString()); // an admin's charge export, to be found below
    const requestId = `audit-export-${tag}`;
    const res = await get(`/api/audit/export?actor=${admin.id}`, { "X-Request-Id": requestId });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-\d{8}-\d{4}\.csv"$/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(["日時", "操作", "操作した人", "操作した人のID", "対象の種類", "対象のID", "理由", "接続元アドレス", "ブラウザ", "リクエストID", "詳細"]);
    const db = await getDb();
    const truthRows = await db.$queryRawUnsafe<Record<string, string | null>[]>(
      `SELECT to_char((at AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD HH24:MI:SS') || '+09:00' AS at, action, "actorEmail", "actorId", "targetType", "targetId", reason, ip, "userAgent", "requestId", detail::text AS detail
       FROM "AuditLog" WHERE ("actorId" = $1 OR "actorEmail" = lower($1)) AND "requestId" IS DISTINCT FROM $2 ORDER BY at DESC, id DESC`,
      admin.id,
      requestId,
    );
    const norm = (v: string | null, i: number) => (i === 10 && v ? JSON.stringify(JSON.parse(v)) : v);
    expect(rows).toEqual(truthRows.map((r) => Object.values(r).map((v, i) => expectedCell(norm(v, i)))));
    expect(rows.map((r) => r[1])).toEqual(expect.arrayContaining(["charge.export", "user.update"]));
    expect(text).toContain(`"'=HYPERLINK(""x"")\n2行目, 以上"`);
    const own = await waitFor(async () => (await db.auditLog.findMany({ where: { requestId } }))[0]);
    expect(own).toMatchObject({ action: "audit_log.export", actorId: admin.id, detail: { filters: { actor: admin.id }, rows: rows.length, completed: true } });
  });

  it("answers 422 on bad audit filters", async () => {
    as(admin);
    const res = await get(`/api/audit/export?from=2026-13-01&encoding=x`);
    expect(res.status).toBe(422);
    expect(Object.keys(((await res.json()) as { error: { fields: object } }).error.fields).sort()).toEqual(["encoding", "from"]);
  });
});
