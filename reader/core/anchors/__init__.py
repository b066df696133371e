"""Anchors: W3C selectors that describe a passage, and finding the passage again."""
