"""The built fixture site in a real browser: filters, sorting, URL state, links, safety, axe."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route, expect

from .conftest import Watch, open_context

pytestmark = pytest.mark.browser

Address = Callable[[str], str]
SINGH = "singh-2014-kratom-dependence-withdrawal-craving"
TRIAL = "fixture-2021-kratom-tea-withdrawal-trial"
RAT = "fixture-2019-rat-mitragynine-prolactin"
SURVEY = "fixture-2018-survey-withdrawal-self-treatment"
FOLLOWUP = "fixture-2020-survey-dependence-followup"
RETRACTED = "fixture-2016-retracted-case-series"
REGISTRATION = "fixture-2024-trial-registration"
HOSTILE = "fixture-2022-hostile-record"
NOT_RETRACTED = {SINGH, TRIAL, RAT, SURVEY, FOLLOWUP, REGISTRATION, HOSTILE}

VISIBLE_ROWS = """rows => rows
    .filter(row => row.getClientRects().length > 0)
    .map(row => row.id.replace('study-', ''))"""
# Anything in a page that could run script: handlers, javascript: links, injected elements.
LIVE_MARKUP = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
      if (['href', 'src', 'action', 'formaction'].includes(attr.name)
          && /^\\s*(javascript|data|vbscript):/i.test(attr.value)) found.push(attr.value);
    }
  }
  const inert = 'script:not([src]):not([type="application/ld+json"])';  // JSON-LD is data
  for (const el of document.querySelectorAll(inert + ', img[src="x"], iframe, object, embed')) {
    found.push(el.outerHTML.slice(0, 80));
  }
  return found;
}"""


def visible(page: Page) -> list[str]:
    return page.eval_on_selector_all("#studies tbody tr", VISIBLE_ROWS)


def count_text(page: Page) -> str:
    return page.inner_text("#result-count")


# --- listing: search, filters, sorting, state in the URL -------------------------------------


def test_listing_starts_with_retracted_studies_hidden(page: Page, address: Address) -> None:
    page.goto(address("index.html"))
    assert set(visible(page)) == NOT_RETRACTED
    assert count_text(page) == "Showing 7 of 8 studies (1 retracted hidden)"
    page.check("#show-retracted")
    assert set(visible(page)) == NOT_RETRACTED | {RETRACTED}
    assert count_text(page) == "Showing 8 of 8 studies"
    assert "retracted=1" in page.evaluate("location.hash")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("prolactin", {RAT}),
        ("muller", {SINGH}),  # Müller CP, without the accent
        ("withdrawal scores fell", {TRIAL}),  # words of a finding's summary
        ("kilo", {SURVEY, FOLLOWUP}),
        ("no such words", set()),
    ],
)
def test_search_over_titles_authors_and_summaries(
    page: Page, address: Address, query: str, expected: set[str]
) -> None:
    page.goto(address("index.html"))
    page.fill("#f-q", query)
    assert set(visible(page)) == expected
    assert count_text(page).startswith(f"Showing {len(expected)} of 8")
    assert page.is_visible("#no-results") == (not expected)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"topic": "prolactin"}, {RAT}),
        ({"outcome": "kratom-dependence"}, {SINGH, FOLLOWUP}),
        ({"tier": "trial"}, {TRIAL}),
        ({"design": "animal"}, {RAT}),
        ({"species": "rat"}, {RAT}),
        ({"exposure": "buprenorphine"}, {REGISTRATION}),
        ({"claim": "kratom-relieves-opioid-withdrawal"}, {TRIAL, SURVEY, FOLLOWUP}),
        ({"stance": "supports"}, {TRIAL, SURVEY}),
        ({"claim": "kratom-no-addiction-risk", "stance": "contradicts"}, {SINGH, FOLLOWUP}),
        ({"claim": "kratom-relieves-opioid-withdrawal", "stance": "contradicts"}, set()),
        ({"funding": "advocacy"}, {SURVEY}),
        ({"status": "has-erratum"}, {FOLLOWUP, HOSTILE}),
        ({"status": "retracted"}, {RETRACTED}),  # asking for them shows them
        ({"bias": "some-concerns"}, {SURVEY, RAT, FOLLOWUP, TRIAL, HOSTILE, SINGH}),
        ({"from": "2019", "to": "2021"}, {RAT, FOLLOWUP, TRIAL}),
        ({"topic": "withdrawal-self-treatment", "tier": "cross-sectional"}, {SURVEY}),
    ],
)
def test_each_filter(
    page: Page, address: Address, filters: dict[str, str], expected: set[str]
) -> None:
    page.goto(address("index.html"))
    for name, value in filters.items():
        if name in ("from", "to"):
            page.fill(f"#f-{name}", value)
        else:
            page.select_option(f"#f-{name}", value)
    assert set(visible(page)) == expected
    for name, value in filters.items():
        assert f"{name}={value}" in page.evaluate("location.hash")


