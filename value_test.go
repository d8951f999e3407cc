package docket_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2019-02-06", "2019-02-06"}, {"2019-02", "2019-02"}, {"2019", "2019"}, {"--02-29", "--02-29"},
		{"~2017", "~2017"}, {" 2018-09 ", "2018-09"}, {"2020-02-29", "2020-02-29"},
	} {
		d, err := docket.ParseDate(tc.in)
		if err != nil || d.String() != tc.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tc.in, d, err, tc.want)
		}
	}
	for _, bad := range []string{"", "2019-02-30", "2019-13", "2019-00-10", "2019-2-6", "19-02-06", "0000", "--13-01", "--02-30",
		"2019-02-06T10:00", "06.02.2019", "2019--02", "-2019", "+2019", "2019-02-06-01", "2021-02-29"} {
		if d, err := docket.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %q, want an error", bad, d)
		} else if docket.ErrorCode(err) != docket.EINVALID || !strings.Contains(docket.ErrorMessage(err), "date") {
			t.Errorf("ParseDate(%q): error %v does not say it is a bad date", bad, err)
		}
	}
	d, _ := docket.ParseDate("2019-02")
	if tm, ok := d.Time(); !ok || tm.Format("2006-01-02") != "2019-02-01" {
		t.Errorf("Date(2019-02).Time() = %v, %v", tm, ok)
	}
}

func TestParsePenalty(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"imprisonment P3Y", "imprisonment P3Y"}, {"restriction of freedom", "restriction of freedom"},
		{"restriction of freedom P2Y6M", "restriction of freedom P2Y6M"}, {"fine 500000 KZT", "fine 500000 KZT"},
		{"ban P5Y: public activity", "ban P5Y: public activity"}, {"suspended P1Y", "suspended P1Y"},
		{"imprisonment P0Y36M", "imprisonment P36M"},
	} {
		p, err := docket.ParsePenalty(tc.in)
		if err != nil || p.String() != tc.want {
			t.Errorf("ParsePenalty(%q) = %q, %v; want %q", tc.in, p, err, tc.want)
		}
	}
	for _, bad := range []string{"", "flogging", "imprisonment 3 years", "imprisonment P3X", "fine 5O0 KZT", "imprisonmentP3Y", "imprisonment PY", "imprisonment P3D2Y"} {
		if p, err := docket.ParsePenalty(bad); err == nil {
			t.Errorf("ParsePenalty(%q) = %q, want an error", bad, p)
		}
	}
}

func TestRecord_JSON(t *testing.T) {
	line := `{"kind":"statement","id":"s1","entity":"e1","property":"name","value":"Aigul Akberdiyeva","source":"src1","status":"reported","sensitivity":"public","author":"a","created":"2019-02-11T10:00:00.123456Z","salt":"00112233445566778899aabbccddeeff"}`
	var r docket.Record
	if err := json.Unmarshal([]byte(line), &r); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil || string(b) != line {
		t.Fatalf("round trip:\n got %s (%v)\nwant %s", b, err, line)
	}
	// A record whose kind is not its first field, as another tool may write it, reads the same.
	var moved docket.Record
	if err := json.Unmarshal([]byte(`{"id":"s1",`+strings.TrimPrefix(strings.Replace(line, `"id":"s1",`, "", 1), "{")), &moved); err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(moved); string(b) != line {
		t.Fatalf("kind not first:\n got %s\nwant %s", b, line)
	}
	for _, bad := range []string{
		`{"kind":"statement","id":"s1","surprise":1}`,
		`{"kind":"gossip"}`,
		`{"id":"s1"}`,
		`{"kind":"entity","id":"e","schema":"Person","sensitivity":"secret"}`,
		`{"kind":"entity","id":"e","caption":"derived fields are not records"}`,
		`{"kind":"statement","id":"s1","retraction":{"reason":"x"}}`,
		`{"kind":"statement","kind":"entity","id":"s1"}`,
		`{"id":"s1","kind":"statement","surprise":1}`,
	} {
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("Unmarshal(%s) succeeded, want an error", bad)
		}
	}
}

func TestViewer(t *testing.T) {
	anon, staff, cleared := docket.AnonymousViewer, docket.Viewer{Role: docket.Reader}, docket.Viewer{Role: docket.Reader, Cleared: true}
	for _, tc := range []struct {
		v    docket.Viewer
		s    docket.Sensitivity
		st   docket.Status
		want bool
	}{
		{anon, docket.Public, docket.Reported, true}, {anon, docket.Public, docket.Draft, false},
		{anon, docket.Internal, docket.Verified, false}, {anon, docket.Public, docket.Disputed, true},
		{staff, docket.Internal, docket.Draft, true}, {staff, docket.Confidential, docket.Verified, false},
		{cleared, docket.Confidential, docket.Draft, true}, {anon, 0, docket.Reported, true},
	} {
		if got := tc.v.MaySee(tc.s, tc.st); got != tc.want {
			t.Errorf("%s cleared=%v MaySee(%s, %s) = %v, want %v", tc.v.Role, tc.v.Cleared, tc.s, tc.st, got, tc.want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2019-02-06", "--02-29", "~2017", "2019-13"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := docket.ParseDate(s)
		if err != nil {
			return
		}
		// The canonical form parses to itself.
		d2, err := docket.ParseDate(d.String())
		if err != nil || d2 != d {
			t.Fatalf("ParseDate(%q) = %q, which reparses as %q, %v", s, d, d2, err)
		}
	})
}

func FuzzRecord(f *testing.F) {
	f.Add(`{"kind":"entity","id":"e","schema":"Person","sensitivity":"public","author":"a","created":"2019-02-11T10:00:00Z"}`)
	f.Add(`{"kind":"statement","id":"s1","entity":"e1","property":"name","value":"x","status":"reported","sensitivity":"public","author":"a","created":"2019-02-11T10:00:00Z"}`)
	f.Fuzz(func(t *testing.T, s string) {
		var r docket.Record
		if json.Unmarshal([]byte(s), &r) != nil {
			return
		}
		b, err := json.Marshal(r)
		if err != nil {
			return // a record without its payload
		}
		var r2 docket.Record
		if err := json.Unmarshal(b, &r2); err != nil {
			t.Fatalf("re-reading %s: %v", b, err)
		}
		if b2, _ := json.Marshal(r2); string(b2) != string(b) {
			t.Fatalf("not canonical:\n%s\n%s", b, b2)
		}
	})
}
