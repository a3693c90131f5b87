import type { Catalog } from "@/messages/ja";

// English messages under "readout." (see messages/en.ts).
export const readout = {
  link: "Customer payment link",
  copy: "Copy",
  copied: "Copied",
  amount: "Amount",
  deadline: "Pay by",
  smsJa: "SMS / email text (Japanese)",
  smsEn: "SMS / email text (English)",
  qr: "QR code of the link",
  paymentCode: "Payment code",
  paymentCodeHelp: "The number the customer gives at the store terminal or till. Each chain has its own steps, so hand over the link above first.",
  message: "Dear {name},\nThank you for your order. Please open the link below to see how to pay at a convenience store.\nAmount: {amount}\nPay by: {deadline}\n{link}",
} satisfies Catalog["readout"];
