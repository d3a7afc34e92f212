"""A page's floor (`make bench`): its recorded elements replayed with their pickled data, nothing computed.

`?rec=NAME&size=SIZE` names the recording (bench/recorder.py, under BENCH_FLOOR_DIR). No app import.
"""

import streamlit as st

from bench import replay

replay.serve(replay.load(st.query_params.get("rec", "overview"), st.query_params.get("size", "seed")))
