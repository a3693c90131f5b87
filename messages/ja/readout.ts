// Japanese messages under "readout." (see messages/ja.ts).
export const readout = {
  link: "お客様の支払リンク",
  copy: "コピー",
  copied: "コピーしました",
  amount: "金額",
  deadline: "支払期限",
  smsJa: "SMS・メール用文面（日本語）",
  smsEn: "SMS・メール用文面（英語）",
  qr: "リンクのQRコード",
  paymentCode: "支払番号",
  paymentCodeHelp: "店頭の端末やレジでお客様が伝える番号です。支払い手順はコンビニごとに異なるため、まず上のリンクをご案内ください。",
  message: "{name} 様\nご注文ありがとうございます。下記のリンクから、コンビニでのお支払い方法をご確認ください。\nお支払い金額: {amount}\nお支払い期限: {deadline}\n{link}",
} as const;
