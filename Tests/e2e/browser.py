"""Headless Chromium for the browser tests: one way to start it, sign in and close it.
Outside CI a machine without the browser skips these tests; in CI (CI=true) they must run."""
import os
import shutil

import pytest

from helpers import DEMO_PASSWORD

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
WAIT = 15


def require_chromium():
    """Call at module level of a browser test module."""
    if not os.environ.get("CI"):
        pytest.importorskip("selenium", reason="pip install selenium")
        if not (os.path.exists(CHROMIUM) and shutil.which(CHROMEDRIVER)):
            pytest.skip("Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)", allow_module_level=True)


def new_browser(javascript=True, download_dir=None):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=nl-BE"):
        options.add_argument(arg)
    prefs = {}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    if download_dir:
        prefs.update({"download.default_directory": download_dir, "download.prompt_for_download": False, "safebrowsing.enabled": False})
    if prefs:
        options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    if download_dir:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": download_dir})
    return driver


def sign_in(driver, base_url, username, password=DEMO_PASSWORD):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    driver.get(base_url + "/login")
    driver.find_element(By.ID, "f-username").send_keys(username)
    driver.find_element(By.ID, "f-password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(lambda d: "/login" not in d.current_url)


@pytest.fixture
def browsers():
    """Opens as many browsers as a test asks for and closes them all afterwards."""
    opened = []

    def make(**kw):
        d = new_browser(**kw)
        opened.append(d)
        return d

    yield make
    for d in opened:
        d.quit()


# Steps a browser test takes as a user does: each waits for what it caused.

def wait_for_new_page(d, click):
    """Runs `click` and waits until the browser shows another page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    old = d.find_element(By.TAG_NAME, "html")
    click()
    WebDriverWait(d, WAIT).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)


def press(d, css):
    """Clicks the element `css` finds and waits for the page it leads to."""
    from selenium.webdriver.common.by import By
    wait_for_new_page(d, lambda: d.find_element(By.CSS_SELECTOR, css).click())


def type_into(d, name, value):
    """Replaces the text of the field named `name`."""
    from selenium.webdriver.common.by import By
    field = d.find_element(By.NAME, name)
    field.clear()
    field.send_keys(value)


def download(d, directory, link_css):
    """Clicks a download link and waits for the finished PDF in `directory`; returns its path."""
    import time
    from selenium.webdriver.common.by import By
    before = set(os.listdir(directory))
    d.find_element(By.CSS_SELECTOR, link_css).click()
    deadline = time.time() + WAIT
    while time.time() < deadline:
        new = [f for f in set(os.listdir(directory)) - before if f.endswith(".pdf")]
        if new:
            return os.path.join(directory, new[0])
        time.sleep(0.1)
    raise AssertionError(f"no PDF downloaded from {link_css}: {os.listdir(directory)}")
