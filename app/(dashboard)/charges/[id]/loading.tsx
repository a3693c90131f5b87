export default function ChargeLoading() {
  return (
    <div aria-busy="true" className="animate-pulse space-y-4">
      <div className="h-4 w-24 rounded bg-slate-200" />
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <div className="h-4 w-20 rounded bg-slate-200" />
        <div className="h-8 w-64 rounded bg-slate-200" />
        <div className="h-9 w-40 rounded bg-slate-200" />
        <div className="h-4 w-full max-w-xl rounded bg-slate-100" />
      </div>
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="h-80 rounded-lg border border-slate-200 bg-white" />
        <div className="h-80 rounded-lg border border-slate-200 bg-white" />
      </div>
    </div>
  );
}
