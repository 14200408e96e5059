package store

import (
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// sortKey returns bytes that sort names in Swedish order (å, ä, ö after z) when compared
// byte by byte, which both databases do for BLOB and BYTEA columns.
var sortKey = func() func(string) []byte {
	var mu sync.Mutex
	c := collate.New(language.Swedish, collate.IgnoreCase, collate.IgnoreWidth)
	var buf collate.Buffer
	return func(s string) []byte {
		mu.Lock()
		defer mu.Unlock()
		k := c.KeyFromString(&buf, s)
		out := append([]byte(nil), k...)
		buf.Reset()
		return out
	}
}()
