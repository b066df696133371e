"""The reader's core: documents, anchors, the store, suggestions and export.

Nothing in this package may import Textual; ``tests/test_architecture.py`` enforces it.
"""
