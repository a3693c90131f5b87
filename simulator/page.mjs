// Self-contained HTML for the simulator's customer page (a charge's authorize_uri) and index.
const TITLE = "コンビニ支払い / Konbini payment (Omise simulator)";
const STORES = ["ローソン Lawson", "ファミリーマート FamilyMart", "ミニストップ MINISTOP", "セイコーマート Seicomart"];
const FAILURE_CODES = ["payment_cancelled", "timeout", "failed_processing"];

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (value) => String(value ?? "").replace(/[&<>"']/g, (ch) => ENTITIES[ch]);

export const formatYen = (amount) => `¥${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;

/** "2026/12/04 23:59 (JST, UTC+09:00)" */
export function formatJst(isoString) {
  const ms = Date.parse(isoString);
  if (Number.isNaN(ms)) return "—";
  const d = new Date(ms + 9 * 3_600_000);
  const p = (n) => String(n).padStart(2, "0");
  const date = `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}`;
  return `${date} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} (JST, UTC+09:00)`;
}

export function statusLabel(charge) {
  switch (charge.status) {
    case "pending":
      return "支払待ち (Pending)";
    case "successful":
      return "入金済み (Paid)";
    case "failed":
      return `失敗 (Failed): ${charge.failure_code ?? "unknown"}`;
    case "expired":
      return "期限切れ (Expired)";
    default:
      return charge.status;
  }
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans JP",sans-serif;
background:#f4f5f7;color:#1d2433;line-height:1.5}main{max-width:560px;margin:0 auto;padding:16px}
h1{font-size:1.15rem;margin:0 0 12px}.card{background:#fff;border-radius:12px;padding:16px;margin:0 0 12px;
box-shadow:0 1px 3px rgba(0,0,0,.08)}.badge{display:inline-block;background:#fff3cd;color:#7a5b00;border-radius:6px;
padding:2px 8px;font-size:.8rem}.amount{font-size:2.2rem;font-weight:700;margin:4px 0}dl{margin:0;display:grid;
grid-template-columns:max-content 1fr;gap:4px 12px}dt{color:#5b6475}dd{margin:0;word-break:break-all}
.code{font-family:ui-monospace,Menlo,monospace;font-size:1.1rem;letter-spacing:.05em}.final{font-size:1.8rem;
font-weight:700;text-align:center;padding:24px 8px}.final.successful{color:#137333}.final.failed{color:#b3261e}
.final.expired{color:#6b7280}ul{margin:0;padding-left:20px}form{margin:8px 0}button,select{font:inherit;
padding:12px;border-radius:8px;border:1px solid #c5cad3;width:100%}button{cursor:pointer;font-weight:600}
.pay{background:#137333;color:#fff;border:0}.fail{background:#b3261e;color:#fff;border:0}.expire{background:#6b7280;
color:#fff;border:0}table{width:100%;border-collapse:collapse;font-size:.9rem}td,th{text-align:left;padding:6px;
border-bottom:1px solid #e3e6eb}small{color:#5b6475}`;

function layout(title, body) {
  return `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><main>${body}</main></body>
</html>`;
}

function actionForms(base) {
  const options = FAILURE_CODES.map((c) => `<option value="${c}">${c}</option>`).join("");
  return `<section class="card"><h2>テスト操作 / Test actions</h2>
<form method="post" action="${base}/pay"><button class="pay" type="submit">支払う (Pay)</button></form>
<form method="post" action="${base}/fail"><label>failure_code
<select name="failure_code">${options}</select></label>
<button class="fail" type="submit">失敗させる (Fail)</button></form>
<form method="post" action="${base}/expire"><button class="expire" type="submit">期限切れにする (Expire)</button></form>
</section>`;
}

export function renderPayPage(charge) {
  const refs = charge.source?.references ?? {};
  const base = escapeHtml(`/pay/${encodeURIComponent(charge.id)}`);
  const pending = charge.status === "pending";
  const final = pending
    ? ""
    : `<section class="card final ${escapeHtml(charge.status)}">${escapeHtml(statusLabel(charge))}${
        charge.failure_message ? `<br><small>${escapeHtml(charge.failure_message)}</small>` : ""
      }</section>`;
  const body = `<h1>${escapeHtml(TITLE)}</h1>
<p><span class="badge">テストモード / Test mode</span></p>
${final}
<section class="card">
<div>お支払い金額 / Amount</div><div class="amount">${escapeHtml(formatYen(charge.amount))}</div>
<dl>
<dt>支払期限 / Deadline</dt><dd>${escapeHtml(formatJst(charge.expires_at))}</dd>
<dt>状態 / Status</dt><dd>${escapeHtml(statusLabel(charge))}</dd>
<dt>お名前 / Name</dt><dd>${escapeHtml(charge.source?.name)}</dd>
${charge.description ? `<dt>内容 / Description</dt><dd>${escapeHtml(charge.description)}</dd>` : ""}
</dl></section>
<section class="card"><dl>
<dt>支払番号 / Payment code</dt><dd class="code">${escapeHtml(refs.payment_code ?? "—")}</dd>
<dt>受付番号1 / Reference 1</dt><dd class="code">${escapeHtml(refs.reference_number_1 ?? "—")}</dd>
<dt>受付番号2 / Reference 2</dt><dd class="code">${escapeHtml(refs.reference_number_2 ?? "—")}</dd>
</dl></section>
<section class="card"><h2>ご利用いただけるコンビニ / Stores</h2>
<ul>${STORES.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul></section>
${pending ? actionForms(base) : ""}
<p><small>${escapeHtml(charge.id)}</small></p>`;
  return layout(TITLE, body);
}

export function renderNotFound(id) {
  return layout("Not found (Omise simulator)", `<h1>見つかりません / Not found</h1>
<section class="card">charge ${escapeHtml(id)} was not found</section>`);
}

export function renderIndex(charges, nowIso) {
  const rows = charges
    .map(
      (c) => `<tr><td><a href="${escapeHtml(`/pay/${encodeURIComponent(c.id)}`)}">${escapeHtml(c.id)}</a></td>
<td>${escapeHtml(formatYen(c.amount))}</td><td>${escapeHtml(statusLabel(c))}</td></tr>`,
    )
    .join("");
  const body = `<h1>Omise simulator</h1>
<p><small>simulated clock: ${escapeHtml(nowIso)}</small></p>
<section class="card"><table><thead><tr><th>charge</th><th>amount</th><th>status</th></tr></thead>
<tbody>${rows || `<tr><td colspan="3">no charges yet</td></tr>`}</tbody></table></section>`;
  return layout("Omise simulator", body);
}
