package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

var ctx = context.Background()

func wantCode(t *testing.T, err error, code app.Code) {
	t.Helper()
	if got := app.ErrorCode(err); err == nil || got != code {
		t.Fatalf("error = %v (code %s), want code %s", err, got, code)
	}
}

func mustCreateUser(t *testing.T, s *store.Store, email, name string) app.User {
	t.Helper()
	u, err := s.CreateUser(ctx, app.NewUser{Email: email, Name: name, Lang: "sv"}, "hash:"+email)
	if err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

func mustCreateOrg(t *testing.T, s *store.Store, name, number string, creator int64) app.Organisation {
	t.Helper()
	in := app.OrganisationInput{Name: name, Kind: app.KindMunicipality, Country: "SE", OrgNumber: number, Capabilities: []string{"välfärdsteknik", "e-hälsa"}}
	if err := in.Normalise(); err != nil {
		t.Fatalf("normalise %s: %v", name, err)
	}
	o, err := s.CreateOrganisation(ctx, in, creator)
	if err != nil {
		t.Fatalf("create org %s: %v", name, err)
	}
	return o
}

func TestMigrations(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		if err := s.Ready(ctx); err != nil {
			t.Fatalf("ready after migrate: %v", err)
		}
		st, err := s.MigrationStatus(ctx)
		if err != nil || len(st) == 0 {
			t.Fatalf("status = %v, %v", st, err)
		}
		for _, m := range st {
			if !m.Applied {
				t.Errorf("migration %d not applied", m.Version)
			}
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
	})
}

func TestUsers(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "anna@example.se", "Anna Åberg")
		_, err := s.CreateUser(ctx, app.NewUser{Email: "anna@example.se", Name: "Other", Lang: "sv"}, "x")
		wantCode(t, err, app.Conflict)
		var e *app.Error
		if errors.As(err, &e); e.Fields["email"] != "err.email_taken" {
			t.Errorf("conflict fields = %v", e.Fields)
		}
		got, hash, err := s.UserCredentials(ctx, "anna@example.se")
		if err != nil || got.ID != u.ID || hash != "hash:anna@example.se" {
			t.Fatalf("credentials = %+v %q %v", got, hash, err)
		}
		_, err = s.User(ctx, 999999)
		wantCode(t, err, app.NotFound)
		wantCode(t, s.UpdateUser(ctx, 999999, "x", "sv"), app.NotFound)
		if err := s.UpdateUser(ctx, u.ID, "Anna Öberg", "en"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.User(ctx, u.ID); got.Name != "Anna Öberg" || got.Lang != "en" {
			t.Errorf("after update: %+v", got)
		}
		// Search folds case beyond ASCII and takes % literally.
		mustCreateUser(t, s, "bo@example.se", "Bo 100% Ärlig")
		for q, want := range map[string]int{"öberg": 1, "ÄRLIG": 1, "100%": 1, "%": 1, "_": 0, "example.se": 2} {
			l, err := s.ListUsers(ctx, app.UserFilter{Query: q})
			if err != nil || len(l.Items) != want {
				t.Errorf("ListUsers(%q) = %d items, %v; want %d", q, len(l.Items), err, want)
			}
		}
	})
}

