"""Summit mode: full-screen slides that advance, steer by hand, and survive hand-edited links."""

from __future__ import annotations

from tests.apptest import open_page
from ui.share import qr_png


def test_summit_mode_shows_the_first_slide_without_the_page_menu(app_env):
    at = open_page("summit")
    assert not at.exception
    assert at.title[0].value == "Nordic Procurement Compass"
    assert not at.sidebar.selectbox  # no language selector or navigation in the sidebar


def test_next_and_previous_move_between_slides(app_env):
    at = open_page("summit", interval="600")
    next_button = next(b for b in at.button if b.label == "Next")
    next_button.click().run()
    assert at.title[0].value == "Norway: what LUP reports"
    assert at.query_params["slide"] == "1"
    next(b for b in at.button if b.label == "Previous").click().run()
    assert at.title[0].value == "Nordic Procurement Compass"


def test_a_slide_link_reopens_that_slide_and_bad_numbers_fall_back(app_env):
    assert open_page("summit", slide="2").title[0].value == "Sweden: buyer networks"
    at = open_page("summit", slide="abc", interval="-5")
    assert not at.exception and at.title[0].value == "Nordic Procurement Compass"


def test_figures_on_slides_name_their_source_document(app_env):
    at = open_page("summit", slide="1")
    assert any("003_0ea15bb8b611e70a.txt" in c.value for c in at.caption)


def test_qr_codes_are_made_locally():
    assert qr_png("http://127.0.0.1:8501/?mode=summit").startswith(b"\x89PNG")
