import type { Catalog } from "@/messages/ja";

// English messages under "merchant." (see messages/en.ts).
export const merchant = {
  title: "Shop settings",
  remindersTitle: "Reminder emails",
  remindersLabel: "Send a reminder email the day before the deadline (every charge)",
  remindersHelp: "When on, every pending charge whose reminder was not stopped gets one email 24 hours before its deadline (09:00 the next morning if that falls at night). Only between 09:00 and 20:00 JST, at most 3 emails per charge including the first, never once paid or expired, never after the deadline.",
  on: "On",
  off: "Off",
  save: "Save",
  saving: "Saving…",
  saved: "Saved",
  offTitle: "Stop reminder emails for every charge?",
  offBody: "Every reminder waiting to be sent is cancelled too. Turning them back on does not send the cancelled ones.",
  offConfirm: "Stop them",
  cancel: "Cancel",
} satisfies Catalog["merchant"];
