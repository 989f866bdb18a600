"""Helpers of the search box's browser tests: a page with the box, typing a query, and the browser's engine
on a language's whole search folder (every bucket loaded), to compare with the Python engine."""
from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from conftest import ARTIFACTS

INPUT = "#portal-search-input"
RESULTS = ".portal-search__result"
STATUS = "[data-portal-search-status]"

# The browser's engine with every bucket of the page's language: search results as plain data.
ENGINE_RESULTS = """async ([texts]) => {
  const folder = document.querySelector('[data-portal-search]').getAttribute('data-folder');
  const meta = await (await fetch(folder + 'meta.json')).json();
  const engine = new window.PortalSearchEngine.Engine(meta);
  for (let n = 0; n < meta.buckets; n++) engine.addBucket(n, await (await fetch(folder + 't' + n + '.json')).json());
  return texts.map(t => {
    const r = engine.search(t);
    return {ids: r.hits.slice(0, 5).map(h => h.doc.id), sections: r.hits.slice(0, 5).map(h => h.section),
            leftOut: r.leftOut, missing: r.missing, labels: engine.plan(t).map(g => g.label)};
  });
}"""


def open_with_search(browser: Browser, url: str, **context_options) -> tuple:
    context_options.setdefault("viewport", {"width": 1280, "height": 800})
    context = browser.new_context(**context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok
    return context, page, errors


def load_engine(page: Page) -> None:
    page.locator(INPUT).focus()
    expect(page.locator("[data-portal-search-ready]")).to_have_count(1)


def type_query(page: Page, query: str) -> list[str]:
    page.locator(INPUT).click()
    page.locator(INPUT).fill(query)
    page.wait_for_function("q => document.querySelector('[data-portal-search]')"
                           ".getAttribute('data-portal-search-shown') === q", arg=query)
    expect(page.locator(RESULTS).first).to_be_visible()
    return page.locator(RESULTS).evaluate_all("items => items.map(i => i.dataset.id)")


def engine_results(page: Page, texts: list[str]) -> list[dict]:
    load_engine(page)
    return page.evaluate(ENGINE_RESULTS, [texts])


def screenshot(page: Page, name: str) -> None:
    """Keep what the reader saw (tests/artifacts/<name>.png) to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
