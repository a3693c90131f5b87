import type { Catalog } from "@/messages/ja";

// English messages under "messaging." (see messages/en.ts).
export const messaging = {
  emailTitle: "Send by email",
  to: "Email address",
  language: "Email language",
  langJa: "Japanese",
  langEn: "English",
  send: "Send email",
  sending: "Sending…",
  queuedOk: "Queued for sending",
  history: "Emails to this customer",
  none: "No email sent yet.",
  attempts: "{count, plural, one {# attempt} other {# attempts}}",
  nextTry: "Next try: {at}",
  smtpAnswer: "Mail server's answer",
  notPending: "This charge is not pending, so no payment link can be sent.",
  captureNotice: "SMTP is not configured: emails are captured here, not sent (demo).",
  smsTitle: "SMS text",
  smsHelp: "No SMS gateway is used. Copy the text, or open it in the messaging app of the staff phone and send it from there.",
  smsCopy: "Copy text",
  smsCopied: "Copied",
  smsOpen: "Open in messaging app",
  kind: {
    link: "Payment link",
    reminder: "Reminder before the deadline",
  },
  state: {
    queued: "Queued",
    sending: "Sending",
    sent: "Sent",
    captured: "Captured (demo, not sent)",
    failed: "Failed",
    cancelled: "Cancelled",
  },
  reason: {
    deadline_passed: "Not sent: its time limit had passed.",
    not_pending: "Not sent: the charge was no longer pending.",
    too_many_attempts: "Could not be sent after repeated attempts.",
  },
} satisfies Catalog["messaging"];
