"""Summit mode: full-screen slides that advance, steer by hand, and survive hand-edited links."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT
from ui.share import qr_png


def summit(**params: str) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for key, value in {"mode": "summit", **params}.items():
        at.query_params[key] = value
    at.run()
    return at


def test_summit_mode_shows_the_first_slide_without_the_page_menu(app_env):
    at = summit()
    assert not at.exception
    assert at.title[0].value == "Nordic Procurement Compass"
    assert not at.sidebar.selectbox  # no language selector or navigation in the sidebar


def test_next_and_previous_move_between_slides(app_env):
    at = summit(interval="600")
    next_button = next(b for b in at.button if b.label == "Next")
    next_button.click().run()
    assert at.title[0].value == "Norway: what LUP reports"
    assert at.query_params["slide"] == "1"
    next(b for b in at.button if b.label == "Previous").click().run()
    assert at.title[0].value == "Nordic Procurement Compass"


def test_a_slide_link_reopens_that_slide_and_bad_numbers_fall_back(app_env):
    assert summit(slide="3").title[0].value == "Sweden: buyer networks"
    at = summit(slide="abc", interval="-5")
    assert not at.exception and at.title[0].value == "Nordic Procurement Compass"


def test_figures_on_slides_name_their_source_document_by_name_not_file(app_env):
    at = summit(slide="1")  # Norway's 234 workplaces, from the summit article (no publisher: its title)
    assert any("Norsk\\-dansk topmøde om innovative offentlige indkøb, para\\. 20" in c.value for c in at.caption)
    assert not any(".txt" in c.value for c in at.caption)
    assert any("Upphandlingsmyndigheten, Rapport 2019\\:3, § 1, p\\. 7" in c.value for c in summit(slide="3").caption)


def test_a_lower_bound_is_shown_as_a_bound_with_its_caveat(app_env):
    at = summit(slide="6")  # Denmark's "far more than 300 bn"
    assert at.title[0].value == "Denmark: where the process stands"
    figure = next(m.value for m in at.markdown if "summit-figure" in m.value)
    assert "&gt; DKK300B" in figure
    assert any("A lower bound, not an exact figure" in c.value for c in at.caption)


def test_the_qr_code_opens_the_phone_page_in_the_screen_language_without_the_presenter_secret(app_env):
    at = summit(lang="da", presenter="not-a-valid-secret")
    assert "presenter" not in at.query_params
    assert not [b for b in at.button if b.key and b.key.startswith("presenter-")]  # a wrong secret gives no controls
    link = at.text[0].value
    assert link.endswith("/live?lang=da") and "presenter" not in link


def test_qr_codes_are_made_locally():
    assert qr_png("http://127.0.0.1:8501/?mode=summit").startswith(b"\x89PNG")
