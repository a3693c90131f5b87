import type { Catalog } from "@/messages/ja";

// English messages under "v." (see messages/en.ts).
export const v = {
  to: {
    invalid: "Enter a valid email address (e.g. name@example.jp)",
  },
  channel: {
    invalid: "Channel must be one of email, sms",
  },
  locale: {
    invalid: "Language must be one of ja, en",
  },
  code: {
    required: "Enter the code",
    invalid: "The code is 6 digits, or a recovery code",
  },
  passkeyName: {
    required: "Give the passkey a name",
    tooLong: "Keep the name within 60 characters",
  },
  date: {
    invalid: "Enter a real date such as 2026-12-01",
  },
  amountFilter: {
    invalid: "Enter the amount as a whole number of yen, 0 or more",
  },
  amountRange: {
    invalid: "The maximum must be the same as or larger than the minimum",
  },
  staff: {
    invalid: "That staff member is not valid",
  },
  dateRange: {
    invalid: "The end date must be on or after the start date",
  },
  actor: {
    invalid: "The person filter is not valid",
  },
  action: {
    invalid: "The action filter is not valid",
  },
  sort: {
    invalid: "Sort must be one of created, deadline",
  },
  reason: {
    invalid: "The reason must be text of 255 characters or fewer",
  },
  status: {
    invalid: "The status must be pending, successful, expired, failed, reversed or all",
  },
  search: {
    tooLong: "The search text must be 100 characters or fewer",
  },
  limit: {
    invalid: "The limit must be a whole number from 1 to 100",
  },
  cursor: {
    invalid: "The page cursor is not valid; open the list again from the first page",
  },
  required: "Required",
  invalid: "This value is not valid",
  amount: {
    integer: "Enter the amount in whole yen",
    range: "The amount must be between ¥150 and ¥49,999",
    rejected: "Omise does not accept this amount",
  },
  name: {
    required: "Enter the customer's name",
    tooLong: "The name must be 10 characters or fewer (it is printed at the store)",
  },
  email: {
    invalid: "Enter a valid email address (e.g. taro@example.jp)",
  },
  phone: {
    invalid: "The phone number must be 10–11 digits (hyphens allowed)",
  },
  description: {
    tooLong: "The description must be 255 characters or fewer",
  },
  duplicateReason: {
    required: "Enter the reason for creating it",
    tooLong: "Keep the reason to 500 characters or fewer",
  },
  idempotencyKey: {
    invalid: "idempotencyKey must be 8–100 letters, digits, hyphens or underscores",
  },
  password: {
    required: "Enter your password",
    tooShort: "The password must be at least 12 characters",
    tooLong: "The password must be 128 characters or fewer",
    common: "This password is common (or has leaked). Choose a long phrase others would not guess",
    repetitive: "Too many repeated characters. Choose a long phrase",
    personal: "The password must not contain your email address or name",
    same: "The new password is the same as the current one",
  },
  role: {
    invalid: "The role must be admin, staff or viewer",
  },
  userName: {
    tooLong: "The name must be 100 characters or fewer",
  },
  confirm: {
    required: "Confirm the action (confirm: true)",
  },
  resetReason: {
    required: "Give a reason for the reset",
    tooLong: "The reason must be 500 characters or fewer",
  },
} satisfies Catalog["v"];
