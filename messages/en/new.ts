import type { Catalog } from "@/messages/ja";

// English messages under "new." (see messages/en.ts).
export const newCharge = {
  title: "New phone-order charge",
  customerName: "Customer name (up to 10 characters, katakana preferred)",
  customerEmail: "Email",
  customerPhone: "Phone",
  amount: "Amount (JPY)",
  description: "Order / note (optional)",
  deadline: "Pay by (optional)",
  deadlineHelp: "Empty means 23:59 JST in 7 days. A date alone means 23:59 that day.",
  deadlinePreview: "Pay by {date}",
  checking: "Checking with Omise… (finding out whether the charge was made; please keep this page open)",
  submit: "Create payment link",
  submitting: "Creating…",
  created: "Charge created",
  another: "Create another charge",
  viewCharge: "View the charge",
  viewerCannot: "Viewers cannot create charges.",
  deadlinePlaceholderShort: "e.g. 2026-12-10 18:00",
  deadlinePlaceholder: "e.g. 2026-12-10 or 2026-12-10T18:00",
  inDays: "{days, plural, one {In # day} other {In # days}}",
  duplicate: {
    title: "This customer already has a pending charge for this amount",
    help: "A charge for the same amount was created for the same phone number or email address in the last 24 hours. Check with the customer that this is not the same order twice.",
    created: "Created {at}",
    reason: "Reason for creating it anyway (required, kept in the timeline)",
    confirm: "Confirm and create anyway",
  },
  networkError: "Could not reach the server. Keep the details as they are and press “Create payment link” again (it will not create a second charge).",
} satisfies Catalog["new"];
