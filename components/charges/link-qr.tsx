"use client";

import { useEffect, useState } from "react";
import QRCode from "qrcode";

/** A QR code of the payment link, for a customer standing at the counter or on a video call. */
export function LinkQr({ link, alt }: Readonly<{ link: string; alt: string }>) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(link, { margin: 1, width: 240, errorCorrectionLevel: "M" })
      .then((url) => {
        if (!cancelled) setSrc(url);
      })
      .catch(() => {
        // Without a QR code the link and the copy buttons still work.
        if (!cancelled) setSrc(null);
      });
    return () => {
      cancelled = true;
    };
  }, [link]);

  return src ? (
    // A data URL made in the browser: next/image has nothing to optimise.
    // eslint-disable-next-line @next/next/no-img-element
    <img data-testid="payment-qr" src={src} alt={alt} width={200} height={200} className="h-48 w-48 rounded border border-slate-200 bg-white p-1" />
  ) : (
    <div aria-hidden="true" className="h-48 w-48 animate-pulse rounded border border-slate-200 bg-slate-100" />
  );
}
