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

// A relative day right after the event word ("released the next day") dates it, not the day
// of the clause before it, whose verb tells no event of the vocabulary ("pardoned on 7 May").
func TestExtract_RelativeDayAfterEventWord(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Vitebsk, 20 May 2024\n\nThe activist Ihar Zuyeu was pardoned on 7 May and released the next day.",
			[]string{"release 2024-05-08 Ihar Zuyeu"}},
		{"Vitebsk, 20 May 2024\n\nTwelve prisoners were pardoned by a decree signed on Tuesday (7 May) and freed the following morning, among them Olga Barysevich and Pavel Lebedev.",
			[]string{"release 2024-05-08 Olga Barysevich", "release 2024-05-08 Pavel Lebedev"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}