func TestSessionsAndPasswordChange(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "a@example.se", "A")
		now := time.Now()
		for _, h := range []string{"keep", "other"} {
			if err := s.CreateSession(ctx, []byte(h), app.Session{UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := s.SessionUser(ctx, []byte("keep"), now); err != nil || got.User.ID != u.ID || len(got.Memberships) != 0 || got.Unread != 0 {
			t.Fatalf("session user = %+v, %v", got, err)
		}
		// The memberships come with the person, in one statement: two roles in one
		// organisation make one membership.
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", u.ID)
		mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		if err := s.AddRole(ctx, kommun.ID, u.ID, app.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		want, err := s.UserMemberships(ctx, u.ID)
		if err != nil || len(want) != 2 {
			t.Fatalf("memberships = %+v, %v", want, err)
		}
		if got, err := s.SessionUser(ctx, []byte("keep"), now); err != nil || !reflect.DeepEqual(got.Memberships, want) {
			t.Errorf("the session's memberships = %+v, %v; want %+v", got.Memberships, err, want)
		}
		_, err = s.SessionUser(ctx, []byte("keep"), now.Add(2*time.Hour))
		wantCode(t, err, app.NotFound)
		if err := s.SetPassword(ctx, u.ID, "new", []byte("keep")); err != nil {
			t.Fatal(err)
		}
		_, err = s.SessionUser(ctx, []byte("other"), now)
		wantCode(t, err, app.NotFound)
		if _, err := s.SessionUser(ctx, []byte("keep"), now); err != nil {
			t.Fatalf("kept session lost: %v", err)
		}
		n, err := s.DeleteExpiredSessions(ctx, now.Add(2*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("expired sessions deleted = %d, %v", n, err)
		}
	})
}

func TestTokens(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "a@example.se", "A")
		other := mustCreateUser(t, s, "b@example.se", "B")
		tok, err := s.CreateToken(ctx, app.Token{UserID: u.ID, Name: "skript", Prefix: "tls_abcd"}, []byte("h1"))
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		if got, err := s.TokenUser(ctx, []byte("h1"), now); err != nil || got.ID != u.ID {
			t.Fatalf("token user = %+v, %v", got, err)
		}
		list, _ := s.ListTokens(ctx, u.ID)
		if len(list) != 1 || list[0].LastUsedAt == nil || list[0].Name != "skript" {
			t.Fatalf("tokens = %+v", list)
		}
		wantCode(t, s.DeleteToken(ctx, other.ID, tok.ID), app.NotFound)
		if err := s.DeleteToken(ctx, u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.TokenUser(ctx, []byte("h1"), now)
		wantCode(t, err, app.NotFound)
	})
}

func TestOrganisations(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		admin := mustCreateUser(t, s, "a@example.se", "A")
		o := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", admin.ID)
		if o.MemberCount != 1 || !slices.Equal(o.Capabilities, []string{"välfärdsteknik", "e-hälsa"}) {
			t.Errorf("created = %+v", o)
		}
		in := app.OrganisationInput{Name: "Dubblett", Kind: app.KindMunicipality, Country: "SE", OrgNumber: "2120002411"}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		_, err := s.CreateOrganisation(ctx, in, admin.ID)
		wantCode(t, err, app.Conflict)
		// Nothing half-written: the failed create left no membership behind.
		if ms, _ := s.UserMemberships(ctx, admin.ID); len(ms) != 1 {
			t.Errorf("memberships after failed create = %+v", ms)
		}
		_, err = s.Organisation(ctx, 424242)
		wantCode(t, err, app.NotFound)

		in.Name, in.OrgNumber, in.Capabilities = "Östersunds kommun", "212000-2411", []string{"hemtjänst"}
		up, err := s.UpdateOrganisation(ctx, o.ID, in)
		if err != nil || !slices.Equal(up.Capabilities, []string{"hemtjänst"}) {
			t.Fatalf("update = %+v, %v", up, err)
		}
		_, err = s.UpdateOrganisation(ctx, 424242, in)
		wantCode(t, err, app.NotFound)
	})
}

