import { useMemo } from "react";
import { qrPath } from "@/lib/qr/qr-path";

/**
 * A QR code of the payment link, for a customer standing at the counter or on a video call.
 *
 * Drawn as inline SVG from the code's modules (QRCode.create is synchronous), so it is in the
 * server's HTML and painted with the rest of the page. It used to be a PNG made in the browser
 * after hydration: the largest image on the charge page, so the page's LCP waited for the whole
 * of its JavaScript (Lighthouse: about 1.05 s against 0.4 s for the first paint).
 */
export function LinkQr({ link, alt }: Readonly<{ link: string; alt: string }>) {
  const drawing = useMemo(() => {
    try {
      return qrPath(link);
    } catch {
      return null; // without a QR code the link and the copy buttons still work
    }
  }, [link]);
  if (!drawing) return null;
  return (
    <svg
      data-testid="payment-qr"
      role="img"
      aria-label={alt}
      viewBox={`0 0 ${drawing.size} ${drawing.size}`}
      shapeRendering="crispEdges"
      className="h-48 w-48 rounded border border-slate-200 bg-white p-1"
    >
      <path d={drawing.d} fill="#000" />
    </svg>
  );
}
