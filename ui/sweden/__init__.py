"""The Sweden page's sections, one module each; `pages/sweden.py` calls them in reading order."""
