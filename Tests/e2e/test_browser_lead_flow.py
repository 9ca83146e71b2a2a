"""A lead from first contact to won, in real Chromium through nginx (issue 4): a salesperson
creates it for a new contact on the new-lead form (typing into the live contact search
first), comments, plans a task and marks it done in the task overview; her manager reassigns
the lead and closes it as won. The header's colour and the timeline are checked at each step;
the final lead page is saved to /tmp/showroom-flow.png."""
import os
import re
import uuid

from browser import WAIT, browsers, require_chromium, sign_in  # noqa: F401 (browsers is a fixture)

SCREENSHOT = "/tmp/showroom-flow.png"

require_chromium()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402



def submit(driver, form_css):
    """Clicks the submit button of a form and waits for the next page."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, form_css + " button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)


def head_colour(driver):
    classes = driver.find_element(By.CSS_SELECTOR, "section.lead-head").get_attribute("class").split()
    return next(c[len("status-"):] for c in classes if c.startswith("status-"))


def button_colour(driver):
    classes = driver.find_element(By.CSS_SELECTOR, ".action-bar .status-button").get_attribute("class").split()
    return next(c[len("status-"):] for c in classes if c.startswith("status-") and c != "status-button")


def events(driver):
    """The timeline, newest first: (kind, title, text of the whole entry)."""
    out = []
    for li in driver.find_elements(By.CSS_SELECTOR, "section.timeline-card ol.timeline > li.event"):
        kind = next(c[len("event-"):] for c in li.get_attribute("class").split() if c.startswith("event-"))
        out.append((kind, li.find_element(By.CSS_SELECTOR, "p.event-title").text, li.text))
    return out


def live_results(driver):
    return driver.find_element(By.ID, "contact-results")


def test_a_lead_from_first_contact_to_won(browsers, base_url, db_query):
    last = "Lefevre" + uuid.uuid4().hex[:6]
    email = last.lower() + "@example.be"
    comment = "Belde na de proefrit: wil een offerte voor de Golf."
    task = "Offerte " + uuid.uuid4().hex[:6] + " opsturen"

    # --- Sofie: a new lead for a new contact --------------------------------------------
    sofie = browsers()
    sign_in(sofie, base_url, "sofie")
    sofie.get(base_url + "/leads")
    sofie.find_element(By.CSS_SELECTOR, ".head-actions a[href='/leads/new']").click()
    WebDriverWait(sofie, WAIT).until(lambda d: d.current_url.endswith("/leads/new"))
    # The live search answers as she types, without leaving the page.
    search = sofie.find_element(By.CSS_SELECTOR, "form[data-live-search] input[type=search]")
    search.send_keys(last)
    WebDriverWait(sofie, WAIT).until(lambda d: "Geen bestaand contact gevonden" in live_results(d).text)
    assert sofie.current_url.endswith("/leads/new")
    # Not known yet: she fills in the new contact and the lead.
    for field, value in [("first_name", "Élodie"), ("last_name", last), ("email", email), ("phone", "0470 01 02 03"),
                         ("street", "Veldstraat 12"), ("postal_code", "9000"), ("city", "Gent")]:
        sofie.find_element(By.ID, "f-" + field).send_keys(value)
    Select(sofie.find_element(By.ID, "f-type")).select_by_visible_text("Tweedehands wagen")
    Select(sofie.find_element(By.ID, "f-source")).select_by_visible_text("Showroombezoek")
    assert Select(sofie.find_element(By.ID, "f-responsible")).first_selected_option.text == "Sofie Peeters"
    submit(sofie, "form[action='/leads/new'][method=post]")
    WebDriverWait(sofie, WAIT).until(lambda d: re.search(r"/leads/\d+$", d.current_url))
    lead = int(sofie.current_url.rsplit("/", 1)[1])
    lead_url = f"{base_url}/leads/{lead}"
    code = db_query("SELECT code FROM leads WHERE id = ?", lead)[0][0]
    assert sofie.find_element(By.ID, "lead-name").text == "Élodie " + last
    assert code in sofie.find_element(By.CSS_SELECTOR, "section.lead-head").text
    assert head_colour(sofie) == "in-progress" and button_colour(sofie) == "in-progress"
    assert sofie.find_element(By.CSS_SELECTOR, ".box-deadline .box-note").text.startswith("Contact opnemen met de prospect")
    assert [(k, t) for k, t, _ in events(sofie)] == [("created", "Lead aangemaakt")]
    assert "door Sofie Peeters" in events(sofie)[0][2]

    # --- A comment ------------------------------------------------------------------------
    sofie.find_element(By.ID, "f-body").send_keys(comment)
    submit(sofie, "form.comment-form")
    assert sofie.current_url.startswith(lead_url)
    assert comment in sofie.find_element(By.CSS_SELECTOR, "ul.comments").text
    kind, title, text = events(sofie)[0]
    assert (kind, title) == ("comment", "Opmerking") and comment in text and "door Sofie Peeters" in text
    assert head_colour(sofie) == "in-progress"

    # --- A task, marked done in the task overview -------------------------------------------
    sofie.find_element(By.CSS_SELECTOR, f".action-bar a[href='/leads/{lead}/tasks/new']").click()
    WebDriverWait(sofie, WAIT).until(lambda d: d.current_url.endswith(f"/leads/{lead}/tasks/new"))
    assert sofie.find_element(By.ID, "f-starts_at").get_attribute("value"), "a start time is proposed"
    Select(sofie.find_element(By.ID, "f-duration")).select_by_value("45")
    sofie.find_element(By.ID, "f-description").send_keys(task)
    submit(sofie, f"form[action='/leads/{lead}/tasks']")
    WebDriverWait(sofie, WAIT).until(lambda d: re.search(r"/tasks/\d+$", d.current_url))
    task_id = int(sofie.current_url.rsplit("/", 1)[1])
    assert task in sofie.find_element(By.CSS_SELECTOR, "p.task-description").text

    sofie.find_element(By.CSS_SELECTOR, "header.topbar nav a[href='/tasks']").click()
    WebDriverWait(sofie, WAIT).until(lambda d: d.current_url.endswith("/tasks"))
    row = sofie.find_element(By.XPATH, f"//table[contains(@class,'agenda')]//tr[.//a[@href='/tasks/{task_id}']]")
    assert code in row.text and "Sofie Peeters" in row.text
    old = sofie.find_element(By.TAG_NAME, "html")
    row.find_element(By.CSS_SELECTOR, f"form[action='/tasks/{task_id}/done'] button").click()
    WebDriverWait(sofie, WAIT).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)
    assert sofie.current_url.endswith("/tasks")
    assert not sofie.find_elements(By.CSS_SELECTOR, f"a[href='/tasks/{task_id}']")

    sofie.get(lead_url)
    notice = sofie.find_element(By.CSS_SELECTOR, "ul.notifications li")
    assert f"Taak afgewerkt door Sofie Peeters: {task}" in notice.text
    assert [k for k, _, _ in events(sofie)][:3] == ["task_done", "task_added", "comment"]
    assert events(sofie)[0][1] == "Taak afgewerkt"
    notice.find_element(By.CSS_SELECTOR, "button").click()  # "Gezien"
    WebDriverWait(sofie, WAIT).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "ul.notifications li"))
    assert head_colour(sofie) == "in-progress"

    # --- Pieter (leads.assign) reassigns it to Jan --------------------------------------------
    pieter = browsers()
    sign_in(pieter, base_url, "pieter")
    pieter.get(lead_url)
    pieter.find_element(By.CSS_SELECTOR, f".action-bar a[href='/leads/{lead}/assign']").click()
    WebDriverWait(pieter, WAIT).until(lambda d: d.current_url.endswith(f"/leads/{lead}/assign"))
    responsible = Select(pieter.find_element(By.ID, "f-responsible"))
    jan = next(o for o in responsible.options if o.text.startswith("Jan Claes"))
    responsible.select_by_value(jan.get_attribute("value"))
    submit(pieter, f"form[action='/leads/{lead}/assign']")
    WebDriverWait(pieter, WAIT).until(lambda d: d.current_url == lead_url)
    facts = pieter.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "Jan Claes" in facts
    kind, title, text = events(pieter)[0]
    assert (kind, title) == ("assigned", "Toegewezen: Sofie Peeters → Jan Claes") and "door Pieter Van Damme" in text
    assert head_colour(pieter) == "in-progress" and button_colour(pieter) == "in-progress"

    # --- …and closes it as won ----------------------------------------------------------------
    pieter.find_element(By.CSS_SELECTOR, ".action-bar a.status-button").click()
    WebDriverWait(pieter, WAIT).until(lambda d: d.current_url.endswith(f"/leads/{lead}/status"))
    pieter.find_element(By.CSS_SELECTOR, "input[name=status][value=won]").click()
    submit(pieter, f"form[action='/leads/{lead}/status']")
    WebDriverWait(pieter, WAIT).until(lambda d: d.current_url == lead_url)
    assert head_colour(pieter) == "won" and button_colour(pieter) == "won"
    assert pieter.find_element(By.CSS_SELECTOR, "section.lead-head .lead-status").get_attribute("textContent") == "Gewonnen"
    assert pieter.find_element(By.CSS_SELECTOR, ".box-deadline .box-value").text == "Afgesloten: geen deadline"
    kind, title, text = events(pieter)[0]
    assert (kind, title) == ("status", "Status gewijzigd: In behandeling → Gewonnen") and "door Pieter Van Damme" in text
    # Every step is on the timeline, newest first.
    assert [k for k, _, _ in events(pieter)] == ["status", "assigned", "task_done", "task_added", "comment", "created"]
    height = pieter.execute_script("return document.documentElement.scrollHeight")
    pieter.set_window_size(1400, min(max(1000, height + 100), 4000))  # the whole page, timeline included
    pieter.save_screenshot(SCREENSHOT)
    assert os.path.getsize(SCREENSHOT) > 10_000

    assert db_query("SELECT status, responsible_id = (SELECT id FROM users WHERE username = 'jan') FROM leads WHERE id = ?", lead) == [(1, 1)]
    # Sofie no longer sees the lead: it is Jan's now.
    sofie.get(lead_url)
    assert "404" in sofie.find_element(By.CSS_SELECTOR, "p.error-code").text


def test_live_contact_search_follows_the_typing(browsers, base_url, db_query, user_id):
    """Results as you type keep up with every change of the query, not only the first."""
    known = db_query("SELECT c.last_name FROM leads l JOIN contacts c ON c.id = l.contact_id "
                     "WHERE l.responsible_id = ? AND l.branch_id = 1 AND c.kind = 'person' ORDER BY l.id LIMIT 1", user_id("sofie"))[0][0]
    d = browsers()
    sign_in(d, base_url, "sofie")
    d.get(base_url + "/leads/new")
    search = d.find_element(By.CSS_SELECTOR, "form[data-live-search] input[type=search]")
    search.send_keys(known)
    WebDriverWait(d, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#contact-results ul.matches li"))
    assert known in live_results(d).text
    # She goes on typing something nobody is called: the server has no match for it…
    assert d.execute_async_script(
        "const done = arguments[1]; fetch('/leads/new?fragment=1&q=' + encodeURIComponent(arguments[0])).then(r => r.text()).then(done);",
        known + "qqzz").count("<li>") == 0
    search.send_keys("qqzz")
    # …and the page says so.
    WebDriverWait(d, 5).until(lambda d: "Geen bestaand contact gevonden" in live_results(d).text)
    assert not d.find_elements(By.CSS_SELECTOR, "#contact-results ul.matches li")
