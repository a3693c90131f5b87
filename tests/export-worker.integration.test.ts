import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { workerRecords } from "@/lib/export/worker-process";

// lib/export/worker-process.ts with a stand-in worker (tests/fixtures/csv-worker.ts): what it
// yields, how it counts records, a failing worker, and a download that ends early.
const FIXTURE = "tests/fixtures/csv-worker.ts";
const decoder = () => new TextDecoder();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("an export worker process", () => {
  it("yields every byte it writes and counts each CRLF record once, also when CR and LF arrive apart", async () => {
    let text = "";
    let rows = 0;
    let pid = 0;
    const d = decoder();
    for await (const chunk of workerRecords(FIXTURE, { records: ["a,1", 'b,"x\ny"', "c,3"] }, (p) => (pid = p))) {
      text += d.decode(chunk.bytes, { stream: true });
      rows += chunk.rows;
    }
    expect(text).toBe('a,1\r\nb,"x\ny"\r\nc,3\r\n');
    expect(rows).toBe(3); // the LF inside the quoted cell is not a record
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    expect(alive(pid)).toBe(false);
  });

  it("throws after its last bytes when the worker fails, so the download breaks instead of looking complete", async () => {
    const seen: string[] = [];
    const d = decoder();
    const read = (async () => {
      for await (const chunk of workerRecords(FIXTURE, { records: ["a", "b"], exitCode: 3 })) seen.push(d.decode(chunk.bytes, { stream: true }));
    })();
    await expect(read).rejects.toThrow(/exit code 3/);
    expect(seen.join("")).toBe("a\r\nb\r\n");
  });

  it("makes the worker wait while nobody reads, and kills it when the reader stops early", async () => {
    let pid = 0;
    const progress = path.join(mkdtempSync(path.join(tmpdir(), "kd-worker-")), "written");
    const records = workerRecords(FIXTURE, { forever: true, progress }, (p) => (pid = p));
    expect((await records.next()).done).toBe(false);
    // Nobody reads: once the pipe is full the worker's writes wait, so it stops writing records.
    const written = () => Number(readFileSync(progress, "utf8"));
    await expect.poll(async () => {
      const before = written();
      await new Promise((r) => setTimeout(r, 200));
      return written() - before;
    }, { timeout: 5_000 }).toBe(0);
    // What it wrote meanwhile is what the pipe holds: well under a megabyte of 1 KB records.
    expect(written()).toBeLessThan(1000);
    expect(alive(pid)).toBe(true);
    await records.return(undefined);
    await expect.poll(() => alive(pid), { timeout: 5_000 }).toBe(false);
  });
});
