package store

import (
	"encoding/base64"
	"encoding/binary"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Lists are ordered by (sort_key, id) and continue after the last row seen: a cursor
// carries that pair, so a page costs the same however deep it is.
type cursor struct {
	key []byte
	id  int64
}

func (c cursor) String() string {
	b := binary.AppendVarint(nil, c.id)
	return base64.RawURLEncoding.EncodeToString(append(b, c.key...))
}

func parseCursor(s string) (cursor, error) {
	if s == "" {
		return cursor{}, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		id, n := binary.Varint(b)
		if n > 0 && id > 0 {
			return cursor{key: b[n:], id: id}, nil
		}
	}
	return cursor{}, &app.Error{Code: app.Invalid, Message: "err.invalid_input", Fields: map[string]string{"cursor": "err.cursor"}}
}

// page trims a result fetched with limit+1 rows and sets the next cursor from the last item.
func page[T any](items []T, limit int, next func(T) cursor) app.List[T] {
	l := app.List[T]{Items: items}
	if len(items) > limit {
		l.Items = items[:limit]
		c := next(l.Items[limit-1]).String()
		l.NextCursor = &c
	}
	if l.Items == nil {
		l.Items = []T{}
	}
	return l
}
