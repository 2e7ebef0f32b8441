"""The website widget in a real headless browser (Debian chromium + chromedriver, driven by Selenium),
against the real bot (Rasa + action server). `make browser-deps` installs the browser.

Screenshots of each step go to test-output/widget/.
"""
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from evaluation.servers import BotStack

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-output" / "widget"
ARTICLE = "https://ordinaryintrovert.com/iop-for-work-burnout"
XSS = "<img src=x onerror=alert(1)>"
CHANNEL_VARS = ("SLACK_TOKEN", "SLACK_SIGNING_SECRET", "TELEGRAM_TOKEN", "TELEGRAM_SECRET_TOKEN",
                "WEBCHAT_ALLOWED_ORIGINS")


@pytest.fixture(scope="module")
def driver():
    if not (os.path.exists("/usr/bin/chromium") and os.path.exists("/usr/bin/chromedriver")):
        pytest.fail("chromium/chromedriver missing: run `make browser-deps` (scripts/install_browser.sh)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="widget-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                f"--user-data-dir={profile}", "--window-size=1280,900"):
        opts.add_argument(arg)
    drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    drv.set_page_load_timeout(60)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def bot(model_path):
    with BotStack(model=model_path, env={k: "" for k in CHANNEL_VARS}) as stack:
        yield stack


