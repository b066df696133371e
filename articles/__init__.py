"""The article pair shipped with reader (package data, importable as ``reader.articles``)."""
