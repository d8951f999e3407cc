package extract

import (
	"slices"
	"strings"
	"testing"
)

func dates(r *Result) []string {
	var out []string
	for _, d := range r.Dates {
		out = append(out, d.Date)
	}
	slices.Sort(out)
	return out
}

func TestExtract_Dates(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"absolute", "On 6 February 2019 the court ruled. The hearing of 11.02.2019 was short. On February 7, 2019, he left.",
			[]string{"2019-02-06", "2019-02-07", "2019-02-11"}},
		{"russian", "6 февраля 2019 года суд вынес приговор. Апелляцию рассмотрели 11.03.2019 г.", []string{"2019-02-06", "2019-03-11"}},
		{"partial", "In September 2018 he was sentenced. The case began in 2017. В сентябре 2016 года его задержали.", []string{"2016-09", "2017", "2018-09"}},
		{"no year", "The hearing on 17 May was adjourned to 24 May.", []string{"--05-17", "--05-24"}},
		{"dateline", "Warsaw, 11 February 2019\n\nOn 6 February the court acquitted her.", []string{"2019-02-06", "2019-02-11"}},
		{"dateline last year", "Almaty, 3 March 2020\n\nOn 28 December the court ruled.", []string{"2019-12-28", "2020-03-03"}},
		{"dateline future", "Astana, 3 April 2024\n\nThe verdict is scheduled for 10 April.", []string{"2024-04-03", "2024-04-10"}},
		{"year in the sentence", "Astana, 3 April 2024\n\nIn 2015, on 5 May, he was arrested.", []string{"2015", "2015-05-05", "2024-04-03"}},
		{"since a year in the sentence", "Minsk, 25 September 2024\n\nThe blogger, who has lived in Vilnius since 2021, was sentenced on 2 July.", []string{"2021", "2024-07-02", "2024-09-25"}},
		{"month from context", "Moscow, 17 February 2023\n\nIn May 2022 she was fined. In October her flat was searched.", []string{"2022-05", "2022-10", "2023-02-17"}},
		{"next day", "On 6 February 2019 she was acquitted. The next day, the chairman was removed.", []string{"2019-02-06", "2019-02-07"}},
		{"next day with its date", "On 6 February 2019 she was acquitted. The next day, on 7 February 2019, he was removed.", []string{"2019-02-06", "2019-02-07"}},
		{"ago", "Warsaw, 11 February 2019\n\nTwo years ago he did not pay the workers.", []string{"2017", "2019-02-11"}},
		{"ago with its date", "Minsk, 21 March 2024\n\nHe was detained two years ago, in March 2022.", []string{"2022-03", "2024-03-21"}},
		{"weeks later", "He was detained on 12 November 2020. Three weeks later he was charged.", []string{"2020-11-12", "2020-12-03"}},
		{"day before", "He was detained on 3 February 2023. The day before, his flat was searched.", []string{"2023-02-02", "2023-02-03"}},
		{"shortly after", "On 11 February 2019 the conference was disrupted. Shortly after, the police detained everyone.", []string{"2019-02-11"}},
		{"a day after a clause", "She was detained on 20 November 2023, a day after police raided the office.", []string{"2023-11-19", "2023-11-20"}},
		{"after hours", "She was detained on 12 March 2025 and released after 72 hours.", []string{"2025-03-12", "2025-03-15"}},
		{"на следующий день", "Москва, 5 мая 2021 года\n\n3 мая активиста задержали. На следующий день его отпустили.", []string{"2021-05-03", "2021-05-04", "2021-05-05"}},
		{"через два дня", "Его задержали 14 января 2022 года. Через два дня в квартире провели обыск.", []string{"2022-01-14", "2022-01-16"}},
		{"вчера", "Гомель, 5 октября 2022 г.\n\nВчера суд вынес приговор.", []string{"2022-10-04", "2022-10-05"}},
		{"later than a day without a year", "Pavel was detained on 2 June. Five days later he was placed in custody.", []string{"--06-02", "--06-07"}},
		{"позавчера", "Ереван, 12 июня 2025 года\n\nСуд позавчера рассмотрел жалобу.", []string{"2025-06-10", "2025-06-12"}},
		{"the day before yesterday", "Yerevan, 12 June 2025\n\nThe court heard the appeal the day before yesterday.", []string{"2025-06-10", "2025-06-12"}},
		{"last autumn", "Ashgabat, 20 January 2024\n\nTwo migrants deported last autumn were sentenced.", []string{"2023", "2024-01-20"}},
		{"прошлой осенью", "Ашхабад, 20 января 2024 года\n\nДвоих мигрантов, высланных прошлой осенью, осудили.", []string{"2023", "2024-01-20"}},
		{"два года назад", "Костанай, 3 апреля 2020 г.\n\nДва года назад его судили.", []string{"2018", "2020-04-03"}},
		{"weekday", "MOSCOW, 8 July 2022\n\nA court on Friday sentenced him. On Wednesday he was questioned.", []string{"2022-07-06", "2022-07-08"}},
		// A page's menu lines push the dateline below the head; "Place, date · Section" is
		// still the date of the text, and a month after it is of the year before.
		{"dateline below a menu", "Daily News\n\nPolitics\n\nCourts\n\nOpinion\n\nSport\n\nWeather\n\nA headline about a trial\n\nBatumi, October 14, 2025 · Courts\n\nThe court yesterday convicted the men detained at the November 3 march.",
			[]string{"2024-11-03", "2025-10-13", "2025-10-14"}},
		{"period heading", "WEEKLY DIGEST, 10-16 MARCH 2025\n\nOn 12 March she was detained.", []string{"2025-03-12"}},
		// Relative to an event told before, not to the date last written.
		{"weeks after the acquittal", "Tbilisi, 1 October 2025\n\nOn 1 July 2025 the court acquitted the four men. On 2 July 2025 their lawyers spoke. Three weeks after the acquittal, the judge was removed from office.",
			[]string{"2025-07-01", "2025-07-02", "2025-07-22", "2025-10-01"}},
		{"days after his detention", "Moscow, 1 June 2022\n\nPolice detained Gleb Savchenko on 26 April 2022. On 27 April his flat was searched. Two days after his detention, a court remanded him in custody.",
			[]string{"2022-04-26", "2022-04-27", "2022-04-28", "2022-06-01"}},
		{"before the verdict", "Minsk, 1 June 2022\n\nOn 20 May 2022 the court sentenced Ihar Loban to three years. On 25 May he appealed. Two days before the verdict, his wife was dismissed.",
			[]string{"2022-05-18", "2022-05-20", "2022-05-25", "2022-06-01"}},
		{"first night in custody", "Moscow, 1 June 2022\n\nGleb Savchenko was detained on 26 April 2022. He was questioned on 27 April. Guards beat him on his first night in custody.",
			[]string{"2022-04-26", "2022-04-27", "2022-06-01"}},
		{"after the first verdict", "Dushanbe, 1 July 2023\n\nOn 20 June 2023 the court again sentenced him. He was first sentenced on 15 November 2022. Two weeks after the first verdict, his wife was dismissed.",
			[]string{"2022-11-15", "2022-11-29", "2023-06-20", "2023-07-01"}},
		{"после оглашения приговора", "Москва, 1 июля 2025 года\n\n27 мая суд оставил без изменения приговор районного суда от 14 января 2025 года. Через пять недель после оглашения приговора адвоката лишили статуса.",
			[]string{"2025-01-14", "2025-02-18", "2025-05-27", "2025-07-01"}},
		{"в первую же ночь", "Алматы, 1 мая 2023 года\n\n22 марта 2023 года активиста задержали. 24 марта суд его арестовал. В первую же ночь его избили.",
			[]string{"2023-03-22", "2023-03-24", "2023-05-01"}},
		{"the day after a clause", "She was detained on 2 July 2022, the day after the protests began.", []string{"2022-07-01", "2022-07-02"}},
		{"на следующий день после", "Его задержали 2 июля 2022 года, на следующий день после начала протестов. Через день задержали его брата.", []string{"2022-07-01", "2022-07-02", "2022-07-03"}},
		{"duration after a date", "Активиста задержали 20 октября 2022 года. 15 июня 2023 года, почти через восемь месяцев в СИЗО, его перевели под домашний арест.",
			[]string{"2022-10-20", "2023-06-15"}},
		{"next day after background", "Yerevan, 6 April 2024\n\nThe court released Levon Sahakyan on Thursday. He was arrested on 9 December 2022.\n\nThe next day, the chamber opened disciplinary proceedings against his lawyer.",
			[]string{"2022-12-09", "2024-04-04", "2024-04-05", "2024-04-06"}},
		{"new section goes on from the story", "Gomel, 25 September 2024\n\nPolice searched the flat of Halina Loban on 17 September. Her son was sentenced on 2 July.\n\nDawn searches\n\nHalina Loban was released the same evening. Two days later her son's lawyer was detained.",
			[]string{"2024-07-02", "2024-09-17", "2024-09-19", "2024-09-25"}},
		{"attributive year", "He took part in the 2022 protests under the 2003 Criminal Code.", []string{"2003", "2022"}},
		{"not dates", "Article 2019 of the code; 40,000 euros; 1,500,000 tenge; the 99.8% rate; 16 2019.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := dates(Extract(tc.text))
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("dates of %q = %v, want %v", tc.text, got, want)
			}
		})
	}
}

func TestExtract_DatelineAndQuotes(t *testing.T) {
	text := "ALMATY, March 4, 2021 — A court fined the journalist.\n\nOn 12 November 2020 she was detained."
	r := Extract(text)
	if r.Dateline != "2021-03-04" {
		t.Fatalf("dateline = %q", r.Dateline)
	}
	// Every mention quotes the text at its offsets, which count characters.
	runes := []rune(text)
	for _, d := range r.Dates {
		for _, m := range d.Mentions {
			if got := string(runes[m.Start:m.End]); got != m.Quote {
				t.Errorf("date %s: text at %d-%d is %q, quote %q", d.Date, m.Start, m.End, got, m.Quote)
			}
		}
	}
	ru := "Москва, 17 февраля 2023 года\n\nСуд 15 февраля признал Марину Лебедеву виновной."
	r = Extract(ru)
	runes = []rune(ru)
	for _, p := range r.Persons {
		for _, m := range p.Mentions {
			if got := string(runes[m.Start:m.End]); got != m.Quote || !strings.Contains(m.Quote, "Лебедев") {
				t.Errorf("person %s: text at %d-%d is %q, quote %q", p.Name, m.Start, m.End, got, m.Quote)
			}
		}
	}
}
