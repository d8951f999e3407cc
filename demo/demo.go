// Package demo loads the seed case into a store as structured records: the Open Dialogue
// Foundation's press release of 11 February 2019 on the acquittal of Aigul Akberdiyeva by
// Judge Gulnara Baiturova of the Aktau City Court and the removal of the court's chairman,
// Malik Kenzhaliyev, the next day. Every fact is a public statement footnoted to the source
// the press release cites for it or, where it cites none, to the press release itself.
package demo

import (
	"context"
	"fmt"

	"github.com/docketorg/docket"
)

// Ids are readable and fixed, so that the demo can be named in documentation and tests.
const (
	PressRelease = "src-odf-2019-02-11"
	CriminalCode = "src-kz-criminal-code"

	AktauCityCourt  = "org-aktau-city-court"
	Akberdiyeva     = "person-akberdiyeva"
	Baiturova       = "person-baiturova"
	Kenzhaliyev     = "person-kenzhaliyev"
	Dzhumayev       = "person-dzhumayev"
	Nagashibayev    = "person-nagashibayev"
	AkberdiyevaCase = "case-akberdiyeva"
	Acquittal       = "event-acquittal"
	Removal         = "event-removal"
)

// source is a source of the demo with its footnote number in the press release (0: none).
type source struct {
	id, url, title, typ, published string
	footnote                       int
}

var sources = []source{
	{id: "src-fn1-tumba", url: "https://tumba.kz/41092.html", typ: "news", footnote: 1},
	{id: "src-fn2-facebook", url: "https://www.facebook.com/bota.jardemalie.1/videos/389094241876479/", typ: "video", footnote: 2},
	{id: "src-fn3-facebook", url: "https://www.facebook.com/voloshinaluda/videos/2517564161607047/?eid=ARAMUA5yo3817gnsHzA6uhspVcL390VaDZXzS5EgtBDKsv1B3Z4sxGr7lBCJqI6axjmFjXexi6qrkP_d", typ: "video", footnote: 3},
	{id: "src-fn4-bureau", url: "https://bureau.kz/novosti/sobstvennaya_informaciya/evropa_kz_na_razvitie/", typ: "news", footnote: 4},
	{id: "src-fn5-odf", url: "https://en.odfoundation.eu/a/8949,collective-complaint-be-quiet-or-be-charged-with-extremism", typ: "report", footnote: 5},
}

// fact is one statement: property, value, source, locator in the source, a few words quoted.
type fact struct{ prop, value, src, loc, quote string }

// pr cites the press release at a paragraph (counted from the first after the headline).
func pr(prop, value string, para int, quote string) fact {
	return fact{prop, value, PressRelease, fmt.Sprintf("para. %d", para), quote}
}

// fn cites the source behind footnote n of the press release.
func fn(prop, value string, n int, quote string) fact {
	return fact{prop, value, sources[n-1].id, fmt.Sprintf("footnote %d", n), quote}
}

type entity struct {
	id, schema string
	facts      []fact
}

