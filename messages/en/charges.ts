import type { Catalog } from "@/messages/ja";

// English messages under "charges." (see messages/en.ts).
export const charges = {
  title: "Charges",
  search: "Search name, email, phone, charge id or description",
  searchShort: "Name, phone, email, id…",
  searchButton: "Search",
  empty: "No charges match.",
  more: "Show more",
  loading: "Loading…",
  col: {
    created: "Created",
    customer: "Customer",
    amount: "Amount",
    status: "Status",
    deadline: "Pay by",
    by: "By",
  },
  live: "Live updates on",
  liveError: "Live update failed (retrying)",
} satisfies Catalog["charges"];
