package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// visiblePartnerRequests: requests are meant to be found, by everyone signed in.
func visiblePartnerRequests(v app.Viewer) string {
	if v.SignedIn() || v.Admin {
		return "1 = 1"
	}
	return "1 = 0"
}

const partnerRequestColumns = `r.id, o.id, o.name, o.kind, c.id, c.title, c.programme, c.currency, r.application_id, r.role, r.competence,
	r.country, r.deadline, r.description, COALESCE(u.id, 0), COALESCE(u.name, ''), r.created_at
	FROM partner_requests r JOIN organisations o ON o.id = r.org_id JOIN applications a ON a.id = r.application_id
	JOIN calls c ON c.id = a.call_id LEFT JOIN users u ON u.id = r.created_by `

func scanPartnerRequest(r scanner) (app.PartnerRequest, error) {
	var p app.PartnerRequest
	err := r.Scan(&p.ID, &p.Organisation.ID, &p.Organisation.Name, &p.Organisation.Kind, &p.Call.ID, &p.Call.Title, &p.Call.Programme,
		&p.Call.Currency, &p.ApplicationID, &p.Role, &p.Competence, &p.Country, &p.Deadline, &p.Description, &p.CreatedBy.ID,
		&p.CreatedBy.Name, &p.CreatedAt)
	return p, err
}

// CreatePartnerRequest: the request is the lead applicant's, the organisation that seeks.
func (s *Store) CreatePartnerRequest(ctx context.Context, applicationID, userID int64, in app.PartnerRequestInput) (app.PartnerRequest, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO partner_requests (application_id, org_id, role, competence, country, deadline, description, created_by, created_at)
			SELECT a.id, p.org_id, ?, ?, ?, ?, ?, ?, ? FROM applications a JOIN application_partners p ON p.application_id = a.id AND p.role = 'lead'
			WHERE a.id = ? RETURNING id`,
			in.Role, in.Competence, in.Country, in.Deadline, in.Description, nullID(userID), time.Now().UTC(), applicationID).Scan(&id)
		if err != nil {
			return notFound(err, "err.application_not_found")
		}
		return auditObject(ctx, c, app.AuditPartnerRequestCreate, kindPartnerRequest, id, nil, in)
	})
	if err != nil {
		return app.PartnerRequest{}, err
	}
	return s.PartnerRequest(ctx, app.Viewer{Admin: true}, id)
}

func (s *Store) PartnerRequest(ctx context.Context, v app.Viewer, id int64) (app.PartnerRequest, error) {
	p, err := scanPartnerRequest(s.r().queryRow(ctx, `SELECT `+partnerRequestColumns+`WHERE r.id = ? AND `+visiblePartnerRequests(v), id))
	return p, notFound(err, "err.partner_request_not_found")
}

func (s *Store) PartnerRequests(ctx context.Context, v app.Viewer, callID, applicationID int64) ([]app.PartnerRequest, error) {
	where, arg := "a.call_id = ?", callID
	if applicationID != 0 {
		where, arg = "r.application_id = ?", applicationID
	}
	rows, err := s.r().query(ctx, `SELECT `+partnerRequestColumns+`WHERE `+where+` AND `+visiblePartnerRequests(v)+` ORDER BY r.id DESC`, arg)
	if err != nil {
		return nil, fmt.Errorf("store: partner requests: %w", err)
	}
	return collect(rows, scanPartnerRequest)
}

const partnerOfferColumns = `x.id, x.request_id, o.id, o.name, o.kind, o.country, COALESCE(u.id, 0), COALESCE(u.name, ''), x.message, x.status, x.created_at
	FROM partner_offers x JOIN organisations o ON o.id = x.org_id LEFT JOIN users u ON u.id = x.user_id `

func scanPartnerOffer(r scanner) (app.PartnerOffer, error) {
	var p app.PartnerOffer
	err := r.Scan(&p.ID, &p.RequestID, &p.Organisation.ID, &p.Organisation.Name, &p.Organisation.Kind, &p.Country, &p.By.ID, &p.By.Name,
		&p.Message, &p.Status, &p.CreatedAt)
	return p, err
}

func (s *Store) OfferPartnership(ctx context.Context, requestID, userID int64, in app.PartnerOfferInput) (app.PartnerOffer, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		var partner int
		if err := c.queryRow(ctx, `SELECT count(*) FROM partner_requests r JOIN application_partners p ON p.application_id = r.application_id
			WHERE r.id = ? AND p.org_id = ?`, requestID, in.OrganisationID).Scan(&partner); err != nil {
			return err
		}
		if partner > 0 {
			return app.Errorf(app.Conflict, "err.already_partner")
		}
		err := c.queryRow(ctx, `INSERT INTO partner_offers (request_id, org_id, user_id, message, status, created_at) VALUES (?, ?, ?, ?, ?, ?)
			RETURNING id`, requestID, in.OrganisationID, nullID(userID), in.Message, app.OfferOpen, time.Now().UTC()).Scan(&id)
		switch {
		case err != nil && c.d.isUnique(err):
			return app.Errorf(app.Conflict, "err.already_offered")
		case err != nil && c.d.isForeignKey(err):
			return app.Errorf(app.NotFound, "err.partner_request_not_found")
		case err != nil:
			return err
		}
		// The offer is entered with the request: it is received by the lead applicant.
		return auditObject(ctx, c, app.AuditPartnerOfferCreate, kindPartnerRequest, requestID, nil, map[string]any{"offer_id": id, "offer": in})
	})
	if err != nil {
		return app.PartnerOffer{}, err
	}
	return scanPartnerOffer(s.r().queryRow(ctx, `SELECT `+partnerOfferColumns+`WHERE x.id = ?`, id))
}

func (s *Store) PartnerOffers(ctx context.Context, requestID int64, all bool, orgIDs []int64) ([]app.PartnerOffer, error) {
	where, args := "x.request_id = ?", []any{requestID}
	if !all {
		if len(orgIDs) == 0 {
			return []app.PartnerOffer{}, nil
		}
		where += " AND x.org_id IN (" + placeholders(len(orgIDs)) + ")"
		for _, id := range orgIDs {
			args = append(args, id)
		}
	}
	rows, err := s.r().query(ctx, `SELECT `+partnerOfferColumns+`WHERE `+where+` ORDER BY x.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: partner offers: %w", err)
	}
	offers, err := collect(rows, scanPartnerOffer)
	if offers == nil {
		offers = []app.PartnerOffer{}
	}
	return offers, err
}

