package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/docketorg/docket/archive"
	"github.com/docketorg/docket/demo"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/ledger"
)

func (m *Main) runServe(ctx context.Context, args []string) error {
	f := m.newFlags("serve", `
Usage: docket serve [--addr HOST:PORT] [--demo] [--data DIR]

Runs the web interface and the JSON API (/api/v1, described at /api/v1/openapi.json) until
interrupted. Visitors who do not sign in see reviewed public statements only; accounts come
from docket user add (the first: docket user add --admin NAME), API tokens from docket token
add. --demo loads the seed case first if the store lacks it. Behind a proxy that terminates
TLS, pass --secure-cookies so that session cookies are only ever sent over TLS.

Examples:
  docket serve --demo
  docket serve --addr 0.0.0.0:8080 --data /srv/docket`, true)
	addr := f.String("addr", "127.0.0.1:8080", "address to listen on")
	keyFile := f.keyFlag()
	allow := f.Bool("allow-private", false, "let the archiver fetch private, loopback and link-local addresses")
	withDemo := f.Bool("demo", false, "load the seed case first if it is not loaded")
	secure := f.Bool("secure-cookies", false, "mark session cookies Secure (served over TLS by a proxy)")
	signEvery := f.Duration("checkpoint-every", 10*time.Minute, "sign the ledger's head this often when it has grown (and at start and shutdown); /api/v1/ledger/checkpoint serves the latest")
	f.authorFlag()
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	db, err := f.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	logger := slog.New(slog.NewTextHandler(m.Stderr, nil))
	db.Logger = logger
	if *withDemo {
		if ok, err := demo.Loaded(ctx, db); err != nil {
			return err
		} else if !ok {
			if err := demo.Load(ctx, db, f.operator()); err != nil {
				return err
			}
			logger.Info("loaded the seed case")
		}
	}
	key, err := f.loadKey(*keyFile, true)
	if err != nil {
		return err
	}
	s := dockethttp.NewServer(db)
	s.Addr, s.Logger, s.Verifier, s.SecureCookies = *addr, logger, key.Verifier, *secure
	if err := s.Open(); err != nil {
		return err
	}
	signed := make(chan struct{})
	go func() {
		ledger.SignEvery(ctx, db, key, *signEvery, logger)
		close(signed)
	}()
	defer func() { <-signed }() // the checkpoint at shutdown
	// The archive queue is worked in the background: every source with a URL is preserved.
	a := archive.NewArchiver(db)
	a.Fetcher.AllowPrivate, a.Logger = *allow, logger
	go a.Work(ctx, 5*time.Second)
	logger.Info("serving", "url", s.URL(), "store", db.Path)
	fmt.Fprintf(m.Stdout, "Docket is at %s\n", s.URL())
	if m.Ready != nil {
		m.Ready(s.URL())
	}
	<-ctx.Done()
	return s.Close()
}
