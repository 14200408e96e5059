package web

import (
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// switchLanguage remembers the chosen language in a cookie (and on the account) and goes back.
func (s *Server) switchLanguage(w http.ResponseWriter, r *http.Request, rq *request) error {
	lang := r.PathValue("lang")
	if !i18n.Supported(lang) {
		return app.Errorf(app.NotFound, "err.page_not_found")
	}
	http.SetCookie(w, &http.Cookie{Name: i18n.CookieName, Value: lang, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
		SameSite: http.SameSiteLaxMode, Secure: s.baseURL.Scheme == "https", HttpOnly: true})
	if rq.actor.SignedIn() {
		if err := s.store.UpdateUser(r.Context(), rq.actor.ID, rq.actor.Name, lang); err != nil {
			return err
		}
	}
	http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
	return nil
}
