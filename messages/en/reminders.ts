import type { Catalog } from "@/messages/ja";

// English messages under "reminders." (see messages/en.ts).
export const reminders = {
  checkbox: "Send a reminder email the day before the deadline",
  checkboxHelp: "One email to the customer 24 hours before the deadline (09:00 the next morning if that falls at night).",
  merchantOff: "Reminder emails are turned off in the shop's settings, so this charge gets none either (an admin can change that).",
  title: "Reminder email",
  planned: "Planned for {at}",
  queued: "Goes out from {at} (queued)",
  sent: "Sent {at}",
  cancelled: "Cancelled",
  failed: "Could not be sent",
  off: "Not sent for this charge (turned off)",
  merchant_off: "Not sent: turned off in the shop's settings",
  not_pending: "Not sent: the charge is no longer pending",
  no_deadline: "Not sent: the charge has no deadline",
  too_soon: "Not sent: the charge was made less than a day before its deadline",
  limit: "Not sent: this charge already had 3 emails (the limit, the first one included)",
  rules: "Sent only between 09:00 and 20:00 JST, never once the charge is paid or expired.",
  turnOff: "Stop the reminder",
  turnOn: "Send a reminder",
  turnOffTitle: "Stop the reminder email for this charge?",
  turnOffBody: "A reminder already queued is cancelled too.",
  cancel: "Cancel",
  working: "Working…",
} satisfies Catalog["reminders"];
