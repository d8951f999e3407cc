package extract

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestLemmaOf(t *testing.T) {
	for form, want := range map[string]string{
		"banned": "ban", "barred": "bar", "revoked": "revoke", "revoking": "revoke", "searches": "search",
		"died": "die", "freed": "free", "dragging": "drag", "beaten": "beat", "licences": "licence",
		"задержана": "задержанный", "задержали": "задержать", "избили": "избить", "пыток": "пытка",
		"стражей": "стражей", "лишённого": "лишённый", "лишенного": "лишённый", "ұстады": "ұстау",
		"press": "press", "was": "was",
	} {
		cyr := strings.IndexFunc(form, func(r rune) bool { return r >= 0x400 && r < 0x530 }) >= 0
		if got := lemmaOf(form, cyr); got != want {
			t.Errorf("lemmaOf(%q) = %q, want %q", form, got, want)
		}
	}
}

// allEvents returns the events of a result, those without a date among them.
func allEvents(r *Result) []*Event {
	return slices.Concat(r.Events, r.Undated)
}

// eventsOf returns the events of a text as "type date person", sorted; an event without a
// date is "type  person".
func eventsOf(text string) []string {
	var out []string
	for _, e := range allEvents(Extract(text)) {
		out = append(out, strings.TrimSpace(e.Type+" "+e.Date+" "+e.Person))
	}
	sort.Strings(out)
	return out
}

