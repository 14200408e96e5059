package app

// Page asks for one page of a list: at most Limit items after the opaque Cursor.
type Page struct {
	Limit  int
	Cursor string
}

const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Clamp fills in the default limit and caps it.
func (p Page) Clamp() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit > MaxLimit {
		p.Limit = MaxLimit
	}
	return p
}

// List is one page of a list; NextCursor is nil on the last page.
type List[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}
