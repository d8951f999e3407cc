package docket

import "fmt"

// Sensitivity says who may see a statement, entity or source. The order matters: a viewer
// cleared for a level sees everything at or below it.
type Sensitivity int

// Sensitivity levels, from the least to the most restricted. The zero value is unset, so a
// forgotten field can never mean public: stores write it as Internal.
const (
	Public Sensitivity = iota + 1
	Internal
	Confidential
)

var sensitivityNames = [...]string{"", "public", "internal", "confidential"}

// String returns the level's name as used in exports and on the command line.
func (s Sensitivity) String() string {
	if s <= 0 || int(s) >= len(sensitivityNames) {
		return fmt.Sprintf("sensitivity(%d)", int(s))
	}
	return sensitivityNames[s]
}

// ParseSensitivity parses "public", "internal" or "confidential".
func ParseSensitivity(s string) (Sensitivity, error) {
	for i, n := range sensitivityNames {
		if s == n && i > 0 {
			return Sensitivity(i), nil
		}
	}
	return 0, Errorf(EINVALID, "unknown sensitivity %q (want public, internal or confidential)", s)
}

// MarshalText encodes the level by name, and unset as "".
func (s Sensitivity) MarshalText() ([]byte, error) {
	if s == 0 {
		return nil, nil
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a level by name; "" is unset, which a write then rejects or defaults.
func (s *Sensitivity) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = 0
		return nil
	}
	v, err := ParseSensitivity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Role is what a person may do. Roles are ordered: each includes the ones before it.
type Role int

// Roles, from the least to the most powerful.
const (
	Anonymous  Role = iota // the public: reviewed public statements only
	Reader                 // staff who read internal data ("viewer" in the interface)
	Researcher             // adds statements and sources
	Editor                 // also reviews, retracts, corrects and merges
	Admin                  // also manages accounts and tokens
)

var roleNames = [...]string{"anonymous", "viewer", "researcher", "editor", "admin"}

// String returns the role's name.
func (r Role) String() string {
	if r < 0 || int(r) >= len(roleNames) {
		return fmt.Sprintf("role(%d)", int(r))
	}
	return roleNames[r]
}

// ParseRole parses a role name.
func ParseRole(s string) (Role, error) {
	for i, n := range roleNames {
		if s == n && i != int(Anonymous) {
			return Role(i), nil
		}
	}
	return 0, Errorf(EINVALID, "unknown role %q (want viewer, researcher, editor or admin)", s)
}

// Viewer is who reads or writes. Every read in Docket names its viewer, and stores return only
// what that viewer may see, so no caller can forget to filter.
type Viewer struct {
	Name    string // who it is, for people (staff) to read; empty for anonymous
	Author  string // the author id its writes record (see Author); the store finds it when empty
	Role    Role
	Cleared bool // cleared for confidential data, granted apart from the role
}

// AnonymousViewer is the public: it sees reviewed public statements only.
var AnonymousViewer = Viewer{Role: Anonymous}

// Operator is whoever holds the store on their own machine and runs the command line: full
// access, as a backup must hold everything.
func Operator(name string) Viewer {
	return Viewer{Name: name, Role: Admin, Cleared: true}
}

// MaxSensitivity is the most restricted level the viewer may see.
func (v Viewer) MaxSensitivity() Sensitivity {
	switch {
	case v.Role == Anonymous:
		return Public
	case v.Cleared:
		return Confidential
	default:
		return Internal
	}
}

// SeesDrafts reports whether the viewer sees unreviewed statements. The public never does.
func (v Viewer) SeesDrafts() bool { return v.Role > Anonymous }

// MaySee reports whether the viewer may see something of this sensitivity and status.
func (v Viewer) MaySee(s Sensitivity, st Status) bool {
	if s > v.MaxSensitivity() {
		return false
	}
	return v.SeesDrafts() || st.Reviewed()
}

// CanWrite reports whether the viewer may add entities, statements and sources.
func (v Viewer) CanWrite() bool { return v.Role >= Researcher }

// CanEdit reports whether the viewer may review, retract, correct and merge.
func (v Viewer) CanEdit() bool { return v.Role >= Editor }

// MayRecordStatus refuses a new statement's status above draft from a viewer who may not
// review: a researcher's facts are drafts until an editor reviews them, on every path. Asking for
// more is an error rather than silently lowered, so that a client learns its fact is not
// published. Stores check it on every write; a form may check it first, before it writes
// anything else.
func (v Viewer) MayRecordStatus(st Status) error {
	if st == "" || st == Draft || v.CanEdit() {
		return nil
	}
	return Errorf(EFORBIDDEN, "status %q needs the editor role: a %s's facts are drafts until an editor reviews them (leave status out, or give draft)", st, v.Role)
}

// Authorize returns EUNAUTHORIZED for the anonymous and EFORBIDDEN for a role below min.
func (v Viewer) Authorize(min Role) error {
	if v.Role >= min {
		return nil
	} else if v.Role == Anonymous {
		return Errorf(EUNAUTHORIZED, "this needs a token or a login with the %s role", min)
	}
	return Errorf(EFORBIDDEN, "this needs the %s role; you have %s", min, v.Role)
}
