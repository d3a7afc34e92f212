"""The Norway page's sections, one module each; `pages/norway.py` calls them in reading order."""
