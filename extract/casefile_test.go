package extract

import (
	"slices"
	"testing"
)

const caseText = `Almaty, 4 March 2021

On 3 March 2021, Judge Aliya Saparova of the Medeu District Court sentenced the activists Yerlan Zhumabayev and Dana Omarbekova to five years in prison each under Article 174 of the Criminal Code. The prosecutor, Marat Seitkali, had asked for seven years for both men. On 20 May 2021 the Almaty City Court upheld the verdict.
`

func TestExtract_Case(t *testing.T) {
	r := Extract(caseText)
	c := r.Case
	if c == nil {
		t.Fatal("no case")
	}
	if len(c.Defendants) != 2 || c.Defendants[0] != "Yerlan Zhumabayev" || c.Defendants[1] != "Dana Omarbekova" {
		t.Fatalf("defendants = %q", c.Defendants)
	}
	if len(c.Charges) != 1 || c.Charges[0] != "174" {
		t.Fatalf("charges = %q", c.Charges)
	}
	stages := map[string]*Proceeding{}
	for _, p := range c.Proceedings {
		stages[p.Stage] = p
	}
	first, appeal := stages["first instance"], stages["appeal"]
	if first == nil || appeal == nil {
		t.Fatalf("proceedings = %+v", c.Proceedings)
	}
	if first.Court != "Medeu District Court" || first.Judge != "Aliya Saparova" || first.Date != "2021-03-03" {
		t.Errorf("first instance = %+v", first)
	}
	if first.Prosecutor != "Marat Seitkali" || len(first.Demands) != 2 || len(first.Sentences) != 2 {
		t.Errorf("first instance: prosecutor %q, %d demands, %d sentences", first.Prosecutor, len(first.Demands), len(first.Sentences))
	}
	if appeal.Court != "Almaty City Court" || appeal.Date != "2021-05-20" || len(appeal.Outcomes) != 2 {
		t.Errorf("appeal = %+v", appeal)
	}
	for _, dm := range first.Demands {
		if dm.Term != "P7Y" || dm.Inferred == "" {
			t.Errorf("demand %+v: want P7Y inferred from a group phrase", dm)
		}
	}
}

// TestExtract_Groups: group phrases stand for the people they count, and compressed lists
// give each person their term.
func TestExtract_Groups(t *testing.T) {
	for _, tc := range []struct {
		text string
		kind string // "sentence", "demand" or an event type
		want map[string]string
	}{
		{`Bishkek, 11 October 2024

The court sentenced Aidana Asanova to six years, Bakyt Dzhusupov to five years and Elnura Kasymova to four years. The prosecutor had asked for eight years for each of the three.`,
			"demand", map[string]string{"Aidana Asanova": "P8Y", "Bakyt Dzhusupov": "P8Y", "Elnura Kasymova": "P8Y"}},
		{`Tashkent, 15 August 2021

The prosecutor asked for ten years for Ikrom Yusupov, eight years for Bobur Haydarov and Sardor Mirzaev, and 6 for Akmal Qodirov.`,
			"demand", map[string]string{"Ikrom Yusupov": "P10Y", "Bobur Haydarov": "P8Y", "Sardor Mirzaev": "P8Y", "Akmal Qodirov": "P6Y"}},
		{`Baku, 21 June 2025

He sentenced:
- Elvin Mammadli to 10 years' imprisonment (the prosecution had asked for 12);
- Sevinj Rzayeva to 9 years, and Tural Safarov to the same term.`,
			"sentence", map[string]string{"Elvin Mammadli": "P10Y", "Sevinj Rzayeva": "P9Y", "Tural Safarov": "P9Y"}},
		{`Tashkent, 15 August 2021

On 30 June 2021 the court sentenced Ikrom Yusupov, Bobur Haydarov and Sardor Mirzaev to seven years each. On 3 December 2020, officers searched the homes of all three men and detained them.`,
			"detention", map[string]string{"Ikrom Yusupov": "2020-12-03", "Bobur Haydarov": "2020-12-03", "Sardor Mirzaev": "2020-12-03"}},
		// A list item of two sentences does not end the list; an apposition between a pair
		// and "each"; a month in an item is no "may".
		{`Vienna, 4 March 2023

The court sentenced:

- Zoirshoh Davlatshoev to 18 years in a strict-regime colony. The prosecutor had asked for 20.
- Mamadsho Nazarmamadov and Ilhom Shirinbekov, both businessmen, to 16 years each.
- Payrav Alibekov, a journalist who had filmed the May 2022 protests, to 8 years.`,
			"sentence", map[string]string{"Zoirshoh Davlatshoev": "P18Y", "Mamadsho Nazarmamadov": "P16Y", "Ilhom Shirinbekov": "P16Y", "Payrav Alibekov": "P8Y"}},
		{`Vienna, 4 March 2023

The court sentenced Niyozbek Qurbonshoev to 12 years and Payrav Alibekov to 8 years. For Qurbonshoev and Alibekov, the prosecutor had requested the terms that the court imposed.`,
			"demand", map[string]string{"Niyozbek Qurbonshoev": "P12Y", "Payrav Alibekov": "P8Y"}},
	} {
		r := Extract(tc.text)
		got := map[string]string{}
		switch tc.kind {
		case "sentence":
			for _, p := range r.Sentences {
				got[p.Person] = p.Term
			}
		case "demand":
			for _, p := range r.Demands {
				got[p.Person] = p.Term
			}
		default:
			for _, e := range r.Events {
				if e.Type == tc.kind {
					got[e.Person] = e.Date
				}
			}
		}
		for p, v := range tc.want {
			if got[p] != v {
				t.Errorf("%s of %s = %q, want %q (all: %v)\n%s", tc.kind, p, got[p], v, got, tc.text)
			}
		}
	}
}