def shot(drv, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    drv.save_screenshot(str(SHOTS / f"{name}.png"))


def wait(drv, predicate, timeout=60, message=""):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(drv, timeout, poll_frequency=0.2).until(lambda d: predicate(d), message)


def bots(drv):
    return drv.find_elements("css selector", ".iopc-log .iopc-bot")


def users(drv):
    return drv.find_elements("css selector", ".iopc-log .iopc-user")


def source_links(drv):
    return drv.find_elements("css selector", f'.iopc-log .iopc-bot a[href^="{ARTICLE}"]')


def ask(drv, text):
    box = drv.find_element("id", "iopc-input")
    box.clear()
    box.send_keys(text)
    drv.find_element("css selector", ".iopc-send").click()


def no_alert(drv):
    from selenium.common.exceptions import NoAlertPresentException
    try:
        drv.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def test_widget_end_to_end(bot, driver):
    drv = driver
    drv.get(f"{bot.url}/webhooks/webchat/")
    wait(drv, lambda d: d.find_element("css selector", ".iopc-root").get_attribute("data-ready") == "true",
         message="widget never loaded its session")
    wait(drv, lambda d: len(bots(d)) >= 1, message="no greeting")
    # accessible structure
    log = drv.find_element("css selector", ".iopc-log")
    assert log.get_attribute("aria-live") == "polite"
    assert drv.find_element("css selector", 'label[for="iopc-input"]').get_attribute("textContent") == "Your message"
    assert drv.find_element("css selector", ".iopc-close").get_attribute("aria-label") == "Close chat"
    shot(drv, "01-open-greeting")

    # 1. a question gets a sourced answer; the typing indicator shows while waiting
    drv.execute_script("""
        var t = document.querySelector('.iopc-typing'); window.__typingSeen = false;
        new MutationObserver(function () { if (!t.hidden) window.__typingSeen = true; })
            .observe(t, {attributes: true});""")
    ask(drv, "how long does an IOP program usually last?")
    wait(drv, lambda d: source_links(d), message="no sourced answer")
    link = source_links(drv)[0]
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel")
    assert link.text.strip() and not link.text.startswith("http")  # labelled with the source title
    assert drv.execute_script("return window.__typingSeen") is True
    assert drv.find_element("css selector", ".iopc-typing").get_attribute("hidden") is not None
    shot(drv, "02-sourced-answer")

    # 2. a follow-up button sends its payload and shows its title as the user's bubble
    n_links = len(source_links(drv))
    last_bot = bots(drv)[-1]
    button = last_bot.find_elements("css selector", ".iopc-quick")[0]
    title = button.text
    button.click()
    wait(drv, lambda d: users(d)[-1].get_attribute("textContent").endswith(title), message="button title not shown")
    assert not users(drv)[-1].get_attribute("textContent").endswith("/" + title)
    wait(drv, lambda d: len(source_links(d)) > n_links, message="no answer to the follow-up")
    shot(drv, "03-follow-up")

    # 3. reload: the conversation is still there (history from the server's tracker store)
    before_users = [u.get_attribute("textContent") for u in users(drv)]
    session = drv.find_element("css selector", ".iopc-root").get_attribute("data-session")
    drv.refresh()
    wait(drv, lambda d: d.find_element("css selector", ".iopc-root").get_attribute("data-ready") == "true",
         message="widget not ready after reload")
    assert drv.find_element("css selector", ".iopc-root").get_attribute("data-session") == session
    wait(drv, lambda d: len(users(d)) == len(before_users), message="history not restored")
    assert [u.get_attribute("textContent") for u in users(drv)] == before_users
    assert len(source_links(drv)) >= 2
    shot(drv, "04-after-reload")

    # 4. markup from the user is shown as text and never runs
    n_bots = len(bots(drv))
    ask(drv, XSS)
    wait(drv, lambda d: users(d)[-1].get_attribute("textContent").endswith(XSS), message="XSS text not shown")
    wait(drv, lambda d: len(bots(d)) > n_bots, message="no reply to the markup message")
    assert drv.find_elements("css selector", ".iopc-log img") == []
    assert no_alert(drv)
    shot(drv, "05-markup-as-text")

    # 5. a crisis message: resources stand out, numbers are tappable
    ask(drv, "I want to kill myself")
    wait(drv, lambda d: d.find_elements("css selector", ".iopc-bot-crisis"), message="no crisis reply")
    card = drv.find_elements("css selector", ".iopc-bot-crisis")[-1]
    hrefs = {a.get_attribute("href") for a in card.find_elements("css selector", "a")}
    for needed in ("tel:988", "sms:988", "sms:741741?&body=HOME", "tel:911", "tel:116123", "tel:131114"):
        assert needed in hrefs, (needed, hrefs)
    assert "988" in card.text and "741741" in card.text
    drv.execute_script("arguments[0].scrollIntoView({block: 'start'})", card)
    shot(drv, "06-crisis-desktop")

    # 6. keyboard: Escape closes the panel and gives focus back to the launcher; Enter reopens it
    from selenium.webdriver.common.keys import Keys
    drv.find_element("id", "iopc-input").send_keys(Keys.ESCAPE)
    assert not drv.find_element("css selector", ".iopc-panel").is_displayed()
    launcher = drv.find_element("css selector", ".iopc-launcher")
    assert drv.switch_to.active_element == launcher
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.send_keys(Keys.ENTER)
    assert drv.find_element("css selector", ".iopc-panel").is_displayed()
    assert drv.switch_to.active_element == drv.find_element("id", "iopc-input")

    # 7. prefers-reduced-motion stops the typing animation
    drv.execute_cdp_cmd("Emulation.setEmulatedMedia",
                        {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    anim = drv.execute_script(
        "return getComputedStyle(document.querySelector('.iopc-dot')).animationName")
    assert anim == "none"
    drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    # 8. readable at 360 px
    drv.set_window_size(360, 740)
    drv.execute_script("arguments[0].scrollIntoView({block: 'start'})", card)
    width = drv.execute_script("return document.querySelector('.iopc-panel').getBoundingClientRect().width")
    assert width <= 360
    overflow = drv.execute_script(
        "var l=document.querySelector('.iopc-log'); return l.scrollWidth - l.clientWidth")
    assert overflow <= 1, "the conversation scrolls sideways at 360 px"
    shot(drv, "07-crisis-360px")
    drv.execute_script("document.querySelector('.iopc-log').scrollTop = 0")
    shot(drv, "08-history-360px")
    drv.set_window_size(1280, 900)
