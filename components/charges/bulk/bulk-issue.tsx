"use client";

import { useRef, useState, useSyncExternalStore } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ChargeDto } from "@/lib/charges/dto";
import { MAX_BULK_ROWS, bulkTemplateCsv, readBulkCsv, type CsvEncoding, type FieldName } from "@/lib/charges/bulk-csv";
import { toRequestBody, validateCharge } from "@/components/charges/charge-form-values";
import { fetchJson } from "@/components/api/fetch-json";
import { newIdempotencyKey } from "@/components/charges/idempotency-key";
import { useKeyTranslator } from "@/components/i18n/use-key-translator";
import { Button } from "@/components/ui/button";
import { BulkRowItem } from "@/components/charges/bulk/bulk-row";
import { BulkUpload, CreateDialog, DiscardDialog } from "@/components/charges/bulk/bulk-upload";
import { BulkResume } from "@/components/charges/bulk/bulk-resume";
import { download, useResultsCsv } from "@/components/charges/bulk/bulk-results";
import { loadRun, pendingRows, saveRun, type BulkRow, type BulkRun } from "@/components/charges/bulk/bulk-state";
import { BulkStatus } from "@/components/charges/bulk/bulk-status";

const PARALLEL = 2;
const noSubscribe = () => () => {};

/** Bulk issue: read a CSV, check and fix every row, then create one charge per row, resumable. */
export function BulkIssue({ userId }: Readonly<{ userId: string }>) {
  const t = useTranslations();
  const tk = useKeyTranslator();
  const locale = useLocale();
  const resultsCsv = useResultsCsv();
  const [run, setRunState] = useState<BulkRun | null>(null);
  const [saved, setSaved] = useState<BulkRun | null>(null);
  const [encoding, setEncoding] = useState<CsvEncoding | "auto">("auto");
  const [readError, setReadError] = useState<string | null>(null);
  const [ignored, setIgnored] = useState<string[]>([]);
  const [asking, setAsking] = useState<"create" | "discard" | null>(null);
  const [working, setWorking] = useState(false);
  const [paused, setPaused] = useState(false);
  const runRef = useRef<BulkRun | null>(null);
  const now = new Date();

  // A run left by a reload or a closed tab is offered back, never resumed silently. Read once
  // the page is hydrated (the server cannot see this browser's storage).
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const [looked, setLooked] = useState(false);
  if (hydrated && !looked) {
    setLooked(true);
    setSaved(loadRun(userId));
  }

  const setRun = (next: BulkRun | null) => {
    runRef.current = next;
    setRunState(next);
    saveRun(next);
  };
  const updateRow = (n: number, patch: Partial<BulkRow>) => {
    const cur = runRef.current;
    if (!cur) return;
    setRun({ ...cur, rows: cur.rows.map((r) => (r.n === n ? { ...r, ...patch } : r)) });
  };

  const invalid = (r: BulkRow) => r.state === "ready" && Object.keys(validateCharge(r.values, now)).length > 0;
  const readyRows = run ? run.rows.filter((r) => r.state === "ready" && !invalid(r)) : [];

  async function onFile(file: File | undefined) {
    setReadError(null);
    setIgnored([]);
    if (!file) return;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      setReadError(t("bulk.errRead"));
      return;
    }
    const read = readBulkCsv(bytes, encoding);
    if (!read.ok) {
      const columns = (read.missing ?? []).map((f) => t(`bulk.field.${f}`)).join("、");
      setReadError(
        read.error === "empty" ? t("bulk.errEmpty") : read.error === "tooBig" ? t("bulk.errTooBig") : read.error === "tooManyRows" ? t("bulk.errTooMany", { max: MAX_BULK_ROWS }) : t("bulk.errMissing", { columns }),
      );
      return;
    }
    setIgnored(read.ignored);
    const id = newIdempotencyKey().replace(/-/g, "");
    setRun({
      version: 1,
      id,
      userId,
      fileName: file.name,
      encoding: read.encoding,
      startedAt: new Date().toISOString(),
      sendEmail: false,
      phase: "review",
      rows: read.rows.map((values, i) => ({ n: i + 2, values, key: `bulk-${id}-${i + 2}`, state: "ready" })),
    });
  }

  async function createOne(row: BulkRow): Promise<"ok" | "network"> {
    updateRow(row.n, { state: "creating", error: undefined, fields: undefined });
    const body = {
      ...toRequestBody(row.values),
      idempotencyKey: row.key,
      ...(row.duplicateReason ? { confirmDuplicate: true, duplicateReason: row.duplicateReason } : {}),
    };
    const res = await fetchJson<ChargeDto>("/api/charges", { method: "POST", body }, t("new.networkError"));
    if (!res.ok) {
      if (res.status === 0 || res.status >= 500) {
        updateRow(row.n, { state: "creating", error: res.error.message });
        return "network";
      }
      if (res.error.code === "duplicate_suspected") {
        updateRow(row.n, { state: "duplicate", error: res.error.message, duplicateOf: res.error.duplicates?.map((d) => d.id) ?? [] });
      } else updateRow(row.n, { state: "failed", error: res.error.message, fields: res.error.fields });
      return "ok";
    }
    const charge = res.data;
    updateRow(row.n, { state: "created", chargeId: charge.id, link: charge.authorizeUri, paymentCode: charge.paymentCode, error: undefined, duplicateOf: undefined });
    if (runRef.current?.sendEmail && row.mail !== "queued") {
      const mail = await fetchJson(`/api/charges/${encodeURIComponent(charge.id)}/messages`, { method: "POST", body: { channel: "email", locale }, headers: { "Idempotency-Key": `${row.key}-mail` } }, t("new.networkError"));
      updateRow(row.n, mail.ok ? { mail: "queued", mailError: undefined } : { mail: "failed", mailError: mail.error.message });
    }
    return "ok";
  }

  async function createAll() {
    const cur = runRef.current;
    if (!cur || working) return;
    setAsking(null);
    setPaused(false);
    setWorking(true);
    setRun({ ...cur, phase: "creating" });
    const queue = pendingRows(runRef.current!).filter((r) => !invalid(r));
    let lost = false;
    const worker = async () => {
      for (let row = queue.shift(); row && !lost; row = queue.shift()) {
        if ((await createOne(row)) === "network") lost = true;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    setWorking(false);
    const after = runRef.current!;
    if (lost) setPaused(true);
    else setRun({ ...after, phase: pendingRows(after).some((r) => !invalid(r)) ? "creating" : "done" });
  }

  async function retryRow(row: BulkRow) {
    if (working) return;
    setWorking(true);
    if ((await createOne(row)) === "network") setPaused(true);
    setWorking(false);
  }

  if (saved && !run) {
    return (
      <BulkResume
        saved={saved}
        onResume={() => {
          setRun(saved);
          setSaved(null);
          if (saved.phase !== "review") void createAll();
        }}
        onDiscard={() => {
          setSaved(null);
          saveRun(null);
        }}
      />
    );
  }

  if (!run) return <BulkUpload encoding={encoding} onEncoding={setEncoding} onFile={(f) => void onFile(f)} readError={readError} onTemplate={() => download("konbini-desk-template.csv", bulkTemplateCsv())} />;

  const invalidCount = run.rows.filter(invalid).length;

  return (
    <div className="space-y-4">
      <BulkStatus run={run} ignored={ignored} readyCount={readyRows.length} invalidCount={invalidCount} paused={paused} />
      <ol className="divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="bulk-rows">
        {run.rows.map((row) => (
          <BulkRowItem
            key={row.n}
            row={row}
            editable={run.phase === "review" || row.state === "failed"}
            clientErrors={row.state === "ready" || row.state === "failed" ? validateCharge(row.values, now) : {}}
            translateKey={tk}
            busy={working}
            onChange={(field: FieldName, value: string) => {
              const cur = runRef.current!.rows.find((r) => r.n === row.n)!;
              updateRow(row.n, { values: { ...cur.values, [field]: value }, fields: undefined, ...(cur.state === "failed" ? { error: undefined } : {}) });
            }}
            onDrop={() => updateRow(row.n, { state: row.state === "dropped" ? "ready" : "dropped" })}
            onRetry={(reason?: string) => {
              updateRow(row.n, { state: "ready", duplicateReason: reason ?? row.duplicateReason });
              void retryRow({ ...row, state: "ready", duplicateReason: reason ?? row.duplicateReason });
            }}
          />
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        {run.phase === "review" && (
          <>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" data-testid="bulk-send-email" checked={run.sendEmail} onChange={(e) => setRun({ ...run, sendEmail: e.target.checked })} />
              {t("bulk.sendEmail")}
            </label>
            <Button data-testid="bulk-create" disabled={readyRows.length === 0 || working} onClick={() => setAsking("create")}>
              {t("bulk.create", { count: readyRows.length })}
            </Button>
          </>
        )}
        {run.phase === "creating" && !working && (
          <Button data-testid="bulk-resume-button" onClick={() => void createAll()}>
            {t("bulk.resume")}
          </Button>
        )}
        {run.phase !== "review" && (
          <Button variant="secondary" data-testid="bulk-results" disabled={working} onClick={() => download(`konbini-desk-bulk-${run.startedAt.slice(0, 10)}.csv`, resultsCsv(run))}>
            {t("bulk.results")}
          </Button>
        )}
        {!working && (
          <Button variant="ghost" data-testid="bulk-start-over" onClick={() => (run.phase === "review" ? setRun(null) : setAsking("discard"))}>
            {t("bulk.startOver")}
          </Button>
        )}
      </div>
      {asking === "create" && <CreateDialog count={readyRows.length} sendEmail={run.sendEmail} busy={working} onConfirm={() => void createAll()} onCancel={() => setAsking(null)} />}
      {asking === "discard" && (
        <DiscardDialog
          onConfirm={() => {
            setAsking(null);
            setRun(null);
          }}
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}
