package docket

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// Settings are what an admin decides about how the server behaves towards the outside world.
// Today that is archiving: whether docket serve fetches source URLs in the background, and
// how it presents itself when it does. For an organisation documenting a state, its server
// contacting that state's websites is a security decision, so archiving is off until someone
// turns it on.
type Settings struct {
	// Archive turns on the archiving of queued sources by docket serve. Off, sources are
	// still recorded and queued, and nothing is fetched.
	Archive bool `json:"archive"`
	// ArchiveProxy is the proxy every fetch goes through (see ParseArchiveProxy); "" fetches
	// directly.
	ArchiveProxy string `json:"archive_proxy,omitempty"`
	// ArchiveUserAgent is the User-Agent fetches send; "" for the default.
	ArchiveUserAgent string `json:"archive_user_agent,omitempty"`

	UpdatedAt time.Time `json:"updated,omitzero"`     // of the last change; zero if never set
	UpdatedBy string    `json:"updated_by,omitempty"` // the author id of the last change
}

// SettingsUpdate holds the settings to change; nil fields stay as they are.
type SettingsUpdate struct {
	Archive          *bool
	ArchiveProxy     *string
	ArchiveUserAgent *string
}

// SettingsService keeps the settings.
type SettingsService interface {
	// Settings returns the stored settings, the defaults for those never set. It needs the
	// admin role (EUNAUTHORIZED, EFORBIDDEN): a proxy's address is the organisation's
	// infrastructure. An admin who is not cleared gets the proxy without its password.
	Settings(ctx context.Context, v Viewer) (*Settings, error)
	// UpdateSettings changes the settings upd sets, all in one transaction, and returns them
	// all. It needs an admin cleared for confidential data (EFORBIDDEN): each setting decides
	// what happens to confidential sources' URLs, whether they are fetched, through whom and
	// under what name. EINVALID names a bad value.
	UpdateSettings(ctx context.Context, v Viewer, upd SettingsUpdate) (*Settings, error)
}

// Normalize trims the update's values and checks them, naming the setting at fault.
func (u *SettingsUpdate) Normalize() error {
	if u.ArchiveProxy != nil {
		p := strings.TrimSpace(*u.ArchiveProxy)
		if p != "" {
			pu, err := ParseArchiveProxy(p)
			if err != nil {
				return err
			}
			p = pu.String()
		}
		u.ArchiveProxy = &p
	}
	if u.ArchiveUserAgent != nil {
		ua := strings.TrimSpace(*u.ArchiveUserAgent)
		if err := CheckUserAgent(ua); err != nil {
			return err
		}
		u.ArchiveUserAgent = &ua
	}
	return nil
}

// ParseArchiveProxy parses the proxy of fetches: socks5h://HOST:PORT (a SOCKS5 proxy such as
// Tor's, which resolves names itself) or http://HOST:PORT (a proxy that takes CONNECT), with a
// user name and password if the proxy wants them. socks5:// is refused rather than taken as
// socks5h: by convention it means that the client resolves names, which would tell the
// organisation's own resolver every site it archives.
func ParseArchiveProxy(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, Errorf(EINVALID, "archive proxy %q: not a URL", s)
	}
	switch u.Scheme {
	case "socks5h", "http":
	case "socks5":
		return nil, Errorf(EINVALID, "archive proxy %q: write socks5h:// so that the proxy resolves names; Docket never resolves them itself when it uses a proxy", s)
	default:
		return nil, Errorf(EINVALID, "archive proxy %q: want socks5h://HOST:PORT or http://HOST:PORT", s)
	}
	if u.Hostname() == "" || u.Port() == "" || u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, Errorf(EINVALID, "archive proxy %q: want %s://HOST:PORT, with nothing after the port", s, u.Scheme)
	}
	u.Path = ""
	return u, nil
}

// CheckUserAgent checks a User-Agent for fetches: at most 300 printable ASCII characters, as
// a header value must be; "" stands for the default.
func CheckUserAgent(ua string) error {
	if len(ua) > 300 {
		return Errorf(EINVALID, "archive User-Agent: %d characters, at most 300", len(ua))
	}
	for i := 0; i < len(ua); i++ {
		if ua[i] < 0x20 || ua[i] > 0x7e {
			return Errorf(EINVALID, "archive User-Agent: character %d is not printable ASCII", i+1)
		}
	}
	return nil
}
