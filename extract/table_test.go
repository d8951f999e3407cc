package extract

import (
	"slices"
	"strings"
	"testing"
)

func penaltyKeys(ps []*Penalty) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Person+": "+p.Kind+" "+p.Term)
	}
	slices.Sort(out)
	return out
}

func outcomeKeys(os []*Outcome) []string {
	var out []string
	for _, o := range os {
		out = append(out, o.Person+": "+o.Outcome)
	}
	slices.Sort(out)
	return out
}

// A table's rows are records of their own and its columns say what a bare term is: the
// prosecutor's request or the verdict. Each shape (cells apart by "|", columns apart by
// spaces as pdftotext prints them, a web page's <table>) is read so; the texts are invented.
func TestExtract_TableColumns(t *testing.T) {
	for _, tc := range []struct {
		name, text         string
		demands, sentences []string
		outcomes           []string
	}{
		{"drawn with pipes, surnames first",
			"Приговор по делу огласили 10 марта 2023 года.\n\n" +
				"+----+----------------------+-------------------+--------------------------+\n" +
				"| №  | Подсудимый           | Запрос прокурора  | Приговор                 |\n" +
				"+----+----------------------+-------------------+--------------------------+\n" +
				"| 1  | Курбанов Тимур       | 9 лет л/с         | 7 лет лишения свободы    |\n" +
				"|    | (блогер)             |                   |                          |\n" +
				"+----+----------------------+-------------------+--------------------------+\n" +
				"| 2  | Абдиева Гульбахор    | 6 лет л/с         | 4 года лишения свободы   |\n" +
				"+----+----------------------+-------------------+--------------------------+\n",
			[]string{"Гульбахор Абдиева: imprisonment P6Y", "Тимур Курбанов: imprisonment P9Y"},
			[]string{"Гульбахор Абдиева: imprisonment P4Y", "Тимур Курбанов: imprisonment P7Y"},
			[]string{"Гульбахор Абдиева: convicted", "Тимур Курбанов: convicted"}},
		{"columns apart by spaces, a name wrapped in its cell: the surname, capitalised, below",
			"The court delivered its verdict on 3 May 2024:\n\n" +
				" Defendant        Role           Prosecutor's      Sentence\n" +
				"                                 request\n" +
				" Ilkin Aliyev     reporter       10 years          8 years\n\n" +
				" Shahla           editor         11 years          9 years\n" +
				" Mammadova\n" +
				" Vugar Rzayev     cameraman      9 years           7 years\n" +
				" Leyla Hasanova   accountant     9 years           6 years\n",
			[]string{"Ilkin Aliyev: imprisonment P10Y", "Leyla Hasanova: imprisonment P9Y", "Shahla Mammadova: imprisonment P11Y", "Vugar Rzayev: imprisonment P9Y"},
			[]string{"Ilkin Aliyev: imprisonment P8Y", "Leyla Hasanova: imprisonment P6Y", "Shahla Mammadova: imprisonment P9Y", "Vugar Rzayev: imprisonment P7Y"},
			[]string{"Ilkin Aliyev: convicted", "Leyla Hasanova: convicted", "Shahla Mammadova: convicted", "Vugar Rzayev: convicted"}},
		{"columns apart by spaces, a head of two lines, a cell of two lines",
			"The court delivered its verdict on 3 May 2024. The table below sets out the prosecutor's   requests and the sentences.\n\n" +
				"Defendant              Prosecutor's        Verdict\n" +
				"                       request             3 May 2024\n" +
				"Ruslan Tagirov         9 years             7 years\n" +
				"Nodira Yusupova,       5 years             3 years,\n" +
				"journalist                                 suspended\n" +
				"Pavel Grinko           4 years             acquitted\n",
			[]string{"Nodira Yusupova: imprisonment P5Y", "Pavel Grinko: imprisonment P4Y", "Ruslan Tagirov: imprisonment P9Y"},
			[]string{"Nodira Yusupova: suspended P3Y", "Ruslan Tagirov: imprisonment P7Y"},
			[]string{"Nodira Yusupova: convicted", "Pavel Grinko: acquitted", "Ruslan Tagirov: convicted"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(tc.text)
			if got := penaltyKeys(r.Demands); !slices.Equal(got, tc.demands) {
				t.Errorf("demands = %v, want %v", got, tc.demands)
			}
			if got := penaltyKeys(r.Sentences); !slices.Equal(got, tc.sentences) {
				t.Errorf("sentences = %v, want %v", got, tc.sentences)
			}
			if got := outcomeKeys(r.Outcomes); !slices.Equal(got, tc.outcomes) {
				t.Errorf("outcomes = %v, want %v", got, tc.outcomes)
			}
		})
	}
}

