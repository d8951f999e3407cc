package synth

import (
	"math/rand/v2"
	"strings"
)

// city is a Kazakh city with its Cyrillic name and region: courts, prosecutors and police
// are per city, regional courts per region.
type city struct{ name, cyr, region string }

var cities = []city{
	{"Almaty", "Алматы", "Almaty"}, {"Astana", "Астана", "Astana"}, {"Shymkent", "Шымкент", "Shymkent"},
	{"Aktau", "Актау", "Mangystau"}, {"Zhanaozen", "Жанаозен", "Mangystau"}, {"Atyrau", "Атырау", "Atyrau"},
	{"Aktobe", "Актобе", "Aktobe"}, {"Karaganda", "Караганда", "Karaganda"}, {"Temirtau", "Темиртау", "Karaganda"},
	{"Pavlodar", "Павлодар", "Pavlodar"}, {"Ekibastuz", "Экибастуз", "Pavlodar"}, {"Uralsk", "Уральск", "West Kazakhstan"},
	{"Taraz", "Тараз", "Zhambyl"}, {"Kostanay", "Костанай", "Kostanay"}, {"Rudny", "Рудный", "Kostanay"},
	{"Kyzylorda", "Кызылорда", "Kyzylorda"}, {"Semey", "Семей", "Abai"}, {"Petropavl", "Петропавловск", "North Kazakhstan"},
	{"Oskemen", "Усть-Каменогорск", "East Kazakhstan"}, {"Taldykorgan", "Талдыкорган", "Zhetysu"},
	{"Turkestan", "Туркестан", "Turkistan"}, {"Kentau", "Кентау", "Turkistan"}, {"Zhezkazgan", "Жезказган", "Ulytau"},
	{"Balkhash", "Балхаш", "Karaganda"}, {"Kokshetau", "Кокшетау", "Akmola"},
}

// pickCity favours the three largest cities, where most cases are.
func pickCity(r *rand.Rand) city {
	i := r.IntN(len(cities) + 9)
	if i >= len(cities) {
		i = (i - len(cities)) % 3
	}
	return cities[i]
}

var ngos = []string{
	"Kazakhstan International Bureau for Human Rights and the Rule of Law", "Open Dialogue Foundation", "Adil Soz",
	"Human Rights Watch", "Amnesty International", "Italian Federation for Human Rights", "Freedom House",
	"Norwegian Helsinki Committee", "Committee to Protect Journalists", "Reporters Without Borders",
	"Kazakhstan Helsinki Committee", "Erkindik Kanaty", "Ar.Rukh.Khak", "Legal Policy Research Centre",
}

type outlet struct{ host, name, section, kind, lang string }

var outlets = []outlet{
	{"rus.azattyq.org", "Radio Azattyq", "a", "news", "ru"}, {"www.azattyq.org", "Radio Azattyq", "a", "news", "kk"},
	{"vlast.kz", "Vlast.kz", "novosti", "news", "ru"}, {"kaztag.kz", "KazTAG", "ru/news", "news", "ru"},
	{"tengrinews.kz", "Tengrinews", "kazakhstan_news", "news", "ru"}, {"ratel.kz", "Ratel.kz", "raw", "news", "ru"},
	{"informburo.kz", "Informburo", "novosti", "news", "ru"}, {"bureau.kz", "KIBHR", "novosti", "report", "ru"},
	{"tumba.kz", "Tumba.kz", "news", "news", "ru"}, {"en.odfoundation.eu", "Open Dialogue Foundation", "a", "press release", "en"},
	{"www.hrw.org", "Human Rights Watch", "news", "report", "en"}, {"www.amnesty.org", "Amnesty International", "en/latest/news", "report", "en"},
	{"www.facebook.com", "Facebook", "posts", "social media", "ru"}, {"www.youtube.com", "YouTube", "watch", "video", "ru"},
	{"cpj.org", "Committee to Protect Journalists", "news", "report", "en"}, {"adilet.zan.kz", "Adilet", "rus/docs", "official", "ru"},
	{"office.sud.kz", "Supreme Court of Kazakhstan", "court/docs", "court document", "ru"},
}

var topics = []string{
	"land reform", "the Zhanaozen events", "corruption in the akimat", "the oil workers' strike", "pension reform",
	"Chinese investment", "rising utility prices", "the January events", "election fraud", "police violence",
	"mortgage debts", "water shortages", "the renaming of the capital", "prison conditions", "the local maslikhat",
}

var platforms = []string{"Facebook", "Instagram", "YouTube", "Telegram", "WhatsApp", "TikTok", "VKontakte"}

var movements = []string{"Democratic Choice of Kazakhstan", "Koshe Partiyasy", "Oyan, Qazaqstan", "Alga", "Atajurt", "Azat"}

var occupations = []string{"activist", "journalist", "blogger", "lawyer", "entrepreneur", "pensioner", "teacher", "oil worker",
	"imam", "civil servant", "trade unionist", "farmer", "student", "doctor", "engineer"}

var reasons = []string{
	"posts on %s criticising the akimat", "taking part in a peaceful rally about %s", "reporting on %s",
	"membership of the banned %s movement", "donations to %s", "a video about %s", "organising a meeting on %s",
}

var retractReasons = []string{
	"The source withdrew the report.", "Confused with a namesake.", "Duplicate of another statement.",
	"The court record says otherwise.", "Entered on the wrong entity.",
}

var correctReasons = []string{
	"Corrected against the court record.", "The date was wrong in the first report.", "A better source was found.",
	"Corrected the locator.", "The sentence was misreported.",
}

var reviewNotes = []string{"Checked against the court record.", "Confirmed by the lawyer.", "Second source found.", "Contested by the prosecutor's office."}

// Syllables of village names: rare words, since few events happen in any one village.
var (
	villageHeads = []string{"Ak", "Kara", "Kok", "Sary", "Zhana", "Kyzyl", "Besh", "Tort", "Shet", "Ush", "Tal", "Kos", "Zhel", "Kum", "Tas",
		"Ai", "Ber", "Bayan", "Shal", "Myn", "Zhar", "Kol", "Ora", "Sor", "Tuz", "Ken", "Or", "Bes", "Sai", "Oi"}
	villageMids = []string{"ku", "to", "bu", "sa", "ke", "zha", "ly", "mys", "te", "ba", "ra", "ta", "shy", "ky", "na", "di", "ge",
		"zy", "bo", "ty", "me", "la"}
	villageTails = []string{"tobe", "bulak", "su", "kol", "ozek", "aul", "kuduk", "sai", "tau", "zhar", "kum", "bel", "tas", "agash",
		"kent", "bastau", "terek", "oba", "kopa", "shoky"}
)

func village(r *rand.Rand) string {
	s := pick(r, villageHeads)
	for n := r.IntN(3); n > 0; n-- {
		s += pick(r, villageMids)
	}
	return s + pick(r, villageTails)
}

// slug makes a URL path segment of a few words.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() > 60 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// quoteOf returns the first few words of s: a quote is a few words of the source, not more.
func quoteOf(s string, words int) string {
	f := strings.Fields(s)
	if len(f) > words {
		f = f[:words]
	}
	return strings.Join(f, " ")
}
