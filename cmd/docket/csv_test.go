package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket/internal/pgtest"
	"golang.org/x/text/encoding/charmap"
)

// csvMapping maps the columns of csvFile; the judge column names a person of the registry.
const csvMapping = `# a monitor's spreadsheet
Defendant            = Person.name
Defendant (Cyrillic) = Person.name lang=ru
Born                 = Person.birthDate
Case no.             = Case.number
Article              = Charge.article
Court                = Organization.name
Judge                = Proceeding.judge
Ruling date          = Proceeding.date
Outcome              = Proceeding.outcome
Sentence             = Proceeding.sentence
Link                 = source
const Charge.code       = KZ-CC
const Proceeding.stage  = first instance
`

// csvFile has a person on two rows (in two scripts), a court and a judge that the demo holds,
// a court it does not, and a source URL of the demo's.
const csvFile = "Defendant;Defendant (Cyrillic);Born;Case no.;Article;Court;Judge;Ruling date;Outcome;Sentence;Link;Notes\n" +
	"Yerlan Sarsenov;Ерлан Сарсенов;1984-05-02;2-101/2020;174;Aktau City Court;Gulnara Bayturova;2020-03-11;convicted;restriction of freedom P2Y;https://tumba.kz/41092.html;\n" +
	"Erlan Sarsenov;;1984-05-02;2-207/2021;179;Zhanaozen City Court;;2021-06-01;convicted;imprisonment P5Y;https://example.org/zhanaozen;second case\n" +
	"Dana Zhunusova;Дана Жунусова;1991;2-55/2021;174;Aktau City Court;;2021-01-20;acquitted;;;\n"

