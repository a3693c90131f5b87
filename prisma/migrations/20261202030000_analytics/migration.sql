-- Issue 11, konbini analytics: outcomes by JST day and band, and time to payment, kept current by
-- statement-level triggers over the transition tables, in the style of 20261201160000 (exact
-- whoever writes "Charge"). Read with SQL by lib/analytics/*; no Prisma model.
--
-- Outcome day (the JST day a charge is counted on):
--   successful, reversed → the JST day of "paidAt"; expired → of "expiredAt";
--   failed → of "createdAt" (neither Omise nor "Charge" records when a charge failed);
--   pending, or a time that is null → not counted.
-- Deadline length: JST calendar days from the day created to the day of the deadline,
--   kd_jst_day("expiresAt") - kd_jst_day("createdAt"): ≤ 3 → 'd1_3' (a same-day deadline is 0 and
--   counts here), 4–7 → 'd4_7', 8–14 → 'd8_14', ≥ 15 → 'd15', no deadline (null) → 'none'.
-- Amount bands (yen; the app takes ¥150–¥49,999, lib/charges/validation.ts): < 3,000 'a0',
--   3,000–9,999 'a3k', 10,000–19,999 'a10k', 20,000–29,999 'a20k', ≥ 30,000 'a30k' (a larger
--   amount written by plain SQL counts there too).

CREATE FUNCTION "kd_analytics_day"(status text, "paidAt" timestamptz, "expiredAt" timestamptz, "createdAt" timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN status IN ('successful', 'reversed') THEN "kd_jst_day"("paidAt")
              WHEN status = 'expired' THEN "kd_jst_day"("expiredAt")
              WHEN status = 'failed' THEN "kd_jst_day"("createdAt") END
$$;
CREATE FUNCTION "kd_deadline_band"("createdAt" timestamptz, "expiresAt" timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN "expiresAt" IS NULL THEN 'none'
              WHEN "kd_jst_day"("expiresAt") - "kd_jst_day"("createdAt") <= 3 THEN 'd1_3'
              WHEN "kd_jst_day"("expiresAt") - "kd_jst_day"("createdAt") <= 7 THEN 'd4_7'
              WHEN "kd_jst_day"("expiresAt") - "kd_jst_day"("createdAt") <= 14 THEN 'd8_14'
              ELSE 'd15' END
$$;
CREATE FUNCTION "kd_amount_band"(amount integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN amount < 3000 THEN 'a0' WHEN amount < 10000 THEN 'a3k' WHEN amount < 20000 THEN 'a10k'
              WHEN amount < 30000 THEN 'a20k' ELSE 'a30k' END
$$;
-- Whole hours from creation to payment, floored; a payment time before creation (only plain SQL
-- can write one) counts as 0.
CREATE FUNCTION "kd_paid_hours"("createdAt" timestamptz, "paidAt" timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT greatest(0, floor(extract(epoch FROM ("paidAt" - "createdAt")) / 3600))::integer
$$;
-- The keys one charge counts under: every outcome once under 'all' (band ''), once per band of
-- 'deadline', 'amount' and 'staff' (band = createdById), and failed ones under 'failure' (band =
-- failureCode, '' when unknown).
CREATE FUNCTION "kd_analytics_keys"(status text, amount integer, "createdById" text, "failureCode" text, "createdAt" timestamptz, "expiresAt" timestamptz, "paidAt" timestamptz, "expiredAt" timestamptz)
  RETURNS TABLE ("day" date, "dim" text, "band" text) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT d.day, v.dim, v.band
  FROM (SELECT "kd_analytics_day"(status, "paidAt", "expiredAt", "createdAt") AS day) d
  CROSS JOIN LATERAL (VALUES ('all', ''), ('deadline', "kd_deadline_band"("createdAt", "expiresAt")), ('amount', "kd_amount_band"(amount)),
                             ('staff', "createdById"), ('failure', CASE WHEN status = 'failed' THEN coalesce("failureCode", '') END)) v(dim, band)
  WHERE d.day IS NOT NULL AND v.band IS NOT NULL
$$;

-- (JST outcome day, dimension, band, status): rows bounded by days × (4 statuses) × (1 + 5 + 5 + staff + failure codes).
CREATE TABLE "ChargeAnalyticsDaily" (
  "day" DATE NOT NULL,
  "dim" TEXT NOT NULL,
  "band" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "count" BIGINT NOT NULL DEFAULT 0,
  "amount" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "ChargeAnalyticsDaily_pkey" PRIMARY KEY ("day", "dim", "band", "status")
);
-- Successful charges by JST day paid × whole hours from creation to payment: an exact histogram.
CREATE TABLE "ChargePaidLatency" (
  "day" DATE NOT NULL,
  "hours" INTEGER NOT NULL,
  "count" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "ChargePaidLatency_pkey" PRIMARY KEY ("day", "hours")
);

CREATE TYPE "kd_analytics_row" AS ("status" text, "amount" integer, "createdById" text, "failureCode" text, "createdAt" timestamptz, "expiresAt" timestamptz, "paidAt" timestamptz, "expiredAt" timestamptz, "sign" integer);

-- Applies one statement's rows (+1 new, -1 old), netted per key, keys in a fixed order so two
-- writers never wait on each other's rows in opposite orders.
CREATE FUNCTION "kd_analytics_apply"(rows "kd_analytics_row"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ChargeAnalyticsDaily" AS t ("day", "dim", "band", "status", "count", "amount")
    SELECT k."day", k."dim", k."band", r."status", sum(r."sign")::bigint, sum(r."sign"::bigint * r."amount")::bigint
    FROM unnest(rows) r CROSS JOIN LATERAL "kd_analytics_keys"(r."status", r."amount", r."createdById", r."failureCode", r."createdAt", r."expiresAt", r."paidAt", r."expiredAt") k
    GROUP BY 1, 2, 3, 4 HAVING sum(r."sign") <> 0 OR sum(r."sign"::bigint * r."amount") <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("day", "dim", "band", "status") DO UPDATE
    SET "count" = t."count" + EXCLUDED."count", "amount" = t."amount" + EXCLUDED."amount";
  INSERT INTO "ChargePaidLatency" AS t ("day", "hours", "count")
    SELECT "kd_jst_day"(r."paidAt"), "kd_paid_hours"(r."createdAt", r."paidAt"), sum(r."sign")::bigint
    FROM unnest(rows) r WHERE r."status" = 'successful' AND r."paidAt" IS NOT NULL
    GROUP BY 1, 2 HAVING sum(r."sign") <> 0 ORDER BY 1, 2
  ON CONFLICT ("day", "hours") DO UPDATE SET "count" = t."count" + EXCLUDED."count";
END;
$$;

CREATE FUNCTION "kd_analytics_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "kd_analytics_apply"(ARRAY(
    SELECT ROW("status", "amount", "createdById", "failureCode", "createdAt", "expiresAt", "paidAt", "expiredAt", 1)::"kd_analytics_row"
    FROM new_rows WHERE "status" <> 'pending'));
  RETURN NULL;
END;
$$;
CREATE FUNCTION "kd_analytics_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "kd_analytics_apply"(ARRAY(
    SELECT ROW("status", "amount", "createdById", "failureCode", "createdAt", "expiresAt", "paidAt", "expiredAt", 1)::"kd_analytics_row"
    FROM new_rows WHERE "status" <> 'pending'
    UNION ALL
    SELECT ROW("status", "amount", "createdById", "failureCode", "createdAt", "expiresAt", "paidAt", "expiredAt", -1)::"kd_analytics_row"
    FROM old_rows WHERE "status" <> 'pending'));
  RETURN NULL;
END;
$$;
CREATE FUNCTION "kd_analytics_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "kd_analytics_apply"(ARRAY(
    SELECT ROW("status", "amount", "createdById", "failureCode", "createdAt", "expiresAt", "paidAt", "expiredAt", -1)::"kd_analytics_row"
    FROM old_rows WHERE "status" <> 'pending'));
  RETURN NULL;
END;
$$;
CREATE FUNCTION "kd_analytics_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ChargeAnalyticsDaily";
  DELETE FROM "ChargePaidLatency";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Charge_analytics_insert" AFTER INSERT ON "Charge" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kd_analytics_insert"();
CREATE TRIGGER "Charge_analytics_update" AFTER UPDATE ON "Charge" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kd_analytics_update"();
CREATE TRIGGER "Charge_analytics_delete" AFTER DELETE ON "Charge" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "kd_analytics_delete"();
CREATE TRIGGER "Charge_analytics_truncate" AFTER TRUNCATE ON "Charge" FOR EACH STATEMENT EXECUTE FUNCTION "kd_analytics_truncate"();

-- What is already there.
INSERT INTO "ChargeAnalyticsDaily" ("day", "dim", "band", "status", "count", "amount")
  SELECT k."day", k."dim", k."band", c."status", count(*), sum(c."amount")::bigint
  FROM "Charge" c CROSS JOIN LATERAL "kd_analytics_keys"(c."status", c."amount", c."createdById", c."failureCode", c."createdAt", c."expiresAt", c."paidAt", c."expiredAt") k
  GROUP BY 1, 2, 3, 4;
INSERT INTO "ChargePaidLatency" ("day", "hours", "count")
  SELECT "kd_jst_day"("paidAt"), "kd_paid_hours"("createdAt", "paidAt"), count(*) FROM "Charge"
  WHERE "status" = 'successful' AND "paidAt" IS NOT NULL GROUP BY 1, 2;
