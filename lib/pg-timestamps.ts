// A timestamptz as PostgreSQL sends it in text ("2026-12-02 15:21:24.489123+00" when the session's
// TimeZone is UTC), straight to the ISO string a Date would print ("2026-12-02T15:21:24.489Z"),
// without making the Date: for reads whose rows leave the server as JSON anyway (lib/db.ts
// readRows { isoTimestamps }). Microseconds are cut to milliseconds as pg's own parser and
// Date.toISOString cut them. Anything else (another time zone, a year past 9999 or BC, infinity)
// goes through `fallback`, pg's parser, and so gives exactly what it gave before.
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

export function timestamptzTextToIso(fallback: (text: string) => Date): (text: string) => string {
  return (text) => {
    const m = UTC_TEXT.exec(text);
    if (!m) return fallback(text).toISOString();
    const frac = m[3] ?? "";
    return `${m[1]}T${m[2]}.${frac.length >= 3 ? frac.slice(0, 3) : frac.padEnd(3, "0")}Z`;
  };
}
