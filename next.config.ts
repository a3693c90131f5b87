import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { env } from "./lib/env";

export default function config(phase: string): NextConfig {
  // Fail fast on a bad environment when the server starts; a build needs no secrets.
  if (phase !== PHASE_PRODUCTION_BUILD) env();
  return {
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
  };
}
