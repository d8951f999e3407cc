package synth

import (
	"fmt"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

// caseBundle writes what a researcher enters for one prosecution: the news sources, the
// defendant (and sometimes a relative), the case, its charges, the events before trial, the
// proceedings of each instance with their court, judge, prosecutor and lawyer, and what
// followed.
func (g *gen) caseBundle() {
	c := pickCity(g.r)
	g.bundleSrc = g.bundleSrc[:0]
	for n := 1 + g.r.IntN(3); n > 0; n-- {
		g.bundleSrc = append(g.bundleSrc, g.source(c))
	}
	var def ent
	if n := g.count["p"]; n > 100 && g.r.IntN(100) < 12 {
		def = g.earlierPerson() // prosecuted again
	} else {
		var rel ent
		if g.r.IntN(100) < 15 {
			rel = g.person("relative", c)
		}
		def = g.person("defendant", c)
		if rel.id != "" {
			g.say(def, pick(g.r, []string{"spouse", "relative"}), rel.id)
		}
	}
	kase := g.entity("Case", "c", 7)
	g.say(kase, "name", "Case of "+def.name)
	if g.r.IntN(2) == 0 {
		g.say(kase, "number", fmt.Sprintf("%d-%04d/%02d", 1+g.r.IntN(9), g.r.IntN(10000), g.now.Year()%100))
	}
	g.say(kase, "country", "kz")
	g.say(kase, "defendant", def.id)
	g.say(kase, "politicallyMotivated", pick(g.r, []string{"yes", "yes", "yes", "yes", "yes", "yes", "yes", "unclear", "unclear", "no"}))
	reason := pick(g.r, reasons)
	if strings.Contains(reason, "movement") || strings.Contains(reason, "donations") {
		reason = fmt.Sprintf(reason, pick(g.r, movements))
	} else {
		reason = fmt.Sprintf(reason, pick(g.r, topics))
	}
	if g.r.IntN(10) < 7 {
		g.say(kase, "criteria", "Prosecuted for "+reason+".")
	}

	code, _ := docket.Vocab.Code("KZ-CC")
	var charges []ent
	var article string
	for n := 1 + g.r.IntN(2); n > 0; n-- {
		a := pick(g.r, code.Articles)
		article = a.Number
		ch := g.entity("Charge", "ch", 7)
		g.say(ch, "name", fmt.Sprintf("%s: article %s of the Criminal Code", def.surname, a.Number))
		g.say(ch, "case", kase.id)
		g.say(ch, "defendant", def.id)
		g.say(ch, "code", "KZ-CC")
		g.say(ch, "article", a.Number)
		if g.r.IntN(2) == 0 {
			g.say(ch, "part", fmt.Sprintf("part %d", 1+g.r.IntN(4)))
		}
		if g.r.IntN(3) == 0 {
			g.say(ch, "wording", a.En)
		}
		charges = append(charges, ch)
	}
	if g.r.IntN(3) == 0 {
		g.say(kase, "summary", fmt.Sprintf("%s, a %s from %s, was charged under article %s of the Criminal Code after %s.",
			def.name, pick(g.r, occupations), c.name, article, reason))
	}

	// Before trial: detention, searches, arrest, interrogation, in order.
	t := g.now.AddDate(0, 0, -300-g.r.IntN(500))
	police := g.org("police", c)
	prev := ""
	for n := 1 + g.r.IntN(2); n > 0; n-- {
		typ := pick(g.r, []string{"detention", "search", "arrest", "interrogation", "house arrest", "charge", "travel ban"})
		perp := police
		if g.r.IntN(5) == 0 {
			perp = g.org("knb", c)
		}
		t = g.notAfterNow(t.AddDate(0, 0, g.r.IntN(20)))
		ev := g.event(typ, c, kase, def, perp, prev, t)
		prev = ev.id
	}

	// Trial and appeals.
	stages := []string{"first instance"}
	if g.r.IntN(100) < 45 {
		stages = append(stages, "appeal")
		if g.r.IntN(100) < 25 {
			stages = append(stages, "cassation")
		}
	}
	if g.r.IntN(10) == 0 {
		stages = []string{"investigation"}
	}
	for _, st := range stages {
		var court ent
		switch st {
		case "first instance", "investigation":
			if g.r.IntN(5) < 3 {
				court = g.org("court-city", c)
			} else {
				court = g.org("court-specialised", c)
			}
		case "appeal":
			court = g.org("court-regional", c)
		default:
			court = g.org("court-supreme", c)
		}
		t = g.notAfterNow(t.AddDate(0, 0, 20+g.r.IntN(90)))
		pr := g.proceeding(st, kase, def, charges, court, c, t)
		if st != "investigation" && g.r.IntN(3) == 0 {
			v := g.entity("Event", "e", 7)
			g.say(v, "name", fmt.Sprintf("Verdict in the case of %s", def.name))
			g.say(v, "type", "verdict")
			g.say(v, "date", t.Format("2006-01-02"))
			g.say(v, "place", c.name)
			g.say(v, "case", kase.id)
			g.say(v, "participant", def.id)
			g.say(v, "follows", pr.id)
			prev = v.id
		}
	}

	// What followed: releases, bans, allegations of torture, press conferences, protests.
	for n := g.r.IntN(2); n > 0; n-- {
		typ := pick(g.r, []string{"release", "travel ban", "torture allegation", "press conference", "protest", "threat", "disruption", "death", "dismissal"})
		t = g.notAfterNow(t.AddDate(0, 0, g.r.IntN(60)))
		var perp ent
		if typ == "torture allegation" || typ == "threat" || typ == "disruption" {
			perp = g.org("knb", c)
		}
		ev := g.event(typ, c, kase, def, perp, prev, t)
		if typ == "press conference" || typ == "protest" || typ == "disruption" {
			g.say(ev, "observer", g.org("ngo", c).id)
		}
		if prev != "" && g.r.IntN(4) == 0 {
			g.say(ev, "retaliationFor", prev)
		}
		prev = ev.id
	}
}

// earlierPerson returns a person generated before, by number, without remembering it.
func (g *gen) earlierPerson() ent {
	i := 1 + g.r.Int64N(g.count["p"])
	return g.namedPerson(i)
}

// namedPerson returns person number i with its name, which is a function of its number.
func (g *gen) namedPerson(i int64) ent {
	n := NameOf(g.cfg.Seed, i)
	return ent{id: personID(i), schema: "Person", name: n.Latin, surname: n.Surname(), cyr: n.Cyrillic}
}

// person writes a new person with a name in one or more forms, and the facts a source gives.
func (g *gen) person(role string, c city) ent {
	e := g.entity("Person", "p", 7)
	n := NameOf(g.cfg.Seed, g.count["p"])
	e.name, e.surname, e.cyr = n.Latin, n.Surname(), n.Cyrillic
	stored := map[string]bool{}
	var name *docket.Statement
	form := func(prop, v, lang string) {
		s := g.sayWith(e, prop, v, opt{lang: lang})
		stored[v] = true
		if prop == "name" {
			name = s
		}
	}
	switch x := g.r.IntN(100); {
	case x < 70 || x < 85 && len(n.Variants) == 0:
		form("name", n.Latin, "en")
		if g.r.IntN(2) == 0 {
			form("alias", n.Cyrillic, "ru")
		}
		if len(n.Variants) > 0 && g.r.IntN(10) < 3 {
			form("alias", n.Variants[0], "en")
		}
	case x < 85:
		form("name", n.Variants[0], "en") // as a French or passport-style source spells it
		if g.r.IntN(10) < 3 {
			form("alias", n.Cyrillic, "ru")
		}
	default:
		form("name", n.Cyrillic, "ru")
		if g.r.IntN(2) == 0 {
			form("alias", n.Latin, "en")
		}
	}
	if name != nil {
		p := NameProbe{Entity: e.id, Stored: name.Value, Cyrillic: n.Cyrillic,
			Public: e.sens == docket.Public && name.Sensitivity == docket.Public && name.Status.Reviewed()}
		for _, v := range append([]string{n.Latin}, n.Variants...) {
			if !stored[v] {
				p.Variant = v
				break
			}
		}
		g.names.add(p)
	}
	if g.r.IntN(2) == 0 {
		g.say(e, "birthDate", g.dateAround(time.Date(1995, 12, 31, 0, 0, 0, 0, time.UTC), 45*365))
	}
	if g.r.IntN(10) < 3 {
		g.say(e, "nationality", "kz")
	}
	if g.r.IntN(100) < 75 {
		g.say(e, "country", pick(g.r, []string{"kz", "kz", "kz", "kz", "kz", "kz", "kz", "kz", "ru", "kg"}))
	}
	occ := role
	if role == "defendant" || role == "relative" {
		occ = pick(g.r, occupations)
	}
	if g.r.IntN(100) < 85 {
		g.say(e, "occupation", occ)
	}
	if role == "defendant" && g.r.IntN(4) == 0 {
		g.say(e, "description", fmt.Sprintf("%s from %s, known for posts on %s about %s.",
			capitalize(occ), c.name, pick(g.r, platforms), pick(g.r, topics)))
	}
	// The same person entered twice under two spellings, then merged by an editor.
	if role == "defendant" && len(n.Variants) > 0 && g.r.IntN(250) == 0 {
		dup := g.entity("Person", "pdup", 6)
		g.say(dup, "name", n.Variants[len(n.Variants)-1])
		g.say(dup, "country", "kz")
		g.put(&docket.Record{Kind: docket.KindMerge, Merge: &docket.Merge{ID: g.id("m", 6), Into: e.id, From: dup.id,
			Reason: "Same person: " + n.Variants[len(n.Variants)-1] + " is another spelling of " + n.Latin, Author: g.editor(), At: g.tick()}})
	}
	return e
}

// org returns the organisation of a kind for a city, writing it the first time it is needed.
func (g *gen) org(kind string, c city) ent {
	key := kind + "|" + c.name
	switch kind {
	case "court-regional", "knb":
		key = kind + "|" + c.region
	case "court-supreme":
		key = kind
	case "ngo":
		key = kind + "|" + pick(g.r, ngos)
	}
	if e, ok := g.orgs[key]; ok {
		return e
	}
	var parent ent
	switch kind {
	case "court-city", "court-specialised":
		parent = g.org("court-regional", c)
	case "court-regional":
		parent = g.org("court-supreme", c)
	}
	e := g.entity("Organization", "o", 6)
	e.city = c
	var alias, okind, level string
	switch kind {
	case "court-city":
		e.name, alias, okind, level = c.name+" City Court", "Суд г. "+c.cyr, "court", "city"
	case "court-specialised":
		e.name, okind, level = "Specialised Inter-District Criminal Court of "+c.name, "court", "specialised"
	case "court-regional":
		e.name, okind, level = c.region+" Regional Court", "court", "regional"
	case "court-supreme":
		e.name, alias, okind, level = "Supreme Court of the Republic of Kazakhstan", "Верховный суд Республики Казахстан", "court", "supreme"
	case "police":
		e.name, alias, okind = c.name+" City Police Department", "Управление полиции г. "+c.cyr, "police"
	case "prosecutor":
		e.name, alias, okind = c.name+" City Prosecutor's Office", "Прокуратура г. "+c.cyr, "prosecutor"
	case "knb":
		e.name, okind = "National Security Committee, "+c.region+" Department", "security service"
	case "ngo":
		e.name, okind = strings.TrimPrefix(key, "ngo|"), "ngo"
	}
	g.say(e, "name", e.name)
	if alias != "" {
		g.sayWith(e, "alias", alias, opt{lang: "ru"})
	}
	g.say(e, "kind", okind)
	if level != "" {
		g.say(e, "level", level)
	}
	if kind != "ngo" {
		g.say(e, "country", "kz")
	}
	if kind == "court-city" || kind == "court-specialised" || kind == "police" || kind == "prosecutor" {
		g.say(e, "city", c.name)
	}
	if parent.id != "" {
		g.say(e, "parent", parent.id)
	}
	g.orgs[key] = e
	return e
}

// staff returns a judge of a court, a prosecutor of a city or a lawyer: a few per court or
// city, each written with a position the first time.
func (g *gen) staff(pool map[string][]int64, key, post string, org ent, c city, max int) ent {
	ps := pool[key]
	if len(ps) < max && (len(ps) == 0 || g.r.IntN(4) == 0) {
		p := g.person(post, c)
		g.position(p, org, post)
		i := g.count["p"]
		pool[key] = append(ps, i)
		return p
	}
	return g.namedPerson(pick(g.r, ps))
}

func (g *gen) position(holder, org ent, post string) {
	p := g.entity("Position", "po", 7)
	g.say(p, "name", fmt.Sprintf("%s, %s of the %s", holder.name, post, org.name))
	g.say(p, "holder", holder.id)
	g.say(p, "organization", org.id)
	g.say(p, "post", post)
	if g.r.IntN(2) == 0 {
		g.say(p, "startDate", g.dateAround(g.now, 3650))
	}
}

// event writes an event of a case: what happened, when, where, to whom, by whom, and what it
// followed. A quarter happen in a village, whose name is a rare word.
func (g *gen) event(typ string, c city, kase, victim, perp ent, follows string, t time.Time) ent {
	e := g.entity("Event", "e", 7)
	label := typ
	if term, ok := docket.Vocab.Term("event-type", typ); ok {
		label = term.En
	}
	g.say(e, "name", fmt.Sprintf("%s of %s", capitalize(label), victim.name))
	g.say(e, "type", typ)
	g.say(e, "date", g.dateAround(t, 3))
	place := c.name
	if g.r.IntN(4) == 0 {
		v := village(g.r)
		place = v + ", " + c.region + " Region"
		g.words.add(WordProbe{Entity: e.id, Word: v})
	}
	g.say(e, "place", place)
	g.say(e, "case", kase.id)
	g.say(e, "victim", victim.id)
	if perp.id != "" {
		g.say(e, "perpetrator", perp.id)
	}
	if follows != "" && g.r.IntN(2) == 0 {
		g.say(e, "follows", follows)
	}
	if g.r.IntN(10) < 3 {
		g.say(e, "description", fmt.Sprintf("%s: %s in %s after a post on %s about %s.",
			capitalize(label), victim.name, place, pick(g.r, platforms), pick(g.r, topics)))
	}
	return e
}

func (g *gen) proceeding(stage string, kase, def ent, charges []ent, court ent, c city, t time.Time) ent {
	p := g.entity("Proceeding", "pr", 7)
	g.say(p, "name", fmt.Sprintf("%s: %s, %s", def.surname, stage, court.name))
	g.say(p, "case", kase.id)
	g.say(p, "stage", stage)
	g.say(p, "court", court.id)
	g.say(p, "judge", g.staff(g.judges, court.id, "judge", court, c, 6).id)
	if g.r.IntN(10) < 6 {
		g.say(p, "prosecutor", g.staff(g.prosecutors, c.name, "prosecutor", g.org("prosecutor", c), c, 5).id)
	}
	if g.r.IntN(10) < 4 {
		g.say(p, "lawyer", g.staff(g.lawyers, "", "lawyer", g.org("ngo", c), c, 400).id)
	}
	g.say(p, "defendant", def.id)
	for _, ch := range charges {
		if g.r.IntN(2) == 0 {
			g.say(p, "charge", ch.id)
		}
	}
	if stage == "first instance" && g.r.IntN(2) == 0 {
		g.say(p, "demand", g.penalty())
	}
	var outcome string
	switch x := g.r.IntN(100); stage {
	case "first instance":
		outcome = pick(g.r, []string{"convicted", "convicted", "convicted", "convicted", "convicted", "convicted", "convicted", "acquitted", "returned", "dismissed"})
	case "appeal", "cassation":
		outcome = "upheld"
		if x < 15 {
			outcome = pick(g.r, []string{"overturned", "returned"})
		}
	}
	if outcome != "" && g.r.IntN(10) < 9 {
		g.say(p, "outcome", outcome)
		if outcome == "convicted" {
			g.say(p, "sentence", g.penalty())
		}
	}
	if g.r.IntN(10) < 8 {
		g.say(p, "date", g.dateAround(t, 0))
	}
	return p
}

// statistic writes a figure such as a conviction rate.
func (g *gen) statistic() {
	c := pickCity(g.r)
	g.bundleSrc = append(g.bundleSrc[:0], g.source(c))
	s := g.entity("Statistic", "st", 6)
	year := g.now.Year() - 1 - g.r.IntN(5)
	g.say(s, "name", fmt.Sprintf("Conviction rate in %s Region courts, %d", c.region, year))
	g.say(s, "value", fmt.Sprintf("%d.%d", 97+g.r.IntN(3), g.r.IntN(10)))
	g.say(s, "unit", "%")
	g.say(s, "country", "kz")
	g.say(s, "date", fmt.Sprintf("%d", year))
	g.say(s, "scope", fmt.Sprintf("Criminal cases decided by courts of %s Region in %d.", c.region, year))
}

// laterAdditions adds facts to entities written long before, as new reports come in: these
// land anywhere in the indexes, not at their ends.
func (g *gen) laterAdditions() {
	c := pickCity(g.r)
	g.bundleSrc = g.bundleSrc[:0]
	if g.r.IntN(2) == 0 {
		g.bundleSrc = append(g.bundleSrc, g.source(c))
	}
	for n := 1 + g.r.IntN(3); n > 0; n-- {
		switch x := g.r.IntN(10); {
		case x < 5 && g.count["p"] > 0:
			p := g.earlierPerson()
			switch g.r.IntN(3) {
			case 0:
				g.say(p, "occupation", pick(g.r, occupations))
			case 1:
				g.sayWith(p, "alias", p.cyr, opt{lang: "ru"})
			default:
				g.say(p, "description", fmt.Sprintf("Moved to %s; writes on %s about %s.", c.name, pick(g.r, platforms), pick(g.r, topics)))
			}
		case x < 8 && g.count["c"] > 0:
			k := ent{id: fmt.Sprintf("c%07d", 1+g.r.Int64N(g.count["c"])), schema: "Case"}
			if g.r.IntN(2) == 0 {
				g.say(k, "summary", fmt.Sprintf("Relatives say the case is retaliation for %s.", pick(g.r, topics)))
			} else {
				g.say(k, "politicallyMotivated", pick(g.r, []string{"yes", "unclear"}))
			}
		case g.count["e"] > 0:
			e := ent{id: fmt.Sprintf("e%07d", 1+g.r.Int64N(g.count["e"])), schema: "Event"}
			g.say(e, "description", fmt.Sprintf("A witness from %s described the events in a video on %s.", c.name, pick(g.r, platforms)))
		}
	}
}

// notAfterNow keeps the dates of a case at or before the time it is written down.
func (g *gen) notAfterNow(t time.Time) time.Time {
	if t.After(g.now) {
		return g.now
	}
	return t
}
