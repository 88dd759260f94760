"""What the browser tests share: axe-core's serious violations, a curator logged in, page width checks."""

import contextlib
from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def serious_violations(page, exclude=()) -> list:
    """Return axe-core's serious and critical violations on ``page`` (CSS selectors in ``exclude`` left out)."""
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` (make test does)"
    page.add_script_tag(path=str(AXE))
    selectors = ", ".join(f"['{selector}']" for selector in exclude)
    context = f"{{exclude: [{selectors}]}}" if exclude else "document"
    results = page.evaluate(f"async () => await axe.run({context}, {{resultTypes: ['violations']}})")
    assert results["passes"], "axe ran no check"
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def logged_in_page(browser, url: str, username: str, password: str):
    """Return a new page (its context without CSP, so axe can be injected) logged in to the admin at ``url``."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    page.goto(url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    return page


@contextlib.contextmanager
def visiting(browser):
    """Yield a page in a fresh context that may inject axe-core (the site's Content-Security-Policy
    refuses inline scripts); the messages of any dialog a page opens are kept in ``page.dialogs``."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        yield page
    finally:
        context.close()


def fits_the_screen(page) -> bool:
    """Whether the page is no wider than the window (nothing to scroll sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
