"""The documents in a real browser: the HTML yearly report and the published lists, opened in
headless Chromium (Debian's `chromium`), must render without console errors, failed loads or
uncaught exceptions, show their headings and not spill out of the window.

Chromium is driven over its DevTools pipe (`--remote-debugging-pipe`, standard library only),
which reports each console message with its level and every resource that failed to load, so
nothing depends on the wording of Chromium's log. Without chromium the tests skip locally and
fail in CI (`CI` set): `.ci/run` installs it. `--update-golden` also rewrites
docs/publish-networks.png, the README's picture of the published list of networks.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import struct
import subprocess
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO_DATA, invoke

DOCS_PICTURE = Path(__file__).resolve().parent.parent / "docs" / "publish-networks.png"
TIMEOUT = 90.0  # seconds for one page: the machine is shared, Chromium starts in about one

# What the page shows, read from the live DOM after the load event.
PAGE_FACTS = r"""(() => {
  const box = e => e.getBoundingClientRect();
  return {
    title: document.title,
    headings: [...document.querySelectorAll('h1, h2, h3')].map(e => ({
      tag: e.tagName.toLowerCase(), text: e.textContent.replace(/\s+/g, ' ').trim(),
      visible: box(e).width > 0 && box(e).height > 0})),
    svgs: [...document.querySelectorAll('svg')].map(e => box(e).width > 0 && box(e).height > 0),
    scrollWidth: document.documentElement.scrollWidth,
    contentHeight: Math.ceil(document.body.getBoundingClientRect().bottom),
    innerWidth: window.innerWidth,
  };
})()"""

# A plain page around a published fragment: the city's website brings its own stylesheet, so
# this shows the markup with a browser's defaults and a neutral font, nothing more.
WRAPPER = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Förhandsvisning av publicerad lista</title>
<style>
body {{ margin: 0; padding: 1rem 1.5rem; max-width: 44rem; color: #1a1a1a; background: #fff;
  font: 16px/1.5 "Liberation Sans", Arial, sans-serif; }}
a {{ color: #1f5f8b; }}
</style>
</head>
<body>
{fragment}
</body>
</html>
"""


@dataclass
class Rendered:
    """One page as Chromium showed it."""

    facts: dict[str, Any]
    png: bytes
    problems: list[str] = field(default_factory=list)

    def headings(self, *tags: str) -> list[str]:
        return [h["text"] for h in self.facts["headings"] if not tags or h["tag"] in tags]


class DevTools:
    """One headless Chromium and its DevTools pipe: commands in on fd 3, replies and events
    out on fd 4, each a JSON object ended by a NUL byte."""

    def __init__(self, chromium: str, profile: Path) -> None:
        to_browser, self._commands = os.pipe()
        self._events, from_browser = os.pipe()

        def wire_pipes() -> None:  # in the child, before exec: its fds 3 and 4
            high_in = fcntl.fcntl(to_browser, fcntl.F_DUPFD_CLOEXEC, 10)
            high_out = fcntl.fcntl(from_browser, fcntl.F_DUPFD_CLOEXEC, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.log = profile / "chromium.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [chromium, *chromium_flags(profile), "--remote-debugging-pipe", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                preexec_fn=wire_pipes,
                close_fds=False,
            )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                assert "error" not in reply, f"{method}: {reply['error']}"
                result: dict[str, Any] = reply["result"]
                return result
            self.events.append(reply)

    def wait_for(self, event: str) -> None:
        while not any(e.get("method") == event for e in self.events):
            self.events.append(self._receive())

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._events], [], [], max(left, 0))
            chunk = os.read(self._events, 1 << 20) if ready else b""
            assert chunk, f"chromium did not answer; its log:\n{self.tail()}"
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        reply: dict[str, Any] = json.loads(message)
        return reply

    def tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]

    def close(self) -> None:
        with contextlib.suppress(AssertionError, OSError):  # it may close before it replies
            self.call("Browser.close")
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._events)


def chromium_flags(profile: Path) -> list[str]:
    """Headless, as root in a container, and quiet: no network of its own, no first-run."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-breakpad",
        "--hide-scrollbars",
        "--mute-audio",
        f"--user-data-dir={profile}",
    ]


def problems_in(events: list[dict[str, Any]]) -> list[str]:
    """Console errors, uncaught exceptions and failed loads, as the DevTools console shows them."""
    found = []
    for event in events:
        params = event.get("params", {})
        if event.get("method") == "Runtime.consoleAPICalled" and params["type"] in (
            "error",
            "assert",
        ):
            found.append("console.error: " + " ".join(str(a.get("value")) for a in params["args"]))
        elif event.get("method") == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            description = details.get("exception", {}).get("description", "")
            found.append(f"{details['text']} {description}".splitlines()[0])  # as the console
        elif event.get("method") == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            found.append(f"{entry['source']}: {entry['text']} {entry.get('url', '')}".strip())
    return found


def open_in_chromium(
    chromium: str, page: Path, profile: Path, width: int, height: int, full_page: bool = False
) -> Rendered:
    """Load `page` in a `width`×`height` window; the screenshot is the window, or with
    `full_page` the page down to the end of its body."""
    browser = DevTools(chromium, profile)
    try:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)
        tab = session["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            browser.call(f"{domain}.enable", tab)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            tab,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        navigation = browser.call("Page.navigate", tab, url=page.as_uri())
        problems = [f"navigation: {navigation['errorText']}"] if "errorText" in navigation else []
        browser.wait_for("Page.loadEventFired")
        browser.call("Runtime.evaluate", tab, expression="document.fonts.ready", awaitPromise=True)
        evaluated = browser.call("Runtime.evaluate", tab, expression=PAGE_FACTS, returnByValue=True)
        facts: dict[str, Any] = evaluated["result"]["value"]
        clip_height = facts["contentHeight"] if full_page else height
        shot = browser.call(
            "Page.captureScreenshot",
            tab,
            format="png",
            captureBeyondViewport=full_page,
            clip={"x": 0, "y": 0, "width": width, "height": clip_height, "scale": 1},
        )
        problems += problems_in(browser.events)
        return Rendered(facts, base64.b64decode(shot["data"]), problems)
    finally:
        browser.close()


def png_size_and_variety(data: bytes) -> tuple[int, int, int]:
    """Width, height and the number of distinct bytes in the image data: a blank image has a
    handful (filter bytes and one colour), a page with text and pictures far more."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        if data[position + 4 : position + 8] == b"IDAT":
            chunks.append(data[position + 8 : position + 8 + length])
        position += 12 + length
    return width, height, len(set(zlib.decompress(b"".join(chunks))))