var entities = []entity{
	{"org-odf", "Organization", []fact{
		pr("name", "Open Dialogue Foundation", 12, ""), pr("kind", "ngo", 12, ""), {"city", "Warsaw", PressRelease, "dateline", "Warsaw"},
	}},
	{AktauCityCourt, "Organization", []fact{
		pr("name", "Aktau City Court", 1, "Aktau City Court"), pr("kind", "court", 1, ""), pr("level", "city", 1, ""),
		pr("city", "Aktau", 1, ""), pr("country", "kz", 1, ""),
	}},
	{"org-appellate-court", "Organization", []fact{
		pr("name", "Appellate Court", 9, "The Appellate Court"), pr("kind", "court", 9, ""), pr("level", "appellate", 9, ""), pr("country", "kz", 9, ""),
	}},
	{"org-disciplinary-commission", "Organization", []fact{
		pr("name", "Disciplinary commission (judicial ethics)", 4, "The disciplinary commission"), pr("kind", "disciplinary body", 4, ""), pr("country", "kz", 4, ""),
	}},
	{"org-kz-security-services", "Organization", []fact{
		pr("name", "Kazakhstani security services", 7, "Kazakhstani security services"), pr("kind", "security service", 7, ""), pr("country", "kz", 7, ""),
	}},
	{"org-aktau-police", "Organization", []fact{
		pr("name", "Police (Aktau)", 7, "the police arrived"), pr("kind", "police", 7, ""), pr("city", "Aktau", 7, ""), pr("country", "kz", 7, ""),
	}},
	{"org-italian-federation", "Organization", []fact{
		pr("name", "Italian Federation for Human Rights", 6, "Italian Federation for Human Rights"), pr("kind", "ngo", 6, ""),
		pr("description", "Sent an international monitoring mission to the press conference in Aktau on 11 February 2019.", 6, "international monitoring mission"),
	}},
	{Akberdiyeva, "Person", []fact{
		pr("name", "Aigul Akberdiyeva", 2, ""), pr("country", "kz", 2, ""), pr("occupation", "activist", 2, "critical comments on social networks"),
	}},
	{Baiturova, "Person", []fact{
		pr("name", "Gulnara Baiturova", 2, "Judge Gulnara Baiturova"), pr("alias", "Gulnara Bayturova", 2, "Judge Bayturova"),
		pr("occupation", "judge", 2, ""), pr("country", "kz", 2, ""),
	}},
	{Kenzhaliyev, "Person", []fact{
		pr("name", "Malik Kenzhaliyev", 1, ""), pr("occupation", "judge", 3, ""), pr("country", "kz", 1, ""),
	}},
	{Dzhumayev, "Person", []fact{
		pr("name", "Ablovas Dzhumayev", 9, ""), pr("country", "kz", 9, ""), pr("spouse", Akberdiyeva, 8, "Akberdiyeva’s spouse"),
	}},
	{Nagashibayev, "Person", []fact{
		pr("name", "Aralbay Nagashibayev", 9, "Judge Aralbay Nagashibayev"), pr("occupation", "judge", 9, ""), pr("country", "kz", 9, ""),
	}},
	{"person-yerimbetov", "Person", []fact{pr("name", "Iskander Yerimbetov", 8, ""), pr("country", "kz", 8, "")}},
	{"person-zhumagulov", "Person", []fact{pr("name", "Almat Zhumagulov", 8, ""), pr("country", "kz", 8, "")}},
	{"person-abishev", "Person", []fact{pr("name", "Kenzhebek Abishev", 8, ""), pr("country", "kz", 8, "")}},
	{"person-kozlovska", "Person", []fact{
		pr("name", "Lyudmyla Kozlovska", 13, ""), pr("description", "Contact person for the press release at the Open Dialogue Foundation.", 13, ""),
	}},
	{"position-kenzhaliyev-chairman", "Position", []fact{
		pr("name", "Malik Kenzhaliyev, chairman of the Aktau City Court", 1, ""),
		pr("holder", Kenzhaliyev, 1, ""), pr("organization", AktauCityCourt, 1, ""), pr("post", "chairman", 1, "Chairman of the Aktau City Court"),
		pr("endDate", "2019-02-07", 3, "on 7 February 2019"),
		pr("endReason", "Removed from his post the day after his court acquitted Aigul Akberdiyeva; formally suspended for an offence against judicial ethics.", 3, "removed from his post"),
	}},
	{"position-kenzhaliyev-judge", "Position", []fact{
		pr("name", "Malik Kenzhaliyev, judge of the Aktau City Court", 3, ""),
		pr("holder", Kenzhaliyev, 3, ""), pr("organization", AktauCityCourt, 3, ""), pr("post", "judge", 3, ""),
		pr("endDate", "2019-02-07", 3, ""), pr("endReason", "Powers as a judge terminated.", 3, "powers as a judge were also terminated"),
	}},
	{"position-baiturova-judge", "Position", []fact{
		pr("name", "Gulnara Baiturova, judge of the Aktau City Court", 2, ""),
		pr("holder", Baiturova, 2, ""), pr("organization", AktauCityCourt, 2, "Aktau City Court Judge"), pr("post", "judge", 2, ""),
	}},
	{"position-nagashibayev-judge", "Position", []fact{
		pr("name", "Aralbay Nagashibayev, judge of the Aktau City Court", 9, ""),
		pr("holder", Nagashibayev, 9, ""), pr("organization", AktauCityCourt, 9, ""), pr("post", "judge", 9, ""),
	}},
	{AkberdiyevaCase, "Case", []fact{
		pr("name", "Case of Aigul Akberdiyeva", 2, ""), pr("country", "kz", 2, ""), pr("defendant", Akberdiyeva, 2, ""),
		pr("politicallyMotivated", "yes", 0, "politically motivated case"),
		pr("criteria", "Prosecuted for critical comments on social networks.", 2, "critical comments on social networks"),
	}},
	{"case-dzhumayev", "Case", []fact{
		pr("name", "Case of Ablovas Dzhumayev", 9, ""), pr("country", "kz", 9, ""), pr("defendant", Dzhumayev, 9, ""),
		pr("politicallyMotivated", "yes", 12, "seek the release of Ablovas Dzhumayev"),
		fn("criteria", "Prosecuted for criticising the authorities on social networks.", 5, "criticised the authorities"),
	}},
	{"charge-akberdiyeva-179", "Charge", []fact{
		pr("name", "Akberdiyeva: article 179 of the Criminal Code", 2, ""),
		pr("case", AkberdiyevaCase, 2, ""), pr("defendant", Akberdiyeva, 2, ""),
		pr("wording", "calling for the seizure of power", 2, "calling for the seizure of power"),
		{"code", "KZ-CC", CriminalCode, "art. 179", ""}, {"article", "179", CriminalCode, "art. 179", "seizure or retention of power"},
	}},
	{"charge-dzhumayev-174", "Charge", []fact{
		pr("name", "Dzhumayev: article 174 of the Criminal Code", 9, ""),
		pr("case", "case-dzhumayev", 9, ""), pr("defendant", Dzhumayev, 9, ""),
		pr("wording", "inciting social discord", 9, "inciting social discord"),
		{"code", "KZ-CC", CriminalCode, "art. 174", ""}, {"article", "174", CriminalCode, "art. 174", "inciting social"},
	}},
	{"charge-dzhumayev-179", "Charge", []fact{
		pr("name", "Dzhumayev: article 179 of the Criminal Code", 9, ""),
		pr("case", "case-dzhumayev", 9, ""), pr("defendant", Dzhumayev, 9, ""),
		pr("wording", "calling for the seizure of power", 9, "calling for the seizure of power"),
		{"code", "KZ-CC", CriminalCode, "art. 179", ""}, {"article", "179", CriminalCode, "art. 179", "seizure or retention of power"},
	}},
	{"proceeding-akberdiyeva-1", "Proceeding", []fact{
		pr("name", "Akberdiyeva: first instance, Aktau City Court", 2, ""),
		pr("case", AkberdiyevaCase, 2, ""), pr("stage", "first instance", 2, ""), pr("court", AktauCityCourt, 2, ""),
		pr("judge", Baiturova, 2, ""), pr("defendant", Akberdiyeva, 2, ""), pr("charge", "charge-akberdiyeva-179", 2, ""),
		pr("demand", "restriction of freedom", 2, "sentenced to restriction of freedom"),
		pr("outcome", "acquitted", 2, "acquitted her"), pr("date", "2019-02-06", 2, "On 6 February 2019"),
	}},
	{"proceeding-dzhumayev-1", "Proceeding", []fact{
		pr("name", "Dzhumayev: first instance, Aktau City Court", 9, ""),
		pr("case", "case-dzhumayev", 9, ""), pr("stage", "first instance", 9, ""), pr("court", AktauCityCourt, 9, ""),
		pr("judge", Nagashibayev, 9, ""), pr("defendant", Dzhumayev, 9, ""),
		pr("charge", "charge-dzhumayev-174", 9, ""), pr("charge", "charge-dzhumayev-179", 9, ""),
		pr("outcome", "convicted", 9, ""), pr("sentence", "imprisonment P3Y", 9, "three years’ imprisonment"),
		pr("date", "2018-09", 9, "In September 2018"),
	}},
	{"proceeding-dzhumayev-appeal", "Proceeding", []fact{
		pr("name", "Dzhumayev: appeal", 9, ""),
		pr("case", "case-dzhumayev", 9, ""), pr("stage", "appeal", 9, ""), pr("court", "org-appellate-court", 9, ""),
		pr("defendant", Dzhumayev, 9, ""), pr("outcome", "upheld", 9, "upheld the sentence"),
	}},
	{Acquittal, "Event", []fact{
		pr("name", "Acquittal of Aigul Akberdiyeva", 2, ""), pr("type", "verdict", 2, ""), pr("date", "2019-02-06", 2, "On 6 February 2019"),
		pr("place", "Aktau", 2, ""), pr("case", AkberdiyevaCase, 2, ""), pr("participant", Baiturova, 2, ""), pr("participant", Akberdiyeva, 2, ""),
	}},
	{Removal, "Event", []fact{
		pr("name", "Removal of Malik Kenzhaliyev as chairman of the Aktau City Court", 3, ""), pr("type", "dismissal", 3, ""),
		pr("date", "2019-02-07", 3, "The next day, on 7 February 2019"), pr("place", "Aktau", 3, ""),
		pr("victim", Kenzhaliyev, 3, ""), pr("perpetrator", "org-disciplinary-commission", 4, ""), pr("case", AkberdiyevaCase, 10, ""),
		pr("follows", Acquittal, 3, "The next day"),
		pr("retaliationFor", Acquittal, 10, "the true reason"),
		fn("retaliationFor", Acquittal, 2, "persecuted precisely in connection"),
		fn("description", "Formally suspended for an offence against judicial ethics: the disciplinary commission alleged that, two years earlier, he had not paid workers building his house in full.", 1, "contrary to judicial ethics"),
	}},
	{"event-threat", "Event", []fact{
		pr("name", "Ten people demand that Malik Kenzhaliyev leave his office", 5, ""), pr("type", "threat", 5, ""),
		pr("victim", Kenzhaliyev, 5, ""), pr("follows", Acquittal, 5, ""),
		fn("description", "Ten people came to him and demanded that he leave his office.", 3, "ten people came to him"),
	}},
	{"event-disruption", "Event", []fact{
		pr("name", "Press conference of Malik Kenzhaliyev disrupted", 6, ""), pr("type", "disruption", 6, ""),
		pr("date", "2019-02-11", 6, "On 11 February 2019"), pr("place", "Aktau", 6, ""),
		pr("victim", Kenzhaliyev, 6, ""), pr("observer", "org-italian-federation", 6, "international monitoring mission"),
		pr("follows", Removal, 6, ""),
		pr("description", "Unidentified persons turned off the lights, set off the fire alarm and forced the audience to leave before the press conference began.", 6, "disrupted by unidentified persons"),
	}},
	{"event-pressure", "Event", []fact{
		pr("name", "Pressure on Malik Kenzhaliyev by the security services", 7, ""), pr("type", "threat", 7, ""),
		pr("victim", Kenzhaliyev, 7, ""), pr("perpetrator", "org-kz-security-services", 7, "pressure had been exerted"),
	}},
	{"event-detention", "Event", []fact{
		pr("name", "Detention of those gathered for the press conference, including journalists and international observers", 7, ""),
		pr("type", "detention", 7, ""), pr("date", "2019-02-11", 7, "Shortly after"), pr("place", "Aktau", 7, ""),
		pr("perpetrator", "org-aktau-police", 7, ""), pr("victim", "org-italian-federation", 7, "international observers"),
		pr("follows", "event-disruption", 7, "Shortly after"),
		pr("description", "Taken to the police station and interrogated.", 7, "interrogated all the detainees"),
	}},
	{"event-release", "Event", []fact{
		pr("name", "Release of the detainees after interrogation", 7, ""), pr("type", "release", 7, ""),
		pr("date", "2019-02-11", 7, "before releasing them"), pr("place", "Aktau", 7, ""), pr("follows", "event-detention", 7, ""),
	}},
	{"event-torture-yerimbetov", "Event", []fact{
		pr("name", "Torture of Iskander Yerimbetov alleged", 8, ""),
		pr("type", "torture allegation", 8, "victims of torture"), pr("victim", "person-yerimbetov", 8, ""), pr("perpetrator", "org-kz-security-services", 8, ""),
	}},
	{"event-torture-zhumagulov", "Event", []fact{
		pr("name", "Torture of Almat Zhumagulov alleged", 8, ""),
		pr("type", "torture allegation", 8, "victims of torture"), pr("victim", "person-zhumagulov", 8, ""), pr("perpetrator", "org-kz-security-services", 8, ""),
	}},
	{"event-torture-abishev", "Event", []fact{
		pr("name", "Torture of Kenzhebek Abishev alleged", 8, ""),
		pr("type", "torture allegation", 8, "victims of torture"), pr("victim", "person-abishev", 8, ""), pr("perpetrator", "org-kz-security-services", 8, ""),
	}},
	{"event-torture-dzhumayev", "Event", []fact{
		pr("name", "Torture of Ablovas Dzhumayev alleged", 8, ""),
		pr("type", "torture allegation", 8, "victims of torture"), pr("victim", Dzhumayev, 8, ""), pr("perpetrator", "org-kz-security-services", 8, ""),
		pr("case", "case-dzhumayev", 8, ""),
	}},
	{"statistic-kz-convictions", "Statistic", []fact{
		fn("name", "Share of court sentences in Kazakhstan that are convictions", 4, ""),
		fn("value", "99.8", 4, "99.8%"), fn("unit", "percent", 4, ""),
		fn("scope", "All court sentences in Kazakhstan", 4, "court sentences in Kazakhstan"), fn("country", "kz", 4, ""),
	}},
}