def test_clear_filters_shows_everything_again(page: Page, address: Address) -> None:
    page.goto(address("index.html#topic=prolactin&q=rat"))
    assert visible(page) == [RAT]
    page.click("button[type=reset]")
    expect(page.locator("#studies tbody tr:not([hidden])")).to_have_count(7)
    assert page.input_value("#f-topic") == "" and page.input_value("#f-q") == ""


def test_sorting_by_columns(page: Page, address: Address) -> None:
    page.goto(address("index.html"))
    assert visible(page)[0] == REGISTRATION  # newest first as built
    page.click("th[data-key=year] button")
    assert page.get_attribute("th[data-key=year]", "aria-sort") == "ascending"
    assert visible(page)[0] == SINGH
    page.click("th[data-key=year] button")
    assert page.get_attribute("th[data-key=year]", "aria-sort") == "descending"
    assert visible(page)[0] == REGISTRATION
    page.click("th[data-key=n] button")
    assert visible(page)[:2] == [HOSTILE, RAT]  # n = 5, n = 24
    assert page.get_attribute("th[data-key=year]", "aria-sort") is None
    page.click("th[data-key=design] button")
    assert visible(page)[0] == TRIAL  # strongest design first
    page.click("th[data-key=title] button")
    titles = page.eval_on_selector_all(
        "#studies tbody td:first-child a", "links => links.map(a => a.textContent.toLowerCase())"
    )
    assert titles == sorted(titles)
    assert "sort=title&dir=asc" in page.evaluate(
        "location.hash"
    ) or "dir=asc&sort=title" in page.evaluate("location.hash")


def test_filter_and_sort_state_round_trips_through_the_url(
    browser: Browser, page: Page, address: Address, watch: Watch
) -> None:
    page.goto(address("index.html"))
    page.select_option("#f-topic", "withdrawal-self-treatment")
    page.fill("#f-q", "fixture")
    page.click("th[data-key=year] button")
    shared = page.url
    assert visible(page) == [SURVEY, TRIAL]

    other = open_context(browser, watch).new_page()
    other.goto(shared)
    assert other.input_value("#f-topic") == "withdrawal-self-treatment"
    assert other.input_value("#f-q") == "fixture"
    assert other.get_attribute("th[data-key=year]", "aria-sort") == "ascending"
    assert visible(other) == [SURVEY, TRIAL]
    other.context.close()


def test_hash_changes_refilter_the_open_listing(page: Page, address: Address) -> None:
    page.goto(address("index.html"))
    page.evaluate("location.hash = '#species=rat'")
    expect(page.locator("#f-species")).to_have_value("rat")
    assert visible(page) == [RAT]
    page.evaluate("location.hash = '#tier=bogus-value'")  # unknown values are ignored
    expect(page.locator("#f-species")).to_have_value("")
    assert set(visible(page)) == NOT_RETRACTED


