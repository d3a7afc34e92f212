"""Summit mode for a room (`?mode=summit`) and its live companion for phones (`/live`)."""
