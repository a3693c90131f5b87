// Japanese messages under "expiring." (see messages/ja.ts).
export const expiring = {
  title: "期限が近い請求",
  intro: "支払待ちの請求を、支払期限の近い順に表示します。",
  empty: "支払待ちの請求はありません。",
  deadline: "支払期限",
  noDeadline: "期限なし",
  expire: "期限切れにする",
  expired: "請求を期限切れにしました",
  groupCount: "{count, plural, other {#件}}",
  group: {
    overdue: "期限を過ぎたもの",
    today: "今日まで",
    tomorrow: "明日まで",
    week: "今週中（7日以内）",
    later: "それ以降",
  },
} as const;
