package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Tables. A verdict table or a monitoring table gives one record a row: the person in one
// cell, the prosecutor's request in another, the sentence in a third. Read as prose, its rows
// run into one sentence and its columns into each other ("8 years 6 years" is neither a demand
// nor a sentence). Three shapes are read, whatever the text's language:
//
//   - cells apart by "|": a web page's <table> (htmlText writes a row a line so) or a table
//     drawn in text with "|" and "+---+" rulings;
//   - columns apart by runs of spaces, as pdftotext -layout prints a PDF's table;
//   - "name ..... what" lines, a list with leader dots.
//
// Each row is a sentence of its own (a row whose first cell is empty continues the row
// above). The first row is the table's head: a column whose title speaks of a request
// ("Prosecutor's request", "Запрос прокурора") holds demands, one that speaks of a verdict or
// a court ("Verdict, 10 October 2024", "Приговор", "Zhanaozen City Court") holds sentences,
// so a bare term there ("18 лет л/с") is read as the column says.

// Kinds of a table's column.
const (
	colDemand   = 'd'
	colSentence = 's'
)

// tableLine is a line of the text split into cells.
type tableLine struct {
	a, b  int      // tokens of the line
	cells [][2]int // token ranges of its cells, empty ones included
	cols  []int    // each cell's column: its index, or for space-aligned cells its rune offset in the line
	ends  []int    // for space-aligned cells, the rune offset of each cell's end
	kind  byte     // '|', ' ' (space-aligned) or '.' (leader dots); 0 for no table line
}

var demandHeads = wordSet(`request requests requested demand demanded demands asked sought prosecutor prosecutor's
	prosecution prosecution's запрос запроса просил просила просило требование требования прокурор прокурора
	прокурора обвинение обвинения`)

var sentenceHeads = wordSet(`verdict verdicts sentence sentences sentenced punishment court instance appeal ruling
	приговор приговора наказание суд суда инстанция решение апелляция`)

// findTables marks the rows of the text's tables (rowStart) and the kind of the column
// each cell is under (colKind, cell).
func (d *doc) findTables() {
	var lines []tableLine
	for i := 0; i < len(d.toks); {
		j := i + 1
		for j < len(d.toks) && d.toks[j].nl == 0 {
			j++
		}
		lines = append(lines, d.tableLine(i, j))
		i = j
	}
	for li := 0; li < len(lines); {
		if lines[li].kind == 0 {
			li++
			continue
		}
		// A block: lines of the same shape, with rulings ("+----+") between them.
		kind := lines[li].kind
		block := []int{li}
		lj := li + 1
		for lj < len(lines) {
			switch {
			case lines[lj].kind == kind:
				block = append(block, lj)
			case kind == ' ' && d.toks[lines[lj].a].nl == 1 && (lj+1 < len(lines) && lines[lj+1].kind == kind && (!d.toks[lines[lj].a].cap || d.underFirstColumn(lines[lj], lines[block[len(block)-1]])) ||
				d.underLaterColumn(lines[lj], lines[block[len(block)-1]]) || d.lastSurname(lines[lj], lines[block[len(block)-1]])):
				// A cell's second line alone on its line ("newspaper", a surname under its
				// first name) between two rows, or under a column past the first ("Yavan in
				// August 2026" under "Status").
				l := lines[lj]
				l.kind, l.cells, l.cols = kind, [][2]int{{l.a, l.b}}, []int{d.runeCol(l.a)}
				l.ends = []int{d.runeCol(l.b-1) + utf8.RuneCountInString(d.toks[l.b-1].t)}
				lines[lj] = l
				block = append(block, lj)
			case !d.ruling(lines[lj]):
				goto done
			}
			lj++
		}
	done:
		need := 2
		if kind == ' ' {
			need = 3 // a head and two rows: prose printed justified may have one wide gap
		}
		if len(block) >= need {
			d.markTable(lines, block)
		}
		li = lj
	}
}

