package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The shared tag taxonomy. The tags table is the curated vocabulary; need_tags keep the
// spelling each need was given. Both meet on the folded name, so that "KOL" is "kol".

// tagRow is a row of tags.
type tagRow struct {
	id          int64
	name        string
	description string
	curated     bool
	createdAt   time.Time
}

func (t tagRow) tag() app.Tag {
	at := t.createdAt
	return app.Tag{ID: t.id, Name: t.name, Description: t.description, Curated: t.curated, CreatedAt: &at}
}

const tagColumns = `id, name, description, curated, created_at`

func scanTagRow(r scanner) (tagRow, error) {
	var t tagRow
	err := r.Scan(&t.id, &t.name, &t.description, &t.curated, &t.createdAt)
	return t, err
}

// tagUse is how the needs use a tag: how many, and the spelling most of them use.
type tagUse struct {
	name string
	uses int
}

// tagUses counts the needs of each folded tag, or of one when fold is not empty. A free
// tag is shown in the spelling most needs use, the first in byte order on a tie, so that
// both databases answer the same.
func tagUses(ctx context.Context, c conn, fold string) (map[string]tagUse, error) {
	q, args := `SELECT tag_fold, tag, count(*) FROM need_tags GROUP BY tag_fold, tag`, []any(nil)
	if fold != "" {
		q, args = `SELECT tag_fold, tag, count(*) FROM need_tags WHERE tag_fold = ? GROUP BY tag_fold, tag`, []any{fold}
	}
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: tag uses: %w", err)
	}
	defer rows.Close()
	out := map[string]tagUse{}
	best := map[string]int{} // the count of the spelling chosen so far
	for rows.Next() {
		var f, name string
		var n int
		if err := rows.Scan(&f, &name, &n); err != nil {
			return nil, err
		}
		u := out[f]
		if b, seen := best[f]; !seen || n > b || (n == b && name < u.name) {
			u.name, best[f] = name, n
		}
		u.uses += n
		out[f] = u
	}
	return out, rows.Err()
}

func (s *Store) ListTags(ctx context.Context) ([]app.Tag, error) {
	c := s.r()
	rows, err := c.query(ctx, `SELECT `+tagColumns+`, name_fold FROM tags`)
	if err != nil {
		return nil, fmt.Errorf("store: list tags: %w", err)
	}
	curated := map[string]tagRow{}
	defer rows.Close()
	for rows.Next() {
		var t tagRow
		var f string
		if err := rows.Scan(&t.id, &t.name, &t.description, &t.curated, &t.createdAt, &f); err != nil {
			return nil, err
		}
		curated[f] = t
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	uses, err := tagUses(ctx, c, "")
	if err != nil {
		return nil, err
	}
	out := make([]app.Tag, 0, len(curated)+len(uses))
	for f, t := range curated {
		tag := t.tag()
		tag.Uses = uses[f].uses
		out = append(out, tag)
	}
	for f, u := range uses {
		if _, ok := curated[f]; !ok {
			out = append(out, app.Tag{Name: u.name, Uses: u.uses})
		}
	}
	sortTags(out)
	return out, nil
}

func (s *Store) CuratedTags(ctx context.Context) ([]app.Tag, error) {
	rows, err := s.r().query(ctx, `SELECT `+tagColumns+` FROM tags WHERE curated = ?`, true)
	if err != nil {
		return nil, fmt.Errorf("store: curated tags: %w", err)
	}
	list, err := collect(rows, func(r scanner) (app.Tag, error) {
		t, err := scanTagRow(r)
		return t.tag(), err
	})
	if err != nil {
		return nil, err
	}
	if list == nil {
		list = []app.Tag{}
	}
	sortTags(list)
	return list, nil
}

// sortTags puts tags in Swedish order (å, ä, ö after z), case aside.
func sortTags(tags []app.Tag) {
	keys := make(map[string][]byte, len(tags))
	for _, t := range tags {
		keys[t.Name] = sortKey(t.Name)
	}
	slices.SortFunc(tags, func(a, b app.Tag) int {
		if c := bytes.Compare(keys[a.Name], keys[b.Name]); c != 0 {
			return c
		}
		return bytes.Compare([]byte(a.Name), []byte(b.Name))
	})
}

// curatedRow reads the row of a folded name, if there is one.
func curatedRow(ctx context.Context, c conn, fold string) (tagRow, bool, error) {
	t, err := scanTagRow(c.queryRow(ctx, `SELECT `+tagColumns+` FROM tags WHERE name_fold = ?`, fold))
	if errors.Is(err, sql.ErrNoRows) {
		return tagRow{}, false, nil
	}
	if err != nil {
		return tagRow{}, false, fmt.Errorf("store: tag: %w", err)
	}
	return t, true, nil
}

// tagByFold returns one tag with its uses; ok is false when neither the curated list nor
// any need has it.
func tagByFold(ctx context.Context, c conn, fold string) (app.Tag, bool, error) {
	row, curated, err := curatedRow(ctx, c, fold)
	if err != nil {
		return app.Tag{}, false, err
	}
	uses, err := tagUses(ctx, c, fold)
	if err != nil {
		return app.Tag{}, false, err
	}
	u, used := uses[fold]
	switch {
	case curated:
		t := row.tag()
		t.Uses = u.uses
		return t, true, nil
	case used:
		return app.Tag{Name: u.name, Uses: u.uses}, true, nil
	}
	return app.Tag{}, false, nil
}

func (s *Store) CreateTag(ctx context.Context, in app.TagInput) (app.Tag, error) {
	f := fold(in.Name)
	var out app.Tag
	err := s.tx(ctx, func(c conn) error {
		row, exists, err := curatedRow(ctx, c, f)
		switch {
		case err != nil:
			return err
		case exists && row.curated:
			return &app.Error{Code: app.Conflict, Message: "err.tag_curated", Fields: map[string]string{"name": "err.tag_curated"}}
		case exists:
			_, err = c.exec(ctx, `UPDATE tags SET name = ?, description = ?, curated = ? WHERE id = ?`, in.Name, in.Description, true, row.id)
		default:
			_, err = c.exec(ctx, `INSERT INTO tags (name, name_fold, description, curated, created_at) VALUES (?, ?, ?, ?, ?)`,
				in.Name, f, in.Description, true, time.Now().UTC())
		}
		if err != nil {
			return c.d.conflict(fmt.Errorf("store: create tag: %w", err), "name", "err.tag_curated")
		}
		if out, _, err = tagByFold(ctx, c, f); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditTagCreate, kindTag, out.ID, 0, nil, in)
	})
	return out, err
}

