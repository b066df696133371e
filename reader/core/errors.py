"""Errors that the front ends turn into one line and an exit code.

Core raises only ``ReaderError`` subclasses; every exit code the command line can give is
named here (sysexits.h numbers, so scripts can tell the failures apart).
"""

from __future__ import annotations

EX_OK = 0
EX_FAILURE = 1
EX_USAGE = 64  # a wrong argument or option
EX_DATAERR = 65  # bad data: a corrupt store, a quote not found, an empty article
EX_NOINPUT = 66  # a missing or unreadable input
EX_UNAVAILABLE = 69  # a web page that cannot be had (HTTP error, not an article)
EX_SOFTWARE = 70  # a bug: the reader itself failed
EX_CANTCREAT = 73  # an output that cannot be created
EX_IOERR = 74  # an I/O error while writing (a full disk)
EX_TEMPFAIL = 75  # the store is in use; try again
EX_PROTOCOL = 76  # the network failed (host not found, TLS, timeout)
EX_CONFIG = 78  # a bad value in the config file or the environment
EX_INTERRUPTED = 130  # ctrl+c

EXIT_CODES = {
    EX_USAGE: "usage: a wrong argument or option",
    EX_DATAERR: "bad data: a corrupt store, a quote not found, an empty article",
    EX_NOINPUT: "a missing or unreadable input file",
    EX_UNAVAILABLE: "a web page that cannot be had (HTTP error, not an article, too large)",
    EX_SOFTWARE: "an internal error (please report it)",
    EX_CANTCREAT: "an output that cannot be created (a read-only folder, a protected path)",
    EX_IOERR: "an I/O error while writing (a full disk)",
    EX_TEMPFAIL: "the store is in use by another reader",
    EX_PROTOCOL: "the network failed (host not found, TLS error, timeout)",
    EX_CONFIG: "a bad value in the config file or the environment",
}


class ReaderError(Exception):
    """An error with a message meant for a person and an exit code."""

    exit_code = EX_FAILURE

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(ReaderError):
    """A wrong argument or option."""

    exit_code = EX_USAGE


class ConfigError(ReaderError):
    """A bad value in the config file or an environment variable."""

    exit_code = EX_CONFIG


class ArticleError(ReaderError):
    """An article cannot be opened as text."""

    exit_code = EX_NOINPUT


class FetchError(ArticleError):
    """A web page cannot be fetched or is not an article."""

    exit_code = EX_UNAVAILABLE


class FsError(ReaderError):
    """A file cannot be written safely."""

    exit_code = EX_IOERR


class StoreError(ReaderError):
    """The annotation store cannot be read or written safely."""

    exit_code = EX_DATAERR


class StoreLocked(StoreError):
    """Another process holds the store's write lock."""

    exit_code = EX_TEMPFAIL


class ReadOnlyStore(StoreError):
    """A change was asked of a store opened read-only."""

    exit_code = EX_TEMPFAIL


class AnchorError(ReaderError):
    """A quote cannot be placed in an article."""

    exit_code = EX_DATAERR


class NotFound(ReaderError):
    """An id, a tag or a passage that the user named does not exist."""

    exit_code = EX_NOINPUT
