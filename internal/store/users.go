package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/search"
)

const userColumns = `u.id, u.email, u.name, u.is_admin, u.lang, u.created_at, u.totp_secret <> ''`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (app.User, error) {
	var u app.User
	err := row.Scan(append([]any{&u.ID, &u.Email, &u.Name, &u.IsAdmin, &u.Lang, &u.CreatedAt, &u.TwoFactor}, extra...)...)
	return u, err
}

func (s *Store) CreateUser(ctx context.Context, nu app.NewUser, passwordHash string) (app.User, error) {
	var u app.User
	err := s.tx(ctx, func(c conn) error {
		var err error
		u, err = insertUser(ctx, c, nu, passwordHash)
		return err
	})
	return u, err
}

// insertUser writes a new person and their search entry.
func insertUser(ctx context.Context, c conn, nu app.NewUser, passwordHash string) (app.User, error) {
	row := c.queryRow(ctx, `
		INSERT INTO users (email, name, name_fold, sort_key, password_hash, is_admin, lang, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING `+strings.ReplaceAll(userColumns, "u.", ""),
		nu.Email, nu.Name, fold(nu.Name), sortKey(nu.Name), passwordHash, nu.IsAdmin, nu.Lang, time.Now().UTC())
	u, err := scanUser(row)
	if err != nil {
		return u, c.d.conflict(fmt.Errorf("store: create user: %w", err), "email", "err.email_taken")
	}
	// The entry names the person by id: their name and address stay in users, where
	// deleting the person anonymises them.
	created := map[string]any{"lang": u.Lang, "admin": u.IsAdmin, "password": passwordHash != ""}
	if err := audit(selfActor(ctx, u.ID), c, app.AuditUserCreate, kindPerson, u.ID, 0, nil, created); err != nil {
		return u, err
	}
	return u, indexDoc(ctx, c, kindPerson, u.ID, search.Record{Text: u.Name})
}

func (s *Store) User(ctx context.Context, id int64) (app.User, error) {
	u, err := scanUser(s.r().queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`, id))
	return u, notFound(err, "err.user_not_found")
}

func (s *Store) UserCredentials(ctx context.Context, email string) (app.User, string, error) {
	var hash string
	u, err := scanUser(s.r().queryRow(ctx, `SELECT `+userColumns+`, u.password_hash FROM users u WHERE u.email = ?`, email), &hash)
	return u, hash, notFound(err, "err.user_not_found")
}

func (s *Store) UpdateUser(ctx context.Context, id int64, name, lang string) error {
	return s.tx(ctx, func(c conn) error {
		before, err := scanUser(c.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`, id))
		if err := notFound(err, "err.user_not_found"); err != nil {
			return err
		}
		if _, err := c.exec(ctx, `UPDATE users SET name = ?, name_fold = ?, sort_key = ?, lang = ? WHERE id = ?`,
			name, fold(name), sortKey(name), lang, id); err != nil {
			return err
		}
		was, is := map[string]string{"name": before.Name, "lang": before.Lang}, map[string]string{"name": name, "lang": lang}
		if err := audit(ctx, c, app.AuditUserUpdate, kindPerson, id, 0, was, is); err != nil {
			return err
		}
		return indexDoc(ctx, c, kindPerson, id, search.Record{Text: name})
	})
}

func (s *Store) SetPassword(ctx context.Context, id int64, passwordHash string, keepSession []byte) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, id)
		if err := affected(res, err, "err.user_not_found"); err != nil {
			return err
		}
		if err := audit(ctx, c, app.AuditUserPassword, kindPerson, id, 0, nil, nil); err != nil {
			return err
		}
		_, err = c.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND hash <> ?`, id, keepSession)
		return err
	})
}

// PlatformAdmins lists the platform's administrators.
func (s *Store) PlatformAdmins(ctx context.Context) ([]app.User, error) {
	rows, err := s.r().query(ctx, `SELECT `+userColumns+` FROM users u WHERE u.is_admin ORDER BY u.id`)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(r scanner) (app.User, error) { return scanUser(r) })
}

func (s *Store) SetAdmin(ctx context.Context, id int64, admin bool) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE users SET is_admin = ? WHERE id = ?`, admin, id)
		if err := affected(res, err, "err.user_not_found"); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditUserAdmin, kindPerson, id, 0, nil, map[string]bool{"admin": admin})
	})
}

func (s *Store) ListUsers(ctx context.Context, f app.UserFilter) (app.List[app.User], error) {
	f.Page = f.Page.Clamp()
	cur, err := parseCursor(f.Cursor)
	if err != nil {
		return app.List[app.User]{}, err
	}
	where, args := []string{"1 = 1"}, []any{}
	if q := fold(f.Query); q != "" {
		where = append(where, `(u.name_fold LIKE ? ESCAPE '\' OR u.email LIKE ? ESCAPE '\')`)
		args = append(args, contains(q), contains(q))
	}
	if cur.id > 0 {
		where = append(where, "(u.sort_key > ? OR (u.sort_key = ? AND u.id > ?))")
		args = append(args, cur.key, cur.key, cur.id)
	}
	rows, err := s.r().query(ctx, `SELECT `+userColumns+` FROM users u WHERE `+strings.Join(where, " AND ")+
		` ORDER BY u.sort_key, u.id LIMIT ?`, append(args, f.Limit+1)...)
	if err != nil {
		return app.List[app.User]{}, fmt.Errorf("store: list users: %w", err)
	}
	users, err := collect(rows, func(r scanner) (app.User, error) { return scanUser(r) })
	if err != nil {
		return app.List[app.User]{}, fmt.Errorf("store: list users: %w", err)
	}
	return page(users, f.Limit, func(u app.User) cursor { return cursor{sortKey(u.Name), u.ID} }), nil
}
