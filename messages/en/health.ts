import type { Catalog } from "@/messages/ja";

// English messages under "health." (see messages/en.ts).
export const health = {
  title: "Webhooks and reconciliation",
  lastEvent: "Last event received",
  none: "None yet",
  events24h: "Events in the last 24 hours",
  unprocessed: "Stored but not yet processed",
  rejected: "Rejected (bad signature) since this server started",
  lastRun: "Last reconciliation",
  runChanged: "checked {checked, plural, one {# charge} other {# charges}}, corrected {changed, number}, settled {resolved, plural, one {# lost create} other {# lost creates}}, saw {seen, plural, one {# event} other {# events}}",
  runError: "Reconciliation error",
  omise: "Connection to Omise",
  omiseOk: "OK",
  omiseDown: "Paused (next try at {time})",
  lastGood: "Last good answer: {time}",
  rejectedLast: "{count, number} (last at {time}: {reason})",
  reject: {
    missing_headers: "signature headers missing",
    bad_timestamp: "unreadable timestamp",
    stale_timestamp: "timestamp more than 5 minutes off",
    mismatch: "signature does not match",
  },
} satisfies Catalog["health"];
