// Shared by the overview page (a server component, for the card title) and the chart (a client
// component); a constant exported from a "use client" module would reach the server as a reference.

/** Below Tailwind's `sm`, 30 days of paired bars are 1–2 px wide; the last NARROW_DAYS stay readable. */
export const NARROW_DAYS = 14;
export const NARROW_QUERY = "(max-width: 639.98px)";
