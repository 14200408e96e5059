-- +goose Up
-- An organisation that an import names but does not describe (the supplier of an imported
-- solution, say) has no organisation number until someone who knows completes it: it keeps
-- '' and only the numbers that are given must be unique.
ALTER TABLE organisations DROP CONSTRAINT organisations_country_org_number_key;
CREATE UNIQUE INDEX organisations_number ON organisations (country, org_number) WHERE org_number <> '';

-- +goose Down
-- Fails while several organisations of a country lack a number.
DROP INDEX organisations_number;
ALTER TABLE organisations ADD CONSTRAINT organisations_country_org_number_key UNIQUE (country, org_number);
