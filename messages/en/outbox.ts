import type { Catalog } from "@/messages/ja";

// English messages under "outbox." (see messages/en.ts).
export const outbox = {
  title: "Outbox",
  intro: "Emails sent (or about to be sent) to customers, newest first, as the customer sees them.",
  captureNotice: "SMTP_URL is not set: emails are not sent anywhere, only captured here (demo).",
  empty: "No emails yet.",
  from: "From",
  to: "To",
  subject: "Subject",
  charge: "Open charge",
  notRendered: "Not rendered yet (queued).",
  more: "Show more",
} satisfies Catalog["outbox"];
