export const TEST_SECRET_KEY: string;
export const TEST_WEBHOOK_SECRET: string;
export const TEST_NEXTAUTH_SECRET: string;
export const TEST_REFUND_DATA_KEY: string;
export function createPgDatabase(baseUrl: string, prefix?: string): Promise<{ url: string; drop(): Promise<void> }>;
export function freshDatabase(
  pgBaseUrl: string | undefined,
  label?: string,
): Promise<{ env: Record<string, string>; drop(): Promise<void>; describe: string }>;
export function migrate(env: Record<string, string>): void;
