package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// rooms are the rooms and desks of E-hälsocentrum in Östersund.
var rooms = []app.RoomInput{
	{Name: "Stora mötesrummet", Capacity: 40, Equipment: []string{"projektor", "videokonferens", "hörslinga"},
		Description: "Hubbens största rum, för föreläsningar och dialogmöten. Möbleras om efter behov."},
	{Name: "Fikarummet", Capacity: 12, Equipment: []string{"kaffe", "whiteboard"},
		Description: "Där de flesta idéerna föds: soffor, långbord och alltid kaffe."},
	{Name: "Studio", Capacity: 6, Equipment: []string{"kamera", "ljus", "mikrofoner", "videokonferens"},
		Description: "Inspelning och sändning av webbinarier och digitala vårdmöten."},
	{Name: "Arbetsplats vid fönstret", Kind: "desk", Capacity: 1, Equipment: []string{"skärm", "dockningsstation"}},
	{Name: "Arbetsplats i hörnet", Kind: "desk", Capacity: 1, Equipment: []string{"skärm"}},
}

// eventSpecs are upcoming events at the hub: the organiser, the person who registers it
// (by personKey), the day from today and the hour (Swedish time), how long it lasts, the need
// of a dialogue meeting, and who registers for it.
var eventSpecs = []struct {
	org, by       string
	days, hour    int
	hours         time.Duration
	room          string
	in            app.EventInput
	need          string // the need (by title) a dialogue meeting is about
	registrations []string
}{
	{"Östersunds kommun", "lars", 6, 13, 2, "Stora mötesrummet", app.EventInput{Type: "inspiration_lecture",
		Title:       "Inspirationsföreläsning: AI i vård och omsorg",
		Description: "Vad kan AI göra för **hemtjänsten och primärvården** redan i dag, och vad bör vi vänta med? Föreläsning med frågestund, och fika efteråt.",
		Capacity:    40, Accessibility: "Hörslinga i rummet, ramp vid entrén. Föreläsningen textas.",
		OnlineURL: "https://meet.example/ai-i-varden"}, "", []string{"erik", "sara", "anna", "per"}},
	{"Region Jämtland Härjedalen", "karin", 9, 9, 3, "Studio", app.EventInput{Type: "workshop",
		Title:       "Workshop: Egenmonitorering i hemmet",
		Description: "Vi prövar mätutrustningen tillsammans och ritar upp hur värdena ska nå vården. Få platser: anmäl dig tidigt.",
		Capacity:    3, Accessibility: "Studion ligger i markplan."}, "", []string{"erik", "per", "linnea", "leila", "oskar"}},
	{"Region Jämtland Härjedalen", "karin", 13, 10, 2, "Stora mötesrummet", app.EventInput{Type: app.DialogueType,
		Title: "Dialogmöte: Tidig upptäckt av trycksår",
		Description: "Tidig dialog med leverantörer om hur trycksår kan upptäckas innan de uppstår, på sjukhus och i hemsjukvården. " +
			"Vi beskriver behovet och lyssnar på vad som finns och vad som är på väg.",
		Capacity: 20, Categories: []string{"sensorer", "trycksår"}}, "Tidig upptäckt av trycksår", []string{"oskar"}},
	{"Östersunds kommun", "lars", 15, 16, 2, "Fikarummet", app.EventInput{Type: "network_meeting",
		Title:       "Nätverksträff: Fika över gränsen",
		Description: "Vård, omsorg och företag från båda sidor om gränsen träffas utan dagordning.",
		Capacity:    12, Language: "no", Audience: app.AudienceSignedIn}, "", []string{"ingrid", "ola"}},
	{"Region Jämtland Härjedalen", "karin", 17, 13, 3, "Stora mötesrummet", app.EventInput{Type: "network_meeting",
		Title:       "Matchmaking: vård möter företag",
		Description: "Korta 1:1-möten på 20 minuter mellan vårdens behovsägare och leverantörer. Berätta vad du erbjuder och söker, och boka möten med varandra.",
		Capacity:    40, BrokerageTables: 6, BrokerageSlotMinutes: 20, Audience: app.AudienceSignedIn}, "",
		[]string{"karin", "sara", "anna", "oskar", "per", "leila"}},
	{"Fjällvård Digital AB", "anna", 20, 10, 4, "", app.EventInput{Type: "study_visit",
		Title:       "Studiebesök: Virtuellt akutrum i Funäsdalen",
		Description: "Vi visar hur hälsocentralens virtuella akutrum används. Gemensam buss från hubben kl. 07.00.",
		Capacity:    15, Address: "Hälsocentralen, Funäsdalen"}, "", nil},
}

