// Downloads an export with fetch and a stream reader, so the page can show rows and bytes as they
// arrive, then saves it through a Blob URL. Records end with CRLF and a line break inside a cell
// is a bare LF (lib/export/csv.ts), so counting CR LF byte pairs counts records in UTF-8 and
// Shift_JIS alike (neither byte occurs inside a multi-byte character in either).

export type Progress = { rows: number; bytes: number };
export type DownloadResult = { ok: true; rows: number; filename: string } | { ok: false; kind: "http" | "interrupted" | "cancelled"; message?: string };

function countRecordEnds(chunk: Uint8Array, prevEndedWithCr: boolean): number {
  let n = prevEndedWithCr && chunk[0] === 10 ? 1 : 0;
  for (let i = chunk.indexOf(10, 1); i !== -1; i = chunk.indexOf(10, i + 1)) if (chunk[i - 1] === 13) n++;
  return n;
}

const filenameOf = (disposition: string | null, fallback: string) => /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? fallback;

export async function downloadCsv(url: string, opts: { signal: AbortSignal; onProgress: (p: Progress) => void; fallbackName: string }): Promise<DownloadResult> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-store", signal: opts.signal });
  } catch {
    return { ok: false, kind: opts.signal.aborted ? "cancelled" : "interrupted" };
  }
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string[]> } } | null;
    const field = Object.values(body?.error?.fields ?? {})[0]?.[0];
    return { ok: false, kind: "http", message: field ?? body?.error?.message };
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let lines = 0;
  let lastCr = false;
  let lastReport = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.length;
      lines += countRecordEnds(value, lastCr);
      lastCr = value[value.length - 1] === 13;
      if (Date.now() - lastReport > 100) {
        lastReport = Date.now();
        opts.onProgress({ rows: Math.max(0, lines - 1), bytes });
      }
    }
  } catch {
    return { ok: false, kind: opts.signal.aborted ? "cancelled" : "interrupted" };
  }
  const rows = Math.max(0, lines - 1); // the header row is not a record of data
  opts.onProgress({ rows, bytes });
  const filename = filenameOf(res.headers.get("content-disposition"), opts.fallbackName);
  const href = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get("content-type") ?? "text/csv" }));
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return { ok: true, rows, filename };
}
