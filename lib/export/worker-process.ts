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

/** A worker process started for one export: see startWorker. */
export type ExportWorker = {
  /** True once the worker has loaded its code and waits for its job. */
  readonly ready: boolean;
  /** True once it has ended before being given its job (it could not start). */
  readonly failed: boolean;
  /** Resolves true when it is ready, false if it ended first or was not ready within `ms`. */
  whenReady(ms: number): Promise<boolean>;
  /** Hand it the job (as JSON on its standard input) and read what it writes: records in the export's encoding, each ending in CRLF. */
  records(job: unknown): AsyncGenerator<EncodedChunk>;
  /** Stop it (the export ended without it, or the client went away). */
  stop(): void;
};

/**
 * Starts `script` (a TypeScript module of this project, run through tsx as `npm run reconcile` and
 * the seed are) in a process of its own. It loads its code, says so on file descriptor 3, and then
 * reads its job from standard input.
 *
 * Why a process: a million-row export formats rows for most of a minute. In the server that is a
 * core's worth of work on the event loop every other request waits behind, and garbage that
 * raises the server's memory by hundreds of MB. In a worker it is neither: the server only passes
 * bytes on, and the worker's memory is its own, capped and returned when it exits.
 *
 * Backpressure reaches the worker: records() reads its output only when asked for the next chunk,
 * so a slow client fills the pipe and the worker's writes wait. Records are counted by their CRLF
 * (a line break inside a cell is written as a bare LF: lib/export/csv.ts; in Shift_JIS neither
 * byte occurs inside a character). Ending the iteration early kills the worker; a worker that
 * fails (exit code not 0) makes it throw, so the download breaks instead of ending short and
 * looking complete.
 */
export function startWorker(script: string, onSpawn?: (pid: number) => void): ExportWorker {
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${EXPORT_WORKER_HEAP_MB}`, `--max-semi-space-size=${EXPORT_WORKER_SEMI_SPACE_MB}`, "--conditions=react-server", "--import", "tsx", path.join(/*turbopackIgnore: true*/ process.cwd(), script)],
    // The environment is inherited (spawn's default): the worker reads it through lib/env.ts as the server does.
    { cwd: process.cwd(), stdio: ["pipe", "pipe", "inherit", "pipe"] },
  );
  let ready = false;
  let failed = false;
  const exited = new Promise<string | null>((resolve) => {
    child.once("error", (err) => {
      failed = true;
      resolve(`could not start: ${err.message}`);
    });
    child.once("exit", (code, signal) => {
      if (!ready) failed = true;
      resolve(code === 0 ? null : `ended with ${signal ?? `exit code ${code}`}`);
    });
  });
  const readyOrEnded = new Promise<boolean>((resolve) => {
    child.stdio[3]?.once("data", () => resolve((ready = true)));
    void exited.then(() => resolve(ready));
  });
  child.stdio[3]?.on("error", () => undefined);
  if (child.pid) onSpawn?.(child.pid);
  child.stdin?.on("error", () => undefined); // a worker that died at once; its exit says why
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  async function* read(): AsyncGenerator<EncodedChunk> {
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
  return {
    get ready() {
      return ready;
    },
    get failed() {
      return failed;
    },
    whenReady: (ms) => Promise.race([readyOrEnded, new Promise<boolean>((r) => setTimeout(() => r(ready), ms).unref())]),
    records(job: unknown) {
      child.stdin?.end(JSON.stringify(job));
      return read();
    },
    stop,
  };
}

/** A worker's records for `job`, from its start (the stand-in worker's tests use this). */
export function workerRecords(script: string, job: unknown, onSpawn?: (pid: number) => void): AsyncGenerator<EncodedChunk> {
  const worker = startWorker(script, onSpawn);
  const iterator = worker.records(job);
  // Ending before the first read skips the generator's finally: stop the worker here as well.
  const end = iterator.return.bind(iterator);
  iterator.return = (value) => {
    worker.stop();
    return end(value);
  };
  return iterator;
}