func (s *Store) AcceptOffer(ctx context.Context, requestID, offerID int64) (app.PartnerOffer, error) {
	err := s.tx(ctx, func(c conn) error {
		var applicationID, orgID int64
		var role, status, currency string
		err := c.queryRow(ctx, `SELECT r.application_id, x.org_id, r.role, x.status, cl.currency
			FROM partner_offers x JOIN partner_requests r ON r.id = x.request_id JOIN applications a ON a.id = r.application_id
			JOIN calls cl ON cl.id = a.call_id WHERE x.id = ? AND x.request_id = ?`, offerID, requestID).
			Scan(&applicationID, &orgID, &role, &status, &currency)
		if err != nil {
			return notFound(err, "err.offer_not_found")
		}
		if status != app.OfferOpen {
			return app.Errorf(app.Conflict, "err.offer_decided")
		}
		_, err = c.exec(ctx, `INSERT INTO application_partners (application_id, org_id, position, role, budget_amount, budget_currency,
				grant_amount, grant_currency, cofinancing_amount, cofinancing_currency)
			SELECT ?, ?, COALESCE(max(position), -1) + 1, ?, 0, ?, 0, ?, 0, ? FROM application_partners WHERE application_id = ?`,
			applicationID, orgID, role, currency, currency, currency, applicationID)
		if err != nil {
			if c.d.isUnique(err) {
				return app.Errorf(app.Conflict, "err.already_partner")
			}
			return fmt.Errorf("store: accept offer: %w", err)
		}
		if _, err = c.exec(ctx, `UPDATE partner_offers SET status = ? WHERE id = ?`, app.OfferAccepted, offerID); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditPartnerOfferAccept, kindPartnerRequest, requestID, map[string]any{"offer_id": offerID, "status": status},
			map[string]any{"offer_id": offerID, "status": app.OfferAccepted, "application_id": applicationID, "org_id": orgID, "role": role})
	})
	if err != nil {
		return app.PartnerOffer{}, err
	}
	return scanPartnerOffer(s.r().queryRow(ctx, `SELECT `+partnerOfferColumns+`WHERE x.id = ?`, offerID))
}
