-- +goose Up
-- The list a visitor sees is the newest public needs: with the visibility and the id in
-- one index it reads them in order and stops after a page, where the index on
-- (visibility, state, id) made the planner fetch every public need and sort them.
CREATE INDEX needs_visibility_id ON needs (visibility, id);

-- +goose Down
DROP INDEX needs_visibility_id;
