package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/extract"
	"github.com/docketorg/docket/ingest"
)

func (m *Main) runEval(ctx context.Context, args []string) error {
	f := m.newFlags("eval", `
Usage: docket eval DIR [-v]

Scores extraction on a corpus: every document NAME.txt, .html or .pdf in DIR with a gold file
NAME.gold.json beside it (or a gold file whose "document" key names the document, relative
to the gold file) is ingested into a fresh, empty store in a temporary directory, and its
proposals are compared with the gold file by the matching rules of the shared EVAL.md:
persons by romanisation key after inflected forms are brought to the nominative,
organisations by folded name, dates as ISO strings, charges by article number, outcomes,
demands, sentences and events by their keys, sources by URL. Prints precision, recall and
F1 for each kind of fact and overall; -v adds each document's misses and false proposals.

Examples:
  docket eval testdata/corpus
  docket eval testdata/corpus -v`, false)
	verbose := f.Bool("v", false, "print each document's misses and false proposals")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	docs, err := extract.Corpus(pos[0])
	if err != nil {
		return docket.Errorf(docket.EINVALID, "%s", err.Error())
	}
	if len(docs) == 0 {
		return docket.Errorf(docket.ENOTFOUND, "no NAME.gold.json files in %s", pos[0])
	}
	score := extract.NewScore()
	for _, cd := range docs {
		res, err := evalDocument(ctx, cd)
		if err != nil {
			return fmt.Errorf("%s: %w", cd.Document, err)
		}
		data, err := os.ReadFile(cd.Gold)
		if err != nil {
			return err
		}
		g, err := extract.ParseGold(data)
		if err != nil {
			return docket.Errorf(docket.EINVALID, "%s: %v", cd.Gold, err)
		}
		score.Add(extract.ScoreDocument(cd.Name, g, res))
	}
	score.Write(m.Stdout, *verbose)
	return nil
}

// evalDocument ingests one document into a fresh store of its own and returns what was
// proposed.
func evalDocument(ctx context.Context, cd extract.CorpusDoc) (*extract.Result, error) {
	dir, err := os.MkdirTemp("", "docket-eval-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	db, err := openStore("sqlite:"+filepath.Join(dir, "docket.db"), true, false)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	data, err := readDocument(cd.Document)
	if err != nil {
		return nil, err
	}
	out, err := ingest.Run(ctx, db, docket.Operator("eval"), &ingest.Input{Name: cd.Document, Data: data, Sensitivity: docket.Internal}, nil)
	if err != nil {
		return nil, err
	}
	return out.Result, nil
}
