// Japanese messages under "charges." (see messages/ja.ts).
export const charges = {
  title: "請求一覧",
  search: "名前・メール・電話・請求ID・説明で検索",
  searchShort: "名前・電話・メール・IDなど",
  searchButton: "検索",
  empty: "該当する請求はありません。",
  more: "さらに表示",
  loading: "読み込み中…",
  col: {
    created: "作成",
    customer: "お客様",
    amount: "金額",
    status: "状態",
    deadline: "支払期限",
    by: "担当",
  },
  live: "自動更新中",
  liveError: "自動更新に失敗しました（再試行中）",
} as const;
