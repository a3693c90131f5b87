// Japanese messages under "mail." (see messages/ja.ts).
export const mail = {
  subjectLink: "【{merchant}】コンビニでのお支払いのご案内（{amount}）",
  subjectReminder: "【{merchant}】お支払い期限のお知らせ（{deadline}）",
  greeting: "{name} 様",
  introLink: "{merchant}です。ご注文のお支払いについてご案内いたします。下記のリンクから、コンビニでのお支払い方法をご確認ください（手順はコンビニごとに異なります）。",
  introReminder: "{merchant}です。コンビニでのお支払い期限が近づいていますので、お知らせいたします（{deadline}）。下記のリンクから、お支払い方法をご確認ください。",
  amount: "お支払い金額: {amount}",
  deadline: "お支払い期限: {deadline}",
  paymentCode: "支払番号: {code}",
  link: "お支払い方法のご案内: {link}",
  closingLink: "このメールにお心当たりがない場合は、お手数ですが破棄してください。",
  closingReminder: "行き違いでお支払いがお済みの場合は、本メールは破棄してください。",
  deadlineAt: "{year}年{month}月{day}日({weekday}) {time} まで",
  sms: "{name} 様 {merchant}です。お支払い金額 {amount}、お支払い期限 {deadline}。",
  smsCode: "支払番号 {code}。",
  smsLink: "お支払い方法: {link}",
} as const;