func (s *Store) RenameTag(ctx context.Context, from, to string) (app.Tag, error) {
	ff, tf := fold(from), fold(to)
	var out app.Tag
	err := s.tx(ctx, func(c conn) error {
		if _, ok, err := tagByFold(ctx, c, ff); err != nil {
			return err
		} else if !ok {
			return &app.Error{Code: app.NotFound, Message: "err.tag_not_found", Fields: map[string]string{"from": "err.tag_not_found"}}
		}
		if tf != ff {
			if _, taken, err := tagByFold(ctx, c, tf); err != nil {
				return err
			} else if taken {
				return tagConflict("to")
			}
		}
		if _, err := c.exec(ctx, `UPDATE tags SET name = ?, name_fold = ? WHERE name_fold = ?`, to, tf, ff); err != nil {
			return c.d.conflict(fmt.Errorf("store: rename tag: %w", err), "to", "err.tag_exists")
		}
		if _, err := c.exec(ctx, `UPDATE need_tags SET tag = ?, tag_fold = ? WHERE tag_fold = ?`, to, tf, ff); err != nil {
			return c.d.conflict(fmt.Errorf("store: rename tag on needs: %w", err), "to", "err.tag_exists")
		}
		var err error
		if out, _, err = tagByFold(ctx, c, tf); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditTagRename, kindTag, out.ID, 0, map[string]string{"name": from}, map[string]string{"name": to})
	})
	return out, err
}

func (s *Store) MergeTags(ctx context.Context, from, into string) (app.Tag, error) {
	ff, inf := fold(from), fold(into)
	if ff == inf {
		return app.Tag{}, app.FieldErrors{"into": "err.tag_merge_same"}.Err()
	}
	var out app.Tag
	err := s.tx(ctx, func(c conn) error {
		fromRow, fromListed, err := curatedRow(ctx, c, ff)
		if err != nil {
			return err
		}
		intoRow, intoListed, err := curatedRow(ctx, c, inf)
		if err != nil {
			return err
		}
		if intoListed {
			into = intoRow.name // needs that get the tag get the curated spelling
		}
		// A need that has both keeps the one it had of into, in its place; the others get
		// into in the place from had.
		_, err = c.exec(ctx, `DELETE FROM need_tags WHERE tag_fold = ? AND need_id IN (SELECT need_id FROM need_tags WHERE tag_fold = ?)`, ff, inf)
		if err != nil {
			return fmt.Errorf("store: merge tags: %w", err)
		}
		_, err = c.exec(ctx, `UPDATE need_tags SET tag = ?, tag_fold = ? WHERE tag_fold = ?`, into, inf, ff)
		if err != nil {
			return fmt.Errorf("store: merge tags: %w", err)
		}
		if fromListed {
			if _, err := c.exec(ctx, `DELETE FROM tags WHERE id = ?`, fromRow.id); err != nil {
				return fmt.Errorf("store: merge tags: %w", err)
			}
			// The vocabulary keeps the concept: into takes from's place in it.
			switch {
			case !intoListed:
				_, err = c.exec(ctx, `INSERT INTO tags (name, name_fold, description, curated, created_at) VALUES (?, ?, ?, ?, ?)`,
					into, inf, fromRow.description, fromRow.curated, time.Now().UTC())
			case fromRow.curated && (!intoRow.curated || intoRow.description == ""):
				desc := intoRow.description
				if desc == "" {
					desc = fromRow.description
				}
				_, err = c.exec(ctx, `UPDATE tags SET curated = ?, description = ? WHERE id = ?`, true, desc, intoRow.id)
			}
			if err != nil {
				return fmt.Errorf("store: merge tags: %w", err)
			}
		}
		var ok bool
		out, ok, err = tagByFold(ctx, c, inf)
		if err == nil && !ok {
			return &app.Error{Code: app.NotFound, Message: "err.tag_not_found", Fields: map[string]string{"from": "err.tag_not_found"}}
		}
		if err != nil {
			return err
		}
		return audit(ctx, c, app.AuditTagMerge, kindTag, out.ID, 0, map[string]string{"from": from, "into": into}, map[string]string{"name": out.Name})
	})
	return out, err
}

func tagConflict(field string) error {
	return &app.Error{Code: app.Conflict, Message: "err.tag_exists", Fields: map[string]string{field: "err.tag_exists"}}
}
