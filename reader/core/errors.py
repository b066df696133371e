"""Errors that the command line turns into one line and an exit code."""

from __future__ import annotations

# sysexits.h codes, so scripts can tell the failures apart.
EX_USAGE = 64
EX_DATAERR = 65
EX_NOINPUT = 66
EX_CANTCREAT = 73
EX_IOERR = 74
EX_TEMPFAIL = 75


class ReaderError(Exception):
    """An error with a message meant for a person and an exit code."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class ArticleError(ReaderError):
    """An article file cannot be opened as text."""

    exit_code = EX_NOINPUT


class StoreError(ReaderError):
    """The annotation store cannot be read or written safely."""

    exit_code = EX_DATAERR


class StoreLocked(StoreError):
    """Another process holds the store's write lock."""

    exit_code = EX_TEMPFAIL


class AnchorError(ReaderError):
    """A quote cannot be placed in an article."""

    exit_code = EX_DATAERR
