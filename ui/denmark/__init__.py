"""The Denmark page's sections, one module each; `pages/denmark.py` calls them in order."""
