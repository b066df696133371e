"""Where documents come from: shipped articles, files (and their formats), the web."""