// tableLine splits tokens [a, b) into cells.
func (d *doc) tableLine(a, b int) tableLine {
	l := tableLine{a: a, b: b}
	// One pass to see whether the line may be a table's: most lines are prose.
	words, pipes, dots, gaps := 0, 0, false, false
	for k := a; k < b; k++ {
		t := &d.toks[k]
		switch t.k {
		case tWord, tNum:
			words++
		case tPunct:
			switch t.t {
			case "|":
				pipes++
			case ".", "…":
				dots = dots || k+1 < b && d.toks[k+1].t == t.t
			}
		}
		if k > a && t.s-d.toks[k-1].e >= 3 {
			gaps = true
		}
	}
	if words == 0 || pipes == 0 && !dots && !gaps {
		return l
	}
	if pipes >= 2 || pipes == 1 && !d.punct(a, "|") && !d.punct(b-1, "|") {
		l.kind = '|'
		start, col := a, 0
		// "| a | b |" is a table drawn with pipes; "| a | b", a row whose first cell is empty
		// (an HTML table's corner: htmlText writes " | " between cells, none around them).
		if d.punct(a, "|") && d.punct(b-1, "|") {
			start = a + 1
		}
		for k := start; k <= b; k++ {
			if k == b || d.punct(k, "|") {
				if k < b || start < b { // not the nothing after a closing "|"
					l.cells = append(l.cells, [2]int{start, k})
					l.cols = append(l.cols, col)
					col++
				}
				start = k + 1
			}
		}
		return l
	}
	// "Оразымбетов ..... задержан": a run of three or more dots.
	for k := a; k+2 < b; k++ {
		if d.punct(k, ".") && d.punct(k+1, ".") && d.punct(k+2, ".") || d.punct(k, "…") && d.punct(k+1, "…") {
			e := k
			for e < b && (d.punct(e, ".") || d.punct(e, "…")) {
				e++
			}
			if k > a && e < b {
				l.kind = '.'
				l.cells = [][2]int{{a, k}, {e, b}}
				l.cols = []int{0, 1}
			}
			return l
		}
	}
	// Columns apart by three spaces or more.
	start := a
	for k := a + 1; k <= b; k++ {
		if k == b || d.spacesBefore(k) >= 3 {
			l.cells = append(l.cells, [2]int{start, k})
			l.cols = append(l.cols, d.runeCol(start))
			l.ends = append(l.ends, d.runeCol(k-1)+utf8.RuneCountInString(d.toks[k-1].t))
			start = k
		}
	}
	// Cells are short; a line of prose printed justified may have a wide gap too.
	short := true
	for _, c := range l.cells {
		words := 0
		for k := c[0]; k < c[1]; k++ {
			if d.toks[k].k == tWord {
				words++
			}
		}
		short = short && words <= 6
	}
	if len(l.cells) >= 2 && short {
		l.kind = ' '
	} else {
		l.cells, l.cols = nil, nil
	}
	return l
}

// runeCol returns the column of token i in its line, in runes.
func (d *doc) runeCol(i int) int {
	lineStart := d.toks[i].s
	for lineStart > 0 && d.text[lineStart-1] != '\n' {
		lineStart--
	}
	return utf8.RuneCountInString(d.text[lineStart:d.toks[i].s])
}

// ruling reports a line of a drawn table that holds no words: "+----+-----+", "|    |    |".
func (d *doc) ruling(l tableLine) bool {
	if l.kind != 0 || l.b-l.a < 2 {
		return false
	}
	for k := l.a; k < l.b; k++ {
		if d.toks[k].k != tPunct {
			return false
		}
	}
	return true
}

