import type { Catalog } from "@/messages/ja";

// English messages under "overview." (see messages/en.ts).
export const overview = {
  expiringSoon: "Expiring within 24 hours",
  expiringSoonLink: "See charges expiring soon",
  title: "Overview",
  pending: "Pending",
  paidToday: "Paid today",
  paidMonth: "Paid this month",
  expiredMonth: "Expired this month",
  count: "{count, plural, one {# charge} other {# charges}}",
  chart: "Paid vs expired, last 30 days (count)",
  chartDays: "Paid vs expired, last {days, number} days (count)",
  paid: "Paid",
  expired: "Expired",
} satisfies Catalog["overview"];
