"""The store: SQLModel tables and the queries the pages call. Never imports Streamlit."""