// A web page's table is written a row a line, its cells apart by " | ", and read so.
func TestText_HTMLTableRows(t *testing.T) {
	page := `<html><body><p>The appeal court ruled on 12 December 2024.</p>
<table><thead><tr><th>Defendant</th><th>City Court, 30.09.2024</th><th>Regional Court</th></tr></thead>
<tbody><tr><td><p>Marat Seitov</p></td><td>5 years' imprisonment (prosecutor asked for 7)</td><td>upheld</td></tr>
<tr><td>Aigul Nurova</td><td>3 years' restriction of freedom</td><td>upheld</td></tr></tbody></table></body></html>`
	text, err := Text("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "\nMarat Seitov | 5 years' imprisonment (prosecutor asked for 7) | upheld\n") {
		t.Fatalf("a row is not one line with its cells apart by \" | \":\n%s", text)
	}
	r := Extract(text)
	if got, want := penaltyKeys(r.Sentences), []string{"Aigul Nurova: restriction of freedom P3Y", "Marat Seitov: imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %v, want %v", got, want)
	}
	if got, want := penaltyKeys(r.Demands), []string{"Marat Seitov: imprisonment P7Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %v, want %v", got, want)
	}
}

// A list with leader dots gives each line its own person: the events of one row are not
// another's.
func TestExtract_LeaderDotRows(t *testing.T) {
	text := "Ташкент, 20 марта 2023 г.\n\nЗадержание и мера пресечения\n\n" +
		"  Каримов ........ задержан 19.09.2022, освобождён 21.09.2022\n" +
		"  Юсупова ........ задержана 27.09.2022\n\n" +
		"Рустам Каримов и Дилноза Юсупова — активисты."
	r := Extract(text)
	var got []string
	for _, e := range r.Events {
		got = append(got, e.Type+" "+e.Date+" "+e.Person)
	}
	slices.Sort(got)
	want := []string{"detention 2022-09-19 Рустам Каримов", "detention 2022-09-27 Дилноза Юсупова", "release 2022-09-21 Рустам Каримов"}
	if !slices.Equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
}

// A table's cell says its own: a request in one cell does not make the next cell's "upheld"
// a wish; a ";" inside a cell does not part the cell from the row's person; and the day in a
// column's head dates the events of its cells. Invented text.
func TestExtract_TableCells(t *testing.T) {
	text := "Monday, 16 December 2024\n\nThe appeal court ruled.\n\n" +
		"Defendant | City Court, 30.09.2024 | Regional Court, 12.12.2024\n\n" +
		"Marat Seitov | 5 years' imprisonment (prosecutor asked for 7) | upheld\n\n" +
		"Aigul Nurova | 4 years' imprisonment | changed to 3 years' restriction of freedom; released\n"
	r := Extract(text)
	if got := outcomeKeys(r.Outcomes); !slices.Contains(got, "Marat Seitov: upheld") {
		t.Errorf("outcomes = %v, want Marat Seitov upheld", got)
	}
	if got, want := eventsOf(text), []string{"release 2024-12-12 Aigul Nurova"}; !slices.Equal(got, want) {
		t.Errorf("events = %v, want %v", got, want)
	}
}

// A column whose head is an event word gives each row's person that event on the cell's
// date; a cell that says no gives none. Invented text.
func TestExtract_TableEventColumn(t *testing.T) {
	text := "Tashkent, 12 June 2023\n\nThe table sets out the detentions and the sentences.\n\n" +
		"Defendant | Detained | Verdict\n" +
		"Azamat Tursynbaev | 1 July 2022 | 16 years\n" +
		"Erlan Qalbaev | 4 July 2022 | 8 years\n" +
		"Kuanysh Allambergenov | not detained | 3 years, suspended\n"
	got := eventsOf(text)
	want := []string{"detention 2022-07-01 Azamat Tursynbaev", "detention 2022-07-04 Erlan Qalbaev"}
	if !slices.Equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
}

// A name wrapped in its cell with its surname below, on a line whose other cells go on
// the row's ("Dilnoza" over "Rakhmatova   of freedom"), is one row; a kind of penalty that
// wraps in its cell ("restriction" over "of freedom") is read whole.
func TestExtract_TableNameAndKindWrap(t *testing.T) {
	text := "Tashkent, 30 May 2025\n\nThe verdict of 12 March 2025:\n\n" +
		"   Defendant      Prosecutor    Verdict (12 March)\n" +
		"                  requested\n" +
		"Dilnoza           9 years       4 years' restriction\n" +
		"Rakhmatova                      of freedom\n" +
		"Sardor            6 years       fine of 40 BCA\n" +
		"Ergashev                        (about 14 million\n" +
		"                                soums)\n" +
		"Umid              5 years       3 years suspended\n" +
		"Khasanov\n"
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Dilnoza Rakhmatova restriction of freedom P4Y", "Sardor Ergashev fine ", "Umid Khasanov suspended P3Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Dilnoza Rakhmatova imprisonment P9Y", "Sardor Ergashev imprisonment P6Y", "Umid Khasanov imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}