def test_evidence_map_cells_open_the_filtered_listing(page: Page, address: Address) -> None:
    page.goto(address("map.html"))
    page.click('a.map-cell[href="index.html#outcome=prolactin&tier=animal"]')
    page.wait_for_url("**/index.html#*")
    assert page.input_value("#f-outcome") == "prolactin"
    assert page.input_value("#f-tier") == "animal"
    assert visible(page) == [RAT]


def test_filters_and_sorting_work_from_the_keyboard(page: Page, address: Address) -> None:
    page.goto(address("index.html"))
    reached: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => { const el = document.activeElement;
                return [el.id || el.textContent.trim(), getComputedStyle(el).outlineStyle]; }"""
        )
        reached.append(focus[0])
        assert focus[1] != "none", f"no visible focus on {focus[0]}"
        if focus[0] == "Year":
            break
    for control in (
        "f-q",
        "f-topic",
        "f-claim",
        "f-stance",
        "f-status",
        "f-from",
        "f-to",
        "show-retracted",
    ):
        assert control in reached
    page.keyboard.press("Enter")
    assert page.get_attribute("th[data-key=year]", "aria-sort") == "ascending"
    page.focus("#f-species")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#f-species") != ""


def test_listing_reads_without_javascript(browser: Browser, address: Address, watch: Watch) -> None:
    context = open_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    page.goto(address("index.html"))
    assert not page.is_visible("#filters")
    assert set(visible(page)) == NOT_RETRACTED
    page.check("#show-retracted")  # the switch works by CSS alone
    assert len(visible(page)) == 8
    context.close()
    assert not watch.problems()


# --- the listing in pages: the rest of the studies from listing-data.js ---------------------

# The fixture site built three rows to a page (conftest.paged_site), newest first, retracted
# studies hidden: three pages of the seven.
PAGE_1 = [REGISTRATION, HOSTILE, TRIAL]
PAGE_2 = [FOLLOWUP, RAT, SURVEY]
PAGE_3 = [SINGH]
# Each row's markup, cell by cell (whitespace between the cells aside).
ROW_MARKUP = """rows => rows
    .filter(row => row.getClientRects().length > 0)
    .map(row => [row.id, row.className, Array.from(row.cells, c => c.outerHTML)])"""
# Layout shifts since the page opened that no input caused: Cumulative Layout Shift's terms.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let sum = 0;
  const add = entries => entries.forEach(e => { if (!e.hadRecentInput) sum += e.value; });
  const observer = new PerformanceObserver(list => add(list.getEntries()));
  observer.observe({type: "layout-shift", buffered: true});
  setTimeout(() => { add(observer.takeRecords()); observer.disconnect(); resolve(sum); }, 100);
})"""


def pager_text(page: Page) -> str:
    return " ".join(page.inner_text("#pager").split())


def test_the_pager_pages_through_the_filtered_studies(page: Page, paged_address: Address) -> None:
    page.goto(paged_address("index.html"))
    assert visible(page) == PAGE_1
    assert count_text(page) == "Showing 7 of 8 studies (1 retracted hidden)"
    assert pager_text(page) == "Page 1 of 3 1 2 3 Next"
    assert page.get_attribute("#pager a[rel=next]", "href") == "#page=2"
    page.click("#pager a[rel=next]")
    assert visible(page) == PAGE_2
    assert "page=2" in page.evaluate("location.hash")
    assert page.get_attribute("#pager [aria-current=page]", "aria-label") == "Page 2"
    page.click("#pager a[aria-label='Page 3']")
    assert visible(page) == PAGE_3
    assert pager_text(page) == "Page 3 of 3 Previous 1 2 3"
    page.check("#show-retracted")  # a change of filters goes back to the first page
    assert visible(page) == PAGE_1
    assert "page=" not in page.evaluate("location.hash")
    page.click("#pager a[rel=next]")
    page.click("#pager a[rel=next]")
    assert visible(page) == [RETRACTED, SINGH]
    page.select_option("#f-topic", "withdrawal-self-treatment")
    assert visible(page) == [TRIAL, SURVEY]
    assert not page.is_visible("#pager")  # one page: no pager


