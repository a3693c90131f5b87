import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { processSingleton } from "@/lib/process-state";

// argon2id at OWASP's minimum (m=19 MiB, t=2, p=1); ~9 ms a verify here.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Password verifications run by this process (a metric; the throttle tests count hashes with it). */
export function passwordVerifications(): number {
  return metrics().verified;
}
const metrics = () => processSingleton("passwordMetrics", () => ({ verified: 0 }));

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  metrics().verified += 1;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the email is unknown, so timing does not reveal which emails exist.
export function dummyPasswordHash(): Promise<string> {
  return processSingleton("dummyPasswordHash", () => hashPassword("konbini-desk-dummy-password"));
}