// TestOrganisationsWithoutNumber: organisations an import names but does not describe
// have no number, as many as there are; a number that is given stays unique, and the
// rebuilt table keeps the foreign keys that point at it.
func TestOrganisationsWithoutNumber(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		var ids []int64
		for _, name := range []string{"Golvkänsla AB", "Pulmora Health AB"} {
			in, err := app.NamedOrganisation(name, app.KindCompany)
			if err != nil {
				t.Fatal(err)
			}
			o, err := s.CreateOrganisation(ctx, in, 0)
			if err != nil {
				t.Fatalf("create %s without a number: %v", name, err)
			}
			if o.OrgNumber != "" || o.Country != "SE" || o.Size != "" {
				t.Errorf("created = %+v", o)
			}
			ids = append(ids, o.ID)
		}
		mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		in := app.OrganisationInput{Name: "Dubblett", Kind: app.KindMunicipality, Country: "SE", OrgNumber: "212000-2411"}
		_, err := s.CreateOrganisation(ctx, in, 0)
		wantCode(t, err, app.Conflict)
		// Completing one with a number that another has is refused too.
		o, _ := s.Organisation(ctx, ids[0])
		done := app.OrganisationInput{Name: o.Name, Kind: o.Kind, Size: app.SizeSME, Country: "SE", OrgNumber: "212000-2411"}
		_, err = s.UpdateOrganisation(ctx, ids[0], done)
		wantCode(t, err, app.Conflict)
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		_, err = s.CreateNeed(ctx, 424242, u.ID, needInput("Ingen organisation", app.VisiblePublic))
		wantCode(t, err, app.NotFound)
		_, err = s.CreateSolution(ctx, 424242, 0, app.SolutionInput{Title: "Ingen leverantör", Type: "software", TRL: 5, Deployment: "pilot"})
		wantCode(t, err, app.Invalid)
		if _, err := s.CreateSolution(ctx, ids[1], 0, app.SolutionInput{Title: "Pulmora Daily", Type: "software", TRL: 9, Deployment: "in_use"}); err != nil {
			t.Errorf("solution of an organisation without a number: %v", err)
		}
	})
}

func TestOrganisationListOrderAndPages(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		// Swedish order: å, ä, ö come after z.
		names := []string{"Öbo", "Zeta", "Åre", "Ärla", "alfa", "Beta", "Aaa"}
		numbers := []string{"556000-0001", "556000-0019", "556000-0027", "556000-0035", "556000-0043", "556000-0050", "556000-0068"}
		for i, n := range names {
			in := app.OrganisationInput{Name: n, Kind: app.KindCompany, Size: app.SizeSME, Country: "SE", OrgNumber: numbers[i]}
			if err := in.Normalise(); err != nil {
				t.Fatalf("%s: %v", numbers[i], err)
			}
			if _, err := s.CreateOrganisation(ctx, in, 0); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		f := app.OrganisationFilter{Page: app.Page{Limit: 3}}
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("pagination does not end")
			}
			l, err := s.ListOrganisations(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range l.Items {
				got = append(got, o.Name)
			}
			if l.NextCursor == nil {
				break
			}
			f.Cursor = *l.NextCursor
		}
		want := []string{"Aaa", "alfa", "Beta", "Zeta", "Åre", "Ärla", "Öbo"}
		if !slices.Equal(got, want) {
			t.Errorf("order = %v, want %v", got, want)
		}
		_, err := s.ListOrganisations(ctx, app.OrganisationFilter{Page: app.Page{Cursor: "!!"}})
		wantCode(t, err, app.Invalid)
		refs, err := s.OrganisationRefs(ctx, app.KindCompany)
		if err != nil || len(refs) != len(want) || refs[0].Name != "Aaa" || refs[len(refs)-1].Name != "Öbo" {
			t.Errorf("company names = %+v, %v", refs, err)
		}
		if refs, _ := s.OrganisationRefs(ctx, app.PublicKinds...); len(refs) != 0 {
			t.Errorf("public organisations = %+v", refs)
		}
		l, _ := s.ListOrganisations(ctx, app.OrganisationFilter{Query: "ärl"})
		if len(l.Items) != 1 || l.Items[0].Name != "Ärla" {
			t.Errorf("query ärl = %+v", l.Items)
		}
	})
}

