"""Type and layout sized to the screen, not to a laptop: viewport units throughout.

Body text is at least 1/40 of the viewport height and a headline figure at least 1/8 (issue 14),
so a slide reads the same from the back of a room on 1080p and on 4K. `min(…vh, …vw)` keeps a
tall, narrow phone from overflowing sideways: a figure's number and unit are joined by no-break
spaces, so at 11vw the longest ("> 300 mia. kr.") still fits one line of a 390 px phone. Static CSS only: no data is ever put into it.
"""

from __future__ import annotations

import streamlit as st

BODY = "max(2.7vh, 15px)"  # >= 1/40 of the height (2.5vh)
# A chart drawn twice (`ui.summit.svg`): the wide drawing on a screen held sideways, the narrow one held upright.
CHART_CSS = """
.summit-chart img.summit-portrait { display: none; }
@media (max-aspect-ratio: 1/1) {
  .summit-chart img.summit-landscape { display: none; }
  .summit-chart img.summit-portrait { display: block; }
}
"""

ROOM_CSS = """<style>
[data-testid="stHeader"], [data-testid="stDecoration"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 2.5vh 3.5vw 0 3.5vw; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li,
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"],
[data-testid="stMainBlockContainer"] button p { font-size: BODY; line-height: 1.3; }
.st-key-summit-slide { min-height: 72vh; gap: 1.2vh; }
.st-key-summit-slide h1 { font-size: min(6.2vh, 5.2vw); line-height: 1.15; padding: 0 0 1vh 0; color: #0b2545; }
.st-key-summit-slide h3 { font-size: min(4.4vh, 4.8vw); font-weight: 500; padding: 0; line-height: 1.2; }
.st-key-summit-slide li, .st-key-summit-slide p { font-size: max(3.2vh, 16px); }
.st-key-summit-slide [data-testid="stCaptionContainer"] p, .st-key-summit-footer [data-testid="stCaptionContainer"] p,
.st-key-summit-controls p { font-size: BODY; color: #2b2b2b; }
[data-testid="stMainBlockContainer"] p.summit-figure {
  font-size: min(17vh, 13vw); font-weight: 700; line-height: 1.05; color: #0b2545; margin: 1vh 0;
}
.summit-chart img { width: 100%; max-height: 40vh; object-fit: contain; object-position: left top; }
/* Space under the QR code: it never touches the screen's lower edge. */
.st-key-summit-footer { border-top: 1px solid #d0d4dc; padding-top: 1.2vh; padding-bottom: 2vh; }
.summit-qr img, img.summit-qr { height: min(17vh, 40vw); width: min(17vh, 40vw); image-rendering: pixelated; }
.st-key-summit-link [data-testid="stText"] { font-size: BODY; word-break: break-all; white-space: normal; }
.st-key-summit-controls button { min-height: 0; padding: 0.3vh 1vw; opacity: 0.55; }
/* Streamlit sizes a button's icon in rem (16 px): as big as the button's text instead, to be seen on a 4K screen. */
.st-key-summit-controls button [data-testid="stIconMaterial"] { font-size: BODY; width: auto; height: auto; }
.st-key-summit-controls button span:has(> [data-testid="stIconMaterial"]) { width: auto; height: auto; margin: 0 0.25em; }
.st-key-summit-controls button:hover, .st-key-summit-controls button:focus { opacity: 1; }
[data-testid="stPopoverBody"] p, [data-testid="stPopoverBody"] label, [data-testid="stPopoverBody"] input,
[data-testid="stPopoverBody"] [data-baseweb="select"] div { font-size: BODY; }  /* the presenter's menu, room-sized on 4K */
[data-testid="stPopoverBody"] { min-width: 34vw; }
[data-testid="stPopoverBody"] [data-baseweb="select"] > div { min-height: 1.6em; }
.room-label { display: inline-block; background: #fff3cd; color: #5c4400; border-radius: 0.6vh; padding: 0.3vh 1vw; font-weight: 600; }
@media (max-aspect-ratio: 1/1) {  /* a phone held upright: the slide takes the height it needs, then the QR code */
  .st-key-summit-slide { min-height: 0; }
  .st-key-summit-slide h1 { font-size: 7vw; }
  [data-testid="stMainBlockContainer"] p.summit-figure { font-size: 11vw; }  /* "> 300 mia. kr." on one line at 390 px */
}
CHART</style>""".replace("BODY", BODY).replace("CHART", CHART_CSS)

PHONE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 3.75rem 1rem 4rem 1rem; }  /* below Streamlit's fixed top bar */
[data-testid="stMainBlockContainer"] p.summit-figure { font-size: min(13vh, 11vw); font-weight: 700; line-height: 1.05; color: #0b2545; }
.summit-chart img { width: 100%; }
.st-key-live-header h1 { font-size: 1.05rem; font-weight: 600; color: #5c4400; padding: 0; }
.st-key-live-question { background: #f4f7fb; border: 2px solid #0072B2; border-radius: 12px; padding: 0.9rem; }
.st-key-live-submit button { width: 100% !important; min-height: 3rem; font-size: 1.15rem; }
.room-label { display: inline-block; background: #fff3cd; color: #5c4400; border-radius: 6px; padding: 2px 8px; font-weight: 600; }
CHART</style>""".replace("CHART", CHART_CSS)


def room() -> None:
    st.html(ROOM_CSS)


def phone() -> None:
    st.html(PHONE_CSS)
