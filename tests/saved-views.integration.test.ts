import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { makeUser, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// Saved views over HTTP through the real route handlers: normalised by the list's schema, names
// unique per owner, own + shared listed, sharing for admins only, changes by the owner or (shared)
// an admin, and the audit rows of shared views.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

let api: Awaited<ReturnType<typeof startApiServer>>;
let admin: TestUser;
let staff: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/views$/, module: await import("@/app/api/views/route") },
    { path: /^\/api\/views\/(?<id>[^/]+)$/, module: await import("@/app/api/views/[id]/route") },
  ]);
  [admin, staff, viewer] = [await makeUser("admin"), await makeUser("staff"), await makeUser("viewer")];
});
afterAll(() => api.close());

type View = { id: string; name: string; query: string; shared: boolean; mine: boolean; canEdit: boolean };
async function call(who: TestUser, method: string, path: string, body?: unknown) {
  signedIn.user = { id: who.id, sv: 0, sid: who.sid };
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { Origin: api.url, "Content-Type": "application/json", Cookie: "kd_locale=en" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as View & { data: View[]; error: { code: string; fields?: Record<string, string[]> } } };
}
const auditRows = async (id: string) => (await getDb()).auditLog.findMany({ where: { targetType: "saved_view", targetId: id }, orderBy: { at: "asc" } });

describe("saved views", () => {
  it("stores the query normalised by the list's schema: fixed order, defaults and paging left out", async () => {
    const made = await call(staff, "POST", "/api/views", { name: "  大口の支払待ち  ", query: "?amountMax=05000&limit=5&status=pending&from=2026-12-01&sort=created&foo=bar&q=%20タナカ%20" });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: "大口の支払待ち", query: "status=pending&q=%E3%82%BF%E3%83%8A%E3%82%AB&from=2026-12-01&amountMax=5000", shared: false, mine: true, canEdit: true });
    // Not shared: nobody audits one's own bookmarks.
    expect(await auditRows(made.body.id)).toHaveLength(0);
  });

  it("refuses bad names and filters with 422 naming the field, and a second view of the same name with 409", async () => {
    for (const [body, field] of [
      [{ name: "", query: "" }, "name"],
      [{ name: "x".repeat(61), query: "" }, "name"],
      [{ name: "ok", query: "amountMin=-1" }, "amountMin"],
      [{ name: "ok", query: "from=2026-12-09&to=2026-12-01" }, "to"],
      [{ name: "ok", query: "sort=random" }, "sort"],
      [{ name: "ok" }, "query"],
    ] as const) {
      const res = await call(staff, "POST", "/api/views", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(body)).toEqual([field]);
    }
    expect((await call(staff, "POST", "/api/views", { name: "重複", query: "status=failed" })).status).toBe(201);
    const again = await call(staff, "POST", "/api/views", { name: "重複", query: "status=expired" });
    expect(again.status).toBe(409);
    expect(again.body.error.fields?.name?.[0]).toBe("You already have a view with that name");
    // Another owner may use the name.
    expect((await call(viewer, "POST", "/api/views", { name: "重複", query: "" })).status).toBe(201);
    expect((await call(staff, "POST", "/api/views", { name: "x".repeat(60), query: "" })).status).toBe(201);
  });

  it("lets only admins share; lists one's own and the shared; audits a shared view's life", async () => {
    const refused = await call(staff, "POST", "/api/views", { name: "全員用", query: "status=pending", shared: true });
    expect(refused.status).toBe(403);
    const shared = await call(admin, "POST", "/api/views", { name: `共有 ${admin.id}`, query: "status=pending&sort=deadline", shared: true });
    expect(shared.status).toBe(201);
    expect((await auditRows(shared.body.id)).map((r) => r.action)).toEqual(["view.create_shared"]);
    const mine = await call(viewer, "POST", "/api/views", { name: "閲覧者の", query: "status=successful" });
    expect(mine.status).toBe(201);

    const asStaff = (await call(staff, "GET", "/api/views")).body.data;
    expect(asStaff.find((v) => v.id === shared.body.id)).toMatchObject({ shared: true, mine: false, canEdit: false });
    expect(asStaff.find((v) => v.id === mine.body.id)).toBeUndefined();
    expect(asStaff.every((v) => v.shared || v.mine)).toBe(true);
    const asViewer = (await call(viewer, "GET", "/api/views")).body.data;
    expect(asViewer.map((v) => v.id)).toEqual(expect.arrayContaining([shared.body.id, mine.body.id]));

    // Staff can neither change nor delete the admin's shared view; another's private one is not there at all.
    expect((await call(staff, "PATCH", `/api/views/${shared.body.id}`, { name: "乗っ取り" })).status).toBe(403);
    expect((await call(staff, "DELETE", `/api/views/${shared.body.id}`)).status).toBe(403);
    expect((await call(staff, "PATCH", `/api/views/${mine.body.id}`, { name: "他人の" })).status).toBe(404);
    expect((await call(staff, "DELETE", `/api/views/${mine.body.id}`)).status).toBe(404);
    expect((await call(staff, "DELETE", "/api/views/no-such-view")).status).toBe(404);

    // The owner renames and refilters; sharing one's own stays an admin's call.
    const renamed = await call(viewer, "PATCH", `/api/views/${mine.body.id}`, { name: "入金済み", query: "status=successful&amountMin=100" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "入金済み", query: "status=successful&amountMin=100" });
    expect((await call(viewer, "PATCH", `/api/views/${mine.body.id}`, { shared: true })).status).toBe(403);
    expect((await call(viewer, "PATCH", `/api/views/${mine.body.id}`, { query: "amountMax=-5" })).status).toBe(422);

    // An admin changes and deletes a shared view; each is audited in the same transaction.
    const changed = await call(admin, "PATCH", `/api/views/${shared.body.id}`, { query: "status=expired" });
    expect(changed.body.query).toBe("status=expired");
    expect((await call(admin, "DELETE", `/api/views/${shared.body.id}`)).status).toBe(204);
    expect((await auditRows(shared.body.id)).map((r) => r.action)).toEqual(["view.create_shared", "view.update_shared", "view.delete_shared"]);
    expect((await call(staff, "GET", "/api/views")).body.data.find((v) => v.id === shared.body.id)).toBeUndefined();

    // A viewer deletes their own.
    expect((await call(viewer, "DELETE", `/api/views/${mine.body.id}`)).status).toBe(204);
    expect((await call(viewer, "GET", "/api/views")).body.data.find((v) => v.id === mine.body.id)).toBeUndefined();
  });

  it("renaming onto a name the owner already uses is 409, and changes nothing", async () => {
    const one = await call(staff, "POST", "/api/views", { name: "一", query: "status=pending" });
    await call(staff, "POST", "/api/views", { name: "二", query: "status=failed" });
    const res = await call(staff, "PATCH", `/api/views/${one.body.id}`, { name: "二", query: "status=expired" });
    expect(res.status).toBe(409);
    const still = (await call(staff, "GET", "/api/views")).body.data.find((v) => v.id === one.body.id);
    expect(still).toMatchObject({ name: "一", query: "status=pending" });
  });
});
