"""termsense as a language server (`termsense server`), for any editor that speaks LSP.

Built on pygls and lsprotocol, which come with the `lsp` extra; importing this package does
not need them, so `termsense server` without the extra can say how to get it."""

from __future__ import annotations

import logging
import sys

MISSING = "the language server needs the lsp extra: pip install 'termsense[lsp]'"


def run(log_level: str = "WARNING") -> int:
    """Serve LSP on stdin/stdout until the client says exit; 2 when pygls is not installed."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        sys.stderr.write(f"termsense: {MISSING}\n")
        return 2
    # stdout carries the protocol: logs go to stderr, which editors show as the server's log.
    # The level is termsense's own; pygls says only what goes wrong (its debug log is every message).
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("termsense").setLevel(log_level.upper())
    from .server import serve

    serve()
    return 0
