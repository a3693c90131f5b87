import type { ReactNode } from "react";

export type Cell = { text: ReactNode; value?: number | string | null; noTranslate?: boolean };
type Props = { testId: string; head: string[]; rows: { key: string; cells: Cell[] }[]; foot?: Cell[] };

/** A plain table of an analytics chart's numbers; each cell carries its raw value for tests. */
export function DataTable({ testId, head, rows, foot }: Readonly<Props>) {
  const cell = (c: Cell, i: number, tag: "td" | "th") => {
    const Tag = tag;
    return (
      <Tag key={i} data-col={head[i]} data-value={c.value ?? undefined} translate={c.noTranslate ? "no" : undefined} className={`px-2 py-1.5 ${i === 0 ? "text-left" : "text-right tabular-nums"}`}>
        {c.text}
      </Tag>
    );
  };
  return (
    <table data-testid={testId} className="w-full min-w-max text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-slate-600">
          {head.map((h, i) => (
            <th key={h} scope="col" className={`px-2 py-1.5 font-medium ${i === 0 ? "text-left" : "text-right"}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-row={r.key} className="border-b border-slate-100">
            {r.cells.map((c, i) => cell(c, i, i === 0 ? "th" : "td"))}
          </tr>
        ))}
      </tbody>
      {foot && (
        <tfoot>
          <tr data-row="total" className="font-semibold">
            {foot.map((c, i) => cell(c, i, i === 0 ? "th" : "td"))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
