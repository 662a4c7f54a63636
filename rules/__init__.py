"""The built-in rule packs, shipped as package data."""
