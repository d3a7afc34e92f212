"""The framework floor: an (almost) empty Streamlit page with one control, for `make bench` to compare against."""

import streamlit as st

st.title("Empty page")
choice = st.segmented_control("Currency", ["EUR", "NOK", "SEK", "DKK"], default="EUR", key="currency")
st.write(f"Chosen: {choice}")
