"""Real-browser fixtures: Debian's Chromium driven by Playwright, on a build of the fixture site.

Never downloads a browser. Without Chromium the tests skip, saying why; on CI (CI=true) a
missing Chromium is a failure, so a green CI always means the browser tests ran.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, Route, sync_playwright

from scripts.__main__ import main
from scripts.website import listing

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "site_catalogue"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LOCAL = ("file:", "data:", "about:")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def find_chromium() -> str | None:
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        reason = "no Chromium at /usr/bin/chromium or on PATH (install: apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; on CI the browser tests must run")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-site") / "output"
    repo = "https://github.com/example/catalogue"
    assert main(["build", "--catalogue", str(FIXTURE), "--out", str(out), "--repo-url", repo]) == 0
    return out


PAGE_SIZE = 3
"""Rows per page in `paged_site`: the fixture's 8 studies make three pages."""


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built three rows to a page, to page through a small catalogue."""
    out = tmp_path_factory.mktemp("browser-paged-site") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(listing, "PAGE_SIZE", PAGE_SIZE)
        assert main(["build", "--catalogue", str(FIXTURE), "--out", str(out)]) == 0
    return out


@dataclass
class Watch:
    """What pages did that they must not: console errors, script errors, dialogs, requests out."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, list[str]]:
        found = {f.name: getattr(self, f.name) for f in fields(self)}
        return {name: items for name, items in found.items() if items}

    def dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def route(self, route: Route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.outside_requests.append(route.request.url)
            route.abort()


@pytest.fixture
def watch() -> Watch:
    return Watch()


def open_context(browser: Browser, watch: Watch, **options: object) -> BrowserContext:
    """A context that records what `Watch` lists and blocks every request that leaves file://."""
    context = browser.new_context(**options)  # type: ignore[arg-type]
    context.route("**/*", watch.route)
    context.on(
        "console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None
    )
    context.on("weberror", lambda e: watch.page_errors.append(str(e.error)))
    context.on(
        "request",
        lambda r: None if r.url.startswith(LOCAL) else watch.outside_requests.append(r.url),
    )
    context.on("page", lambda p: p.on("dialog", watch.dialog))
    return context


@pytest.fixture
def page(browser: Browser, watch: Watch) -> Iterator[Page]:
    """A page at desktop size; after the test, nothing on the watch list may have happened."""
    context = open_context(browser, watch, viewport={"width": 1366, "height": 900})
    yield context.new_page()
    context.close()
    assert not watch.problems()


@pytest.fixture
def address(site: Path) -> Callable[[str], str]:
    """The file:// address of a page of the built site, with its #state if given."""

    def to(path: str) -> str:
        name, _, state = path.partition("#")
        return (site / name).as_uri() + (f"#{state}" if state else "")

    return to


@pytest.fixture
def paged_address(paged_site: Path) -> Callable[[str], str]:
    """The file:// address of a page of the site built three rows to a page."""

    def to(path: str) -> str:
        name, _, state = path.partition("#")
        return (paged_site / name).as_uri() + (f"#{state}" if state else "")

    return to


@pytest.fixture
def screenshot() -> Callable[[Page, str], None]:
    """Keep a picture in tests/artifacts/ (git-ignored), to look at the design."""

    def take(page: Page, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take
