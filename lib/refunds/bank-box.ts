import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { AccountType } from "@/lib/refunds/validation";

// A customer's bank details at rest: one AES-256-GCM sealed blob under REFUND_DATA_KEY, the
// refund's id as associated data (a blob copied onto another refund does not open).
const PREFIX = "r1";

export type BankDetails = { bankCode: string; branchCode: string; accountType: AccountType; accountNumber: string; holderKana: string };

function key(): Buffer {
  const k = env().REFUND_DATA_KEY;
  if (!k) throw new AppError("unavailable", "refunds.err.disabled");
  return Buffer.from(k, "base64");
}

export const refundsEnabled = (): boolean => Boolean(env().REFUND_DATA_KEY);

export function sealBank(refundId: string, details: BankDetails): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(refundId, "utf8"));
  const data = Buffer.concat([cipher.update(JSON.stringify(details), "utf8"), cipher.final()]);
  return [PREFIX, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** The details, or null when the blob was not sealed for this refund under this key. */
export function openBank(refundId: string, sealed: string): BankDetails | null {
  const [prefix, iv, tag, data] = sealed.split(".");
  if (prefix !== PREFIX || !iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(refundId, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8")) as BankDetails;
  } catch {
    return null;
  }
}
