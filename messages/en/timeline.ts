import type { Catalog } from "@/messages/ja";

// English messages under "timeline." (see messages/en.ts).
export const timeline = {
  created: "Charge created",
  status_changed: "Status changed: {from} → {to}",
  synced: "Synced with Omise (no change)",
  expire_requested: "Expire requested",
  duplicate_confirmed: "Created after confirming a possible duplicate",
  reissued_to: "Re-issued (replaced by a new charge)",
  reissued_from: "Created by re-issuing an earlier charge",
  message_queued: "Email queued",
  message_sent: "Email sent",
  message_captured: "Email captured (demo, not sent)",
  message_failed: "Email could not be sent",
  message_cancelled: "Email cancelled",
  sms_opened: "SMS text opened",
  reminders_off: "Reminder email turned off",
  reminders_on: "Reminder email turned on",
  source: {
    user: "staff",
    webhook: "webhook",
    sync: "sync",
    reconcile: "reconciliation",
    outbox: "outbox",
  },
} satisfies Catalog["timeline"];
