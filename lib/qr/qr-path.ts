import QRCode from "qrcode";

/** A QR code of `text` as one SVG path: a rectangle per run of dark modules in a row, inside a one-module quiet zone (`size` includes it). */
export /** The dark modules as one path, a rectangle per run of modules in a row, with a one-module quiet zone. */
function qrPath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  let d = "";
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; ) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < n && modules.get(y, x + run)) run++;
      d += `M${x + 1} ${y + 1}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return { size: n + 2, d };
}
