// Shown while the deliveries load. In the route group (list) so the detail page, which has no
// loading fallback, answers a real 404 for an unknown event (nothing is sent before the lookup).
export default function WebhooksLoading() {
  return (
    <div aria-busy="true" className="animate-pulse space-y-4" data-testid="webhook-loading">
      <div className="h-8 w-56 rounded bg-slate-200" />
      <div className="h-28 w-full rounded-lg bg-slate-200" />
      <div className="flex gap-2">
        {Array.from({ length: 4 }, (_, i) => (
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
