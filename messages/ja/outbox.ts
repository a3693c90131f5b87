// Japanese messages under "outbox." (see messages/ja.ts).
export const outbox = {
  title: "送信メール",
  intro: "お客様に送った（または送る予定の）メールを、お客様が見る形で新しい順に表示します。",
  captureNotice: "送信用のメールサーバーが設定されていないため、メールは外部に送信されず、ここに記録されるだけです（デモ）。",
  empty: "まだメールはありません。",
  from: "差出人",
  to: "宛先",
  subject: "件名",
  charge: "請求を開く",
  notRendered: "まだ作成されていません（送信待ち）。",
  more: "さらに表示",
} as const;
