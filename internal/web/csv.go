package web

import (
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/httpx"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// csvWriter writes rows for spreadsheets: a byte-order mark first, so that Excel reads
// the file as UTF-8 and shows å, ä and ö, and cells that a spreadsheet would take for a
// formula (=, +, -, @, and tab or carriage return before them) made plain text with a
// leading apostrophe, so that a title cannot run a formula on the reader's computer.
type csvWriter struct{ w *csv.Writer }

func newCSVWriter(w io.Writer) (*csvWriter, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	// Semicolons: Excel splits a CSV file it opens by the list separator of the computer's
	// regional settings, and where the comma is the decimal separator, as in Sweden, the
	// list separator is the semicolon. A comma-separated file opens there as one column.
	cw.Comma = ';'
	return &csvWriter{cw}, nil
}

func (c *csvWriter) write(row []string) error {
	for i, cell := range row {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			row[i] = "'" + cell
		}
	}
	return c.w.Write(row)
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// writeCSV writes rows for spreadsheets, the first row being the header.
func writeCSV(w io.Writer, rows [][]string) error {
	cw, err := newCSVWriter(w)
	if err != nil {
		return err
	}
	for _, row := range rows {
		if err := cw.write(row); err != nil {
			return err
		}
	}
	return cw.flush()
}

// listCSV answers with every page of a list as a CSV file: header, then row(item) for each
// item. The caller's list function is the one its page uses, with the same viewer and
// filter, so that the file holds exactly what the person may see in the list. The first
// page is read before anything is sent, so that a bad filter still gets an error page; a
// failure after that aborts the download, which the browser then reports as failed,
// rather than handing over a file that ends early without saying so.
func listCSV[T any](s *Server, w http.ResponseWriter, r *http.Request, filename string, header []string,
	list func(cursor string) (app.List[T], error), row func(T) []string) error {
	l, err := list("")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	// A failed write means the client has gone; there is nobody left to tell.
	cw, err := newCSVWriter(w)
	if err != nil || cw.write(header) != nil {
		panic(http.ErrAbortHandler)
	}
	for {
		for _, x := range l.Items {
			if cw.write(row(x)) != nil {
				panic(http.ErrAbortHandler)
			}
		}
		if l.NextCursor == nil {
			break
		}
		if l, err = list(*l.NextCursor); err != nil {
			s.log.Error("csv", "request_id", httpx.RequestID(r.Context()), "path", r.URL.Path, "err", err)
			panic(http.ErrAbortHandler)
		}
	}
	if cw.flush() != nil {
		panic(http.ErrAbortHandler)
	}
	return nil
}

// labels translates values by their catalogue prefix and joins them, for one cell.
func labels(lang, prefix string, values []string) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = i18n.T(lang, prefix+v)
	}
	return strings.Join(out, ", ")
}

// csvDate is a day in Swedish time as spreadsheets read dates (2026-11-25); empty for none.
func csvDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(stockholm).Format(time.DateOnly)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// link is the absolute address of a record's page, under the configured base URL.
func (s *Server) link(kind string, id int64) string {
	return s.baseURL.JoinPath(kind, strconv.FormatInt(id, 10)).String()
}
