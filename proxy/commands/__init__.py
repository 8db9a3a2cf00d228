"""One module per `chatveil` subcommand; each has `register(subparsers)` and a handler."""
