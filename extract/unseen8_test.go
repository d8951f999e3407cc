package extract

import (
	"slices"
	"testing"
)

// Events of relatives: "X, the cousin of Mr. Y, was dismissed" is X's, with the title
// between "of" and the name; "a week after the detention of Y they dismissed her husband X"
// is X's: the name after another event's noun dates the event, it did not undergo it.
func TestExtract_RelativeNotTheOneNamedBeside(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Geneva, 20 May 2024\n\nOn 2 March 2024 officers detained Mr. Oraz Berdiyev in Mary. On 14 April 2024, Mr. Kerim Berdiyev, the cousin of Mr. Berdiyev, was dismissed from his post as a teacher.",
			[]string{"detention 2024-03-02 Oraz Berdiyev", "dismissal 2024-04-14 Kerim Berdiyev"}},
		{"Томск, 20 мая 2025 года\n\nУчительницу Анну Петровну Соколову задержали 3 апреля 2025 года. Через неделю после задержания Соколовой уволили её мужа Олега Соколова, водителя автобуса.",
			[]string{"detention 2025-04-03 Анна Петровна Соколова", "dismissal 2025-04-10 Олег Соколов"}},
		// A pronoun after the noun is the verb's object: the event is still hers.
		{"Гомель, 20 мая 2025 года\n\nАнну Соколову задержали 3 апреля 2025 года. По словам её отца Олега Соколова, после задержания её избили.",
			[]string{"detention 2025-04-03 Анна Соколова", "torture allegation 2025-04-03 Анна Соколова"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}
