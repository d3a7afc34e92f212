"""Small shared UI helpers: cached data access, citations, formatting."""