def test_sorting_orders_every_page_and_the_page_is_in_the_url(
    browser: Browser, page: Page, paged_address: Address, watch: Watch
) -> None:
    page.goto(paged_address("index.html#page=2&sort=year&dir=asc"))
    assert page.get_attribute("th[data-key=year]", "aria-sort") == "ascending"
    assert visible(page) == [FOLLOWUP, TRIAL, HOSTILE]  # after Singh 2014, the 2018, 2019
    page.click("#pager a[rel=prev]")
    assert visible(page) == [SINGH, SURVEY, RAT]
    page.click("#pager a[rel=next]")
    shared = page.url
    page.click("th[data-key=year] button")  # a new order starts on its first page
    assert visible(page) == PAGE_1
    page.evaluate("location.hash = '#page=9'")  # past the end: the last page
    expect(page.locator("#studies tbody tr")).to_have_count(1)
    assert visible(page) == PAGE_3
    assert page.evaluate("location.hash") == "#page=3"

    other = open_context(browser, watch).new_page()
    other.goto(shared)
    assert visible(other) == [FOLLOWUP, TRIAL, HOSTILE]
    other.context.close()


def test_paging_from_the_keyboard_keeps_the_focus(page: Page, paged_address: Address) -> None:
    """Next, from the keyboard: the table of the new rows takes the focus, visibly, and the
    next Tab reaches the first new study."""
    page.goto(paged_address("index.html"))
    page.focus("#pager a[rel=next]")
    page.keyboard.press("Enter")
    assert visible(page) == PAGE_2
    focused = page.evaluate(
        """() => { const el = document.activeElement;
            return [el.className, el.getAttribute('role'), getComputedStyle(el).outlineStyle]; }"""
    )
    assert focused[:2] == ["table-wrap", "region"] and focused[2] != "none"
    for _ in range(6):  # the five sort buttons, then the rows
        page.keyboard.press("Tab")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href == f"studies/{FOLLOWUP}.html"


def test_readers_without_javascript_reach_every_study_page_by_page(
    browser: Browser, paged_address: Address, watch: Watch
) -> None:
    context = open_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    page.goto(paged_address("index.html"))
    assert not page.is_visible("#filters")
    seen: list[str] = []
    titles = []
    while True:
        titles.append(page.inner_text("h1"))
        if page.locator("#show-retracted").count():
            page.check("#show-retracted")  # the switch works by CSS alone
        seen += visible(page)
        nav = page.locator("#pager a[rel=next]")
        if not nav.count():
            break
        nav.click()
    assert sorted(seen) == sorted(NOT_RETRACTED | {RETRACTED}) and len(seen) == 8
    assert titles[1:] == ["Studies, page 2 of 3", "Studies, page 3 of 3"]
    page.click("text=list of studies")
    assert page.url.endswith("/index.html")
    context.close()
    assert not watch.problems()