// eventLinks are the needs and calls (by title) events are about, and their materials.
var eventLinks = []struct {
	event        string
	needs, calls []string
	materials    []app.MaterialInput
}{
	{"Inspirationsföreläsning: AI i vård och omsorg", []string{"Digital nattillsyn i hemtjänsten"}, nil,
		[]app.MaterialInput{{Title: "Program och föreläsarnas bilder", URL: "https://ehalsocentrum.example/ai-i-varden/program"}}},
	{"Nätverksträff: Fika över gränsen", []string{"Virtuellt akutrum i Härjedalen"}, []string{"Hälsa och välfärd över gränsen"},
		[]app.MaterialInput{{Title: "Om Interreg Sverige–Norge", URL: "https://www.interreg-sverige-norge.com/"}}},
}

// brokerageSpecs are what demo people offer and seek at the matchmaking event.
var brokerageSpecs = []struct{ by, offer, seek string }{
	{"karin", "", "Lösningar för akut bedömning på distans i Härjedalen."},
	{"sara", "", "Digital nattillsyn som fungerar i glesbygd."},
	{"anna", "Virtuella akutrum och videobesök för vård på långa avstånd.", "En hälsocentral som vill testa i vinter."},
	{"oskar", "Sensorer och kameror för digital nattillsyn.", "En kommun som testbädd."},
	{"per", "Egenmonitorering vid KOL och hjärtsvikt, FHIR-integration.", "Primärvård som vill följa patienter hemma."},
}

// bookingSpecs are people's bookings of the hub's rooms.
var bookingSpecs = []struct {
	room, by, title string
	days, hour      int
	hours           time.Duration
}{
	{"Stora mötesrummet", "karin", "Styrgrupp distansvård", 1, 9, 2},
	{"Fikarummet", "per", "Demo för hemsjukvården", 2, 14, 1},
	{"Studio", "linnea", "Inspelning: forskning om e-hälsa i glesbygd", 3, 10, 3},
	{"Arbetsplats vid fönstret", "oskar", "Arbetsdag på hubben", 1, 8, 9},
}

// seriesSpecs are repeated bookings, from the day given.
var seriesSpecs = []struct {
	room, by, title string
	days, hour      int
	hours           time.Duration
	repeat          app.Repeat
}{
	{"Fikarummet", "sara", "Frukostmöte med hemsjukvården", 2, 8, 1, app.Repeat{Frequency: "weekly", Count: 8}},
	{"Arbetsplats i hörnet", "per", "Storsjö Hälsodata på hubben", 1, 8, 9, app.Repeat{Frequency: "daily", Count: 5}},
}

// visitorSpecs are visitors their hosts expect at the hub, days from today; hereToday are
// those who checked in at the hub today (for the organisation given).
var (
	visitorSpecs = []struct {
		host, name, org string
		days            int
	}{
		{"karin", "Mikael Berg", "Nordic MedTech AB", 0},
		{"lars", "Elin Sundqvist", "Socialstyrelsen", 0},
		{"anna", "Jonas Öberg", "Helse Nord-Trøndelag", 3},
	}
	hereToday = []struct{ by, org string }{
		{"karin", "Region Jämtland Härjedalen"},
		{"oskar", "Norrsken Sensorik AB"},
		{"linnea", ""},
	}
)

// rouletteSpecs are the demo people who take part in the fika roulette: the organisation
// they meet for, their weekdays and where.
var rouletteSpecs = []struct {
	by, org  string
	weekdays []int
	place    string
}{
	{"karin", "Region Jämtland Härjedalen", []int{2, 4}, "hub"},
	{"sara", "Östersunds kommun", []int{1, 2, 3}, "either"},
	{"ingrid", "Levanger kommune", []int{3, 4}, "online"},
	{"anna", "Fjällvård Digital AB", []int{2, 3, 4}, "either"},
	{"oskar", "Norrsken Sensorik AB", []int{4, 5}, "online"},
	{"per", "Storsjö Hälsodata AB", []int{1, 2, 4}, "hub"},
}

