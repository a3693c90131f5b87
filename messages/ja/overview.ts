// Japanese messages under "overview." (see messages/ja.ts).
export const overview = {
  expiringSoon: "24時間以内に期限",
  expiringSoonLink: "期限が近い請求を見る",
  title: "概要",
  pending: "支払待ち",
  paidToday: "本日の入金",
  paidMonth: "今月の入金",
  expiredMonth: "今月の期限切れ",
  count: "{count, plural, other {#件}}",
  chart: "過去30日の入金と期限切れ（件数）",
  chartDays: "過去{days, number}日の入金と期限切れ（件数）",
  paid: "入金",
  expired: "期限切れ",
} as const;
