package web

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// maxUploadBody is the body limit of the upload route: one file and the form around it.
const maxUploadBody = app.MaxAttachmentSize + 64<<10

// needAttach takes one file from a multipart form and keeps it on the need. Its type is
// decided by its content, not by what the browser claims.
func (s *Server) needAttach(r *http.Request, rq *request, n app.Need) (string, error) {
	if err := rq.actor.Require(rq.actor.IsNeedInsider(n)); err != nil {
		return "", err
	}
	_, err := s.saveAttachment(r, n.ID, rq.actor.ID)
	if app.ErrorCode(err) == app.Invalid {
		// Read the rest, up to the body limit, so that the browser gets the page with the
		// problem on it rather than a connection reset in the middle of its upload.
		_, _ = io.Copy(io.Discard, r.Body)
	}
	return "need.attachment_added", err
}

func (s *Server) saveAttachment(r *http.Request, needID, userID int64) (app.Attachment, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return app.Attachment{}, app.FieldErrors{"file": "err.file_required"}.Err()
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return app.Attachment{}, app.FieldErrors{"file": "err.file_required"}.Err()
		}
		if err != nil {
			return app.Attachment{}, bodyError(err)
		}
		if part.FormName() != "file" {
			continue // NextPart skips what is left of it
		}
		if part.FileName() == "" {
			return app.Attachment{}, app.FieldErrors{"file": "err.file_required"}.Err()
		}
		return s.keepAttachment(r.Context(), part.FileName(), part, needID, userID)
	}
}

// keepAttachment writes the content first and the record after, so that a record always
// has its content; if the record cannot be written, the content is deleted again.
func (s *Server) keepAttachment(ctx context.Context, fileName string, part io.Reader, needID, userID int64) (app.Attachment, error) {
	name, err := app.CleanFileName(fileName)
	if err != nil {
		return app.Attachment{}, err
	}
	body := bufio.NewReaderSize(part, 512)
	head, err := body.Peek(512)
	if err != nil && err != io.EOF {
		return app.Attachment{}, bodyError(err)
	}
	contentType, err := app.AttachmentType(name, head)
	if err != nil {
		return app.Attachment{}, err
	}
	var random [16]byte
	rand.Read(random[:])
	// The key says nothing of the file's name: names are kept only in the database.
	key := fmt.Sprintf("needs/%d/%s", needID, hex.EncodeToString(random[:]))
	content := &sizeLimit{r: body, max: app.MaxAttachmentSize}
	if err := s.files.Put(ctx, key, content, contentType); err != nil {
		if content.err != nil {
			return app.Attachment{}, bodyError(content.err) // the upload's fault, not the storage's
		}
		return app.Attachment{}, err
	}
	a, err := s.store.AddAttachment(ctx, app.Attachment{NeedID: needID, Name: name, ContentType: contentType, Size: content.n,
		BlobKey: key, UploadedBy: app.UserRef{ID: userID}})
	if err != nil {
		if derr := s.files.Delete(context.WithoutCancel(ctx), key); derr != nil {
			s.log.Error("attachment content left without a record", "key", key, "err", derr)
		}
		return app.Attachment{}, err
	}
	return a, nil
}

var errFileTooLarge = errors.New("file too large")

// sizeLimit counts what passes, fails once more than max has, and remembers why reading
// the upload failed.
type sizeLimit struct {
	r      io.Reader
	n, max int64
	err    error
}

func (l *sizeLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.max {
		err = errFileTooLarge
	}
	if err != nil && err != io.EOF {
		l.err = err
	}
	return n, err
}

// bodyError says in the person's terms what was wrong with the body of an upload: too
// large, or broken off or malformed.
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.Is(err, errFileTooLarge) || errors.As(err, &tooBig) {
		return app.FieldErrors{"file": "err.file_too_large"}.Err()
	}
	return app.FieldErrors{"file": "err.upload_failed"}.Err()
}

// needAttachmentFile sends an attachment to anyone who may see its need. It is always a
// download, never shown inline, and with the type found when it was uploaded: a file can
// never run as a page of the platform.
func (s *Server) needAttachmentFile(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.needFromPath(r, rq)
	if err != nil {
		return err
	}
	id, err := pathID(r, "attachment")
	if err != nil {
		return app.Errorf(app.NotFound, "err.attachment_not_found")
	}
	a, err := s.store.Attachment(r.Context(), n.ID, id)
	if err != nil {
		return err
	}
	content, err := s.files.Open(r.Context(), a.BlobKey)
	if err != nil {
		return err
	}
	defer content.Close()
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Disposition", attachmentDisposition(a.Name))
	h.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return nil
	}
	if _, err := io.Copy(w, content); err != nil {
		s.log.Warn("attachment download cut off", "attachment", a.ID, "err", err)
	}
	return nil
}

// attachmentDisposition names the file twice: in plain ASCII for old clients, and exactly
// (RFC 6266, RFC 8187) for the rest.
func attachmentDisposition(name string) string {
	var ascii, exact strings.Builder
	for _, r := range name {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			ascii.WriteByte('_')
		} else {
			ascii.WriteRune(r)
		}
	}
	for _, b := range []byte(name) {
		if 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0 {
			exact.WriteByte(b)
		} else {
			fmt.Fprintf(&exact, "%%%02X", b)
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + exact.String()
}

func (s *Server) needAttachmentDelete(r *http.Request, rq *request, n app.Need) (string, error) {
	if err := rq.actor.Require(rq.actor.IsNeedInsider(n)); err != nil {
		return "", err
	}
	id, err := pathID(r, "attachment")
	if err != nil {
		return "", app.Errorf(app.NotFound, "err.attachment_not_found")
	}
	a, err := s.store.DeleteAttachment(r.Context(), n.ID, id)
	if err != nil {
		return "", err
	}
	if err := s.files.Delete(context.WithoutCancel(r.Context()), a.BlobKey); err != nil {
		// The record is gone, so nobody can reach the content any more; it only takes space.
		s.log.Warn("attachment content left behind", "key", a.BlobKey, "err", err)
	}
	return "need.attachment_deleted", nil
}

// fileSize says how large a file is, with the decimal sign of the page's language.
func fileSize(lang string, n int64) string {
	var s string
	switch {
	case n < 1000:
		s = fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		s = fmt.Sprintf("%d kB", (n+999)/1000)
	default:
		s = fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	if lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
