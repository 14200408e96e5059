package server_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestBrowserEventJourney follows the meeting place in a real browser: Bengt registers for
// a full workshop and lands on the waiting list; Anna, who has the only seat, cancels, and
// Bengt finds the seat his and a notification; then he books a room at the hub. Screenshots
// of the event page and the room page go to $TILLSAMMANS_SCREENSHOTS when it is set.
func TestBrowserEventJourney(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	ctx := context.Background()
	const (
		annaEmail  = "anna.ek@fjallvard.example"
		bengtEmail = "bengt.odmark@regionjh.example"
	)
	lars := journeyUser(t, s, "lars.persson@ostersund.example", "Lars Persson")
	anna := journeyUser(t, s, annaEmail, "Anna Ek")
	bengt := journeyUser(t, s, bengtEmail, "Bengt Ödmark")
	kommun := journeyOrg(t, s, app.OrganisationInput{Name: "Östersunds kommun", Kind: app.KindMunicipality, Country: "SE", OrgNumber: "212000-2411"},
		lars.ID, app.RoleEventOrganiser)
	journeyOrg(t, s, app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, Country: "SE", OrgNumber: "232100-0214"}, bengt.ID)
	room, err := s.CreateRoom(ctx, app.RoomInput{Name: "Stora mötesrummet", Kind: "room", Capacity: 40,
		Equipment: []string{"projektor", "videokonferens", "hörslinga"}, Description: "Hubbens största rum, för föreläsningar och dialogmöten."})
	if err != nil {
		t.Fatal(err)
	}
	hub := time.Now().In(mustZone(t))
	start := time.Date(hub.Year(), hub.Month(), hub.Day()+5, 13, 0, 0, 0, hub.Location())
	in := app.EventInput{Type: "workshop", Title: "Workshop: Egenmonitorering i hemmet", Capacity: 1, RoomID: room.ID,
		Start: start, End: start.Add(2 * time.Hour), OnlineURL: "https://meet.example/egenmonitorering",
		Description:   "Vi prövar mätutrustningen tillsammans och ritar upp hur värdena ska nå vården.\n\n**Få platser:** anmäl dig tidigt.",
		Accessibility: "Hörslinga i rummet, ramp vid entrén."}
	if err := in.Normalise(); err != nil {
		t.Fatal(err)
	}
	ev, err := s.CreateEvent(ctx, kommun.ID, lars.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Register(ctx, app.Viewer{UserID: anna.ID}, ev.ID, app.RegistrationInput{}, time.Now()); err != nil {
		t.Fatal(err)
	}
	eventPath := fmt.Sprintf("/events/%d", ev.ID)

	base := servePlatform(t, s, slog.New(slog.DiscardHandler))
	b := newBrowser(t, base)

	// The event is full: Bengt joins the waiting list from the list of events.
	b.signIn(bengtEmail)
	b.open("/events")
	b.wantText("main", "Workshop: Egenmonitorering i hemmet", "Fullbokat", "13:00–15:00")
	b.screenshot("events-sv")
	if status := b.load("open the event", chromedp.Click(chromedp.CSS(`main a[href="`+eventPath+`"]`))); status != 200 {
		t.Fatalf("event page: status %d", status)
	}
	b.wantText("h1", in.Title)
	b.wantText(`section[aria-labelledby="registration"]`, "Fullbokat")
	b.do("write an accessibility request", chromedp.SendKeys(chromedp.ID("f-access_needs"), "Behöver hörslinga"))
	if status := b.load("join the waiting list", chromedp.Click(chromedp.CSS(`form[action$="/register"] button[type="submit"]`))); status != 200 {
		t.Fatalf("register: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Evenemanget är fullt: du står på väntelistan.")
	b.wantText(`section[aria-labelledby="registration"]`, "Du står på väntelistan, plats 1.", "Behöver hörslinga")
	b.signOut()

	// Anna gives up her seat.
	b.signIn(annaEmail)
	b.open(eventPath)
	b.wantText(`section[aria-labelledby="registration"]`, "Du är anmäld.")
	if status := b.load("cancel", chromedp.Click(chromedp.CSS(`form[action$="/cancel"] button`))); status != 200 {
		t.Fatalf("cancel: status %d", status)
	}
	b.wantText(".flash", "Din plats är avbokad.")
	// The seat went to Bengt at once: the event is full again.
	b.wantText(`section[aria-labelledby="registration"]`, "Fullbokat", "Ställ mig på väntelistan")
	b.signOut()

	// Bengt has the seat, and the platform told him.
	b.signIn(bengtEmail)
	b.wantText("header .badge", "1")
	b.open("/notifications")
	b.wantText("ul.notifications", "Du har fått en plats från väntelistan:", in.Title)
	b.open(eventPath)
	b.wantText(`section[aria-labelledby="registration"]`, "Du är anmäld.", "Behöver hörslinga", "Avboka")
	b.wantText("main", "13:00–15:00 C", "Hörslinga i rummet", "Stora mötesrummet")
	b.wantStyled()
	b.screenshot("event-promoted-sv")

	// He books the room the day before the workshop.
	b.open("/hub")
	if status := b.load("open the room", chromedp.Click(chromedp.CSS(fmt.Sprintf(`main a[href="/hub/rooms/%d"]`, room.ID)))); status != 200 {
		t.Fatalf("room page: status %d", status)
	}
	b.wantText("h1", "Stora mötesrummet")
	b.wantText("table.bookings", in.Title)
	day := start.AddDate(0, 0, -1)
	b.do("fill the booking form",
		chromedp.SendKeys(chromedp.ID("f-title"), "Förberedelse inför workshopen"),
		chromedp.SetValue(chromedp.ID("f-start"), day.Format("2006-01-02T")+"09:00"),
		chromedp.SetValue(chromedp.ID("f-end"), day.Format("2006-01-02T")+"10:30"))
	if status := b.load("book", chromedp.Click(chromedp.CSS(`form[action$="/bookings"] button[type="submit"]`))); status != 200 {
		t.Fatalf("book: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Rummet är bokat.")
	b.wantText("table.bookings", "Förberedelse inför workshopen", "Bengt Ödmark", "09:00–10:30")
	// The same time again is refused, with the field named.
	b.do("book the same time", chromedp.SendKeys(chromedp.ID("f-title"), "Dubbelbokning"),
		chromedp.SetValue(chromedp.ID("f-start"), day.Format("2006-01-02T")+"10:00"),
		chromedp.SetValue(chromedp.ID("f-end"), day.Format("2006-01-02T")+"11:00"))
	if status := b.load("double-book", chromedp.Click(chromedp.CSS(`form[action$="/bookings"] button[type="submit"]`))); status != 409 {
		t.Fatalf("double booking: status %d, want 409", status)
	}
	b.wantText(".error-summary", "Rummet är redan bokat då.")
	b.open(fmt.Sprintf("/hub/rooms/%d", room.ID))
	b.wantStyled()
	b.screenshot("room-booked-sv")

	// A weekly booking, three times, from the day after the workshop.
	weekly := start.AddDate(0, 0, 1)
	b.do("fill a weekly booking",
		chromedp.SendKeys(chromedp.ID("f-title"), "Veckomöte om egenvård"),
		chromedp.SetValue(chromedp.ID("f-start"), weekly.Format("2006-01-02T")+"08:00"),
		chromedp.SetValue(chromedp.ID("f-end"), weekly.Format("2006-01-02T")+"09:00"),
		chromedp.SetValue(chromedp.ID("f-frequency"), "weekly"),
		chromedp.SetValue(chromedp.ID("f-count"), "3"))
	if status := b.load("book weekly", chromedp.Click(chromedp.CSS(`form[action$="/bookings"] button[type="submit"]`))); status != 200 {
		t.Fatalf("weekly booking: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Rummet är bokat alla gångerna.")
	b.wantText("table.bookings", "Veckomöte om egenvård", "Varje vecka", "Avboka alla kommande")
	b.screenshot("room-series-sv")

	// He checks in at the hub and registers a visitor for today.
	b.open("/hub")
	if status := b.load("check in", chromedp.Click(chromedp.CSS(`form[action="/hub/check-in"] button`))); status != 200 {
		t.Fatalf("check in: status %d", status)
	}
	b.wantText(".flash", "Du är incheckad")
	b.wantText("ul.people", "Bengt Ödmark")
	b.screenshot("hub-today-sv")
	if status := b.load("open the visitors", chromedp.Click(chromedp.CSS(`main a[href="/hub/visitors"]`))); status != 200 {
		t.Fatalf("visitors page: status %d", status)
	}
	b.do("fill the visitor form", chromedp.SendKeys(chromedp.ID("f-name"), "Sara Nilsson"), chromedp.SendKeys(chromedp.ID("f-organisation"), "Hälsoteknik AB"))
	if status := b.load("register the visitor", chromedp.Click(chromedp.CSS(`form[action="/hub/visitors"] button`))); status != 200 {
		t.Fatalf("register a visitor: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Besökaren är anmäld.")
	b.wantText("main table", "Sara Nilsson", "Hälsoteknik AB")
	b.screenshot("hub-visitors-sv")

	// From the hub to the fika roulette, where he takes part on Tuesdays and Thursdays.
	b.open("/hub")
	if status := b.load("open the roulette", chromedp.Click(chromedp.CSS(`main a[href="/roulette"]`))); status != 200 {
		t.Fatalf("roulette: status %d", status)
	}
	b.do("choose days", chromedp.Click(chromedp.CSS(`input[name="weekdays"][value="1"]`)), chromedp.Click(chromedp.CSS(`input[name="weekdays"][value="3"]`)),
		chromedp.Click(chromedp.CSS(`input[name="weekdays"][value="5"]`)))
	if status := b.load("take part", chromedp.Click(chromedp.CSS(`form[action="/roulette"] button[type="submit"]`))); status != 200 {
		t.Fatalf("take part: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Du är med i fikarouletten.")
	b.screenshot("roulette-sv")

	// Lars calls the workshop off; the page says so and registration is closed.
	b.signOut()
	b.signIn("lars.persson@ostersund.example")
	b.open(eventPath)
	if status := b.load("call the event off", chromedp.Click(chromedp.CSS(`form[action$="/call-off"] button`))); status != 200 {
		t.Fatalf("call off: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Evenemanget är inställt.")
	b.wantText(".banner", "Evenemanget är inställt (")
	b.wantText(`section[aria-labelledby="registration"]`, "Inställt", "Anmälan är stängd.")
	b.screenshot("event-called-off-sv")
}

func mustZone(t *testing.T) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(app.DefaultTimeZone)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestBrowserBrokerage books a 1:1 meeting at a matchmaking event in a real browser: Anna
// asks Bengt for the second slot, Bengt accepts, and both find it at table 1.
func TestBrowserBrokerage(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	ctx := context.Background()
	lars := journeyUser(t, s, "lars.persson@ostersund.example", "Lars Persson")
	anna := journeyUser(t, s, "anna.ek@fjallvard.example", "Anna Ek")
	bengt := journeyUser(t, s, "bengt.odmark@regionjh.example", "Bengt Ödmark")
	kommun := journeyOrg(t, s, app.OrganisationInput{Name: "Östersunds kommun", Kind: app.KindMunicipality, Country: "SE", OrgNumber: "212000-2411"},
		lars.ID, app.RoleEventOrganiser)
	hub := time.Now().In(mustZone(t))
	start := time.Date(hub.Year(), hub.Month(), hub.Day()+8, 13, 0, 0, 0, hub.Location())
	in := app.EventInput{Type: "network_meeting", Title: "Matchmaking: e-hälsa i glesbygd", Capacity: 30, Address: "E-hälsocentrum, Östersund",
		Start: start, End: start.Add(2 * time.Hour), BrokerageTables: 4, BrokerageSlotMinutes: 20}
	if err := in.Normalise(); err != nil {
		t.Fatal(err)
	}
	ev, err := s.CreateEvent(ctx, kommun.ID, lars.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		u           app.User
		offer, seek string
	}{{anna, "Videobesök och virtuella akutrum för vård på långa avstånd.", "En hälsocentral som vill testa i vinter."},
		{bengt, "", "Lösningar för akut bedömning i Härjedalen."}} {
		if _, err := s.Register(ctx, app.Viewer{UserID: p.u.ID}, ev.ID, app.RegistrationInput{}, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.SetBrokerageProfile(ctx, ev.ID, p.u.ID, app.BrokerageProfileInput{Offer: p.offer, Seek: p.seek}); err != nil {
			t.Fatal(err)
		}
	}
	path := fmt.Sprintf("/events/%d/brokerage", ev.ID)
	b := newBrowser(t, servePlatform(t, s, slog.New(slog.DiscardHandler)))

	b.signIn("anna.ek@fjallvard.example")
	b.open(fmt.Sprintf("/events/%d", ev.ID))
	if status := b.load("open the 1:1 meetings", chromedp.Click(chromedp.CSS(`main a[href="`+path+`"]`))); status != 200 {
		t.Fatalf("brokerage page: status %d", status)
	}
	b.wantText("ul.profiles", "Bengt Ödmark", "Lösningar för akut bedömning i Härjedalen.")
	b.do("choose the second slot", chromedp.SetValue(chromedp.ID(fmt.Sprintf("slot-%d", bengt.ID)), "1"))
	if status := b.load("ask Bengt", chromedp.Click(chromedp.CSS(`form[action$="/brokerage/meetings"] button`))); status != 200 {
		t.Fatalf("request: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Förfrågan är skickad.")
	b.wantText("table.meetings", "13:20–13:40", "Bengt Ödmark", "Väntar på svar")
	b.signOut()

	b.signIn("bengt.odmark@regionjh.example")
	b.open(path)
	if status := b.load("accept", chromedp.Click(chromedp.CSS(`table.meetings button[value="accept"]`))); status != 200 {
		t.Fatalf("accept: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Mötet är bokat.")
	b.wantText("table.meetings", "Anna Ek", "Bokat, bord 1")
	b.wantStyled()
	b.screenshot("brokerage-sv")
}
