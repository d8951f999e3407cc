package extract

import (
	"strings"

	"github.com/docketorg/docket/internal/translit"
)

// firstNames are common given names of the region (Kazakh, Kyrgyz, Uzbek, Tajik, Azerbaijani,
// Turkmen, Russian, Belarusian, Ukrainian, Georgian, Armenian, Chechen) and some others that
// the region's press writes about, by gender. They are compared by romanisation key, so one
// spelling stands for its transliterations and its Cyrillic form: "Yerlan" for "Erlan" and
// "Ерлан". A name that is not here is still found by the shape of the surname after it.
var firstNames = map[string]byte{}

const maleNames = `
Malik Abay Abai Abdulla Abdullah Abdurakhman Abdurashid Abil Ablay Adil Adilbek Adilet Aibek Aidar Aidos Aidyn Akhmet Akhmed
Akmal Akylbek Alan Aldiyar Alibek Alikhan Alisher Alimzhan Almat Almas Almaz Altai Altynbek Amangeldy Amir Amirkhan Anar Anuar
Arman Arsen Arslan Aruzhan Askar Askhat Asylbek Asylkhan Ayan Azamat Azat Bagdat Bakhyt Bakhytzhan Bakyt Bakytbek
Bauyrzhan Baurzhan Beibut Beibit Bekzat Bekzhan Berik Bolat Daniyar Darkhan Daulet Dauren Dias Duman Dzhanibek Edil Elnur
Elzhan Erbol Erzhan Erlan Ermek Ernar Ersultan Esen Galym Gani Ilyas Iskander Iskandar Islam Kairat Kanat Kenzhebek Kuanysh
Kuat Maksat Marat Medet Meiram Mukhtar Murat Murat Nurbek Nurbol Nurlan Nurlybek Nursultan Nurzhan Olzhas Oraz Ruslan Rustam
Rakhat Sabyr Saken Samat Sanzhar Serik Serikzhan Sultan Syrym Talgat Timur Temirlan Tokhtar Ulan Yerbol Yerzhan Zhandos
Zhanbolat Zhanibek Zharas Zhasulan Zhenis Yerlan Mirzhan Shokan Kanybek Kubanychbek Kylychbek Melis Sadyr Almazbek Temir Tynchtyk
Bolot Chingiz Emil Farid Fuad Ilgar Ilham Ilkin Intigam Jamil Javid Kamran Mirza Nijat Orkhan Rauf Rashad Rovshan Samir
Sevinj Shahin Tofig Tural Ulvi Vugar Zaur Elchin Elvin Ramin Farhad Ogtay Polad Teymur Hafiz Hikmat Mahammad Rufat Emin Zamin
Gubad Taleh Bahruz Afgan Avaz Emin Idrak Mehman Natig Rasim Sakit Tapdig Vidadi Yunis
Bakhtiyor Bakhtiyar Davron Dilshod Firuz Faridun Jamshed Jamshid Khurshed Mahmadali Mirzo Muhammadjon Rahmon Saidjon Sherali
Shavkat Sobir Umar Umed Zafar Zoir Abror Alijon Behruz Davlat Dilovar Ismoil Karim Mansur Muhiddin Nizomiddin Rustamjon
Aleksandr Alexander Alexandr Aleksei Alexei Alexey Aleksey Anatoly Anatoliy Andrei Andrey Anton Arkady Arseny Artem Artyom Boris
Bogdan Daniil Denis Dmitry Dmitri Dmitriy Eduard Evgeny Yevgeny Yevgeniy Fyodor Fedor Gennady Georgy Gleb Grigory Igor Ilya
Ivan Kirill Konstantin Leonid Lev Maksim Maxim Mikhail Nikita Nikolai Nikolay Oleg Pavel Pyotr Petr Roman Ruslan Semyon Sergei
Sergey Stanislav Stepan Taras Timofei Vadim Valentin Valery Valeriy Vasily Vasiliy Viktor Victor Vitaly Vitaliy Vladimir
Vladislav Vyacheslav Yakov Yaroslav Yegor Egor Yury Yuri Yuriy Zakhar Ales Aliaksandr Aliaksei Andrei Dzmitry Dzianis Eduard
Kuzma Savva Foma Danila Gavrila
Ihar Mikalai Mikola Mikita Paval Raman Siarhei Uladzimir Vadzim Valiantsin Viktar Yauhen Maksim Zmicier Anatol Leanid Ihor
Oleksandr Oleksiy Mykola Mykhailo Volodymyr Serhiy Yuriy Vasyl Petro Andriy Dmytro Bohdan Ostap Levan Giorgi Zurab Davit
Irakli Nika Mamuka Gevorg Tigran Aram Armen Hayk Ruben Ramzan Magomed Akhmad Zelimkhan Shamil Rasul Khasan Said Umar
Luka Saba Otar Tamaz Lasha Beka Giga Nodar Zaza Gela Archil Vakhtang Shota Dato Revaz Temur Goga Badri Gocha Koba Merab
Sevak Gagik Vardan Hovhannes Narek Mher Artur Karen Samvel Ashot Levon Edgar Gor Vahe Arayik Hrant Artak Smbat Garegin
Serdar Merdan Myrat Murad Annamyrat Atamurat Rovshen Begench Kerim Dovlet Dovletgeldi Guvanch Batyr Nurmuhammet Gurbanguly
Farhod Qurbon Shohrukh Bahrom Firdavs Sherzod Ulugbek Jasur Otabek Sardor Bobur Aziz Anvar Rustam Akmal Timur Dilmurod
Zmitser Ryhor Stanislau Uladzislau Yahor Kanstantsin Mikhas Vasil Aleh Yury Yauhen Artsiom Andrus Ivan Illia
`