func TestMembershipsKeepAnAdmin(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		a := mustCreateUser(t, s, "a@example.se", "A")
		b := mustCreateUser(t, s, "b@example.se", "B")
		o := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", a.ID)
		if err := s.AddRole(ctx, o.ID, b.ID, app.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		if err := s.AddRole(ctx, o.ID, b.ID, app.RoleCoordinator); err != nil {
			t.Fatalf("adding a held role again: %v", err)
		}
		wantCode(t, s.AddRole(ctx, 424242, b.ID, app.RoleMember), app.NotFound)
		wantCode(t, s.SetRoles(ctx, o.ID, a.ID, []app.Role{app.RoleMember}), app.Conflict)
		if err := s.SetRoles(ctx, o.ID, b.ID, []app.Role{app.RoleOrgAdmin, app.RoleCoordinator}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetRoles(ctx, o.ID, a.ID, nil); err != nil {
			t.Fatal(err)
		}
		ms, err := s.Members(ctx, o.ID)
		if err != nil || len(ms) != 1 || ms[0].User.ID != b.ID || !slices.Equal(ms[0].Roles, []app.Role{app.RoleCoordinator, app.RoleOrgAdmin}) {
			t.Fatalf("members = %+v, %v", ms, err)
		}
		if got, _ := s.Organisation(ctx, o.ID); got.MemberCount != 1 {
			t.Errorf("member count = %d", got.MemberCount)
		}
	})
}

func TestInvitations(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		a := mustCreateUser(t, s, "a@example.se", "A")
		b := mustCreateUser(t, s, "b@example.se", "B")
		o := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", a.ID)
		now := time.Now()
		mk := func(hash string, expires time.Time) {
			_, err := s.CreateInvitation(ctx, app.Invitation{Organisation: app.OrgRef{ID: o.ID}, Email: "b@example.se", Role: app.RoleNeedSubmitter,
				InvitedBy: app.UserRef{ID: a.ID}, CreatedAt: now, ExpiresAt: expires}, []byte(hash))
			if err != nil {
				t.Fatal(err)
			}
		}
		mk("fresh", now.Add(time.Hour))
		mk("old", now.Add(-time.Minute))
		if p, _ := s.PendingInvitations(ctx, o.ID, now); len(p) != 1 || p[0].InvitedBy.Name != "A" {
			t.Fatalf("pending = %+v", p)
		}
		_, err := s.AcceptInvitation(ctx, []byte("old"), b.ID, now)
		wantCode(t, err, app.Conflict)
		if _, err := s.AcceptInvitation(ctx, []byte("fresh"), b.ID, now); err != nil {
			t.Fatal(err)
		}
		_, err = s.AcceptInvitation(ctx, []byte("fresh"), b.ID, now)
		wantCode(t, err, app.Conflict)
		_, err = s.AcceptInvitation(ctx, []byte("nope"), b.ID, now)
		wantCode(t, err, app.NotFound)
		ms, _ := s.UserMemberships(ctx, b.ID)
		if len(ms) != 1 || ms[0].Roles[0] != app.RoleNeedSubmitter {
			t.Fatalf("memberships = %+v", ms)
		}
	})
}

func TestSignInThrottleAndMail(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		now := time.Now()
		for i := range 3 {
			if err := s.RecordSignInFailure(ctx, "a@example.se", "10.0.0.1", now.Add(time.Duration(i)*time.Second)); err != nil {
				t.Fatal(err)
			}
		}
		s.RecordSignInFailure(ctx, "b@example.se", "10.0.0.1", now.Add(-time.Hour))
		f, err := s.SignInFailures(ctx, "a@example.se", "10.0.0.1", now.Add(-time.Minute))
		if err != nil || f.ByAccount != 3 || f.ByIP != 3 || f.OldestAccount.Sub(now).Abs() > time.Millisecond {
			t.Fatalf("failures = %+v, %v", f, err)
		}
		s.ClearSignInFailures(ctx, "a@example.se")
		if f, _ := s.SignInFailures(ctx, "a@example.se", "x", now.Add(-time.Minute)); f.ByAccount != 0 || !f.OldestIP.IsZero() {
			t.Fatalf("after clear = %+v", f)
		}

		for i := range 3 {
			s.AddMail(ctx, app.Mail{To: "a@example.se", Subject: fmt.Sprint(i), Body: "b"})
		}
		l, err := s.ListMail(ctx, app.Page{Limit: 2})
		if err != nil || len(l.Items) != 2 || l.Items[0].Subject != "2" || l.NextCursor == nil {
			t.Fatalf("mail = %+v, %v", l, err)
		}
		l, _ = s.ListMail(ctx, app.Page{Limit: 2, Cursor: *l.NextCursor})
		if len(l.Items) != 1 || l.Items[0].Subject != "0" || l.NextCursor != nil {
			t.Fatalf("mail page 2 = %+v", l)
		}
	})
}

