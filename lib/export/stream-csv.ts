import "server-only";
import { csvPreamble, csvRow, encodeCsv, type Cell, type ExportEncoding } from "@/lib/export/csv";

export type ExportOutcome = { rows: number; completed: boolean };

/** Records already in the export's encoding, and how many there are (a worker process's output). */
export type EncodedChunk = { bytes: Uint8Array; rows: number };

/** Where the records come from: rows as cells, encoded here, or bytes a worker process encoded. */
export type CsvSource = { batches: AsyncIterator<Cell[][]> } | { chunks: AsyncIterator<EncodedChunk> };

function encodedBatches(batches: AsyncIterator<Cell[][]>, encoding: ExportEncoding): AsyncIterator<EncodedChunk> {
  return {
    async next() {
      const next = await batches.next();
      if (next.done) return { done: true, value: undefined };
      return { done: false, value: { bytes: encodeCsv(next.value.map(csvRow).join(""), encoding), rows: next.value.length } };
    },
    async return() {
      await batches.return?.();
      return { done: true, value: undefined };
    },
  };
}

/**
 * A CSV body that reads one batch per pull: the stream asks for the next batch only when the
 * client has taken the last one (backpressure), so memory holds about one batch whatever the
 * total. The header row goes out on the first pull, before any query. `finish` runs once, when
 * the last batch is sent (before the stream closes, so the client's end of body comes after it),
 * when the client goes away, or when a read fails (the stream then errors: the download breaks
 * instead of ending short and looking complete).
 */
export function csvStream(
  opts: CsvSource & {
    header: readonly string[];
    encoding: ExportEncoding;
    finish: (outcome: ExportOutcome) => Promise<void>;
  },
): ReadableStream<Uint8Array> {
  const chunks = "chunks" in opts ? opts.chunks : encodedBatches(opts.batches, opts.encoding);
  let rows = 0;
  let started = false;
  let finished = false;
  let cancelled = false;
  const finishOnce = async (completed: boolean) => {
    if (finished) return;
    finished = true;
    await opts.finish({ rows, completed }).catch((err: unknown) => console.error("[export] could not record the export", err));
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          const head = encodeCsv(csvRow(opts.header), opts.encoding);
          const pre = csvPreamble(opts.encoding);
          const first = new Uint8Array(pre.length + head.length);
          first.set(pre);
          first.set(head, pre.length);
          controller.enqueue(first);
          return;
        }
        try {
          const next = await chunks.next();
          // The client went away while this batch was being read: cancel() has already finished.
          if (cancelled) return;
          if (next.done) {
            await finishOnce(true);
            controller.close();
            return;
          }
          rows += next.value.rows;
          controller.enqueue(next.value.bytes);
        } catch (err) {
          if (cancelled) return;
          console.error("[export] reading a batch failed", err);
          await finishOnce(false);
          controller.error(err);
        }
      },
      async cancel() {
        cancelled = true;
        await chunks.return?.();
        await finishOnce(false);
      },
    },
    { highWaterMark: 1 },
  );
}