// markTable marks the rows of a table whose lines are block, its head first.
func (d *doc) markTable(lines []tableLine, block []int) {
	head := lines[block[0]]
	// A space-aligned row starts at the table's left edge with a capital or a digit; a line
	// that starts further right, or in lower case, continues the row above (a cell of several
	// lines, or a head of two: "Prosecutor's" over "request").
	left := 1 << 30
	for _, li := range block {
		left = min(left, lines[li].cols[0])
	}
	cont := func(bi int) bool {
		l := lines[block[bi]]
		switch l.kind {
		case '|':
			return len(l.cells) > 1 && l.cells[0][0] == l.cells[0][1]
		case ' ':
			t := &d.toks[l.cells[0][0]]
			return l.cols[0] > left+1 || !t.cap && t.k != tNum || bi > 0 && d.cellWraps(lines[block[bi-1]], l, head) ||
				bi > 0 && t.nl == 1 && (d.underFirstColumn(l, lines[block[bi-1]]) || d.surnameWraps(l, lines[block[bi-1]]))
		}
		return false
	}
	kinds := make([]byte, len(head.cells))
	headEnd := 1 // lines of the head
	if head.kind == '.' {
		headEnd = 0 // a list with leader dots has no head
	}
	for headEnd > 0 && headEnd < len(block) && cont(headEnd) && head.kind == ' ' {
		headEnd++
	}
	for bi := 0; bi < headEnd; bi++ {
		l := lines[block[bi]]
		for ci, c := range l.cells {
			col := d.headColumn(head, l, ci)
			if col < 0 || col >= len(kinds) || kinds[col] == colDemand {
				continue
			}
			for k := c[0]; k < c[1]; k++ {
				if d.toks[k].k != tWord {
					continue
				}
				if demandHeads[d.toks[k].low] {
					kinds[col] = colDemand
					break
				}
				if sentenceHeads[d.toks[k].low] {
					kinds[col] = colSentence
				}
			}
		}
	}
	// A head of a line or two whose titles are known ("Prosecutor's" over "request",
	// "Sentence") holds titles, no names: "Defendant  Role" is not a defendant called Role.
	if slices.ContainsFunc(kinds, func(k byte) bool { return k != 0 }) && headEnd <= 2 {
		for bi := 0; bi < headEnd; bi++ {
			for _, c := range lines[block[bi]].cells {
				for k := c[0]; k < c[1]; k++ {
					d.toks[k].thead = true
				}
			}
		}
	}
	for bi, li := range block {
		l := lines[li]
		if bi == 0 || !cont(bi) {
			d.toks[l.a].rowStart = true
		} else if l.kind == ' ' && bi >= headEnd {
			// A cell that goes on below: its last word is followed, in the reading of
			// names, by the first word of the same column's cell on this line.
			prev := lines[block[bi-1]]
			for ci, c := range l.cells {
				col := d.headColumn(head, l, ci)
				for pj, pc := range prev.cells {
					if pc[0] < pc[1] && c[0] < c[1] && d.headColumn(head, prev, pj) == col {
						if d.cellGoesOn == nil {
							d.cellGoesOn = map[int]int{}
						}
						d.cellGoesOn[pc[1]-1] = c[0]
					}
				}
			}
		}
		for ci, c := range l.cells {
			col := d.headColumn(head, l, ci)
			if bi >= headEnd && col >= 0 && col < len(head.cells) && c[0] < c[1] {
				if d.colHeads == nil {
					d.colHeads = map[int][2]int{}
				}
				d.colHeads[c[0]] = head.cells[col]
			}
			for k := c[0]; k < c[1]; k++ {
				d.toks[k].cell = uint8(min(col+1, 255))
				if bi >= headEnd && col >= 0 && col < len(kinds) {
					d.toks[k].colKind = kinds[col]
				}
			}
		}
	}
	// The text after the table is no part of its last row.
	if last := lines[block[len(block)-1]]; last.b < len(d.toks) {
		d.toks[last.b].rowStart = true
	}
}

// underLaterColumn reports a line that starts under a cell of a table's line other than its
// first: the rest of that cell.
func (d *doc) underLaterColumn(l, prev tableLine) bool {
	if l.b <= l.a || len(prev.cols) < 2 {
		return false
	}
	c := d.runeCol(l.a)
	for _, pc := range prev.cols[1:] {
		if c >= pc-1 && c <= pc+1 {
			return true
		}
	}
	return false
}

// underFirstColumn reports a line of one cell under the first cell of a table's row of
// several, straight below it: the rest of that cell ("Sevinj" over "Huseynova").
func (d *doc) underFirstColumn(l, prev tableLine) bool {
	if l.b <= l.a || len(prev.cells) < 2 || len(l.cells) > 1 {
		return false
	}
	c := d.runeCol(l.a)
	return c >= prev.cols[0]-1 && c <= prev.cols[0]+1
}

// lastSurname reports a line of one surname straight below the first cell of a table's
// last row: the rest of its name ("Umid" over "Khasanov" as the table ends).
func (d *doc) lastSurname(l, prev tableLine) bool {
	return l.b-l.a == 1 && d.toks[l.a].cap && d.surnameUnder(l.a, d.runeCol(l.a), prev)
}

// surnameWraps reports a line whose first cell is a surname alone, straight below a row's
// first cell of one word that is no surname: a name wrapped in its cell ("Gulnara" over
// "Seytmuratova   of freedom"), whatever the line's other cells hold.
func (d *doc) surnameWraps(l, prev tableLine) bool {
	if len(l.cells) < 2 || l.cells[0][1]-l.cells[0][0] != 1 || !d.surnameUnder(l.cells[0][0], l.cols[0], prev) {
		return false
	}
	prevSur, _ := d.names.surnameShape(d.toks[prev.cells[0][0]].t)
	return !prevSur
}

// surnameUnder reports token k, at column col, a surname straight below the first cell of
// line prev, a cell of one word in a row of several.
func (d *doc) surnameUnder(k, col int, prev tableLine) bool {
	if len(prev.cells) < 2 || prev.cells[0][1]-prev.cells[0][0] != 1 || col < prev.cols[0]-1 || col > prev.cols[0]+1 {
		return false
	}
	sur, _ := d.names.surnameShape(d.toks[k].t)
	return sur
}

