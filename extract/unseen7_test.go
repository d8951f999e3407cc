package extract

import (
	"slices"
	"testing"
)

// A chronology's item that opens with a bullet and a date ("- May 2023 — ...") is told on
// that date, to its month or year as written.
func TestExtract_BulletedChronologyDate(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Chronology\n\n- 4 March 2023: police detain the blogger Timur Aliyev in Talas.\n- May 2023 — investigators drop the charges against Aliyev and he is released.\n",
			[]string{"detention 2023-03-04 Timur Aliyev", "release 2023-05 Timur Aliyev"}},
		{"Хроника\n\n• 4 марта 2023 года — задержан блогер Тимур Алиев.\n• Май 2023 года — Алиев освобождён из СИЗО.\n",
			[]string{"detention 2023-03-04 Тимур Алиев", "release 2023-05 Тимур Алиев"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}
