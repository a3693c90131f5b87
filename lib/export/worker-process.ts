import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import type { EncodedChunk } from "@/lib/export/stream-csv";

/**
 * The old generation's cap of an export worker (MB). A worker holds one batch of rows at a time
 * (a few MB); without a cap, V8 on a large machine lets garbage pile up to hundreds of MB before
 * it collects (docs/export-performance.md). The young generation is kept small for the same reason.
 */
export const EXPORT_WORKER_HEAP_MB = 64;
const EXPORT_WORKER_SEMI_SPACE_MB = 2;

/**
 * Runs `script` (a TypeScript module of this project, through tsx as `npm run reconcile` and the
 * seed are) in a process of its own, hands it `job` as JSON on its standard input, and yields
 * what it writes to its standard output: records in the export's encoding, each ending in CRLF.
 *
 * Why a process: a million-row export formats rows for most of a minute. In the server that is a
 * core's worth of work on the event loop every other request waits behind, and garbage that
 * raises the server's memory by hundreds of MB. In a worker it is neither: the server only passes
 * bytes on, and the worker's memory is its own, capped and returned when it exits.
 *
 * Backpressure reaches the worker: this iterator reads its output only when asked for the next
 * chunk, so a slow client fills the pipe and the worker's writes wait. Records are counted by
 * their CRLF (a line break inside a cell is written as a bare LF: lib/export/csv.ts; in Shift_JIS
 * neither byte occurs inside a character). Ending early (the client went away) kills the worker;
 * a worker that fails (exit code not 0) makes the iteration throw, so the download breaks
 * instead of ending short and looking complete.
 */
export function workerRecords(script: string, job: unknown, onSpawn?: (pid: number) => void): AsyncGenerator<EncodedChunk> {
  // Started at once, not on the first read: its start-up overlaps the header's trip to the client.
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${EXPORT_WORKER_HEAP_MB}`, `--max-semi-space-size=${EXPORT_WORKER_SEMI_SPACE_MB}`, "--conditions=react-server", "--import", "tsx", path.join(process.cwd(), script)],
    { cwd: process.cwd(), env: process.env, stdio: ["pipe", "pipe", "inherit"] },
  );
  const exited = new Promise<string | null>((resolve) => {
    child.once("error", (err) => resolve(`could not start: ${err.message}`));
    child.once("exit", (code, signal) => resolve(code === 0 ? null : `ended with ${signal ?? `exit code ${code}`}`));
  });
  if (child.pid) onSpawn?.(child.pid);
  child.stdin.on("error", () => undefined); // a worker that died at once; its exit says why
  child.stdin.end(JSON.stringify(job));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  async function* records(): AsyncGenerator<EncodedChunk> {
    let afterCr = false;
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        let rows = 0;
        for (let i = 0; i < chunk.length; i++) {
          if (chunk[i] === 0x0a && (i > 0 ? chunk[i - 1] === 0x0d : afterCr)) rows++;
        }
        afterCr = chunk[chunk.length - 1] === 0x0d;
        yield { bytes: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length), rows };
      }
      const failure = await exited;
      if (failure) throw new Error(`the export worker (${script}) ${failure}`);
    } finally {
      stop();
    }
  }
  const iterator = records();
  // Ending before the first read skips the generator's finally: stop the worker here as well.
  const end = iterator.return.bind(iterator);
  iterator.return = (value) => {
    stop();
    return end(value);
  };
  return iterator;
}