// loadHub adds the hub's rooms, its upcoming events with their registrations (one full,
// with a waiting list), the people in the fika roulette and bookings, relative to now on
// the hub's clock.
func loadHub(ctx context.Context, s app.Store, orgs, users map[string]int64, now time.Time) error {
	roomIDs := map[string]int64{}
	for _, in := range rooms {
		if err := in.Normalise(); err != nil {
			return fmt.Errorf("demo: room %s: %w", in.Name, err)
		}
		r, err := s.CreateRoom(ctx, in)
		if err != nil {
			return fmt.Errorf("demo: room %s: %w", in.Name, err)
		}
		roomIDs[r.Name] = r.ID
	}
	needs, err := s.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	needIDs := map[string]int64{}
	for _, n := range needs.Items {
		needIDs[n.Title] = n.ID
	}
	calls, err := s.ListCalls(ctx, app.CallFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	callIDs := map[string]int64{}
	for _, c := range calls.Items {
		callIDs[c.Title] = c.ID
	}
	hub := app.Zone(app.DefaultTimeZone)
	today := now.In(hub)
	at := func(days, hour int) time.Time {
		return time.Date(today.Year(), today.Month(), today.Day()+days, hour, 0, 0, 0, hub)
	}
	for _, spec := range eventSpecs {
		in := spec.in
		in.Start = at(spec.days, spec.hour)
		in.End = in.Start.Add(spec.hours * time.Hour)
		in.RoomID = roomIDs[spec.room]
		if spec.need != "" {
			if in.NeedID = needIDs[spec.need]; in.NeedID == 0 {
				return fmt.Errorf("demo: no need %q", spec.need)
			}
		}
		var materials []app.MaterialInput
		for _, l := range eventLinks {
			if l.event != in.Title {
				continue
			}
			for _, n := range l.needs {
				in.NeedIDs = append(in.NeedIDs, needIDs[n])
			}
			for _, c := range l.calls {
				in.CallIDs = append(in.CallIDs, callIDs[c])
			}
			materials = l.materials
		}
		if err := in.Normalise(); err != nil {
			return fmt.Errorf("demo: event %s: %w", in.Title, err)
		}
		e, err := s.CreateEvent(ctx, orgs[spec.org], users[spec.by], in)
		if err != nil {
			return fmt.Errorf("demo: event %s: %w", in.Title, err)
		}
		for _, m := range materials {
			if err := m.Normalise(); err != nil {
				return fmt.Errorf("demo: material %s: %w", m.Title, err)
			}
			if _, err := s.AddMaterial(ctx, app.Material{EventID: e.ID, Title: m.Title, URL: m.URL, AddedBy: app.UserRef{ID: users[spec.by]}}); err != nil {
				return fmt.Errorf("demo: material %s: %w", m.Title, err)
			}
		}
		for _, p := range spec.registrations {
			ms, err := s.UserMemberships(ctx, users[p])
			if err != nil {
				return err
			}
			v := app.Viewer{UserID: users[p]}
			for _, m := range ms {
				v.OrgIDs = append(v.OrgIDs, m.Organisation.ID)
			}
			if _, err := s.Register(ctx, v, e.ID, app.RegistrationInput{}, now); err != nil {
				return fmt.Errorf("demo: %s at %s: %w", p, in.Title, err)
			}
		}
		if len(e.Slots()) == 0 {
			continue
		}
		for _, b := range brokerageSpecs {
			if err := s.SetBrokerageProfile(ctx, e.ID, users[b.by], app.BrokerageProfileInput{Offer: b.offer, Seek: b.seek}); err != nil {
				return fmt.Errorf("demo: profile of %s: %w", b.by, err)
			}
		}
	}
	for _, r := range rouletteSpecs {
		in := app.RouletteInput{OrgID: orgs[r.org], Weekdays: r.weekdays, Place: r.place}
		if err := in.Normalise(); err != nil {
			return fmt.Errorf("demo: roulette of %s: %w", r.by, err)
		}
		if err := s.JoinRoulette(ctx, users[r.by], in); err != nil {
			return fmt.Errorf("demo: roulette of %s: %w", r.by, err)
		}
	}
	for _, b := range bookingSpecs {
		start := at(b.days, b.hour)
		in := app.BookingInput{Title: b.title, Start: start, End: start.Add(b.hours * time.Hour)}
		if err := in.Normalise(now); err != nil {
			return fmt.Errorf("demo: booking %s: %w", b.title, err)
		}
		if _, err := s.BookRoom(ctx, roomIDs[b.room], users[b.by], in); err != nil {
			return fmt.Errorf("demo: booking %s: %w", b.title, err)
		}
	}
	for _, b := range seriesSpecs {
		start := at(b.days, b.hour)
		in := app.SeriesInput{BookingInput: app.BookingInput{Title: b.title, Start: start, End: start.Add(b.hours * time.Hour)}, Repeat: b.repeat}
		times, err := in.Normalise(now, hub)
		if err != nil {
			return fmt.Errorf("demo: series %s: %w", b.title, err)
		}
		if _, err := s.BookRoomSeries(ctx, roomIDs[b.room], users[b.by], in.BookingInput, b.repeat.Frequency, times); err != nil {
			return fmt.Errorf("demo: series %s: %w", b.title, err)
		}
	}
	for _, v := range visitorSpecs {
		in := app.VisitorInput{Name: v.name, Organisation: v.org, Date: app.HubDay(today.AddDate(0, 0, v.days))}
		if err := in.Normalise(now); err != nil {
			return fmt.Errorf("demo: visitor %s: %w", v.name, err)
		}
		if _, err := s.RegisterVisitor(ctx, users[v.host], in, now); err != nil {
			return fmt.Errorf("demo: visitor %s: %w", v.name, err)
		}
	}
	for _, h := range hereToday {
		if err := s.HubCheckIn(ctx, users[h.by], orgs[h.org], now); err != nil {
			return fmt.Errorf("demo: %s at the hub: %w", h.by, err)
		}
	}
	return nil
}