func TestExtract_InferredCharge(t *testing.T) {
	r := Extract("Astana, 2 May 2022\n\nThe court convicted Yerlan Zhumabayev of inciting social discord and sentenced him to three years.\n")
	for _, c := range r.Charges {
		if c.Article != "" && c.Inferred == "" {
			t.Errorf("charge %s read from the wording %q is not marked inferred", c.Article, c.Wording)
		}
	}
}

// TestExtract_QuashedAndSentBack: a verdict quashed and sent back for a new trial in one
// sentence is returned, not also overturned; quashed alone is overturned.
func TestExtract_QuashedAndSentBack(t *testing.T) {
	for text, want := range map[string]string{
		"Бишкек, 21 ноября 2025 г.\n\n2 сентября Верховный суд отменил оправдательный приговор Эрлану Токтогулову и направил дело на новое рассмотрение.":   "returned",
		"Tbilisi, 1 October 2025\n\nOn 16 September 2025 the Supreme Court quashed the acquittal of Giorgi Kapanadze and sent the case back for a retrial.": "returned",
		"Tbilisi, 1 October 2025\n\nOn 16 September 2025 the Supreme Court quashed the acquittal of Giorgi Kapanadze.":                                      "overturned",
	} {
		var got []string
		for _, o := range Extract(text).Outcomes {
			if o.Outcome != "acquitted" { // the acquittal quashed is an outcome of its own
				got = append(got, o.Outcome)
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("%q: outcomes %q, want only %q", text, got, want)
		}
	}
}

// A bare demand set against a term of another kind than prison is of that kind; a demand
// against a prison term stays one of prison.
func TestExtract_DemandKindFromSentence(t *testing.T) {
	text := `Алматы, 10 ноября 2023 года

Асель Жунусова получила два года ограничения свободы, хотя прокурор требовал для неё три года. Дарине Бекмухановой назначен один год ограничения свободы; для неё обвинение просило полтора года. Талгат Омаров получил четыре года лишения свободы, хотя прокурор требовал для него пять лет.`
	want := map[string]string{
		"Асель Жунусова":     "restriction of freedom P3Y",
		"Дарина Бекмуханова": "restriction of freedom P1Y6M",
		"Талгат Омаров":      "imprisonment P5Y",
	}
	got := map[string]string{}
	for _, p := range Extract(text).Demands {
		got[p.Person] = p.Kind + " " + p.Term
	}
	for p, v := range want {
		if got[p] != v {
			t.Errorf("demand for %s = %q, want %q (all: %v)", p, got[p], v, got)
		}
	}
}

// An outcome said of one of several people goes to the list its nearest name is part of,
// not to a judge named beside it.
func TestExtract_OutcomeOfAList(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Бишкек, 20 сентября 2024 года\n\n18 сентября дело Нурбека Абдыкадырова, Гульнары Сатыбалдиевой, Эрмека Жумабаева и Таланта Осмонова направлено на новое рассмотрение.",
			[]string{"Гульнара Сатыбалдиева returned", "Нурбек Абдыкадыров returned", "Талант Осмонов returned", "Эрмек Жумабаев returned"}},
		{"Aktau, 1 March 2019\n\nIn the case of Aigul Akberdiyeva, Judge Gulnara Baiturova rendered an acquittal.",
			[]string{"Aigul Akberdiyeva acquitted"}},
	} {
		var got []string
		for _, o := range Extract(tc.text).Outcomes {
			got = append(got, o.Person+" "+o.Outcome)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("outcomes of %q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// Terms told "respectively" go to the people in the order they were named: in the sentence,
// else those of the penalties told last.
func TestExtract_Respectively(t *testing.T) {
	for _, tc := range []struct {
		text string
		kind string
		want map[string]string
	}{
		{"Mogilev, 31 October 2025\n\nAliaksandr Hrydziuk received four years in a penal colony, Iryna Shpak three years, and Mikita Rudzko two and a half years of restricted freedom. The prosecutor had asked for five, four and three years of imprisonment respectively.",
			"demand", map[string]string{"Aliaksandr Hrydziuk": "imprisonment P5Y", "Iryna Shpak": "imprisonment P4Y", "Mikita Rudzko": "imprisonment P3Y"}},
		{"Владимир, 1 июня 2025 года\n\nСуд назначил Вадиму Ольшанскому пять с половиной лет лишения свободы, Алексею Тарасевичу — четыре года, Игорю Мельнику — три с половиной года. Кроме того, Ольшанскому на три года запрещено заниматься адвокатской деятельностью. Прокурор Евгений Брагин просил для них шесть, пять и четыре года соответственно.",
			"demand", map[string]string{"Вадим Ольшанский": "imprisonment P6Y", "Алексей Тарасевич": "imprisonment P5Y", "Игорь Мельник": "imprisonment P4Y"}},
		{"Minsk, 2 May 2022\n\nThe court sentenced Ihar Loban, Pavel Karaliou and Yuliya Maroz to six, five and four years respectively.",
			"sentence", map[string]string{"Ihar Loban": "imprisonment P6Y", "Pavel Karaliou": "imprisonment P5Y", "Yuliya Maroz": "imprisonment P4Y"}},
	} {
		r := Extract(tc.text)
		list := r.Demands
		if tc.kind == "sentence" {
			list = r.Sentences
		}
		got := map[string]string{}
		for _, p := range list {
			got[p.Person] = p.Kind + " " + p.Term
		}
		for p, v := range tc.want {
			if got[p] != v {
				t.Errorf("%s for %s = %q, want %q (all: %v)\n%s", tc.kind, p, got[p], v, got, tc.text)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%ss = %v, want %v", tc.kind, got, tc.want)
		}
	}
}
