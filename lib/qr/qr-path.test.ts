import { describe, expect, it } from "vitest";
import QRCode from "qrcode";
import { qrPath } from "@/lib/qr/qr-path";

// The path must paint exactly the code's dark modules (a scanner reads what is painted).
describe("the payment link's QR code as an SVG path", () => {
  it("covers exactly the dark modules, one module in from the edge", () => {
    for (const link of ["https://pay.omise.co/payments/pay2_test_5xk0v9pyv6fd8a6pq2s/authorize", "https://example.jp/" + "x".repeat(200)]) {
      const { modules } = QRCode.create(link, { errorCorrectionLevel: "M" });
      const { size, d } = qrPath(link);
      expect(size).toBe(modules.size + 2);
      const painted = new Set<string>();
      for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
        const [x = 0, y = 0, run = 0, back = -1] = m.slice(1).map(Number);
        expect(back).toBe(run);
        for (let i = 0; i < run; i++) painted.add(`${x + i - 1},${y - 1}`);
      }
      expect(d.replace(/M\d+ \d+h\d+v1h-\d+z/g, "")).toBe("");
      const dark = new Set<string>();
      for (let y = 0; y < modules.size; y++) for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) dark.add(`${x},${y}`);
      expect(painted).toEqual(dark);
    }
  });
});