func writeCSV(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportCSV(t *testing.T) {
	d := MustDemo(t)
	dir := t.TempDir()
	m := writeCSV(t, dir, "cases.map", csvMapping)
	f := writeCSV(t, dir, "cases.csv", csvFile)
	before := mustRun(t, "export", "--data", d)

	out := mustRun(t, "import", "--format", "csv", f, "--map", m, "--dry-run", "--data", d)
	for _, want := range []string{"3 rows, 3 good", "2 Person", "3 Case", "1 Organization", "columns not imported", "Notes"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "the registry has already") {
		t.Errorf("dry run finds namesakes the demo does not have:\n%s", out)
	}
	if mustRun(t, "export", "--data", d) != before {
		t.Fatal("the dry run wrote to the store")
	}

	out = mustRun(t, "import", "--format", "csv", f, "--map", m, "--status", "reported", "--data", d)
	if !strings.Contains(out, "made: records 2 Person, 1 Organization, 3 Case, 3 Charge, 3 Proceeding") {
		t.Fatalf("import report:\n%s", out)
	}
	// One person, found in either script; both of his cases, the known judge and court.
	show := mustRun(t, "show", "Sarsenov", "--data", d)
	for _, want := range []string{"Yerlan Sarsenov", "Ерлан Сарсенов", "1984-05-02", "2-101/2020", "2-207/2021"} {
		if !strings.Contains(show, want) {
			t.Errorf("show Sarsenov lacks %q:\n%s", want, show)
		}
	}
	if got := mustRun(t, "search", "Сарсенов", "--data", d); strings.Count(got, "Person") != 1 {
		t.Errorf("search in Cyrillic finds other than one person:\n%s", got)
	}
	referrers := mustRun(t, "show", "person-baiturova", "--data", d)
	if !strings.Contains(referrers, "2020-03-11") {
		t.Errorf("the ruling of the CSV does not name the demo's judge:\n%s", referrers)
	}
	court := mustRun(t, "show", "org-aktau-city-court", "--data", d)
	if !strings.Contains(court, "2021-01-20") || !strings.Contains(court, "2020-03-11") {
		t.Errorf("the CSV's rulings are not at the demo's court:\n%s", court)
	}
	if strings.Count(mustRun(t, "search", "Aktau City Court", "--data", d), "Organization") != 1 {
		t.Error("the import made a second Aktau City Court")
	}
	if out := mustRun(t, "verify", "--data", d); !strings.Contains(out, "ok") {
		t.Fatalf("verify after the import: %s", out)
	}

	// The same file again: a dry run names the rows whose people the registry has now, by
	// line, with the records they would duplicate.
	out = mustRun(t, "import", "--format", "csv", f, "--map", m, "--dry-run", "--data", d)
	for _, want := range []string{"rows whose names the registry has already", `line 2: Person "Yerlan Sarsenov": `, "(Yerlan Sarsenov)", `line 4: Person "Dana Zhunusova": `} {
		if !strings.Contains(out, want) {
			t.Errorf("the second dry run does not say %q:\n%s", want, out)
		}
	}
}

func TestImportCSV_BadInput(t *testing.T) {
	d := MustDemo(t)
	dir := t.TempDir()
	m := writeCSV(t, dir, "cases.map", csvMapping)
	before := mustRun(t, "export", "--data", d)
	header, rows, _ := strings.Cut(csvFile, "\n")
	lines := strings.Split(strings.TrimSpace(rows), "\n")
	cp1251, _ := charmap.Windows1251.NewEncoder().String(csvFile)
	for name, tc := range map[string]struct {
		file string
		args []string
		want []string
	}{
		"MalformedDate": {header + "\n" + lines[0] + "\n" + strings.Replace(lines[2], "2021-01-20", "2021-02-30", 1) + "\n", nil,
			[]string{`line 3, column "Ruling date"`, "2021-02-30", "nothing was imported"}},
		"ReferenceToNothing": {header + "\n" + strings.Replace(lines[0], "Gulnara Bayturova", "Judge Nobody", 1) + "\n", nil,
			[]string{`line 2, column "Judge"`, `no Person named "Judge Nobody"`}},
		"MissingColumn":    {strings.Replace(csvFile, "Born;", "", 1), nil, []string{`column "Born"`, "does not have"}},
		"WrongEncoding":    {cp1251, nil, []string{"not UTF-8", "--encoding windows-1251"}},
		"WrongColumnCount": {header + "\n" + lines[0] + ";extra\n", nil, []string{"line 2", "13 columns; the header has 12"}},
		"BadVocabulary":    {strings.Replace(csvFile, "acquitted", "freed", 1), nil, []string{`line 4, column "Outcome"`, "freed"}},
		"UnknownSourceURL": {strings.Replace(csvFile, "https://example.org/zhanaozen", "ftp://x", 1), nil, []string{`line 3, column "Link"`}},
		"MappingBadProperty": {csvFile, []string{"--map", writeCSV(t, dir, "bad.map", "Born = Person.birthday\n")},
			[]string{"mapping line 1", `no property "birthday"`}},
	} {
		t.Run(name, func(t *testing.T) {
			f := writeCSV(t, dir, name+".csv", tc.file)
			args := append([]string{"import", "--format", "csv", f, "--map", m, "--data", d}, tc.args...)
			code, out, errs := run(t, "", args...)
			if code == 0 {
				t.Fatalf("exit 0:\n%s", out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out+errs, w) {
					t.Errorf("output does not say %q:\n%s%s", w, out, errs)
				}
			}
			if mustRun(t, "export", "--data", d) != before {
				t.Fatal("a failed import wrote to the store")
			}
		})
	}

	// The same file in Windows-1251, said so, imports; a bad row is left out when asked.
	f := writeCSV(t, dir, "cp1251.csv", strings.Replace(cp1251, "2021-01-20", "2021-13-20", 1))
	out := mustRun(t, "import", "--format", "csv", f, "--map", m, "--encoding", "windows-1251", "--skip-bad-rows", "--data", d)
	for _, want := range []string{"3 rows, 2 good, 1 with errors", "skipped the rows on lines 4", "2021-13-20"} {
		if !strings.Contains(out, want) {
			t.Errorf("import with --skip-bad-rows does not say %q:\n%s", want, out)
		}
	}
	if show := mustRun(t, "show", "Сарсенов", "--data", d); !strings.Contains(show, "Ерлан Сарсенов") {
		t.Errorf("the Windows-1251 file's Cyrillic did not arrive:\n%s", show)
	}
	if got := mustRun(t, "search", "Zhunusova", "--data", d); strings.Contains(got, "Person") {
		t.Errorf("the skipped row was imported:\n%s", got)
	}
}

// TestImportCSV_Postgres imports a spreadsheet into an empty PostgreSQL store: the file's court
// names are looked up on other connections while the import's transaction holds its locks, and
// the import must not wait for itself.
func TestImportCSV_Postgres(t *testing.T) {
	pg := pgtest.Schema(t)
	dir := t.TempDir()
	m := writeCSV(t, dir, "cases.map", strings.Replace(csvMapping, "Judge                = Proceeding.judge\n", "", 1))
	f := writeCSV(t, dir, "cases.csv", csvFile)
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errs := run(t, "", "import", "--format", "csv", f, "--map", m, "--db", pg)
		done <- result{code, out, errs}
	}()
	select {
	case r := <-done:
		if r.code != 0 || !strings.Contains(r.out, "3 rows, 3 good") {
			t.Fatalf("import: exit %d\n%s%s", r.code, r.out, r.err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the import into an empty PostgreSQL store did not finish in two minutes")
	}
	if got := mustRun(t, "search", "Сарсенов", "--db", pg); !strings.Contains(got, "Sarsenov") {
		t.Fatalf("search after the import:\n%s", got)
	}
}
