// Written by scripts/e2e-fixtures.ts before the e2e server starts; used by e2e/sessions.spec.ts.
export const E2E_SESSION_FIXTURES = {
  email: "idle-fixture@example.com",
  idleSessionId: "e2e-fixture-idle-session",
  expiredSessionId: "e2e-fixture-expired-session",
} as const;