// cellWraps reports a space-aligned line that continues the row above: a cell of the line
// above ends in a dash or a conjunction ("28–" over "36", "Alisher, Rustam and" over
// "Farrukh"), and this line has a cell under it.
func (d *doc) cellWraps(prev, l, head tableLine) bool {
	if prev.kind != ' ' {
		return false
	}
	for pj, pc := range prev.cells {
		last := pc[1] - 1
		if pc[0] > last || !(d.punct(last, "–", "—", "-") || d.word(last, "and", "и") || d.punct(last, ",") || strings.HasSuffix(d.toks[last].t, "–")) {
			continue
		}
		col := d.headColumn(head, prev, pj)
		for ci, c := range l.cells {
			if c[0] < c[1] && d.headColumn(head, l, ci) == col {
				return true
			}
		}
	}
	return false
}

// headColumn returns the column of the head that cell ci of line l stands under, or -1.
func (d *doc) headColumn(head, l tableLine, ci int) int {
	if l.kind != ' ' {
		return l.cols[ci]
	}
	// Space-aligned: the head's cell it overlaps most (a title may be centred over its
	// column, or start before it), else the nearest.
	best, bestScore := -1, -1<<30
	a, b := l.cols[ci], l.ends[ci]
	for hi := range head.cols {
		ha, hb := head.cols[hi], head.ends[hi]
		score := min(b, hb) - max(a, ha) // overlap, or minus the gap between them
		if score > bestScore {
			best, bestScore = hi, score
		}
	}
	return best
}

// wrapsTo reports whether the table cell that ends at token i goes on, on the line below, with
// the words ws: "restriction" over "of freedom".
func (d *doc) wrapsTo(i int, ws ...string) bool {
	next, ok := d.cellGoesOn[i]
	if !ok {
		return false
	}
	for k, w := range ws {
		if !d.word(next+k, w) {
			return false
		}
	}
	return true
}

// cellStart returns the first token of the table cell token i is in (i itself outside tables).
func (d *doc) cellStart(i int) int {
	c := d.toks[i].cell
	if c == 0 {
		return i
	}
	for i > 0 && d.toks[i-1].cell == c && !d.toks[i].rowStart {
		i--
	}
	return i
}

// spacesBefore counts the spaces just before token i.
func (d *doc) spacesBefore(i int) int {
	n := 0
	for p := d.toks[i].s - 1; p >= 0 && d.text[p] == ' '; p-- {
		n++
	}
	return n
}

// headDate returns the day a table's column head gives ("Mangystau Regional Court,
// 12.12.2024") for the cell of token k, or nil.
func (d *doc) headDate(k int) *dateMention {
	if d.toks[k].cell == 0 || d.colHeads == nil {
		return nil
	}
	h, ok := d.colHeads[d.cellStart(k)]
	if !ok {
		return nil
	}
	for _, m := range d.datesIn(h[0], h[1]) {
		if m.prec == precDay {
			return m
		}
	}
	return nil
}

// tableEvents reads the events a table's row gives under a column whose head is an event word
// ("Detained | 1 July 2022", "Задержание | 19.09.2022"): the event of that type, on the
// cell's date, for the person the row names first. A cell that says no ("not detained") or
// that has its own event word (read with its sentence) gives none.
func (d *doc) tableEvents(si int) {
	s := d.sents[si]
	if d.colHeads == nil || d.toks[s.a].cell == 0 {
		return
	}
	var person *Person
	for _, m := range d.personsIn(s.a, s.b) {
		if m.p != nil && !m.pronoun {
			person = m.p
			break
		}
	}
	if person == nil {
		return
	}
	for k := s.a; k < s.b; k++ {
		h, ok := d.colHeads[k]
		if !ok || k > s.a && d.toks[k-1].cell == d.toks[k].cell {
			continue
		}
		typ := ""
		for x := h[0]; x < h[1] && typ == ""; x++ {
			typ, _ = d.eventAt(x)
		}
		if typ == "" {
			continue
		}
		e := k
		for e < s.b && d.toks[e].cell == d.toks[k].cell {
			e++
		}
		own := false
		for x := k; x < e; x++ {
			if t, _ := d.eventAt(x); t != "" || d.word(x, "not", "no", "не", "нет") {
				own = true
			}
		}
		ds := d.datesIn(k, e)
		if own || len(ds) != 1 || ds[0].prec < precMonth {
			continue
		}
		d.addEvent(&Event{Type: typ, Date: ds[0].iso, Person: person.Name, Mentions: []Span{d.span(k, e)}})
		d.setWhat(ds[0].iso, typ)
	}
}
