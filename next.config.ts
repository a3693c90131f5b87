import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import createNextIntlPlugin from "next-intl/plugin";
import { env } from "./lib/env";

// next-intl reads its per-request config (locale, messages, time zone) from ./i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

export default function config(phase: string): NextConfig {
  // Fail fast on a bad environment when the server starts; a build needs no secrets.
  if (phase !== PHASE_PRODUCTION_BUILD) env();
  return withNextIntl({
    serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2"],
    poweredByHeader: false,
    async headers() {
      return [
        {
          source: "/:path*",
          headers: [
            { key: "X-Content-Type-Options", value: "nosniff" },
            { key: "Referrer-Policy", value: "same-origin" },
            { key: "X-Frame-Options", value: "DENY" },
          ],
        },
      ];
    },
  });
}
