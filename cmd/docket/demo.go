package main

import (
	"context"
	"fmt"

	"github.com/docketorg/docket/demo"
)

func (m *Main) runDemo(ctx context.Context, args []string) error {
	f := m.newFlags("demo", `
Usage: docket demo [--data DIR]

Loads the seed case into the store and exits: the acquittal of Aigul Akberdiyeva by Judge
Gulnara Baiturova of the Aktau City Court on 6 February 2019, the removal of the court's
chairman, Malik Kenzhaliyev, the next day, the disrupted press conference and the detention
of observers, the conviction of her husband Ablovas Dzhumayev, and the national conviction
rate, each fact footnoted to its source as in the Open Dialogue Foundation's press release of
11 February 2019. Loading it twice does nothing.

Example:
  docket demo --data ./demo && docket show Akberdiyeva --data ./demo`, true)
	f.authorFlag()
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	db, err := f.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	if ok, err := demo.Loaded(ctx, db); err != nil {
		return err
	} else if ok {
		fmt.Fprintf(m.Stdout, "the demo is in %s already\n", db.Path)
		return nil
	}
	if err := demo.Load(ctx, db, f.operator()); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "loaded the seed case into %s; try: docket show Akberdiyeva\n", db.Path)
	return nil
}
