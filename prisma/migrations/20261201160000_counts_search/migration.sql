-- Issue 10: search served by a trigram index, and counts kept current by the database itself.

-- pg_trgm (PGlite loads it from its contrib bundle: lib/db.ts, prisma.config.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The search column's normalisation in SQL, the same rules as lib/charges/search-text.ts
-- (NFKC, ASCII letters in lower case, hiragana as katakana, runs of white space as one space, trimmed);
-- lib/charges/search-text.test.ts and tests/counts.integration.test.ts compare the two.
-- Written so that PostgreSQL never runs translate() (slow: it scans its whole map for every
-- character) on text that has nothing to fold; 1M rows take seconds, not minutes.
CREATE FUNCTION "kd_fold_search"(n text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
    CASE WHEN n ~ '[ぁ-ゖゝゞ]' THEN translate(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖゝゞ', 'abcdefghijklmnopqrstuvwxyzァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶヽヾ')
         WHEN n ~ '[A-Z]' THEN translate(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
         ELSE n END,
    '[\t\n\v\f\r ]+', ' ', 'g'), ' ')
$$;
CREATE FUNCTION "kd_normalize_search"(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT "kd_fold_search"(normalize(coalesce(value, ''), NFKC))
$$;

-- Whatever writes a charge (the app, a migration, an operator's SQL, a bulk load), its search
-- text is computed here, so a row inserted by plain SQL is found like any other.
CREATE FUNCTION "kd_charge_search_text"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchText" := concat_ws(E'\n',
    "kd_normalize_search"(NEW."customerName"),
    "kd_normalize_search"(NEW."customerEmail"),
    regexp_replace(coalesce(NEW."customerPhone", ''), '[^0-9]', '', 'g'),
    "kd_normalize_search"(NEW."description"),
    "kd_normalize_search"(NEW."reference"),
    "kd_normalize_search"(NEW."id"));
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Charge_search_text" BEFORE INSERT OR UPDATE OF "customerName", "customerEmail", "customerPhone", "description", "reference", "id", "searchText"
  ON "Charge" FOR EACH ROW EXECUTE FUNCTION "kd_charge_search_text"();
-- Rows written before this trigger (or by the old app path) get the same text.
UPDATE "Charge" SET "searchText" = "searchText";

CREATE INDEX "Charge_searchText_trgm_idx" ON "Charge" USING gin ("searchText" gin_trgm_ops);

-- JST calendar day of an instant (Asia/Tokyo is UTC+09:00 all year; no time zone data needed).
CREATE FUNCTION "kd_jst_day"(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((at AT TIME ZONE 'UTC') + interval '9 hours')::date
$$;

-- Counts kept current in the same transaction as every write to "Charge", by statement-level
-- triggers over the statement's transition tables: exact whoever writes the rows, and a bulk
-- load of a million rows costs one aggregate per statement, not a trigger per row.
--   ChargeCountTotal   (status, created by): the list's tabs, the overview's pending figure, and
--                      "changes", which grows with every row written: the polling version.
--   ChargeCountDaily   (JST day created, status, created by): tabs under a created-date or staff
--                      filter, and the analytics.
--   ChargeOutcomeDaily (JST day paid or expired, status): the overview's today / month / chart.
CREATE TABLE "ChargeCountTotal" (
  "status" TEXT NOT NULL,
  "createdById" TEXT NOT NULL,
  "count" BIGINT NOT NULL DEFAULT 0,
  "amount" BIGINT NOT NULL DEFAULT 0,
  "changes" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "ChargeCountTotal_pkey" PRIMARY KEY ("status", "createdById")
);
CREATE TABLE "ChargeCountDaily" (
  "day" DATE NOT NULL,
  "status" TEXT NOT NULL,
  "createdById" TEXT NOT NULL,
  "count" BIGINT NOT NULL DEFAULT 0,
  "amount" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "ChargeCountDaily_pkey" PRIMARY KEY ("day", "status", "createdById")
);
CREATE TABLE "ChargeOutcomeDaily" (
  "day" DATE NOT NULL,
  "status" TEXT NOT NULL,
  "count" BIGINT NOT NULL DEFAULT 0,
  "amount" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "ChargeOutcomeDaily_pkey" PRIMARY KEY ("day", "status")
);

-- One statement's changes, grouped by everything the three tables are keyed on.
CREATE TYPE "kd_charge_delta" AS ("createdDay" date, "outcomeDay" date, "status" text, "createdById" text, c bigint, a bigint, ch bigint);

-- The JST day a paid or expired charge counts on in ChargeOutcomeDaily: the day it was paid or
-- expired; one whose time is not known (null) is not counted there, as the overview never did.
CREATE FUNCTION "kd_outcome_day"(status text, "paidAt" timestamptz, "expiredAt" timestamptz, "createdAt" timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE status WHEN 'successful' THEN "kd_jst_day"("paidAt")
                     WHEN 'expired' THEN "kd_jst_day"("expiredAt") END
$$;

-- Applies the deltas (+1 per new row, -1 per old row, netted per key), keys in a fixed order so
-- two writers never wait on each other's rows in opposite orders.
CREATE FUNCTION "kd_charge_counts_apply"(deltas "kd_charge_delta"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ChargeCountTotal" AS t ("status", "createdById", "count", "amount", "changes")
    SELECT d."status", d."createdById", sum(d.c), sum(d.a), sum(d.ch) FROM unnest(deltas) d GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("status", "createdById") DO UPDATE
    SET "count" = t."count" + EXCLUDED."count", "amount" = t."amount" + EXCLUDED."amount", "changes" = t."changes" + EXCLUDED."changes";
  INSERT INTO "ChargeCountDaily" AS t ("day", "status", "createdById", "count", "amount")
    SELECT d."createdDay", d."status", d."createdById", sum(d.c), sum(d.a) FROM unnest(deltas) d
    GROUP BY 1, 2, 3 HAVING sum(d.c) <> 0 OR sum(d.a) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("day", "status", "createdById") DO UPDATE
    SET "count" = t."count" + EXCLUDED."count", "amount" = t."amount" + EXCLUDED."amount";
  INSERT INTO "ChargeOutcomeDaily" AS t ("day", "status", "count", "amount")
    SELECT d."outcomeDay", d."status", sum(d.c), sum(d.a) FROM unnest(deltas) d WHERE d."outcomeDay" IS NOT NULL
    GROUP BY 1, 2 HAVING sum(d.c) <> 0 OR sum(d.a) <> 0 ORDER BY 1, 2
  ON CONFLICT ("day", "status") DO UPDATE
    SET "count" = t."count" + EXCLUDED."count", "amount" = t."amount" + EXCLUDED."amount";
END;
$$;

CREATE FUNCTION "kd_charge_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "kd_charge_counts_apply"(ARRAY(
    SELECT ROW(g.*)::"kd_charge_delta" FROM (
      SELECT "kd_jst_day"("createdAt"), "kd_outcome_day"("status", "paidAt", "expiredAt", "createdAt"), "status", "createdById", count(*), sum("amount")::bigint, count(*)
      FROM new_rows GROUP BY 1, 2, 3, 4) g));
  RETURN NULL;
END;
$$;
CREATE FUNCTION "kd_charge_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "kd_charge_counts_apply"(ARRAY(
    SELECT ROW(g.*)::"kd_charge_delta" FROM (
    SELECT x."createdDay", x."outcomeDay", x."status", x."createdById", sum(x.c)::bigint, sum(x.a)::bigint, sum(x.ch)::bigint FROM (
      SELECT "kd_jst_day"("createdAt") AS "createdDay", "kd_outcome_day"("status", "paidAt", "expiredAt", "createdAt") AS "outcomeDay", "status", "createdById", 1::bigint AS c, "amount"::bigint AS a, 1::bigint AS ch FROM new_rows
      UNION ALL
      SELECT "kd_jst_day"("createdAt"), "kd_outcome_day"("status", "paidAt", "expiredAt", "createdAt"), "status", "createdById", -1, -"amount"::bigint, 0 FROM old_rows
    ) x GROUP BY 1, 2, 3, 4) g));
  RETURN NULL;
END;
$$;
CREATE FUNCTION "kd_charge_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "kd_charge_counts_apply"(ARRAY(
    SELECT ROW(g.*)::"kd_charge_delta" FROM (
      SELECT "kd_jst_day"("createdAt"), "kd_outcome_day"("status", "paidAt", "expiredAt", "createdAt"), "status", "createdById", -count(*), -sum("amount")::bigint, count(*)
      FROM old_rows GROUP BY 1, 2, 3, 4) g));
  RETURN NULL;