const femaleNames = `
Aigul Aigerim Aida Aidana Ainur Aizhan Akmaral Aliya Aliia Alma Almagul Altynai Anar Aruzhan Asel Assel Aisulu Aizada Ayana
Bakhyt Balzhan Bota Botagoz Dana Dariga Dilnaz Dinara Elmira Gaukhar Gulbakhram Gulmira Gulnar Gulnara Gulzhan Gulshat
Indira Kamila Karlygash Lazzat Madina Malika Marzhan Meruert Moldir Nazerke Nurgul Raushan Rysaldy Saltanat Samal Saule Sholpan
Symbat Togzhan Ulzhan Zarina Zhanar Zhanna Zhuldyz Zulfiya Zamira Zhazira Aigerim Kenzhegul Bibigul Makhabbat Tolkyn Aliya
Aizada Cholpon Gulnura Jyldyz Kanykei Nurzhan Venera Bermet Begaim Aizhamal Gulbara
Arzu Aygun Gunel Khadija Khadija Leyla Leila Lala Nargiz Narmin Nigar Sevda Sevinj Shahla Ulviyya Aytan Gulnara Sabina Ulkar
Dilbar Farangis Gulchehra Mavzuna Muazzama Nigina Parvina Shahnoza Zarina Zebo Gulbahor Mohira Manizha Tahmina Nilufar
Alena Alyona Alla Anastasia Anastasiya Angelina Anna Antonina Darya Daria Ekaterina Yekaterina Elena Yelena Elizaveta
Evgenia Yevgenia Galina Inna Irina Kira Ksenia Kseniya Larisa Lidia Liudmila Lyudmila Lyudmyla Lyubov Margarita Maria Mariya
Marina Nadezhda Natalia Natalya Nataliya Nina Oksana Olga Olesya Polina Raisa Svetlana Sofia Sofya Tamara Tatiana Tatyana
Valentina Valeria Vera Veronika Viktoria Victoria Yana Yulia Yuliya Zinaida Zoya Alesia Aliaksandra Hanna Iryna Maryia Maryna
Nasta Palina Sviatlana Tatsiana Volha Yuliya Kseniya Marfa Olena Oleksandra Nino Tamar Ketevan Lusine Anahit Ani Kristina
Khava Zarema Madina Sabina Diana Nelli Elvira Lilia Liliya Ruzanna Veronika Daria Alina Sofiya Nadezhda Evgeniya Daria Snezhana
Mariam Ana Nana Manana Salome Eka Natia Tinatin Maia Sopho Elene Khatia Nato Shorena Tea Lela Nino Keti Mzia Tsira
Armine Gayane Lilit Nare Astghik Siranush Hripsime Anush Lusine Marine Ruzan Naira Tatevik
Ogulbibi Jennet Aynabat Maral Ayna Ogulsapar Bahar Gozel Sitora Mehrangez Nodira Dildora Feruza Firuza Gulnoza Mukhabbat
Katsiaryna Aksana Halina Nadzeya Liudmila Lyudmila Ala Vera Natallia Valiantsina Iryna Yana Maryia Darya Alena
Karine Narine Gohar Hasmik Nune Shushan Susanna Kamola Nurzat Zhibek Aizat Annagul Gulzat Dilfuza Mukaddas Umida Munira Nargiza
`

