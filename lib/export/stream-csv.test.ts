import { describe, expect, it, vi } from "vitest";
import { csvStream, type ExportOutcome } from "@/lib/export/stream-csv";
import type { Cell } from "@/lib/export/csv";

// A client that goes away while a batch is being read: the stream ends quietly, once.
describe("the CSV stream when the client goes away", () => {
  it("does not enqueue into the cancelled stream or log a failed read, and finishes once", async () => {
    let release: (() => void) | undefined;
    const slowBatch = new Promise<void>((r) => (release = r));
    const batches: AsyncIterator<Cell[][]> = {
      async next() {
        await slowBatch;
        return { done: false, value: [["a", 1]] };
      },
      async return() {
        return { done: true, value: undefined };
      },
    };
    const outcomes: ExportOutcome[] = [];
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const stream = csvStream({ header: ["h1", "h2"], batches, encoding: "utf-8", finish: async (o) => void outcomes.push(o) });
    const reader = stream.getReader();
    expect((await reader.read()).done).toBe(false); // the header
    // Taking the header made the stream pull the next batch, which is still being read.
    await new Promise((r) => setTimeout(r, 10));
    await reader.cancel();
    release?.();
    await new Promise((r) => setTimeout(r, 20));
    expect(errors).not.toHaveBeenCalled();
    expect(outcomes).toEqual([{ rows: 0, completed: false }]);
    errors.mockRestore();
  });
});
