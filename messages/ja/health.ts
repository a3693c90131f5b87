// Japanese messages under "health." (see messages/ja.ts).
export const health = {
  title: "Webhook と照合の状況",
  lastEvent: "最後に受信したイベント",
  none: "まだありません",
  events24h: "過去24時間の受信数",
  unprocessed: "保存済み・未処理のイベント",
  rejected: "署名不正で拒否（この起動以降）",
  lastRun: "最後の照合",
  runChanged: "{checked, number}件を確認、{changed, number}件の状態を修正、作成不明{resolved, number}件を解決、イベント{seen, number}件を確認",
  runError: "照合エラー",
  omise: "Omise との接続",
  omiseOk: "正常",
  omiseDown: "停止中（{time} に再試行）",
  lastGood: "最後に正常応答: {time}",
  rejectedLast: "{count, number}件（最後: {time}、{reason}）",
  reject: {
    missing_headers: "署名ヘッダーがありません",
    bad_timestamp: "タイムスタンプが読み取れません",
    stale_timestamp: "タイムスタンプが5分以上ずれています",
    mismatch: "署名が一致しません",
  },
} as const;
