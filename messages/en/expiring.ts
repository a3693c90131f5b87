import type { Catalog } from "@/messages/ja";

// English messages under "expiring." (see messages/en.ts).
export const expiring = {
  title: "Expiring soon",
  intro: "Pending charges, soonest deadline first.",
  empty: "No pending charges.",
  deadline: "Deadline",
  noDeadline: "No deadline",
  expire: "Expire",
  expired: "The charge was expired",
  groupCount: "{count, plural, one {# charge} other {# charges}}",
  group: {
    overdue: "Past the deadline",
    today: "Due today",
    tomorrow: "Due tomorrow",
    week: "This week (within 7 days)",
    later: "Later",
  },
} satisfies Catalog["expiring"];
