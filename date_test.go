package docket_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

func TestReadDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// Canonical.
		{"2023-03-30", "2023-03-30"}, {"2023-03", "2023-03"}, {"2023", "2023"}, {"--03-30", "--03-30"}, {"~2019", "~2019"},
		// Day first in numbers.
		{"30.03.2023", "2023-03-30"}, {"30/03/2023", "2023-03-30"}, {"30-03-2023", "2023-03-30"}, {"3.3.2023", "2023-03-03"},
		{"03.04.2023", "2023-04-03"}, {"03.2023", "2023-03"}, {"30.03.2023 г.", "2023-03-30"}, {"30.03.2023 ж.", "2023-03-30"},
		{" 30.03.2023 ", "2023-03-30"}, {"29.02.2024", "2024-02-29"},
		// In words.
		{"30 марта 2023 года", "2023-03-30"}, {"30 марта 2023 г.", "2023-03-30"}, {"30 Марта 2023", "2023-03-30"},
		{"2023 жылғы 30 наурыз", "2023-03-30"}, {"2023 жылы 30 наурызда", "2023-03-30"}, {"30 наурыз 2023 ж.", "2023-03-30"},
		{"March 30, 2023", "2023-03-30"}, {"30 March 2023", "2023-03-30"}, {"Mar 30 2023", "2023-03-30"},
		{"March 30th, 2023", "2023-03-30"}, {"the 1st of May 2023", "2023-05-01"},
		{"March 2023", "2023-03"}, {"март 2023", "2023-03"}, {"мая 2021", "2021-05"}, {"желтоқсан 2021", "2021-12"},
		{"6 февраля 2019", "2019-02-06"}, {"30 марта", "--03-30"},
		// Approximate.
		{"about March 2023", "~2023-03"}, {"около 2019", "~2019"}, {"шамамен 2019", "~2019"}, {"~30.03.2023", "~2023-03-30"},
	} {
		d, err := docket.ReadDate(tc.in)
		if err != nil || d.String() != tc.want {
			t.Errorf("ReadDate(%q) = %q, %v; want %q", tc.in, d, err, tc.want)
		}
	}
	// Each error names the part that is wrong, and its catalog key.
	for _, tc := range []struct{ in, part, key, says string }{
		{"31.02.2023", "day", "date.noDay", "month 2 has no day 31"},
		{"30.13.2023", "month", "date.noMonth", "there is no month 13"},
		{"12/30/2023", "month", "date.dayFirst", "write 30.12.2023"},
		{"30.03.23", "year", "date.twoDigitYear", "four digits"},
		{"30.03.202", "year", "date.yearDigits", "four digits"},
		{"30 Martch 2023", "month", "date.monthName", `"martch" is not the name of a month`},
		{"32 марта 2023", "day", "date.noDay", "month 3 has no day 32"},
		{"2023-02-30", "day", "date.noDay", "month 2 has no day 30"},
		{"2023-13", "month", "date.noMonth", "there is no month 13"},
		{"30.03/2023", "", "date.mixedSeparators", "separated"},
		{"yesterday", "month", "date.monthName", "yesterday"},
		{"", "", "date.empty", "no date"},
		{"2019-02-06T10:00", "day", "date.dayDigits", "the day must be"},
		{"March", "year", "date.noYear", "without a year"},
	} {
		d, err := docket.ReadDate(tc.in)
		var e *docket.Error
		if err == nil || !errors.As(err, &e) {
			t.Errorf("ReadDate(%q) = %q, %v; want an error", tc.in, d, err)
			continue
		}
		if e.Code != docket.EINVALID || e.Part != tc.part || e.Key != tc.key || !strings.Contains(e.Message, tc.says) || !strings.Contains(e.Message, `"`+tc.in+`"`) {
			t.Errorf("ReadDate(%q): %s (part %q, key %s); want part %q, key %s, saying %q", tc.in, e.Message, e.Part, e.Key, tc.part, tc.key, tc.says)
		}
	}
}

// Values of date properties are read as people write them, on every path that normalises a
// statement, and stored in the canonical form.
func TestProperty_NormalizeDate(t *testing.T) {
	s, _ := docket.SchemaByName("Event")
	got, err := s.Property("date").Normalize("30.03.2023")
	if err != nil || got != "2023-03-30" {
		t.Fatalf("Normalize(30.03.2023) = %q, %v", got, err)
	}
	if _, err := s.Property("date").Normalize("30.03.23"); docket.ErrorCode(err) != docket.EINVALID {
		t.Fatalf("Normalize(30.03.23): %v, want EINVALID", err)
	}
}
