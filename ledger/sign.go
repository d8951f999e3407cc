package ledger

import (
	"context"
	"log/slog"
	"time"

	"github.com/docketorg/docket"
)

// SignEvery signs the ledger's head with s when it has grown: now, then every interval, and
// once more when ctx ends, so that the last changes before a shutdown are covered. A server
// publishes the latest checkpoint it signed; signing on its own schedule, not on request, keeps
// what an anonymous request costs bounded (no signature, no write) and makes no request decide
// when the log is committed to. It returns when ctx is done.
func SignEvery(ctx context.Context, st docket.LedgerService, s docket.CheckpointSigner, interval time.Duration, logger *slog.Logger) {
	SignEveryThen(ctx, st, s, interval, logger, nil)
}

// SignEveryThen is SignEvery, calling then with the latest checkpoint after each signing (a
// checkpoint not signed anew included, so that then may retry what failed): docket serve
// asks its witnesses to cosign there.
func SignEveryThen(ctx context.Context, st docket.LedgerService, s docket.CheckpointSigner, interval time.Duration, logger *slog.Logger,
	then func(context.Context, *docket.Checkpoint)) {
	sign := func(ctx context.Context) {
		cp, err := st.Checkpoint(ctx, s)
		switch {
		case docket.ErrorCode(err) == docket.ENOTFOUND: // an empty ledger: nothing to sign yet
		case err != nil:
			logger.Error("signing a checkpoint", "err", err)
		default:
			logger.Debug("checkpoint", "size", cp.Size)
			if then != nil {
				then(ctx, cp)
			}
		}
	}
	sign(ctx)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			sign(ctx)
		case <-ctx.Done():
			// The request context is over; the final signature gets a few seconds of its own.
			final, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			sign(final)
			cancel()
			return
		}
	}
}
