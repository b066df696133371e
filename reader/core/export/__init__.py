"""Exports: one registry of formats (Markdown, W3C Web Annotation, Argdown) and safe writing."""
