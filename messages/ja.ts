// Japanese: the default language, and the source of every message key and of its ICU
// arguments (the English catalog must match both; see lib/i18n/catalog.test.ts).
// Keys are nested; code names them with dots, e.g. t("charges.col.amount").
import { login } from "@/messages/ja/login";
import { charges } from "@/messages/ja/charges";
import { expiring } from "@/messages/ja/expiring";
import { newCharge } from "@/messages/ja/new";
import { readout } from "@/messages/ja/readout";
import { reminders } from "@/messages/ja/reminders";
import { merchant } from "@/messages/ja/merchant";
import { detail } from "@/messages/ja/detail";
import { timeline } from "@/messages/ja/timeline";
import { mail } from "@/messages/ja/mail";
import { messaging } from "@/messages/ja/messaging";
import { outbox } from "@/messages/ja/outbox";
import { overview } from "@/messages/ja/overview";
import { users } from "@/messages/ja/users";
import { account } from "@/messages/ja/account";
import { audit } from "@/messages/ja/audit";
import { v } from "@/messages/ja/v";
import { health } from "@/messages/ja/health";
import { err } from "@/messages/ja/err";
import { security } from "@/messages/ja/security";
import { bulk } from "@/messages/ja/bulk";
import { refunds } from "@/messages/ja/refunds";
import { webhooks } from "@/messages/ja/webhooks";
import { views } from "@/messages/ja/views";
import { csvExport } from "@/messages/ja/csvExport";
import { analytics } from "@/messages/ja/analytics";

export const ja = {
  app: {
    name: "コンビニデスク",
    tagline: "電話注文のコンビニ払い",
  },
  nav: {
    menu: "メニュー",
    security: "セキュリティ",
    audit: "監査ログ",
    expiring: "期限が近い請求",
    overview: "概要",
    charges: "請求一覧",
    new: "新規請求",
    users: "スタッフ",
    signOut: "ログアウト",
    account: "アカウント",
    language: "English",
    settings: "設定",
    health: "連携状況",
    outbox: "送信メール",
  },
  role: {
    admin: "管理者",
    staff: "スタッフ",
    viewer: "閲覧のみ",
  },
  login,
  status: {
    pending: "支払待ち",
    successful: "入金済み",
    expired: "期限切れ",
    failed: "失敗",
    reversed: "取消",
    all: "すべて",
  },
  failure: {
    payment_cancelled: "お客様がお支払いを取り消しました",
    timeout: "支払期限までにお支払いがありませんでした",
    failed_processing: "決済処理に失敗しました",
    other: "Omise から想定外のエラーが返されました（下の Omise コードをサポートにお伝えください）",
  },
  explain: {
    pending: "お客様のコンビニでのお支払いを待っています。期限を過ぎると自動的に期限切れになります。",
    successful: "お客様がコンビニで支払いました。",
    expired: "期限までに支払われなかったか、期限切れにされたため、この支払番号はもう使えません。必要なら新しい請求を作成してください。",
    failed: "支払いは完了しませんでした。理由を確認し、必要なら新しい請求を作成してください。",
    reversed: "この支払いは取り消されました。",
  },
  charges,
  expiring,
  new: newCharge,
  readout,
  handover: {
    title: "お客様へのご案内",
    confirm: "お電話でご確認ください",
    customer: "お名前",
    phone: "電話番号",
    open: "ご案内画面を開く",
  },
  reminders,
  merchant,
  reissue: {
    newCharge: "再発行した新しい請求を開く",
    button: "再発行",
    title: "同じお客様に新しい請求を発行します",
    confirm: "再発行する",
    busy: "再発行中…",
    amount: "金額（円）",
  },
  detail,
  timeline,
  mail,
  messaging,
  outbox,
  overview,
  users,
  account,
  audit,
  common: {
    error: "エラーが発生しました。もう一度お試しください。",
    retry: "再試行",
    save: "保存",
  },
  v,
  deadline: {
    invalid: "支払期限は 2026-12-10 や 2026-12-10T18:00 の形式で入力してください",
    past: "支払期限が過去です。未来の日時を入力してください",
    too_far: "支払期限は365日以内にしてください",
    seven_eleven: "セブン-イレブンでは60日を超える期限は使えません（作成はできます）",
  },
  banner: {
    omiseDown: "Omise が応答していません。新しい請求の作成を一時停止しています。表示中のデータは {time} 時点のものです。",
    never: "（起動後まだ通信できていません）",
  },
  health,
  err,
  security,
  bulk,
  refunds,
  webhooks,
  views,
  csvExport,
  analytics,
  format: {
    jst: "{at, date, jst} JST (UTC+09:00)",
    yen: "¥{amount, number, integer}",
    refunded: "返金済み {amount}",
  },
  // The countdown to a deadline (components/charges/time-left.tsx), on the list, the expiring queue and the detail page.
  duration: {
    timeLeft: "残り {time}",
    overdue: "期限を過ぎています（同期待ち）",
    days: "{days, number}日{hours, number}時間",
    hours: "{hours, number}時間{minutes, number}分",
    minutes: "{minutes, number}分",
  },
  notFound: {
    title: "ページが見つかりません",
    body: "アドレスが間違っているか、ページが移動または削除された可能性があります。",
    home: "概要に戻る",
    login: "ログイン画面へ",
  },
  pageError: {
    title: "ページを表示できません",
    body: "データベースまたは Omise が応答していません。入力した内容や請求は失われていません。10秒ごとに自動で再試行します。",
    ref: "参照番号: {digest}",
  },
} as const;

/** The shape every other language must have: the same keys, any text. */
export type Catalog = Strings<typeof ja>;
type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
