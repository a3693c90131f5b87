export type EmbeddedDbVerdict = { state: "missing" | "ok"; reason?: undefined } | { state: "damaged"; reason: string };
export function checkEmbeddedDb(dir: string): Promise<EmbeddedDbVerdict>;
export function moveAside(dir: string, now?: Date): string;
