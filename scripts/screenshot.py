#!/usr/bin/env python3
"""Takes screenshots of Showroom pages with headless Chromium, to look at what users see.

    python3 scripts/screenshot.py http://127.0.0.1:8080/leads out.png [--width 1400] [--lang fr]
"""
import argparse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def driver(width=1400, height=900, lang="nl"):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}", f"--lang={lang}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("out")
    p.add_argument("--width", type=int, default=1400)
    p.add_argument("--height", type=int, default=900)
    p.add_argument("--lang", default="nl")
    p.add_argument("--full", action="store_true", help="the whole page height")
    p.add_argument("--login", metavar="USER", help="sign in first as this demo user (password showroom-demo)")
    a = p.parse_args()
    d = driver(a.width, a.height, a.lang)
    try:
        if a.login:
            base = a.url.split("/", 3)
            d.get("/".join(base[:3]) + "/login")
            d.find_element("id", "f-username").send_keys(a.login)
            d.find_element("id", "f-password").send_keys("showroom-demo")
            d.find_element("css selector", "form[action='/login'] button[type=submit]").click()
            # Let the sign-in land before going on (a get() right away cancels the POST).
            from selenium.webdriver.support.ui import WebDriverWait
            WebDriverWait(d, 15).until(lambda drv: "/login" not in drv.current_url)
        d.get(a.url)
        if a.full:
            h = d.execute_script("return document.documentElement.scrollHeight")
            d.set_window_size(a.width, min(h + 120, 6000))
        d.save_screenshot(a.out)
    finally:
        d.quit()


if __name__ == "__main__":
    main()
