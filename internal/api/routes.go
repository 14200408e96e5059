package api

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/httpx"
)

// Register adds every endpoint to the router, one line each.
func (s *Server) Register(rt *httpx.Router) {
	rt.Handle("GET /api/v1/openapi.json", openAPIDocument())
	rt.Handle("GET /api/v1/me", s.endpoint(s.me))

	rt.Handle("GET /api/v1/organisations", s.endpoint(s.organisationList))
	rt.Handle("POST /api/v1/organisations", s.endpoint(s.organisationCreate))
	rt.Handle("GET /api/v1/organisations/{id}", s.endpoint(s.organisationGet))
	rt.Handle("PATCH /api/v1/organisations/{id}", s.endpoint(s.organisationUpdate))
	rt.Handle("GET /api/v1/organisations/{id}/members", s.endpoint(s.memberList))
	rt.Handle("PUT /api/v1/organisations/{id}/members/{user}", s.endpoint(s.memberSetRoles))

	rt.Handle("GET /api/v1/users", s.endpoint(s.userList))
	rt.Handle("POST /api/v1/users", s.endpoint(s.userCreate))
	rt.Handle("GET /api/v1/users/{id}", s.endpoint(s.userGet))

	rt.Handle("/api/", s.endpoint(s.notFound))
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, rq *request) error {
	return errNotFound
}
