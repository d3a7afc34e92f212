"""The process-wide caches behind every page (ui/data.py): a hall asking at once builds each answer once."""

import threading
import time

import pandas as pd
import pytest

from ui.data import _Lru, digest


def test_a_hall_missing_the_same_chart_at_once_builds_it_once():
    cache, builds, answers = _Lru(8), [], []

    def build() -> str:
        builds.append(1)
        time.sleep(0.05)  # long enough for every other asker to arrive while it is being built
        return "chart"

    askers = [threading.Thread(target=lambda: answers.append(cache.get_or_make("NOK", build))) for _ in range(50)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert len(builds) == 1
    assert answers == ["chart"] * 50


def test_a_build_that_failed_is_tried_again_by_the_next_asker():
    cache = _Lru(8)

    def broken() -> str:
        raise RuntimeError("store away")

    with pytest.raises(RuntimeError):
        cache.get_or_make("NOK", broken)
    assert cache.get_or_make("NOK", lambda: "chart") == "chart"


def test_the_least_recently_used_answer_goes_first():
    cache = _Lru(2)
    cache.put("EUR", 1)
    cache.put("NOK", 2)
    cache.get("EUR")
    cache.put("SEK", 3)
    assert cache.get("EUR") == 1
    assert cache.get_or_make("NOK", lambda: "rebuilt") == "rebuilt"


def test_equal_frames_have_equal_digests_however_their_cells_are_shared():
    word = "Norway"
    shared_cells = pd.DataFrame({"country": [word, word]})
    fresh_cells = pd.DataFrame({"country": ["Nor" + "way", "".join(["Nor", "way"])]})
    assert digest(shared_cells) == digest(fresh_cells)
    assert digest(shared_cells) != digest(pd.DataFrame({"country": ["Norway", "Sweden"]}))