class StaticHeadings(HTMLParser):
    """The h1–h3 texts of an HTML document as written, to compare with what the browser built."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3"):
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3") and self._open is not None:
            self.headings.append(" ".join("".join(self._open).split()))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's chromium; without it a skip here, a failure in CI."""
    found = shutil.which("chromium")
    if found is None:
        reason = "chromium is not installed (Debian: apt-get install chromium)"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{reason}; in CI the browser tests must run (.ci/run installs it)")
        pytest.skip(reason)
    return found


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Path]:
    """A fresh, throw-away Chromium profile."""
    folder = tmp_path / "chromium-profile"
    folder.mkdir()
    yield folder


def page_file(folder: Path, name: str, html: str) -> Path:
    path = folder / name
    path.write_text(html, encoding="utf-8")
    return path


def cli_output(*args: str) -> str:
    result = invoke(*args, "--data", str(REPO_DATA))
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_clean(shown: Rendered, what: str) -> None:
    assert shown.problems == [], f"{what}: {shown.problems}"
    width, height, variety = png_size_and_variety(shown.png)
    assert width > 0 and height > 0
    assert variety > 32, f"{what}: the screenshot looks blank ({variety} distinct bytes)"
    hidden = [h["text"] for h in shown.facts["headings"] if not h["visible"]]
    assert hidden == [], f"{what}: headings with no size on the page: {hidden}"
    too_wide = shown.facts["scrollWidth"] > shown.facts["innerWidth"]
    assert not too_wide, f"{what} is wider than the window: {shown.facts['scrollWidth']} px"


def test_the_yearly_report_renders_in_chromium(
    chromium: str, profile: Path, tmp_path: Path
) -> None:
    html = cli_output("annual-report", "--year", "2024", "--format", "html")
    page = page_file(tmp_path, "report.html", html)
    shown = open_in_chromium(chromium, page, profile, width=1200, height=2000)
    assert_clean(shown, "the 2024 report")
    written = StaticHeadings()
    written.feed(html)
    assert shown.headings() == written.headings  # the browser built every heading as written
    assert len(shown.headings("h2")) >= 3
    assert any("2024" in title for title in shown.headings("h1"))
    assert "2024" in shown.facts["title"]
    assert shown.facts["svgs"] != [], "no chart"
    assert all(shown.facts["svgs"]), "a chart has no size on the page"
    assert len(shown.png) > 20_000  # a 1200×2000 window of text, tables and charts


@pytest.mark.parametrize("which", ["networks", "twin-cities"])
def test_a_published_list_renders_in_chromium(
    which: str, chromium: str, profile: Path, tmp_path: Path, update_golden: bool
) -> None:
    fragment = cli_output("publish", which)
    page = page_file(tmp_path, f"{which}.html", WRAPPER.format(fragment=fragment))
    shown = open_in_chromium(chromium, page, profile, width=720, height=400, full_page=True)
    assert_clean(shown, f"publish {which}")
    written = StaticHeadings()
    written.feed(fragment)
    assert shown.headings() == written.headings and written.headings != []
    assert shown.facts["contentHeight"] > 100  # the list has a body, not only its heading
    if which == "networks" and update_golden:
        DOCS_PICTURE.write_bytes(shown.png)


def test_the_check_sees_script_errors_and_failed_loads(
    chromium: str, profile: Path, tmp_path: Path
) -> None:
    """The guard itself: a page with an uncaught error, a console.error and a missing picture
    is reported with all three."""
    fragment = cli_output("publish", "networks")
    broken = fragment + (
        '<script>console.error("trasig sida")</script>'
        "<script>undefinedFunction()</script>"
        '<img src="saknas.png" alt="">'
    )
    page = page_file(tmp_path, "broken.html", WRAPPER.format(fragment=broken))
    shown = open_in_chromium(chromium, page, profile, width=720, height=400)
    problems = "\n".join(shown.problems)
    assert "console.error: trasig sida" in problems
    assert "Uncaught ReferenceError: undefinedFunction is not defined" in problems
    assert "saknas.png" in problems
    assert len(shown.problems) == 3
