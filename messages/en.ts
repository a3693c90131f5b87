import type { Catalog } from "@/messages/ja";
import { login } from "@/messages/en/login";
import { charges } from "@/messages/en/charges";
import { expiring } from "@/messages/en/expiring";
import { newCharge } from "@/messages/en/new";
import { readout } from "@/messages/en/readout";
import { reminders } from "@/messages/en/reminders";
import { merchant } from "@/messages/en/merchant";
import { detail } from "@/messages/en/detail";
import { timeline } from "@/messages/en/timeline";
import { mail } from "@/messages/en/mail";
import { messaging } from "@/messages/en/messaging";
import { outbox } from "@/messages/en/outbox";
import { overview } from "@/messages/en/overview";
import { users } from "@/messages/en/users";
import { account } from "@/messages/en/account";
import { audit } from "@/messages/en/audit";
import { v } from "@/messages/en/v";
import { health } from "@/messages/en/health";
import { err } from "@/messages/en/err";
import { security } from "@/messages/en/security";
import { bulk } from "@/messages/en/bulk";
import { refunds } from "@/messages/en/refunds";
import { webhooks } from "@/messages/en/webhooks";
import { views } from "@/messages/en/views";
import { csvExport } from "@/messages/en/csvExport";
import { analytics } from "@/messages/en/analytics";


// English: the same keys and ICU arguments as the Japanese catalog (`satisfies` refuses a
// missing or extra key at compile time; lib/i18n/catalog.test.ts compares the arguments).
export const en = {
  app: {
    name: "Konbini Desk",
    tagline: "Konbini payments for phone orders",
  },
  nav: {
    menu: "Menu",
    security: "Security",
    audit: "Audit log",
    expiring: "Expiring soon",
    overview: "Overview",
    charges: "Charges",
    new: "New charge",
    users: "Staff",
    signOut: "Sign out",
    account: "Account",
    language: "日本語",
    settings: "Settings",
    health: "Health",
    outbox: "Outbox",
  },
  role: {
    admin: "Administrator",
    staff: "Staff",
    viewer: "Viewer",
  },
  login,
  status: {
    pending: "Pending",
    successful: "Paid",
    expired: "Expired",
    failed: "Failed",
    reversed: "Reversed",
    all: "All",
  },
  failure: {
    payment_cancelled: "The customer cancelled the payment.",
    timeout: "The customer did not pay before the deadline.",
    failed_processing: "The payment failed during processing.",
    other: "Omise returned an error we do not recognise (give support the Omise code below)",
  },
  explain: {
    pending: "Waiting for the customer to pay at a convenience store. It expires by itself after the deadline.",
    successful: "The customer paid at a convenience store.",
    expired: "The deadline passed without payment, or the charge was expired; the payment code no longer works. Create a new charge if needed.",
    failed: "The payment did not complete. Check the reason and create a new charge if needed.",
    reversed: "This payment was reversed.",
  },
  charges,
  expiring,
  new: newCharge,
  readout,
  handover: {
    title: "Hand-over to the customer",
    confirm: "Confirm on the call",
    customer: "Name",
    phone: "Phone",
    open: "Open the hand-over",
  },
  reminders,
  merchant,
  reissue: {
    newCharge: "Open the new charge that replaced this one",
    button: "Re-issue",
    title: "Issue a new charge to the same customer",
    confirm: "Re-issue",
    busy: "Re-issuing…",
    amount: "Amount (yen)",
  },
  detail,
  timeline,
  mail,
  messaging,
  outbox,
  overview,
  users,
  account,
  audit,
  common: {
    error: "Something went wrong. Please try again.",
    retry: "Retry",
    save: "Save",
  },
  v,
  deadline: {
    invalid: "Enter the deadline as 2026-12-10 or 2026-12-10T18:00",
    past: "The deadline is in the past; enter a future date",
    too_far: "The deadline must be within 365 days",
    seven_eleven: "Seven-Eleven does not accept deadlines past 60 days (you can still create it)",
  },
  banner: {
    omiseDown: "Omise is not answering. Creating charges is paused. The data shown is as of {time}.",
    never: "(no successful contact since the server started)",
  },
  health,
  err,
  security,
  bulk,
  refunds,
  webhooks,
  views,
  csvExport,
  analytics,
  format: {
    jst: "{at, date, jst} JST (UTC+09:00)",
    yen: "¥{amount, number, integer}",
    refunded: "Refunded {amount}",
  },
  duration: {
    timeLeft: "{time} left",
    overdue: "Past the deadline (waiting for sync)",
    days: "{days, number}d {hours, number}h",
    hours: "{hours, number}h {minutes, number}m",
    minutes: "{minutes, number}m",
  },
  notFound: {
    title: "Page not found",
    body: "The address may be mistyped, or the page may have moved or been removed.",
    home: "Back to the overview",
    login: "Go to sign in",
  },
  pageError: {
    title: "This page cannot be shown",
    body: "The database or Omise is not answering. Nothing you entered or created has been lost. Retrying every 10 seconds.",
    ref: "Reference: {digest}",
  },
} satisfies Catalog;
