// Shown while the list or the expiring queue loads (this route group holds just those two).
// The detail, create and bulk pages have no loading boundary on purpose: their content comes in
// the first HTML instead of streaming in behind a fallback, which React reveals no sooner than
// 300 ms after the first paint (a Lighthouse LCP over 1 s on the detail page). Opening a charge
// from the list shows its row as busy instead (components/charges/charge-row.tsx).
export default function ChargesLoading() {
  return (
    <div aria-busy="true" className="animate-pulse space-y-4">
      <div className="h-8 w-48 rounded bg-slate-200" />
      <div className="h-10 w-full max-w-md rounded bg-slate-200" />
      <div className="flex gap-2">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-8 w-24 rounded bg-slate-200" />
        ))}
      </div>
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-10 rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