func init() {
	for _, n := range strings.Fields(maleNames) {
		firstNames[translit.SpellingWordKey(n)] = 'm'
	}
	for _, n := range strings.Fields(femaleNames) {
		k := translit.SpellingWordKey(n)
		if g, ok := firstNames[k]; ok && g == 'm' {
			firstNames[k] = '?' // both: Bakhyt, Anar, Nurzhan
			continue
		}
		firstNames[k] = 'f'
	}
}

// nameCache remembers what firstName and surnameShape said of a word: a document names the
// same people again and again.
type nameCache struct {
	first map[string]firstResult
	shape map[string]shapeResult
	reads map[string][]reading
}

// readings returns surnameReadings of a word, once per word.
func (c *nameCache) readings(w string) []reading {
	if r, ok := c.reads[w]; ok {
		return r
	}
	if c.reads == nil {
		c.reads = map[string][]reading{}
	}
	r := surnameReadings(w)
	c.reads[w] = r
	return r
}

type firstResult struct {
	lemma string
	g     byte
	ok    bool
}

type shapeResult struct {
	ok bool
	g  byte
}

func (c *nameCache) firstName(w string) (string, byte, bool) {
	if r, ok := c.first[w]; ok {
		return r.lemma, r.g, r.ok
	}
	l, g, ok := firstName(w)
	if c.first == nil {
		c.first = map[string]firstResult{}
	}
	c.first[w] = firstResult{l, g, ok}
	return l, g, ok
}

func (c *nameCache) surnameShape(w string) (bool, byte) {
	if r, ok := c.shape[w]; ok {
		return r.ok, r.g
	}
	ok, g := surnameShape(w)
	if c.shape == nil {
		c.shape = map[string]shapeResult{}
	}
	c.shape[w] = shapeResult{ok, g}
	return ok, g
}

// firstName looks a given-name form up: its nominative and gender, and false when no reading
// of it is a known name.
//
// A form two known names share ("Малика": Malika, or Malik in the genitive) gives gender 0
// and the form itself; firstNameAs then picks by the gender the surname shows.
func firstName(w string) (string, byte, bool) {
	lemma, g, n := "", byte(0), 0
	for _, r := range firstNameReadings(w) {
		rg, ok := firstNames[translit.SpellingWordKey(r.lemma)]
		if !ok {
			continue
		}
		if rg == '?' {
			rg = r.gender
		}
		if n == 0 {
			lemma, g = r.lemma, rg
		} else if rg != g {
			return w, 0, true
		}
		n++
	}
	return lemma, g, n > 0
}

// firstNameAs returns the nominative of a given-name form of a person of gender g: the
// reading of that gender that is a known name, else firstName's.
func firstNameAs(w string, g byte) (string, byte, bool) {
	if g != 0 {
		// A reading whose ending is of that gender first ("Гульнаре": Гульнара, not Гульнар).
		for _, strict := range []bool{true, false} {
			for _, r := range firstNameReadings(w) {
				rg, ok := firstNames[translit.SpellingWordKey(r.lemma)]
				if !ok || strict && r.gender != g && r.gender != 0 || impossibleFor(r, g) {
					continue
				}
				if rg == g || rg == '?' {
					return r.lemma, g, true
				}
			}
		}
		// "Нилуфаре Каримовой": a woman's name ending in a consonant (Нилуфар) does not
		// decline, so the form is of the name in -а the list lacks.
		if l, lg, ok := firstName(w); ok && l != w && impossibleFor(reading{lemma: l, oblique: true}, g) && lg == g {
			for _, r := range firstNameReadings(w) {
				if r.oblique && r.gender == g {
					return r.lemma, g, true
				}
			}
		}
	}
	return firstName(w)
}

