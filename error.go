package docket

import (
	"errors"
	"fmt"
)

// Application error codes. They are machine-readable, stable across releases and map onto
// HTTP statuses in one table in the http package.
const (
	ECONFLICT     = "conflict"     // the change clashes with what is stored (an id taken, a merge undone twice)
	EINTERNAL     = "internal"     // a bug or an outage; never shown to users in detail
	EINVALID      = "invalid"      // the input is malformed or breaks a rule
	ENOTFOUND     = "not_found"    // nothing this viewer may see has that id
	EUNAUTHORIZED = "unauthorized" // no valid credentials where they are needed
	EFORBIDDEN    = "forbidden"    // credentials valid, role insufficient
	ETOOLARGE     = "too_large"    // input over a size limit
	EUNAVAILABLE  = "unavailable"  // busy for now (another writer holds the store, a long computation runs): try again later
	ETOOMANY      = "too_many"     // the caller asked too often: slow down
)

// Error is an application error: a code for programs and a message for people. The message
// must never carry data the caller could not otherwise see.
type Error struct {
	Code    string
	Message string
	// Key, when set, names a message of the interface's catalogs that says Message in the
	// reader's language, formatted with Args; Part names the part of the input it is about
	// (a date's "day", "month" or "year"), if any.
	Key  string
	Args []any
	Part string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("docket: %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or a generic message:
// an uncoded error may carry paths or values that users must not see.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