// Loaded reports whether the demo is in the store already.
func Loaded(ctx context.Context, st docket.Store) (bool, error) {
	_, err := st.FindEntityByID(ctx, docket.Operator("demo"), Akberdiyeva)
	if docket.ErrorCode(err) == docket.ENOTFOUND {
		return false, nil
	}
	return err == nil, err
}

// Load writes the seed case as v. It fails with ECONFLICT if the demo is loaded already.
func Load(ctx context.Context, st docket.Store, v docket.Viewer) error {
	if ok, err := Loaded(ctx, st); err != nil {
		return err
	} else if ok {
		return docket.Errorf(docket.ECONFLICT, "the demo is loaded already")
	}
	release := &docket.Source{ID: PressRelease, Title: "Kazakhstani judges subjected to persecution following the acquittal of a victim of a politically motivated case",
		Publisher: "Open Dialogue Foundation", Type: "press release", Published: "2019-02-11", Lang: "en", Note: "Press release issued in Warsaw.", Sensitivity: docket.Public}
	if err := st.CreateSource(ctx, v, release); err != nil {
		return fmt.Errorf("demo source %s: %w", release.ID, err)
	}
	code, _ := docket.Vocab.Code("KZ-CC")
	law := &docket.Source{ID: CriminalCode, URL: "https://adilet.zan.kz/eng/docs/K1400000226", Title: code.Title, Publisher: "Republic of Kazakhstan",
		Type: "official", Lang: "en", Note: "Articles matched to the charges' wording through Docket's KZ-CC vocabulary.", Sensitivity: docket.Public}
	if err := st.CreateSource(ctx, v, law); err != nil {
		return fmt.Errorf("demo source %s: %w", law.ID, err)
	}
	for _, s := range sources {
		src := &docket.Source{ID: s.id, URL: s.url, Type: s.typ, CitedIn: PressRelease, Sensitivity: docket.Public,
			Note: fmt.Sprintf("Footnote %d of the press release of 11 February 2019.", s.footnote)}
		if err := st.CreateSource(ctx, v, src); err != nil {
			return fmt.Errorf("demo source %s: %w", s.id, err)
		}
	}
	for _, e := range entities {
		var ss []*docket.Statement
		for _, f := range e.facts {
			loc := f.loc
			if loc == "para. 0" {
				loc = "headline"
			}
			ss = append(ss, &docket.Statement{Property: f.prop, Value: f.value, Source: f.src, Locator: loc, Quote: f.quote,
				Lang: "en", Status: docket.Reported, Sensitivity: docket.Public})
		}
		if err := st.CreateEntity(ctx, v, &docket.Entity{ID: e.id, Schema: e.schema, Sensitivity: docket.Public}, ss); err != nil {
			return fmt.Errorf("demo entity %s: %w", e.id, err)
		}
	}
	return nil
}
