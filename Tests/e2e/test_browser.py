"""In a real browser (headless Chromium through Selenium): what a salesperson sees, a
permission granted by the admin in another browser, and the language chooser."""
from browser import browsers, require_chromium, sign_in  # noqa: F401 (browsers is a fixture)
from helpers import Client, lead_rows

require_chromium()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def nav_texts(driver):
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, "header.topbar nav a")]


def test_salesperson_sees_only_her_own_leads(browsers, base_url):
    d = browsers()
    sign_in(d, base_url, "sofie")
    assert d.current_url.endswith("/leads")
    rows = lead_rows(d.page_source)
    assert len(rows) >= 5
    assert {r["Verantwoordelijke"] for r in rows} == {"Sofie Peeters"}
    # Every code links to a lead page she can open.
    first = d.find_element(By.CSS_SELECTOR, "table.leads tbody tr a.code")
    code = first.text
    first.click()
    WebDriverWait(d, 15).until(lambda d: "/leads/" in d.current_url)
    assert code in d.page_source


def test_permission_granted_by_admin_shows_in_salespersons_navigation(browsers, base_url, user_id):
    sofie_id = user_id("sofie")
    sofie = browsers()
    sign_in(sofie, base_url, "sofie")
    assert "Gebruikers" not in nav_texts(sofie)
    assert not sofie.find_elements(By.CSS_SELECTOR, "header.topbar a[href='/admin/users']")

    admin = browsers()
    sign_in(admin, base_url, "admin")
    try:
        admin.get(base_url + "/admin/permissions")
        cell = Select(admin.find_element(By.ID, f"u{sofie_id}.users.manage"))
        assert cell.first_selected_option.get_attribute("value") == "inherit"
        cell.select_by_value("grant")
        admin.find_element(By.ID, f"u{sofie_id}.users.manage").find_element(
            By.XPATH, "ancestor::form").find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(admin, 15).until(lambda d: "done=saved" in d.current_url)
        assert Select(admin.find_element(By.ID, f"u{sofie_id}.users.manage")).first_selected_option.get_attribute("value") == "grant"

        sofie.refresh()
        assert "Gebruikers" in nav_texts(sofie)
        sofie.find_element(By.LINK_TEXT, "Gebruikers").click()
        WebDriverWait(sofie, 15).until(lambda d: d.current_url.endswith("/admin/users"))
        assert "Sofie Peeters" in sofie.page_source
    finally:
        # Back to the profile's rights, so other tests see the demo's sofie.
        with Client(base_url) as a:
            a.sign_in("admin")
            token = a.csrf("/admin/permissions", "/admin/permissions")
            r = a.post("/admin/permissions", data={"_csrf": token, f"u{sofie_id}.users.manage": "inherit",
                                                   f"was.u{sofie_id}.users.manage": "grant"}, allow_redirects=False)
            assert r.status_code == 303


def test_language_chooser_switches_the_interface_to_french(browsers, base_url):
    d = browsers()
    sign_in(d, base_url, "sofie")
    try:
        assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
        button = d.find_element(By.CSS_SELECTOR, "form[action='/account/language'] button[type=submit]")
        assert not button.is_displayed()  # showroom.js applies the choice at once and hides the button
        Select(d.find_element(By.ID, "topbar-language")).select_by_value("fr")
        WebDriverWait(d, 15).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr")
        assert d.current_url.endswith("/leads")  # back where she was
        assert "Se déconnecter" in d.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").text
        headings = [th.get_attribute("textContent").strip() for th in d.find_elements(By.CSS_SELECTOR, "table.leads thead th")]
        assert "Responsable" in headings
        # It is her setting, not the browser's: a new page load stays French.
        d.get(base_url + "/leads")
        assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    finally:
        with Client(base_url) as s:
            s.sign_in("sofie")
            token = s.csrf(action="/account/language")
            s.post("/account/language", data={"_csrf": token, "language": "nl"}, allow_redirects=False)


def test_language_chooser_works_without_javascript(browsers, base_url):
    d = browsers(javascript=False)
    sign_in(d, base_url, "jan")
    try:
        button = d.find_element(By.CSS_SELECTOR, "form[action='/account/language'] button[type=submit]")
        assert button.is_displayed()
        Select(d.find_element(By.ID, "topbar-language")).select_by_value("en")
        assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"  # nothing happens before the button
        button.click()
        WebDriverWait(d, 15).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        assert "Sign out" in d.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").get_attribute("textContent")
    finally:
        with Client(base_url) as s:
            s.sign_in("jan")
            token = s.csrf(action="/account/language")
            s.post("/account/language", data={"_csrf": token, "language": "nl"}, allow_redirects=False)
