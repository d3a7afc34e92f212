"""Small shared UI helpers: cached data access, citations, formatting, maps.

Importing `ui` also makes sure every page runs inside app.py's navigation (`ui.navigation.route_through_app`).
"""

from ui.navigation import route_through_app

route_through_app()
