"""Seed data: human-readable cited CSV files, their rules, and the loader (`python -m seed`)."""
