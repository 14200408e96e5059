package web_test

import (
	"bytes"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// upload posts one file as a browser's multipart form does.
func (b *browser) upload(path, fileName string, content []byte) response {
	b.p.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", fileName)
	if err != nil {
		b.p.t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, err := http.NewRequest("POST", b.p.url+path, &body)
	if err != nil {
		b.p.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", b.p.url)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if b.lang != "" {
		req.Header.Set("Accept-Language", b.lang)
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.p.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, string(data)}
}

// blobs counts the files kept in the platform's folder, temporary ones included.
func (p *platform) blobs() int {
	p.t.Helper()
	n := 0
	err := filepath.WalkDir(p.filesDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		p.t.Fatal(err)
	}
	return n
}

var pdf = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nFörstudie: virtuellt akutrum i Härjedalen\n%%EOF\n")

func TestNeedAttachments(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		c := w.coordinator
		form := needForm(w.region, "Virtuellt akutrum i Funäsdalen")
		form.Set("action", "submit")
		r := c.post("/needs/new", form)
		r.want(t, http.StatusSeeOther)
		page := r.header.Get("Location")
		id := needID(t, page)
		c.get(page).want(t, http.StatusOK, "Bilagor", "Inga bilagor än.", `enctype="multipart/form-data"`)

		// An insider attaches a PDF; the page lists it with its size and who added it.
		c.upload(page+"/attachments", `Förstudie "akutrum" 2026.pdf`, pdf).want(t, http.StatusSeeOther)
		c.get(page).want(t, http.StatusOK, "Filen är bifogad.", "Förstudie _akutrum_ 2026.pdf", "95 B", "karin")
		list, err := p.store.Attachments(ctx, id)
		if err != nil || len(list) != 1 {
			t.Fatalf("attachments = %+v, %v", list, err)
		}
		a := list[0]
		if a.ContentType != "application/pdf" || a.Size != int64(len(pdf)) || strings.Contains(a.BlobKey, "akutrum") {
			t.Fatalf("kept = %+v", a)
		}
		file := page + "/attachments/" + itoa(a.ID)

		// A supplier who can see the need downloads it, always as a download.
		anna := p.signedIn("anna@fjallvard.example")
		anna.get(page).want(t, http.StatusOK, "Förstudie _akutrum_ 2026.pdf")
		if strings.Contains(anna.get(page).body, "/attachments/"+itoa(a.ID)+"/delete") {
			t.Error("a supplier is offered to delete an attachment")
		}
		r = anna.get(file)
		r.want(t, http.StatusOK)
		if r.body != string(pdf) {
			t.Fatalf("downloaded %q", r.body)
		}
		for h, want := range map[string]string{
			"Content-Type":            "application/pdf",
			"Content-Disposition":     `attachment; filename="F_rstudie _akutrum_ 2026.pdf"; filename*=UTF-8''F%C3%B6rstudie%20_akutrum_%202026.pdf`,
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": "default-src 'none'; sandbox",
		} {
			if got := r.header.Get(h); got != want {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
		// A visitor, who cannot see the need, cannot see its files either; nor is a file
		// reached through another need.
		p.browser().get(file).want(t, http.StatusNotFound)
		other := needForm(w.region, "Nattillsyn")
		other.Set("action", "submit")
		otherPage := c.post("/needs/new", other).header.Get("Location")
		c.get(otherPage+"/attachments/"+itoa(a.ID)).want(t, http.StatusNotFound)
		c.get(page+"/attachments/424242").want(t, http.StatusNotFound)

		// A supplier may not attach or delete.
		anna.upload(page+"/attachments", "offert.pdf", pdf).want(t, http.StatusForbidden)
		anna.post(file+"/delete", nil).want(t, http.StatusForbidden)

		// The type is decided by the content: a web page named .pdf, an SVG, a zip and an
		// empty file are refused with a message on the field, and nothing is kept.
		html := []byte("<!DOCTYPE html><html><body><script>alert('x')</script></body></html>")
		c.upload(page+"/attachments", "rapport.pdf", html).want(t, http.StatusUnprocessableEntity, "Filens innehåll stämmer inte med filnamnet", `id="e-file"`)
		c.upload(page+"/attachments", "karta.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)).
			want(t, http.StatusUnprocessableEntity, "Den filtypen kan inte bifogas")
		c.upload(page+"/attachments", "arkiv.zip", []byte("PK\x03\x04rest of a zip")).want(t, http.StatusUnprocessableEntity, "Den filtypen kan inte bifogas")
		c.upload(page+"/attachments", "tom.txt", nil).want(t, http.StatusUnprocessableEntity, "Filen är tom.")
		c.upload(page+"/attachments", "journal 19121212-1212.pdf", pdf).want(t, http.StatusUnprocessableEntity, "personnummer")
		c.get("/lang/en").want(t, http.StatusSeeOther)
		c.upload(page+"/attachments", "report.pdf", html).want(t, http.StatusUnprocessableEntity, "The content of the file does not match its name")
		c.get("/lang/sv").want(t, http.StatusSeeOther)

		// A file over 10 MiB is refused with a message, and no part of it is kept.
		big := make([]byte, app.MaxAttachmentSize+1)
		copy(big, pdf)
		c.upload(page+"/attachments", "stor.pdf", big).want(t, http.StatusUnprocessableEntity, "Filen är för stor")
		if list, _ := p.store.Attachments(ctx, id); len(list) != 1 {
			t.Fatalf("refused files were recorded: %+v", list)
		}
		// Only the upload route takes more than the platform's usual body limit.
		c.post(page+"/comments", url.Values{"body": {strings.Repeat("a", 2<<20)}}).want(t, http.StatusUnprocessableEntity, "Det skickade innehållet är för stort.")
		if n := p.blobs(); n != 1 {
			t.Fatalf("%d files kept, want 1", n)
		}

		// Office documents are zip archives; under their own names they are taken, and kept
		// with their real type. A CSV is text.
		c.upload(page+"/attachments", "Budget.XLSX", []byte("PK\x03\x04[Content_Types].xml")).want(t, http.StatusSeeOther)
		c.upload(page+"/attachments", "mätvärden.csv", []byte("datum;resor\n2026-10-01;12\n")).want(t, http.StatusSeeOther)
		list, _ = p.store.Attachments(ctx, id)
		if len(list) != 3 || list[1].Name != "Budget.xlsx" || list[1].ContentType != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
			list[2].ContentType != "text/csv" {
			t.Fatalf("attachments = %+v", list)
		}

		// An insider deletes one: the record and its content go.
		c.post(file+"/delete", nil).want(t, http.StatusSeeOther)
		c.get(page).want(t, http.StatusOK, "Bilagan är borttagen.")
		anna.get(file).want(t, http.StatusNotFound)
		if n := p.blobs(); n != 2 {
			t.Fatalf("%d files kept after delete, want 2", n)
		}
	})
}