def test_the_script_renders_the_rows_the_build_wrote(
    browser: Browser, page: Page, address: Address, watch: Watch
) -> None:
    """The first page reads the same before and after the script takes over, so nothing moves."""
    context = open_context(browser, watch, java_script_enabled=False)
    static = context.new_page()
    static.goto(address("index.html"))
    static.check("#show-retracted")
    built = static.eval_on_selector_all("#studies tbody tr", ROW_MARKUP)
    context.close()
    page.goto(address("index.html"))
    without_retracted = [row for row in built if row[0] != f"study-{RETRACTED}"]
    assert page.eval_on_selector_all("#studies tbody tr", ROW_MARKUP) == without_retracted
    page.check("#show-retracted")  # the script's rows, all eight of them
    assert page.eval_on_selector_all("#studies tbody tr", ROW_MARKUP) == built
    assert len(built) == 8


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}], ids=str
)
def test_nothing_moves_while_the_listing_loads(
    browser: Browser, watch: Watch, paged_address: Address, viewport: dict[str, int]
) -> None:
    """The page paints before its scripts run (held back here, as a slow disk or phone would);
    when they run, the form, the sort buttons, the rows and the pager stay where they were."""
    context = open_context(browser, watch, viewport=viewport)
    page = context.new_page()
    held: list[Route] = []
    page.route(re.compile(r"(listing-data|site)\.js$"), lambda route: held.append(route))
    page.goto(paged_address("index.html"), wait_until="commit")
    page.wait_for_function(
        "() => performance.getEntriesByName('first-contentful-paint').length > 0"
    )
    page.wait_for_timeout(100)
    assert page.is_visible("#filters") and visible(page) == PAGE_1
    assert not page.evaluate("document.documentElement.classList.contains('js')")
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    assert len(held) == 2 and page.is_visible("th[data-key=year] button")
    assert page.evaluate(LAYOUT_SHIFT) < 0.01  # the target is under 0.1
    context.close()
    assert not watch.problems()


def test_pages_print_without_navigation(page: Page, address: Address) -> None:
    page.goto(address(f"studies/{TRIAL}.html"))
    page.emulate_media(media="print")
    assert not page.is_visible(".site-nav")
    assert page.is_visible(".disclaimer")


# --- the whole site: links, requests, hostile content -----------------------------------------


def test_every_internal_link_resolves_and_no_page_misbehaves(
    page: Page, site: Path, address: Address
) -> None:
    queue, seen, problems = [address("index.html")], set(), []
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        page.goto(current)
        problems += [f"{current}: {found}" for found in page.evaluate(LIVE_MARKUP)]
        targets = page.eval_on_selector_all(
            "a[href], link[href], script[src], img[src]", "els => els.map(e => e.href || e.src)"
        )
        for target in targets:
            parts = urlsplit(target)
            if parts.scheme != "file":
                assert parts.scheme in ("http", "https"), target
                continue
            path = Path(unquote(parts.path))
            if not path.is_file() or site not in path.parents:
                problems.append(f"{current}: broken link {target}")
            elif path.suffix == ".html":
                queue.append(path.as_uri())
    assert len(seen) == len(list(site.rglob("*.html"))) - 1  # all but 404.html are linked
    assert not problems


def test_hostile_record_stays_inert(page: Page, address: Address, watch: Watch) -> None:
    for path in (
        f"studies/{HOSTILE}.html",
        "index.html#q=hostile",
        "claims/kratom-eases-withdrawal-mood.html",
    ):
        page.goto(address(path))
        page.wait_for_timeout(50)
        assert page.evaluate(LIVE_MARKUP) == []
    page.goto(address(f"studies/{HOSTILE}.html"))
    assert "<script>alert('title')</script>" in page.inner_text("h1")
    page.click("text=10.5555/")  # the DOI link goes to doi.org (blocked here), never runs code
    assert not watch.dialogs
    watch.outside_requests.clear()  # that click's request to doi.org was blocked as intended


def test_json_ld_is_data_the_browser_reads_and_never_runs(
    page: Page, address: Address, watch: Watch
) -> None:
    page.goto(address(f"studies/{HOSTILE}.html"))
    page.wait_for_timeout(50)
    blocks = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "els => els.map(e => JSON.parse(e.textContent))"
    )
    assert len(blocks) == 1
    assert blocks[0]["mainEntity"]["headline"] == page.inner_text("h1")
    assert not watch.dialogs


