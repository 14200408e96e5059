package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/files/filestest"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// BenchmarkAPIMe measures GET /api/v1/me with a personal access token over loopback HTTP,
// from parallel clients, and prints requests per second.
func BenchmarkAPIMe(b *testing.B) {
	for _, dialect := range storetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			s := storetest.Open(b, dialect)
			ctx := context.Background()
			accounts := auth.NewAccounts(s)
			u, err := accounts.SignUp(ctx, app.NewUser{Email: "bench@region.example", Name: "Bench", Password: "Fjällräven-Östersund-2026!"})
			if err != nil {
				b.Fatal(err)
			}
			in := app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, Country: "SE", OrgNumber: "232100-0214"}
			in.Normalise()
			if _, err := s.CreateOrganisation(ctx, in, u.ID); err != nil {
				b.Fatal(err)
			}
			secret, _, err := accounts.CreateToken(ctx, u.ID, "bench")
			if err != nil {
				b.Fatal(err)
			}
			h, err := server.New(server.Config{Store: s, Files: filestest.Open(b), BaseURL: "http://127.0.0.1", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				b.Fatal(err)
			}
			ts := httptest.NewServer(h)
			defer ts.Close()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				req, _ := http.NewRequest("GET", ts.URL+"/api/v1/me", nil)
				req.Header.Set("Authorization", "Bearer "+secret)
				for pb.Next() {
					res, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != http.StatusOK {
						b.Errorf("status %d", res.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}