// impossibleFor reports a reading of an inflected given name that cannot be a woman's: a
// Russian woman's name that ends in a consonant does not decline.
func impossibleFor(r reading, g byte) bool {
	if g != 'f' || !r.oblique {
		return false
	}
	return consonantEnd(r.lemma)
}

// surnameShape reports whether a word has the shape of a surname of the region, and the
// gender the shape implies. It looks at endings, not at a list: -ov, -ev, -in, -sky, -ko,
// -uk, -ich, -yan, -dze, -shvili, -li, -zade, -uly, -kyzy and their feminine and Cyrillic
// forms, inflected or not.
func surnameShape(w string) (bool, byte) {
	low := strings.ToLower(w)
	if len(low) < 4 {
		return false, 0
	}
	if isCyrillic(low) {
		for _, r := range surnameReadings(w) {
			l := strings.ToLower(r.lemma)
			for _, e := range []string{"ова", "ева", "ёва", "ина", "ына", "ская", "цкая"} {
				if strings.HasSuffix(l, e) && len(l) > len(e)+2 {
					return true, 'f'
				}
			}
			for _, e := range []string{"ов", "ев", "ёв", "ин", "ын", "ский", "цкий"} {
				if strings.HasSuffix(l, e) && len(l) > len(e)+2 {
					return true, 'm'
				}
			}
		}
		ends := func(l string) bool {
			for _, e := range []string{"енко", "енка", "ко", "чук", "щук", "ук", "юк", "ич", "ича", "ичу", "ян", "яна", "дзе", "швили", "ых", "их", "ли", "заде", "зода", "зада", "оглы", "улы", "кызы", "уулу", "бек", "баев", "цев", "ник", "ок", "ец"} {
				if strings.HasSuffix(l, e) {
					return true
				}
			}
			return false
		}
		if ends(low) {
			return true, 0
		}
		// An oblique form whose nominative has the shape: "Тонояну", "Саргсяном".
		for _, r := range surnameReadings(w) {
			if r.oblique && ends(strings.ToLower(r.lemma)) {
				return true, 0
			}
		}
		return false, 0
	}
	for _, e := range []string{"ova", "eva", "yeva", "ina", "yna", "skaya", "tskaya", "ska", "skaja", "ava", "ouskaya", "eyeva"} {
		if strings.HasSuffix(low, e) && len(low) > len(e)+2 {
			return true, 'f'
		}
	}
	// Belarusian "-enka" (Sidarenka, Sidorenko in Russian) is either gender's.
	if strings.HasSuffix(low, "enka") && len(low) > 6 {
		return true, 0
	}
	for _, e := range []string{"ov", "ev", "yev", "iev", "in", "yn", "sky", "skiy", "ski", "skii", "tsky", "au", "yau", "ich", "vich", "ko", "enko", "uk", "yuk", "chuk", "yan", "ian", "dze", "shvili", "li", "lu", "zade", "zada", "oglu", "oghlu", "uly", "uulu", "kyzy", "qizi", "zoda", "zod", "bek", "bayev", "baev", "baiev", "ets", "nik", "ik", "ak", "yk", "uri"} {
		if strings.HasSuffix(low, e) && len(low) > len(e)+2 {
			if e == "in" && !strings.HasSuffix(low, "lin") && !strings.HasSuffix(low, "kin") && !strings.HasSuffix(low, "shin") && !strings.HasSuffix(low, "chin") && !strings.HasSuffix(low, "tin") && !strings.HasSuffix(low, "nin") && !strings.HasSuffix(low, "rin") && !strings.HasSuffix(low, "zin") && !strings.HasSuffix(low, "sin") && !strings.HasSuffix(low, "bin") && !strings.HasSuffix(low, "din") && !strings.HasSuffix(low, "min") && !strings.HasSuffix(low, "vin") && !strings.HasSuffix(low, "gin") && !strings.HasSuffix(low, "pin") {
				continue
			}
			return true, 'm'
		}
	}
	return false, 0
}

// key returns translit.SpellingWordKey of w, computed once per document: a person's readings
// are keyed again at each of their mentions.
func (d *doc) key(w string) string {
	if k, ok := d.keys[w]; ok {
		return k
	}
	k := translit.SpellingWordKey(w)
	d.keys[w] = k
	return k
}
