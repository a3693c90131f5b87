import type { OutboundMessage } from "@/lib/generated/prisma/client";

// A message as it leaves the server: what was (or will be) sent, where, and how it went.
export type MessageDto = {
  id: string;
  chargeId: string;
  channel: string;
  kind: string;
  locale: string;
  to: string;
  state: string;
  attempts: number;
  notBefore: string;
  from: string | null;
  subject: string | null;
  textBody: string | null;
  smtpResponse: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export function toMessageDto(row: OutboundMessage): MessageDto {
  return {
    id: row.id,
    chargeId: row.chargeId,
    channel: row.channel,
    kind: row.kind,
    locale: row.locale,
    to: row.toAddress,
    state: row.state,
    attempts: row.attempts,
    notBefore: row.notBefore.toISOString(),
    from: row.fromAddress,
    subject: row.subject,
    textBody: row.textBody,
    smtpResponse: row.smtpResponse,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
  };
}
