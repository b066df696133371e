"""reader: a terminal reader for comparing an allegation with its rebuttal."""

__version__ = "0.1.0"
