import "server-only";
import { randomUUID } from "node:crypto";
import { AppError, ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import type { ChargeDto } from "@/lib/charges/dto";
import type { Locale } from "@/lib/i18n/locale";
import { keyTranslator } from "@/lib/i18n/translate-key";

// The one error shape of every JSON route, `{ error: { code, message, fields?, duplicates? } }`
// with messages in the user's language, whichever listener answers: Next's route handlers
// (lib/api/handler.ts) and the lean listener (lib/http/read-api.ts).

export type ErrorAnswer = { status: number; body: { error: Record<string, unknown> }; headers?: Record<string, string> };

type ErrorExtras = { fields?: Record<string, string[]>; duplicates?: ChargeDto[]; retryAfterSeconds?: number };

function jsonError(code: ErrorCode, message: string, { fields, duplicates, retryAfterSeconds }: ErrorExtras = {}): ErrorAnswer {
  const body = { code, message, ...(fields ? { fields } : {}), ...(duplicates ? { duplicates } : {}) };
  const headers = retryAfterSeconds === undefined ? undefined : { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) };
  return { status: ERROR_STATUS[code], body: { error: body }, headers };
}

export function errorAnswer(err: unknown, locale: Locale): ErrorAnswer {
  // Messages are catalog keys; one that is not is logged and shown as a generic message.
  const tr = keyTranslator(locale);
  const trFields = (fields?: Record<string, string[]>) =>
    fields && Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.map((m) => tr(m, undefined, "v.invalid"))]));
  // Input is validated with parseInput (lib/errors.ts), which throws a 422 AppError;
  // a ZodError reaching here came from a schema on our own data: a bug, so a 500.
  if (err instanceof AppError) return jsonError(err.code, tr(err.message, err.params), { fields: trFields(err.fields), duplicates: err.duplicates, retryAfterSeconds: err.retryAfterSeconds });
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "P2002") return jsonError("conflict", tr("err.in_progress"));
  if (code === "P2025") return jsonError("not_found", tr("err.not_found"));
  const requestId = randomUUID();
  console.error(`[api] unhandled error request_id=${requestId}`, err);
  return jsonError("internal", tr("err.internal", { requestId }));
}
