package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/i18n"
)

// needExport is a printable record of a need with its whole history, decisions, questions,
// answers and contacts, for registration as an official document (diarieföring).
func (s *Server) needExport(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.needFromPath(r, rq)
	if err != nil {
		return err
	}
	p, err := s.loadNeedPage(r, rq.actor, n)
	if err != nil {
		return err
	}
	v := s.view(r, rq, "need.export_title")
	v.Heading = n.Title
	v.Data = struct {
		*needPage
		ExportedAt time.Time
	}{p, time.Now()}
	s.render(w, http.StatusOK, "need_export", v)
	return nil
}

// needContactsCSV exports the supplier contact log as far as the person may see it, for
// spreadsheets and the registrar.
func (s *Server) needContactsCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.needFromPath(r, rq)
	if err != nil {
		return err
	}
	all, published := rq.actor.CanSeeContacts(n)
	if err := rq.actor.Require(all || published); err != nil {
		return err
	}
	contacts, err := s.store.Contacts(r.Context(), n.ID, all)
	if err != nil {
		return err
	}
	t := func(k string) string { return i18n.T(rq.lang, k) }
	rows := [][]string{{t("field.date"), t("field.supplier_name"), t("field.their_people"), t("field.our_people"), t("field.channel"),
		t("field.purpose"), t("field.info_given"), t("field.info_received"), t("field.summary"), t("need.published")}}
	for _, c := range contacts {
		pub := t("admin.no")
		if c.Published {
			pub = t("admin.yes")
		}
		rows = append(rows, []string{c.Date, c.SupplierName, c.TheirPeople, c.OurPeople, t("channel." + c.Channel), c.Purpose,
			c.InfoGiven, c.InfoReceived, c.Summary, pub})
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="leverantorskontakter-%d.csv"`, n.ID))
	return writeCSV(w, rows)
}
