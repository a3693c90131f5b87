import type { Catalog } from "@/messages/ja";

// English messages under "mail." (see messages/en.ts).
export const mail = {
  subjectLink: "[{merchant}] How to pay at a convenience store ({amount})",
  subjectReminder: "[{merchant}] Payment reminder: due {deadline}",
  greeting: "Dear {name},",
  introLink: "This is {merchant}, with the payment details for your order. Please open the link below to see how to pay at a convenience store (the steps differ by store chain).",
  introReminder: "This is {merchant}, with a reminder that your convenience store payment is due {deadline}. Please open the link below to see how to pay.",
  amount: "Amount: {amount}",
  deadline: "Pay {deadline}",
  paymentCode: "Payment code: {code}",
  link: "How to pay: {link}",
  closingLink: "If you did not expect this email, please disregard it.",
  closingReminder: "If you have already paid, please disregard this email.",
  deadlineAt: "by {weekday}, {day} {month} {year}, {time} JST",
  sms: "Dear {name}, this is {merchant}. Amount {amount}, pay {deadline}.",
  smsCode: "Payment code {code}.",
  smsLink: "How to pay: {link}",
} satisfies Catalog["mail"];
