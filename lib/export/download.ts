import "server-only";
import { csvContentType, exportFilename, type ExportEncoding } from "@/lib/export/csv";

/**
 * The streamed answer of an export: an attachment named `<prefix>-YYYYMMDD-HHMM.csv` (JST).
 * withApiHandler adds Cache-Control: no-store, as on every signed-in answer; nosniff keeps a
 * browser from reading the CSV as anything else.
 */
export function csvDownload(body: ReadableStream<Uint8Array>, prefix: string, encoding: ExportEncoding): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": csvContentType(encoding),
      "Content-Disposition": `attachment; filename="${exportFilename(prefix, new Date())}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
