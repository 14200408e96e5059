package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// meetingPlaceData adds to a person's data what the meeting place keeps about them.
func (s *Store) meetingPlaceData(ctx context.Context, userID int64, d *app.PersonalData) error {
	rows, err := s.r().query(ctx, `SELECT `+registrationColumns+registrationFrom+`WHERE r.user_id = ? ORDER BY r.id`, userID)
	if err != nil {
		return fmt.Errorf("store: personal registrations: %w", err)
	}
	if d.Registrations, err = collect(rows, scanRegistration); err != nil {
		return err
	}
	rows, err = s.r().query(ctx, `SELECT `+bookingColumns+`, TRUE`+bookingFrom+`WHERE b.user_id = ? ORDER BY b.start_at, b.id`, userID)
	if err != nil {
		return fmt.Errorf("store: personal bookings: %w", err)
	}
	if d.Bookings, err = collect(rows, scanBooking); err != nil {
		return err
	}
	if e, err := s.RouletteEntry(ctx, userID); err == nil {
		d.Roulette = &e
	} else if app.ErrorCode(err) != app.NotFound {
		return err
	}
	rows, err = s.r().query(ctx, `SELECT p.user_id, u.name, p.offer, p.seek FROM brokerage_profiles p JOIN users u ON u.id = p.user_id
		WHERE p.user_id = ? ORDER BY p.event_id`, userID)
	if err != nil {
		return fmt.Errorf("store: personal brokerage profiles: %w", err)
	}
	d.BrokerageProfiles, err = collect(rows, func(r scanner) (app.BrokerageProfile, error) {
		var p app.BrokerageProfile
		return p, r.Scan(&p.User.ID, &p.User.Name, &p.Offer, &p.Seek)
	})
	if err != nil {
		return err
	}
	if rows, err = s.r().query(ctx, presenceFrom+`WHERE p.user_id = ?`, userID); err != nil {
		return fmt.Errorf("store: personal check-in: %w", err)
	}
	if d.AtTheHub, err = collect(rows, scanPresence); err != nil {
		return err
	}
	if rows, err = s.r().query(ctx, `SELECT `+visitorColumns+` WHERE x.host_id = ? ORDER BY x.visit_on, x.id`, userID); err != nil {
		return fmt.Errorf("store: personal visitors: %w", err)
	}
	d.Visitors, err = collect(rows, scanVisitor)
	return err
}

// leaveMeetingPlace removes, in the transaction that deletes a person, what only concerns
// them: their seats (each freed seat going to the first waiting), their bookings still to
// come, the roulette, their brokerage profiles, their calendar feed, their check-in at the
// hub and the visitors they host. Past bookings and
// meetings stay, under the anonymised name.
func leaveMeetingPlace(ctx context.Context, c conn, userID int64, now time.Time) error {
	rows, err := c.query(ctx, `SELECT event_id FROM event_registrations WHERE user_id = ? ORDER BY event_id`, userID)
	if err != nil {
		return err
	}
	events, err := collect(rows, scanID)
	if err != nil {
		return err
	}
	for _, e := range events {
		if err := lockEvent(ctx, c, e); err != nil {
			return err
		}
		if _, err := c.exec(ctx, `DELETE FROM event_registrations WHERE event_id = ? AND user_id = ?`, e, userID); err != nil {
			return err
		}
		if err := promote(ctx, c, e, now); err != nil {
			return err
		}
	}
	if _, err := c.exec(ctx, `DELETE FROM room_bookings WHERE user_id = ? AND end_at > ?`, userID, now); err != nil {
		return err
	}
	if _, err := c.exec(ctx, `DELETE FROM hub_visitors WHERE host_id = ?`, userID); err != nil {
		return err
	}
	for _, table := range []string{"roulette_participants", "brokerage_profiles", "calendar_feeds", "hub_presence"} {
		if _, err := c.exec(ctx, `DELETE FROM `+table+` WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("store: delete person: %s: %w", table, err)
		}
	}
	return nil
}
