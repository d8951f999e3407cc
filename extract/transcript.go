package extract

// Transcripts. An interview's answer often says no verb of its own: "DK: And the
// prosecution had asked for...? / TJ: Seven years for Levan, seven for Mariam." The question
// leads the answer as "He sentenced:" leads its list: the first sentence of an answer takes
// the question's cue words (see cueIn and claimPenalty).

// speakerAt returns the length of a speaker's label opening a line at token i ("DK:",
// "Q:", "Host:", "Вопрос:", "Tamar Jibladze:"), or 0.
func (d *doc) speakerAt(i int) int {
	if i >= len(d.toks) || i > 0 && d.toks[i].nl == 0 || d.toks[i].k != tWord || !d.toks[i].cap {
		return 0
	}
	for l := 1; l <= 3 && i+l < len(d.toks); l++ {
		if d.toks[i+l-1].k != tWord || !d.toks[i+l-1].cap || l > 1 && d.toks[i+l].nl > 0 {
			return 0
		}
		if d.punct(i+l, ":") && i+l+1 < len(d.toks) && d.toks[i+l+1].nl == 0 {
			return l + 1
		}
	}
	return 0
}

// transcriptLeads makes the question before an answer the lead of the answer's first
// sentence, where the text is a transcript: lines opened by speakers' labels, two labels
// or more, three turns or more.
func (d *doc) transcriptLeads() {
	type turn struct {
		label string
		at    int // the token after the label
	}
	var turns []turn
	labels := map[string]int{}
	for i := range d.toks {
		if l := d.speakerAt(i); l > 0 {
			lab := d.quote(i, i+l-1)
			turns = append(turns, turn{lab, i + l})
			labels[lab]++
		}
	}
	if len(turns) < 3 || len(labels) < 2 {
		return
	}
	for ti := 1; ti < len(turns); ti++ {
		prev, cur := turns[ti-1], turns[ti]
		if prev.label == cur.label || cur.at >= len(d.toks) {
			continue
		}
		qs := d.toks[cur.at].sent - 1 // the last sentence of the turn before
		if qs < 0 || d.toks[d.sents[qs].a].sent != qs || d.sents[qs].a < prev.at-1 && d.sents[qs].b <= prev.at {
			continue
		}
		if !d.anyPunct(d.sents[qs].a, d.sents[qs].b, "?") {
			continue // not a question
		}
		as := d.toks[cur.at].sent
		if d.sents[as].lead < 0 {
			d.sents[as].lead = qs
		}
	}
}
