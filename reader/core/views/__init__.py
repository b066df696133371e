"""View models with no UI toolkit: wrapping into rows, keyboard selections."""