func TestPasswordResetLinks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "anna@example.se", "Anna")
		now := time.Now()
		if made, err := s.CreatePasswordReset(ctx, u.ID, []byte("old"), now.Add(-2*time.Hour), now.Add(-time.Hour), now.Add(-3*time.Hour)); err != nil || !made {
			t.Fatalf("first link: %v %v", made, err)
		}
		if made, err := s.CreatePasswordReset(ctx, u.ID, []byte("new"), now, now.Add(time.Hour), now.Add(-time.Minute)); err != nil || !made {
			t.Fatalf("a link after the minute: %v %v", made, err)
		}
		if made, err := s.CreatePasswordReset(ctx, u.ID, []byte("again"), now, now.Add(time.Hour), now.Add(-time.Minute)); err != nil || made {
			t.Fatalf("a second link within the minute: %v %v", made, err)
		}
		if err := s.CreateSession(ctx, []byte("session"), app.Session{UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		_, err := s.ResetPassword(ctx, []byte("old"), "hash:new", now)
		wantCode(t, err, app.NotFound) // expired
		if got, err := s.ResetPassword(ctx, []byte("new"), "hash:new", now); err != nil || got.ID != u.ID {
			t.Fatalf("reset: %v %v", got, err)
		}
		if _, hash, _ := s.UserCredentials(ctx, u.Email); hash != "hash:new" {
			t.Errorf("password hash %q after the reset", hash)
		}
		_, err = s.SessionUser(ctx, []byte("session"), now)
		wantCode(t, err, app.NotFound)
		_, err = s.ResetPassword(ctx, []byte("new"), "hash:other", now)
		wantCode(t, err, app.NotFound) // used
		if n, err := s.DeleteExpiredPasswordResets(ctx, now); err != nil || n != 0 {
			t.Errorf("expired links left after the reset: %d %v", n, err) // using a link voids every link
		}
	})
}

// TestRecentSessionUser: a session read a moment ago serves until it is maxAge old; a
// sign-out through the same store ends it at once, through another store on the same
// database (another instance) once maxAge has passed.
func TestRecentSessionUser(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			dsn := storetest.DSN(t, dialect)
			here, there := storetest.OpenDSN(t, dialect, dsn), storetest.OpenDSN(t, dialect, dsn)
			u := mustCreateUser(t, here, "karin@region.example", "Karin")
			now := time.Now()
			for _, h := range []string{"first", "second"} {
				if err := here.CreateSession(ctx, []byte(h), app.Session{UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
					t.Fatal(err)
				}
			}
			const maxAge = 300 * time.Millisecond
			recent := func(hash string) error {
				t.Helper()
				p, err := here.RecentSessionUser(ctx, []byte(hash), now, maxAge)
				if err == nil && p.User.ID != u.ID {
					t.Fatalf("session %s is %+v's", hash, p.User)
				}
				return err
			}
			for _, h := range []string{"first", "second"} {
				if err := recent(h); err != nil {
					t.Fatal(err)
				}
			}
			if err := there.DeleteSession(ctx, []byte("first")); err != nil {
				t.Fatal(err)
			}
			if err := recent("first"); err != nil {
				t.Errorf("a moment after a sign-out through another store: %v, want the session as read", err)
			}
			time.Sleep(maxAge)
			wantCode(t, recent("first"), app.NotFound)
			if err := recent("second"); err != nil {
				t.Fatal(err)
			}
			if err := here.DeleteSession(ctx, []byte("second")); err != nil {
				t.Fatal(err)
			}
			wantCode(t, recent("second"), app.NotFound)
		})
	}
}
