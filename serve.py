"""The dashboard with a warm start: `streamlit run serve.py` (what `make run` and `make cluster` start).

The same app as `streamlit run app.py`, mounted as an `st.App` whose start-up runs every page once
(ui/warmup.py) before `/_stcore/health` reports healthy: the first visitor waits no longer than the
hundredth, and nginx's upstream health gate (deploy/nginx.conf.template) skips a replica still warming.
It also mounts `/_compass/changes` (ui/watch.py), which open tabs poll instead of rerunning on a timer, and
hides in the page's HTML what Streamlit paints before a run's first message (ui/shell.py: it jumped sideways on a slow start).
"""

import streamlit as st
from starlette.middleware import Middleware

from ui import shell, watch
from ui.warmup import ReadinessGate, lifespan

app = st.App("app.py", lifespan=lifespan, middleware=[watch.middleware(), Middleware(ReadinessGate), Middleware(shell.QuietSkeleton)])
