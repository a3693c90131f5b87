-- A complete email address typed into the search is looked up exactly (lib/charges/search-sql.ts),
-- compared with A–Z folded to lower case as the search column folds them. (Built-in functions
-- only: an index expression may not depend on the search path.)
CREATE INDEX "Charge_email_folded_idx" ON "Charge" (translate("customerEmail", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'));
