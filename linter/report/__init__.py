"""Formatters: each reads a list of findings and writes text; none imports the CLI."""