END;
$$;
CREATE FUNCTION "kd_charge_counts_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The version must still move forward: keep one row per status holding the changes so far.
  DELETE FROM "ChargeCountDaily";
  DELETE FROM "ChargeOutcomeDaily";
  UPDATE "ChargeCountTotal" SET "count" = 0, "amount" = 0, "changes" = "changes" + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Charge_counts_insert" AFTER INSERT ON "Charge" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kd_charge_counts_insert"();
CREATE TRIGGER "Charge_counts_update" AFTER UPDATE ON "Charge" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kd_charge_counts_update"();
CREATE TRIGGER "Charge_counts_delete" AFTER DELETE ON "Charge" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "kd_charge_counts_delete"();
CREATE TRIGGER "Charge_counts_truncate" AFTER TRUNCATE ON "Charge" FOR EACH STATEMENT EXECUTE FUNCTION "kd_charge_counts_truncate"();

-- What is already there.
INSERT INTO "ChargeCountTotal" ("status", "createdById", "count", "amount", "changes")
  SELECT "status", "createdById", count(*), coalesce(sum("amount"), 0), count(*) FROM "Charge" GROUP BY 1, 2;
INSERT INTO "ChargeCountDaily" ("day", "status", "createdById", "count", "amount")
  SELECT "kd_jst_day"("createdAt"), "status", "createdById", count(*), coalesce(sum("amount"), 0) FROM "Charge" GROUP BY 1, 2, 3;
INSERT INTO "ChargeOutcomeDaily" ("day", "status", "count", "amount")
  SELECT "kd_outcome_day"("status", "paidAt", "expiredAt", "createdAt"), "status", count(*), coalesce(sum("amount"), 0)
  FROM "Charge" WHERE "kd_outcome_day"("status", "paidAt", "expiredAt", "createdAt") IS NOT NULL GROUP BY 1, 2;
