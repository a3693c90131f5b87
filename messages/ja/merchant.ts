// Japanese messages under "merchant." (see messages/ja.ts).
export const merchant = {
  title: "店舗の設定",
  remindersTitle: "リマインドメール",
  remindersLabel: "支払期限の前日にリマインドメールを送る（すべての請求）",
  remindersHelp: "オンのとき、リマインドを止めていない支払待ちの請求に、期限の24時間前（夜間なら翌朝9時）に1通送ります。日本時間の9時〜20時のみ、1件の請求につき最初の案内を含めて3通まで、支払済み・期限切れ・期限後には送りません。",
  on: "オン",
  off: "オフ",
  save: "保存",
  saving: "保存中…",
  saved: "保存しました",
  offTitle: "すべての請求のリマインドメールを止めますか？",
  offBody: "送信待ちのリマインドもすべて取りやめます。オンに戻しても、取りやめた分は送られません。",
  offConfirm: "止める",
  cancel: "キャンセル",
} as const;
