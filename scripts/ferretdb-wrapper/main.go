// Command ferretdb-wrapper runs an embedded FerretDB v1 server with the SQLite backend.
//
// It exists because `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2`
// produces a binary that panics (build/version/version.txt is not part of the module).
// Embedding the public github.com/FerretDB/FerretDB/ferretdb package avoids that.
//
// Usage:
//
//	ferretdb-wrapper -listen 127.0.0.1:27018 -sqlite-dir /tmp/ferretdb-data
//
// Once the TCP port is open it prints "ready mongodb://HOST:PORT/" on stdout
// (use port 0 to get a free port). SIGINT/SIGTERM shut it down cleanly.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (port 0 picks a free port)")
	sqliteDir := flag.String("sqlite-dir", "", "directory for SQLite databases (created if missing; required)")
	logLevel := flag.String("log-level", "error", "log level: debug, info, warn or error (warn dumps every error reply)")
	flag.Parse()

	if err := run(*listen, *sqliteDir, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-wrapper:", err)
		os.Exit(1)
	}
}

func run(listen, sqliteDir, logLevel string) error {
	if sqliteDir == "" {
		return fmt.Errorf("-sqlite-dir is required")
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("bad -log-level: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// FerretDB wants an existing directory as a "file:/abs/path/" URI.
	dir, err := filepath.Abs(sqliteDir)
	if err != nil {
		return err
	}
	if err = os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if !strings.HasSuffix(dir, "/") {
		dir += "/"
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir,
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// New() has already bound the TCP listener, so the URI is usable now.
	fmt.Println("ready", f.MongoDBURI())

	return <-done
}
