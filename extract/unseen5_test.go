package extract

import (
	"slices"
	"testing"
)

// A name inside a relative clause closed before the event word ("A, who defended B and C,
// had his licence revoked") is neither the event's subject nor what "his" stands for.
func TestExtract_RelativeClauseIsNotTheSubject(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Tbilisi, 2 May 2025\n\nThe lawyer Irakli Dolidze, who defended the bloggers Nika Beridze and Levan Tsereteli, had his licence revoked by the Bar Association on 14 March 2025.",
			[]string{"disciplinary action 2025-03-14 Irakli Dolidze"}},
		{"Tbilisi, 2 May 2025\n\nThe editor Mariam Kvaratskhelia, whose reporters Ana Gelashvili and Tamar Nozadze covered the rally, was dismissed on 3 April 2025.",
			[]string{"dismissal 2025-04-03 Mariam Kvaratskhelia"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[20:80], got, tc.want)
		}
	}
}
