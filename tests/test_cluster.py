"""`make cluster`: two app servers behind nginx on one PostgreSQL, as a visitor and an editor meet them.

The cluster is started once for the module by `scripts/cluster.sh` (what `make cluster` runs) in a
temporary directory on free ports, with REPLICAS=2 to spare the machine, and stopped at the end.
Pages are driven with the browser-less client (bench/wsclient.py); the reconnect after a replica dies
uses one real Chromium page, because reconnecting is the frontend's own behaviour.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.browser import CHART, _tree
from bench.wsclient import Session
from model import auth
from tests.browser import run_async

pytestmark = pytest.mark.postgres  # it starts its own PostgreSQL (Debian's binaries), nginx and two servers

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long secret phrase for the cluster"
PG_BINARIES = list(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A running cluster, as scripts/cluster.sh recorded it in its directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        values = dict(line.split("=", 1) for line in (directory / "cluster.env").read_text().splitlines())
        self.base = f"http://127.0.0.1:{values['PORT']}"
        self.replicas = [f"http://127.0.0.1:{port}" for port in values["REPLICA_PORTS"].strip('"').split()]
        self.pids = {p.stem: int(p.read_text().split()[0]) for p in (directory / "pids").glob("*.pid")}

    def script(self, command: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "CLUSTER_DIR": str(self.directory)}
        return subprocess.run(["scripts/cluster.sh", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    if not shutil.which("nginx") or not PG_BINARIES:
        pytest.skip("nginx or PostgreSQL is not installed (make test installs both)")
    directory = Path(tempfile.mkdtemp(prefix="compass-cluster-"))  # under /tmp: PostgreSQL's own user must reach it
    directory.chmod(0o755)
    env = {**os.environ, "CLUSTER_DIR": str(directory), "REPLICAS": "2", "PORT": str(_free_port()),
           "COMPASS_EDITORS": f"tester={auth.hash_password(PASSWORD)}"}  # fmt: skip
    started = subprocess.run(["scripts/cluster.sh", "start"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert started.returncode == 0, started.stdout + started.stderr
    running = Cluster(directory)
    yield running
    running.script("stop")
    shutil.rmtree(directory, ignore_errors=True)


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def active_sessions(replica: str) -> int:
    metrics = get(f"{replica}/_stcore/metrics")[2].decode()
    return int(next(line.split()[-1] for line in metrics.splitlines() if line.startswith("active_sessions")))


async def sign_in(admin: Session) -> None:
    admin.fill(admin.find("text_input", text="Username"), "tester")
    admin.fill(admin.find("text_input", text="Password"), PASSWORD)
    await admin.click(admin.find("button", text="Sign in"))
    assert admin.has("selectbox", key="admin-table"), "signed in: the table picker shows"


# --- Through nginx --------------------------------------------------------------------------------


def test_make_cluster_comes_up_with_every_replica_warm(cluster: Cluster):
    assert len(cluster.replicas) == 2
    for replica in cluster.replicas:
        assert get(f"{replica}/_stcore/health")[0] == 200  # healthy means warm: serve.py answered 503 until every page ran
    assert get(f"{cluster.base}/_stcore/health")[0] == 200


def test_every_page_renders_through_nginx(cluster: Cluster):
    async def visit() -> dict[str, list[str]]:
        async with await Session.open(cluster.base, "", "lang=en", auto_rerun=False) as overview:
            pages = [p for p in overview.pages if p]
            shown = {"": [n.texts()[0] for n in overview.elements("heading")][:1]}
        for page, query in [*((p, "lang=en") for p in pages), ("", "lang=en&mode=summit")]:
            async with await Session.open(cluster.base, page, query, auto_rerun=False) as tab:
                shown[f"{page}?{query}"] = [n.texts()[0] for n in tab.elements("heading")][:1]
        return shown

    shown = run_async(visit())
    assert len(shown) >= 10  # the overview, the eight other pages in the menu, summit mode
    assert all(shown.values()), shown  # each has a heading; Session.open already fails on an exception box


def test_responses_carry_the_security_headers_and_static_files_come_compressed(cluster: Cluster):
    _status, headers, body = get(f"{cluster.base}/")
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy and "object-src 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "compass_route=" in headers["set-cookie"]  # the sticky-session cookie
    script = body.decode().split('type="module" crossorigin src="./', 1)[1].split('"', 1)[0]
    _status, plain, raw = get(f"{cluster.base}/{script}", **{"Accept-Encoding": "identity"})
    _status, zipped, packed = get(f"{cluster.base}/{script}", **{"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain and zipped["content-encoding"] == "gzip"
    assert len(packed) < len(raw) / 2
    if Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so").exists():
        assert get(f"{cluster.base}/{script}", **{"Accept-Encoding": "br"})[1]["content-encoding"] == "br"


def test_a_csv_download_and_an_import_upload_reach_the_server_that_holds_the_session(cluster: Cluster):
    """Both go over plain HTTP beside the websocket; only the session's own server knows the file or the upload."""

    async def download_and_upload() -> tuple[bytes, list[str]]:
        async with await Session.open(cluster.base, "", "lang=en", auto_rerun=False) as overview:
            csv = await overview.download("comparison-csv")
        async with await Session.open(cluster.base, "admin", "lang=en", auto_rerun=False) as admin:
            await sign_in(admin)
            await admin.upload("upload-fact", "new-facts.csv", b"fact_id,country\nno-such-fact,NO\n")
            return csv, [text for n in admin.elements("alert") for text in n.texts()]

    csv, alerts = run_async(download_and_upload())
    lines = csv.decode("utf-8-sig").splitlines()  # Excel's BOM first, then the English headings (?lang=en)
    assert "Exact quote" in lines[0] and len(lines) > 5
    assert any("not imported" in text for text in alerts), alerts  # the server read our file and checked it


