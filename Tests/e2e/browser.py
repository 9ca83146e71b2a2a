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
