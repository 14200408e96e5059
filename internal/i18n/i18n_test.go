package i18n

import (
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	sv, en := Keys("sv"), Keys("en")
	slices.Sort(sv)
	slices.Sort(en)
	if !slices.Equal(sv, en) {
		for _, k := range sv {
			if !Has("en", k) {
				t.Errorf("en lacks %q", k)
			}
		}
		for _, k := range en {
			if !Has("sv", k) {
				t.Errorf("sv lacks %q", k)
			}
		}
	}
	for _, k := range sv {
		if strings.Count(T("sv", k), "%") != strings.Count(T("en", k), "%") {
			t.Errorf("%q: the languages take different arguments", k)
		}
	}
}

// keyPattern finds message keys written in code and templates.
var keyPattern = regexp.MustCompile(`"((?:err|nav|brand|lang|footer|home|signup|login|profile|org|form|field|role|kind|size|size_short|country|list|admin|invitation|mail|need|state|setting|urgency|visibility|route|close|channel|sort|dur|notifications|dashboard|solution|solution_type|deployment|location|identity|webhook|project|project_type|milestone|decision|direction|kpi|call|application|application_status|partner_role|check|radar|partner_request|offer_status|reminder)\.[a-z0-9_]+)"`)

// identifiers look like message keys but name background jobs, webhook events and audited actions.
func identifiers() []string {
	ids := []string{app.JobSendMail, app.JobDeliverWebhook, app.JobMatchWatches, app.JobWatchDigest, app.JobDeadlineReminder, app.JobFollowUpReminder}
	for _, e := range app.WebhookEvents {
		ids = append(ids, string(e))
	}
	return append(ids, app.AuditActions...)
}

// TestEveryKeyInTheCodeIsTranslated reads the sources, so that no page shows a raw key.
func TestEveryKeyInTheCodeIsTranslated(t *testing.T) {
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html")) || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyPattern.FindAllStringSubmatch(string(b), -1) {
			if slices.Contains(identifiers(), m[1]) {
				continue
			}
			if !Has("sv", m[1]) {
				t.Errorf("%s: %q is not in the catalogue", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Keys built from values at run time.
	var dynamic []string
	for _, k := range app.OrgKinds {
		dynamic = append(dynamic, "kind."+string(k))
	}
	for _, r := range app.Roles {
		dynamic = append(dynamic, "role."+string(r))
	}
	for _, c := range app.Countries {
		dynamic = append(dynamic, "country."+c)
	}
	dynamic = append(dynamic, "size.sme", "size.large", "size_short.sme", "size_short.large")
	for _, s := range app.NeedStates {
		dynamic = append(dynamic, "state."+string(s))
	}
	for _, s := range app.CareSettings {
		dynamic = append(dynamic, "setting."+s)
	}
	for _, u := range app.Urgencies {
		dynamic = append(dynamic, "urgency."+string(u))
	}
	for _, v := range app.Visibilities {
		dynamic = append(dynamic, "visibility."+string(v))
	}
	for _, r := range app.Routes {
		dynamic = append(dynamic, "route."+string(r))
	}
	for _, c := range app.CloseReasons {
		dynamic = append(dynamic, "close."+string(c))
	}
	for _, c := range app.ContactChannels {
		dynamic = append(dynamic, "channel."+c)
	}
	for _, s := range app.NeedSorts {
		dynamic = append(dynamic, "sort."+s)
	}
	for _, x := range app.SolutionTypes {
		dynamic = append(dynamic, "solution_type."+x)
	}
	for _, x := range app.DeploymentStages {
		dynamic = append(dynamic, "deployment."+x)
	}
	for _, x := range app.DataLocations {
		dynamic = append(dynamic, "location."+x)
	}
	for _, x := range app.IdentityProviders {
		dynamic = append(dynamic, "identity."+x)
	}
	for _, x := range app.SecretableFields {
		dynamic = append(dynamic, "field."+x)
	}
	for _, x := range app.EventTypes {
		dynamic = append(dynamic, "event_type."+x)
	}
	for _, x := range app.Audiences {
		dynamic = append(dynamic, "audience."+string(x))
	}
	for _, x := range app.EventLanguages {
		dynamic = append(dynamic, "language."+x)
	}
	for _, x := range []app.RegistrationStatus{app.StatusRegistered, app.StatusWaiting} {
		dynamic = append(dynamic, "registration."+string(x))
	}
	for _, x := range app.RoomKinds {
		dynamic = append(dynamic, "room_kind."+x)
	}
	for _, x := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		dynamic = append(dynamic, "weekday."+x)
	}
	for _, x := range []string{"mon", "tue", "wed", "thu", "fri"} {
		dynamic = append(dynamic, "weekday_long."+x)
	}
	for _, x := range app.RoulettePlaces {
		dynamic = append(dynamic, "roulette.place."+x)
	}
	for _, x := range []string{"hub", "online"} {
		dynamic = append(dynamic, "roulette.where."+x)
	}
	for _, x := range []string{"yes", "no"} {
		dynamic = append(dynamic, "roulette.answered_"+x)
	}
	for _, x := range []app.MeetingStatus{app.MeetingRequested, app.MeetingAccepted, app.MeetingDeclined} {
		dynamic = append(dynamic, "brokerage.status."+string(x))
	}
	for _, x := range []string{"attachments", "files"} {
		dynamic = append(dynamic, "files."+x, "files."+x+"_hint")
	}
	for _, k := range dynamic {
		if !Has("sv", k) {
			t.Errorf("%q is not in the catalogue", k)
		}
	}
}

func TestFromRequest(t *testing.T) {
	tests := []struct{ cookie, accept, want string }{
		{"", "", "sv"},
		{"", "en-GB,en;q=0.9", "en"},
		{"", "sv-SE,sv;q=0.9,en;q=0.8", "sv"},
		{"", "nb-NO,nb;q=0.9", "sv"}, // Norwegian readers get Swedish, the closer language
		{"", "de-DE", "sv"},
		{"en", "sv-SE", "en"},
		{"xx", "en", "en"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		if tt.cookie != "" {
			r.Header.Set("Cookie", CookieName+"="+tt.cookie)
		}
		if tt.accept != "" {
			r.Header.Set("Accept-Language", tt.accept)
		}
		if got := FromRequest(r); got != tt.want {
			t.Errorf("cookie %q accept %q: got %q, want %q", tt.cookie, tt.accept, got, tt.want)
		}
	}
}