# --- Across replicas --------------------------------------------------------------------------------


async def save_pilots(replica: str, value: int) -> None:
    """What an editor does on `replica`: sign in, set Norway's pilot projects (first period), save with a reason."""
    async with await Session.open(replica, "admin", "lang=en", auto_rerun=False) as editor:
        await sign_in(editor)
        grid = editor.find("dataframe", key="editor-fact")
        row = next(f for f in grid.frames() if "fact_id" in f.columns)["fact_id"].tolist().index("no-lup-pilots-2014")
        editor.fill(grid, {"edited_rows": {str(row): {"value": value}}})
        editor.fill("edit-reason", f"cluster test: pilots set to {value} on {replica}")
        await editor.click(editor.find("button", text="Save"))


def test_an_edit_on_one_replica_shows_on_a_page_served_by_another_within_10_s(cluster: Cluster):
    first, second = cluster.replicas

    async def edit_and_watch() -> tuple[str, str, float]:
        async with await Session.open(second, "norway", "lang=en") as watcher:  # follows the data version, as a browser does
            before = watcher.find("metric", text="Pilot projects (first period)").texts()[1]
            await save_pilots(first, 41)
            saved_at = time.monotonic()
            shown = before
            while time.monotonic() - saved_at < 10 and shown == before:
                await asyncio.sleep(0.2)
                shown = watcher.find("metric", text="Pilot projects (first period)").texts()[1]
            return before, shown, time.monotonic() - saved_at

    before, after, seconds = run_async(edit_and_watch())
    assert (before, after) == ("40", "41"), f"after {seconds:.1f} s the second replica shows {after}"


def test_a_browser_through_nginx_follows_an_edit_and_its_content_security_policy_holds(cluster: Cluster, browser):
    """The poll that keeps tabs current is a component whose script Streamlit loads from a blob URL: CSP must allow it."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    try:
        page.goto(f"{cluster.base}/norway?lang=en")
        metric = page.locator('[data-testid="stMetric"]', has_text="Pilot projects (first period)").first
        metric.wait_for(timeout=60_000)
        shown = int(metric.locator('[data-testid="stMetricValue"]').inner_text())
        for replica in cluster.replicas:
            run_async(save_pilots(replica, shown + 1))  # whichever replica nginx chose for the page, one edit is on the other
            metric.locator('[data-testid="stMetricValue"]', has_text=str(shown + 1)).wait_for(timeout=10_000)
            shown += 1
        assert refused == []
    finally:
        page.close()


def test_when_a_replica_dies_its_page_reconnects_to_the_other_and_renders_again(cluster: Cluster, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{cluster.base}/?lang=en")
        page.locator(CHART).first.wait_for(timeout=60_000)
        serving = [r for r in cluster.replicas if active_sessions(r) > 0]
        assert len(serving) == 1, "one replica holds the page's session"
        dead = cluster.replicas.index(serving[0])
        os.kill(cluster.pids[f"replica-{dead + 1}"], 9)
        survivor = cluster.replicas[1 - dead]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and active_sessions(survivor) == 0:
            time.sleep(0.5)
        page.locator(CHART).first.wait_for(timeout=30_000)
        shots = ROOT / "artifacts" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "cluster-reconnected.png"))
        assert active_sessions(survivor) == 1, "the page reconnected to the surviving replica"
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


def test_make_cluster_stop_leaves_no_process_behind(cluster: Cluster):
    started = [pid for recorded in cluster.pids.values() for pid in _tree(recorded) if Path(f"/proc/{pid}").exists()]
    stopped = cluster.script("stop")
    assert stopped.returncode == 0, stopped.stderr
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in started):
        time.sleep(0.2)
    left = {pid: Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")[:120] for pid in started if Path(f"/proc/{pid}").exists()}
    assert left == {}
    assert list((cluster.directory / "pids").glob("*.pid")) == []
