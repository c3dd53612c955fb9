"""Writes with side effects, one module per concern."""
