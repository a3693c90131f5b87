// Japanese messages under "v." (see messages/ja.ts).
export const v = {
  to: {
    invalid: "メールアドレスの形式が正しくありません（例: name@example.jp）",
  },
  channel: {
    invalid: "送信方法は email, sms のいずれかです",
  },
  locale: {
    invalid: "言語は ja, en のいずれかです",
  },
  code: {
    required: "コードを入力してください",
    invalid: "コードは6桁の数字、またはリカバリーコードです",
  },
  passkeyName: {
    required: "パスキーの名前を入力してください",
    tooLong: "名前は60文字以内で入力してください",
  },
  date: {
    invalid: "日付は 2026-12-01 のような形で、実在する日を入力してください",
  },
  amountFilter: {
    invalid: "金額は0以上の整数（円）で入力してください",
  },
  amountRange: {
    invalid: "上限は下限と同じか、それより大きくしてください",
  },
  staff: {
    invalid: "スタッフの指定が正しくありません",
  },
  dateRange: {
    invalid: "終了日は開始日と同じか、それより後にしてください",
  },
  actor: {
    invalid: "操作した人の指定が正しくありません",
  },
  action: {
    invalid: "操作の指定が正しくありません",
  },
  sort: {
    invalid: "並び順は created, deadline のいずれかです",
  },
  reason: {
    invalid: "理由は255文字以内の文字で入力してください",
  },
  status: {
    invalid: "状態は pending, successful, expired, failed, reversed, all のいずれかです",
  },
  search: {
    tooLong: "検索語は100文字以内で入力してください",
  },
  limit: {
    invalid: "件数は1〜100の整数で指定してください",
  },
  cursor: {
    invalid: "ページの位置（cursor）が正しくありません。最初のページから開き直してください",
  },
  required: "入力してください",
  invalid: "入力内容が正しくありません",
  amount: {
    integer: "金額は整数の円で入力してください",
    range: "金額は150円から49,999円の間で入力してください",
    rejected: "Omise が受け付けない金額です",
  },
  name: {
    required: "お名前を入力してください",
    tooLong: "お名前は10文字以内で入力してください（コンビニで印字されます）",
  },
  email: {
    invalid: "正しいメールアドレスを入力してください（例: taro@example.jp）",
  },
  phone: {
    invalid: "電話番号は数字10〜11桁で入力してください（ハイフン可）",
  },
  description: {
    tooLong: "説明は255文字以内で入力してください",
  },
  duplicateReason: {
    required: "作成する理由を入力してください",
    tooLong: "理由は500文字以内で入力してください",
  },
  idempotencyKey: {
    invalid: "idempotencyKey は8〜100文字の英数字・ハイフン・下線で指定してください",
  },
  password: {
    required: "パスワードを入力してください",
    tooShort: "パスワードは12文字以上にしてください",
    tooLong: "パスワードは128文字以内にしてください",
    common: "よく使われている（または流出した）パスワードです。ほかの人が推測しにくい、長い文にしてください",
    repetitive: "同じ文字の繰り返しが多すぎます。長い文にしてください",
    personal: "メールアドレスや名前を含むパスワードは使えません",
    same: "新しいパスワードが現在のパスワードと同じです",
  },
  role: {
    invalid: "権限は admin, staff, viewer のいずれかです",
  },
  userName: {
    tooLong: "名前は100文字以内で入力してください",
  },
  confirm: {
    required: "確認のうえ実行してください（confirm: true）",
  },
  resetReason: {
    required: "リセットする理由を入力してください",
    tooLong: "理由は500文字以内で入力してください",
  },
} as const;