// TestExtract_EventVocabulary: events are read from the vocabulary in every inflected form,
// phrased administratively, as a state, or with a companion word; generic, counted,
// negated and hypothetical sentences propose none.
func TestExtract_EventVocabulary(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Minsk, 2 May 2022\n\nOn 14 April 2022 the Ministry of Justice revoked the licence of the lawyer Yuliya Maroz.",
			[]string{"disciplinary action 2022-04-14 Yuliya Maroz"}},
		{"Almaty, 2 May 2022\n\nOn 14 April 2022 the bar membership of the lawyer Aigerim Sadykova was terminated.",
			[]string{"disciplinary action 2022-04-14 Aigerim Sadykova"}},
		{"Almaty, 2 May 2022\n\nOn 14 April 2022 a commission declared the lawyer Aigerim Sadykova unfit for the profession.",
			[]string{"disciplinary action 2022-04-14 Aigerim Sadykova"}},
		{"Almaty, 2 May 2022\n\nOn 14 April 2022 the lawyer Aigerim Sadykova was excluded from the bar.",
			[]string{"disciplinary action 2022-04-14 Aigerim Sadykova"}},
		{"Moscow, 2 May 2022\n\nThe journalist Ivan Petrov has been in custody since 3 March 2022.",
			[]string{"arrest 2022-03-03 Ivan Petrov"}},
		{"Москва, 2 мая 2022 года\n\nЖурналист Иван Петров находится под стражей с 3 марта 2022 года.",
			[]string{"arrest 2022-03-03 Иван Петров"}},
		{"Bishkek, 2 May 2022\n\nOn 20 April 2022 the court released the poet Aiperi Sydykova to house arrest.",
			[]string{"house arrest 2022-04-20 Aiperi Sydykova"}},
		{"Москва, 2 мая 2022 года\n\n20 апреля 2022 года полицейские избили журналиста Ивана Петрова.",
			[]string{"torture allegation 2022-04-20 Иван Петров"}},
		{"Москва, 2 мая 2022 года\n\n20 апреля 2022 года Ивана Петрова лишили статуса адвоката.",
			[]string{"disciplinary action 2022-04-20 Иван Петров"}},
		{"Moscow, 2 May 2022\n\nOn 20 April 2022 guards subjected Ivan Petrov to electric shocks.",
			[]string{"torture allegation 2022-04-20 Ivan Petrov"}},
		{"Moscow, 2 May 2022\n\nOn 20 April 2022 the activist Ivan Petrov was banned from leaving Russia.",
			[]string{"travel ban 2022-04-20 Ivan Petrov"}},
		// Dated by the event they are told relative to.
		{"Moscow, 1 June 2022\n\nPolice detained Gleb Savchenko on 26 April 2022. On 28 April a court remanded him in custody. Guards beat him on his first night in custody.",
			[]string{"arrest 2022-04-28 Gleb Savchenko", "detention 2022-04-26 Gleb Savchenko", "torture allegation 2022-04-26 Gleb Savchenko"}},
		{"Алматы, 1 мая 2023 года\n\n22 марта 2023 года Талгата Омарова задержали. 24 марта суд его арестовал. В первую же ночь его избили.",
			[]string{"arrest 2023-03-24 Талгат Омаров", "detention 2023-03-22 Талгат Омаров", "torture allegation 2023-03-22 Талгат Омаров"}},
		{"Dushanbe, 1 July 2023\n\nThe court sentenced Rustam Jalolov on 15 November 2022. On 1 December 2022 he appealed. Two weeks after the verdict, his wife, Manizha Jalolova, was dismissed from her job.",
			[]string{"dismissal 2022-11-29 Manizha Jalolova"}},
		{"Ufa, 1 March 2025\n\nAzat Khamitov was detained on 4 February 2024, the day after the gathering, and remanded in custody two days later.",
			[]string{"arrest 2024-02-06 Azat Khamitov", "detention 2024-02-04 Azat Khamitov"}},
		{"Ufa, 1 March 2025\n\nOn 9 February 2024 police detained Ilshat Kutlugildin. He was remanded in custody on 11 February.",
			[]string{"arrest 2024-02-11 Ilshat Kutlugildin", "detention 2024-02-09 Ilshat Kutlugildin"}},
		// The object inside a phrase, and a group as the subject.
		{"Pavlodar, 14 October 2025\n\nOn 16 April 2025 the police barred Marzhan Ibrayeva from leaving the country.",
			[]string{"travel ban 2025-04-16 Marzhan Ibrayeva"}},
		{"Москва, 1 мая 2025 года\n\nАктивиста Степана Мальцева задержали 17 января 2025 года. 19 января суд отправил активиста под стражу.",
			[]string{"arrest 2025-01-19 Степан Мальцев", "detention 2025-01-17 Степан Мальцев"}},
		{"Vilnius, 3 November 2025\n\nThe court sentenced Aliaksandr Hrydziuk, Iryna Shpak and Mikita Rudzko to four years each. The three were detained on 12 May 2025. On 14 May investigators placed all three in custody.",
			[]string{"arrest 2025-05-14 Aliaksandr Hrydziuk", "arrest 2025-05-14 Iryna Shpak", "arrest 2025-05-14 Mikita Rudzko",
				"detention 2025-05-12 Aliaksandr Hrydziuk", "detention 2025-05-12 Iryna Shpak", "detention 2025-05-12 Mikita Rudzko"}},
		// An event noun after a possessive names an event told before; its person's own.
		{"Tbilisi, 1 October 2025\n\nDavit Mamulashvili was detained on 4 December 2024. Nino Gelashvili was detained on 5 December. Mamulashvili told the court that after his detention officers beat him. On 3 March 2025 Mamulashvili's detention was changed to bail.",
			[]string{"detention 2024-12-04 Davit Mamulashvili", "detention 2024-12-05 Nino Gelashvili", "torture allegation 2024-12-04 Davit Mamulashvili"}},
		{"Tashkent, 1 May 2024\n\nThe blogger Jasur Normatov denies the charges. On 14 March 2024 the court ordered his arrest.",
			[]string{"arrest 2024-03-14 Jasur Normatov"}},
		// A section's title tells no event; "their detention" is the detention, not the remand.
		{"Tashkent, 15 August 2021\n\nArrest and pre-trial detention\nOn 3 December 2020 officers detained Sardor Mirzaev. On 5 December a court remanded him in custody. He says that on the day of his detention officers had beaten him.",
			[]string{"arrest 2020-12-05 Sardor Mirzaev", "detention 2020-12-03 Sardor Mirzaev", "torture allegation 2020-12-03 Sardor Mirzaev"}},
		{"Minsk, 2 May 2022\n\nSearches and dismissals\n\nOn 20 April 2022 the court sentenced Ihar Loban to three years.", nil},
		// "on the spot" across a paragraph; "They were detained"; a risk of torture is none.
		{"Ashgabat, 29 January 2024\n\nOn 14 September 2023, Rovshen Durdyev and Azat Gylychev held a picket near the embassy.\n\nMoscow police detained Durdyev and Gylychev on the spot.\n\nOn 2 October 2023, both men were put on a flight to Ashgabat. They were detained on arrival. States must not return a person to a country where they would be in danger of being subjected to torture.",
			[]string{"detention 2023-09-14 Azat Gylychev", "detention 2023-09-14 Rovshen Durdyev", "detention 2023-10-02 Azat Gylychev", "detention 2023-10-02 Rovshen Durdyev"}},
		// "the other three defendants": the defendants include those a group's demand names.
		{"Bishkek, 11 October 2024\n\nThe court sentenced Aidana Asanova and Bakyt Dzhusupov to six years. Reporters Elnura Kasymova, Meerim Toktorova and Chyngyz Rysbekov were tried with them. The prosecutor had asked for five years for each of the three.\n\nOn 17 January 2024 the court remanded Asanova and Dzhusupov in custody and placed the other three defendants under house arrest.",
			[]string{"arrest 2024-01-17 Aidana Asanova", "arrest 2024-01-17 Bakyt Dzhusupov", "house arrest 2024-01-17 Chyngyz Rysbekov", "house arrest 2024-01-17 Elnura Kasymova", "house arrest 2024-01-17 Meerim Toktorova"}},
		// The object of a phrase may be a list: "отправил Мкртчяна и Оганесяна под стражу".
		{"Ереван, 12 июня 2025 года\n\nАрсен Мкртчян и Давид Оганесян были задержаны 26 мая 2024 года. Через два дня суд отправил Мкртчяна и Оганесяна под стражу на два месяца.",
			[]string{"arrest 2024-05-28 Арсен Мкртчян", "arrest 2024-05-28 Давид Оганесян", "detention 2024-05-26 Арсен Мкртчян", "detention 2024-05-26 Давид Оганесян"}},
		// A judge's sanction of an arrest is the arrest.
		{"Алматы, 1 декабря 2023 года\n\nБауыржан Сейткали был задержан 22 марта 2023 года. 24 марта следственный судья санкционировал арест Сейткали на два месяца.",
			[]string{"arrest 2023-03-24 Бауыржан Сейткали", "detention 2023-03-22 Бауыржан Сейткали"}},
		// Generic, counted, negated and hypothetical: none.
		{"Minsk, 2 May 2022\n\nThe lawyer Yuliya Maroz spoke at a conference. Dozens of lawyers have been disbarred since 2021.", nil},
		{"Minsk, 2 May 2022\n\nThe lawyer Yuliya Maroz spoke at a conference. Since 2020 more than 120 lawyers have been disbarred.", nil},
		{"Almaty, 2 May 2022\n\nOn 20 April 2022 police searched the flat of Dana Omarbekova. She was not detained.",
			[]string{"search 2022-04-20 Dana Omarbekova"}},
		{"Almaty, 2 May 2022\n\nThe activist Dana Omarbekova could be arrested if she returns.", nil},
		{"Almaty, 2 May 2022\n\nOn 20 April 2022 the court refused to place Dana Omarbekova in custody.", nil},
		{"Almaty, 2 May 2022\n\nThe activist Dana Omarbekova said the case was opened to remove her from the election.", nil},
	} {
		got := eventsOf(tc.text)
		if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// TestExtract_EventAfterClause: a date "a day after CLAUSE" dates the event of its clause.
func TestExtract_EventAfterClause(t *testing.T) {
	r := Extract("Baku, 1 March 2024\n\nLeyla Mammadova was detained on 20 November 2023, a day after police raided the outlet's office.")
	dates := map[string]string{}
	for _, e := range r.Events {
		dates[e.Type] = e.Date
	}
	if dates["detention"] != "2023-11-20" || dates["search"] != "2023-11-19" {
		t.Errorf("events = %v, want the detention on 2023-11-20 and the search on 2023-11-19", dates)
	}
}

// TestExtract_TravelBanNoSentence: a ban on leaving the country is a travel ban, not a
// sentence's ban from an activity.
func TestExtract_TravelBanNoSentence(t *testing.T) {
	r := Extract("Shymkent, 5 September 2022\n\nOn 2 September a bailiff imposed a ban on his leaving the country on the lawyer Yerbol Tokhtarov.")
	if len(r.Sentences) != 0 {
		t.Errorf("sentences = %+v, want none", r.Sentences)
	}
	if got := eventsOf("Shymkent, 5 September 2022\n\nOn 2 September a bailiff imposed a ban on his leaving the country on the lawyer Yerbol Tokhtarov."); len(got) != 1 || !strings.HasPrefix(got[0], "travel ban 2022-09-02") {
		t.Errorf("events = %q, want a travel ban on 2022-09-02", got)
	}
}