def test_study_and_claim_pages_offer_to_report_an_error(page: Page, address: Address) -> None:
    for path, query in (
        (f"studies/{TRIAL}.html", f"record={TRIAL}"),
        ("claims/kratom-is-safe.html", "claim=kratom-is-safe"),
    ):
        page.goto(address(path))
        report = page.get_by_role("link", name="Report an error")
        expect(report).to_be_visible()
        href = report.get_attribute("href") or ""
        assert href.startswith("https://github.com/example/catalogue/issues/new?")
        assert "template=report-an-error.yml" in href and query in href


# --- accessibility and the look -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "name", "options"),
    [
        ("index.html", "listing", {}),
        (f"studies/{TRIAL}.html", "study", {}),
        ("claims/kratom-relieves-opioid-withdrawal.html", "claim", {}),
        ("claims/kratom-relieves-opioid-withdrawal.html", "claim-dark", {"color_scheme": "dark"}),
        ("method.html", "method", {}),
        ("index.html", "listing-dark", {"color_scheme": "dark"}),
        (f"studies/{HOSTILE}.html", "study-hostile-dark", {"color_scheme": "dark"}),
        ("index.html", "listing-phone", {"viewport": {"width": 390, "height": 844}}),
        # three rows to a page (conftest.paged_site): the script's pager, and the static pages
        # (scriptless, whatever the browser) that readers without JavaScript page through
        ("paged:index.html#page=2", "listing-page-2", {}),
        ("paged:index.html#page=3", "listing-page-3-dark", {"color_scheme": "dark"}),
        ("paged:list/2.html", "list-page-2", {}),
        ("paged:list/3.html", "list-page-3-phone", {"viewport": {"width": 390, "height": 844}}),
    ],
)
def test_axe_finds_no_serious_violation(
    browser: Browser,
    watch: Watch,
    address: Address,
    paged_address: Address,
    screenshot: Callable[[Page, str], None],
    path: str,
    name: str,
    options: dict[str, object],
) -> None:
    context = open_context(
        browser, watch, **({"viewport": {"width": 1366, "height": 900}} | options)
    )
    page = context.new_page()
    paged, _, path = path.rpartition(":")
    page.goto((paged_address if paged else address)(path))
    screenshot(page, name)
    # preload off: axe would fetch the stylesheets itself, which file:// and the site's CSP forbid
    results = Axe().run(page, options={"resultTypes": ["violations"], "preload": False})
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert not serious
    assert not watch.problems()


def test_claim_page_answers_first(page: Page, address: Address, watch: Watch) -> None:
    """Verdict and certainty open the page, above the fold; citations reach study pages."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(address("claims/kratom-relieves-opioid-withdrawal.html"))
    verdict = page.locator("section.verdict")
    assert verdict.is_visible()
    box = verdict.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900
    assert "may ease opioid withdrawal" in verdict.inner_text()
    assert "Low" in page.locator(".verdict .certainty").inner_text()
    tally = page.locator("#h-glance").bounding_box()
    assert tally is not None and box["y"] < tally["y"]
    cited = page.locator(".key-messages .cites a")
    assert cited.count() >= 3
    hrefs = sorted({cited.nth(i).get_attribute("href") or "" for i in range(cited.count())})
    for href in hrefs:
        page.goto(address("claims/" + href))
        assert page.locator("h1").count() == 1
        assert page.url.endswith(".html")
    assert not watch.problems()


def test_risk_of_bias_marks_have_text_equivalents(page: Page, address: Address) -> None:
    page.goto(address("claims/kratom-relieves-opioid-withdrawal.html"))
    cells = page.locator(".rob-cells li")
    assert cells.count() >= 5
    for i in range(cells.count()):
        hidden = cells.nth(i).locator(".vh").inner_text()
        assert ": " in hidden  # "Domain: Judgement", read out instead of the mark
    assert page.locator(".rob-cells").first.get_attribute("aria-label").startswith("Risk of bias")
    page.goto(address(f"studies/{TRIAL}.html"))
    table = page.locator("table.appraisal")
    assert table.locator("tbody tr").count() == 5
    assert "Some concerns" in table.locator("tfoot").inner_text()
