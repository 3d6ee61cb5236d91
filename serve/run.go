package serve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// Connection limits of Serve, for a server left running on a network: a
// client must send its headers promptly and cannot hold a connection idle
// for long, and no header may be large (the query string is part of it).
const (
	readHeaderTimeout = 5 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 16 << 10
	shutdownGrace     = 5 * time.Second
)

// Serve answers requests on ln until ctx is done, then lets the requests
// under way finish (their searches are cancelled) and returns nil; or it
// returns the error that stopped it.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		// A request waits for a slot, searches, then writes its answer.
		WriteTimeout:   s.lim.QueueWait + s.lim.Timeout + 10*time.Second,
		IdleTimeout:    idleTimeout,
		MaxHeaderBytes: maxHeaderBytes,
		BaseContext:    func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
