"""The HTML report in a real browser: headless Chromium opens a report of a tree made here,
and we read the rendered DOM (counts, a finding, a filter chosen with the keyboard hiding
rows), the page with scripts off, the dark theme and print styles; a screenshot is saved.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: messages
are JSON separated by NUL bytes on file descriptors 3 and 4), so no driver or websocket
library is needed. Skipped, saying why, when Chromium is not installed.

`python tests/test_report_html_browser.py OUT.png` writes the README's screenshot."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_report_html import write_tree  # the same tree as the markup tests

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
REPLY_SECONDS = 30  # a browser that hangs fails the test instead of the whole run
ARTIFACTS = Path(os.environ.get("TERMSENSE_ARTIFACTS", ROOT / "test-artifacts"))

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium); the browser test needs it"
)


class Browser:
    """One headless Chromium and one page, spoken to over the DevTools pipe."""

    def __init__(self, profile: str) -> None:
        to_browser, self._in = os.pipe()
        self._out, from_browser = os.pipe()

        def descriptors() -> None:  # in the child: the pipe ends on fds 3 (commands) and 4 (replies)
            commands = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10)
            replies = fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        assert CHROMIUM is not None
        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=descriptors, close_fds=False,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        page = next(t for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._in, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + REPLY_SECONDS
        while True:
            while b"\0" not in self._buffer:
                if not select.select([self._out], [], [], max(0.0, deadline - time.monotonic()))[0]:
                    raise RuntimeError(f"Chromium did not answer {method} within {REPLY_SECONDS} s")
                chunk = os.read(self._out, 1 << 16)
                if not chunk:
                    raise RuntimeError(f"Chromium closed the pipe during {method}")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.send(method, self.session, **params)

    def open(self, url: str) -> None:
        self.page("Page.navigate", url=url)
        deadline = time.monotonic() + 20
        while self.js("document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not load")
            time.sleep(0.05)

    def js(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def key(self, name: str, code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.page("Input.dispatchKeyEvent", type=kind, key=name, code=name, windowsVirtualKeyCode=code,
                      nativeVirtualKeyCode=code)

    def screenshot(self, path: Path, width: int = 1200) -> None:
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=False)
        shot = self.page("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            os.close(self._in)
            os.close(self._out)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of our tree, made by the command line as a user would."""
    root = tmp_path_factory.mktemp("tree")
    write_tree(root)
    result = subprocess.run(
        [sys.executable, "-m", "termsense", "report", "--no-config", "docs", "-o", "report.html"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    return root / "report.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with tempfile.TemporaryDirectory() as profile:
        chromium = Browser(profile)
        try:
            yield chromium
        finally:
            chromium.close()


SHOWN = "[...document.querySelectorAll('#finding-list > .finding')].filter(f => f.offsetParent !== null)"


def test_rendered_page_shows_counts_and_the_finding_with_its_context(report: Path, browser: Browser) -> None:
    browser.open(report.as_uri())
    assert browser.js("document.getElementById('files-checked').textContent") == "12"
    assert browser.js("document.getElementById('finding-total').textContent") == "2"
    assert browser.js("document.getElementById('fixable').textContent") == "2"
    assert browser.js("[...document.querySelectorAll('#occurrences tbody tr')].map(r => r.innerText.split('\\t'))") == [
        ["client", "8", "2", "0", "0", "0", "0", "0", "0", "10"], ["customer", "7", "0", "0", "0", "0", "0", "0", "0", "7"],
    ]
    first = "document.querySelector('#finding-list > .finding')"
    assert browser.js(f"{first}.querySelector('.where').textContent") == "docs/legal/intake.md:3:40"
    assert browser.js(f"{first}.querySelector('.rule').getAttribute('href')").endswith("/client-customer.md#cc001")
    assert browser.js(f"{first}.querySelector('mark').textContent") == "customer"
    assert browser.js(f"{first}.querySelector('.fix').innerText") == "Fix: customer → client (safe: termsense check --fix)"
    assert browser.js("document.getElementById('filters').hidden") is False
    assert browser.js(f"{SHOWN}.length") == 2
    browser.screenshot(ARTIFACTS / "report.png")


def test_rule_filter_chosen_with_the_keyboard_hides_the_other_rows(report: Path, browser: Browser) -> None:
    browser.open(report.as_uri())
    browser.js("document.querySelector('#filters select[name=rule]').focus()")
    browser.key("ArrowDown", 40)  # "all rules" -> "CC001 (1)"
    browser.key("ArrowDown", 40)  # -> "CC002 (1)"
    assert browser.js("document.querySelector('#filters select[name=rule]').value") == "CC002"
    assert browser.js(f"{SHOWN}.map(f => f.querySelector('.where').textContent)") == ["docs/shop/faq.md:4:1"]
    assert browser.js("document.querySelector('#finding-list > .finding').hidden") is True
    assert browser.js("document.getElementById('shown-count').textContent") == "1"
    assert browser.js("location.search") == "?rule=CC002"
    browser.screenshot(ARTIFACTS / "report-filtered.png")


def test_folder_and_confidence_filters_come_from_the_address(report: Path, browser: Browser) -> None:
    browser.open(report.as_uri() + "?directory=docs%2Flegal")
    assert browser.js(f"{SHOWN}.map(f => f.dataset.directory)") == ["docs/legal"]
    browser.open(report.as_uri() + "?directory=docs")  # a folder keeps its subfolders
    assert browser.js(f"{SHOWN}.length") == 2
    browser.open(report.as_uri() + "?confidence=0.9&rule=CC001")
    assert browser.js(f"{SHOWN}.map(f => f.dataset.rule)") == ["CC001"]
    browser.js("document.querySelector('#filters button[type=reset]').click()")
    deadline = time.monotonic() + 5  # the form resets, then the filters run again
    while browser.js(f"{SHOWN}.length") != 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert browser.js(f"{SHOWN}.length") == 2
    assert browser.js("location.search") == ""


def test_with_scripts_off_every_finding_shows_and_the_filters_stay_hidden(report: Path, browser: Browser) -> None:
    browser.page("Emulation.setScriptExecutionDisabled", value=True)
    try:
        browser.open(report.as_uri() + "?rule=CC002")
        assert browser.js("document.getElementById('filters').hidden") is True
        assert browser.js(f"{SHOWN}.length") == 2
        assert browser.js("document.querySelectorAll('#tree details[open]').length") >= 3
    finally:
        browser.page("Emulation.setScriptExecutionDisabled", value=False)


def test_dark_theme_and_print_styles_apply(report: Path, browser: Browser) -> None:
    background = "getComputedStyle(document.body).backgroundColor"
    browser.open(report.as_uri())
    browser.page("Emulation.setEmulatedMedia", media="", features=[{"name": "prefers-color-scheme", "value": "light"}])
    light = browser.js(background)
    browser.page("Emulation.setEmulatedMedia", media="", features=[{"name": "prefers-color-scheme", "value": "dark"}])
    dark = browser.js(background)
    assert (light, dark) == ("rgb(253, 253, 252)", "rgb(22, 24, 27)")
    browser.screenshot(ARTIFACTS / "report-dark.png")
    browser.page("Emulation.setEmulatedMedia", media="print", features=[])
    assert browser.js("getComputedStyle(document.querySelector('nav')).display") == "none"
    assert browser.js("getComputedStyle(document.getElementById('filters')).display") == "none"
    assert browser.js("document.querySelectorAll('#tree details:not([open])').length") == 1  # legal/family/
    browser.js("window.dispatchEvent(new Event('beforeprint'))")
    assert browser.js("document.querySelectorAll('#tree details:not([open])').length") == 0
    browser.page("Emulation.setEmulatedMedia", media="", features=[])


def _readme_screenshot(out: Path) -> None:
    """The README's picture: the report of this module's tree, light theme, at 1200 px."""
    with tempfile.TemporaryDirectory() as work, tempfile.TemporaryDirectory() as profile:
        write_tree(Path(work))
        subprocess.run([sys.executable, "-m", "termsense", "report", "--no-config", "docs", "-o", "report.html"],
                       cwd=work, check=True)
        chromium = Browser(profile)
        try:
            chromium.open((Path(work) / "report.html").as_uri())
            chromium.page("Emulation.setEmulatedMedia", media="", features=[{"name": "prefers-color-scheme", "value": "light"}])
            chromium.screenshot(out.resolve())
        finally:
            chromium.close()


if __name__ == "__main__":
    _readme_screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/report.png"))
