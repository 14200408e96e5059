// Package app is the vocabulary of Tillsammans: domain types, error codes,
// store interfaces and the rules that need no I/O. It imports nothing of ours.
package app

import (
	"errors"
	"fmt"
	"time"
)

// Code classifies an error so that every edge (HTML, JSON, CLI) answers it the same way.
type Code string

const (
	Invalid         Code = "invalid"
	Unauthenticated Code = "unauthenticated"
	Forbidden       Code = "forbidden"
	NotFound        Code = "not_found"
	Conflict        Code = "conflict"
	RateLimited     Code = "rate_limited"
	Internal        Code = "internal"
)

// Error is the one error type of the application. Message and the values of
// Fields are message keys of the catalogue (internal/i18n), so that the edge can
// answer in the user's language.
type Error struct {
	Code    Code
	Message string
	// Fields maps an input field name to the message key that says what is wrong with it.
	Fields map[string]string
	// RetryAfter is set for RateLimited.
	RetryAfter time.Duration
	// Args fill the placeholders of Message.
	Args []any
	// Allowed lists the values that would have been accepted, where there are few (the
	// states a need may move to, say).
	Allowed []string
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s %v", e.Code, e.Message, e.Fields)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and message key.
func Errorf(code Code, key string, args ...any) *Error {
	return &Error{Code: code, Message: key, Args: args}
}

// ErrorCode returns the code of the first *Error in err's chain, or Internal.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// AsError returns the *Error in err's chain, or an internal error that reveals nothing.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Message: "err.internal"}
}

// FieldErrors collects per-field problems during validation.
type FieldErrors map[string]string

// Add records the first problem of a field.
func (f FieldErrors) Add(field, key string) {
	if _, ok := f[field]; !ok {
		f[field] = key
	}
}

// Err returns nil when there are no problems, otherwise an Invalid *Error.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: "err.invalid_input", Fields: f}
}
