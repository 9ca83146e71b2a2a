"""Insights (issue 13) through nginx, the FastCGI socket and the responder: the page in three
languages, its figures against counts written here in SQL over the demo database, every linked
figure leading to an overview whose count equals it, the CSV export, the scope (another
branch is not found), and in Chromium a manager clicking a bar of a chart and landing on
exactly those leads."""
import datetime
import re
import zoneinfo

import pytest

from browser import WAIT, browsers, require_chromium, sign_in  # noqa: F401 (browsers is a fixture)
from helpers import parse

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def period():
    """The default period: the last 365 days up to today (Brussels), as epoch bounds."""
    today = datetime.datetime.now(BRUSSELS).date()
    first = today - datetime.timedelta(days=364)
    start = datetime.datetime.combine(first, datetime.time(), BRUSSELS).timestamp()
    end = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(), BRUSSELS).timestamp()
    return first.isoformat(), today.isoformat(), int(start), int(end)


def overview_count(session, href):
    r = session.get(href)
    assert r.status_code == 200, href
    p = parse(r.text).find("p", id="result-count")
    assert p is not None, href
    return int(p.attrs["data-count"])


def linked_numbers(html):
    """(number, href) of every linked count in the insights tables (not the money cells)."""
    out = []
    for table in parse(html).find_all("table", class_="insight-table"):
        for a in table.find_all("a"):
            text = a.text.strip()
            if a.attrs["href"].startswith("/leads") and "€" not in text:
                out.append((int(text.replace(".", "")), a.attrs["href"]))
    return out


def column(html, table, col=1):
    section = parse(html).find("section", id="insight-" + table)
    assert section is not None, table
    out = {}
    for row in section.find_all("tr")[1:]:
        cells = row.find_all("td")
        out[row.find("th").text.strip()] = int(cells[col - 1].text.strip().replace(".", ""))
    return out


@pytest.mark.parametrize("user,lang,heading", [("pieter", "nl", "Per bron"), ("nathalie", "fr", "Par source"), ("bram", "en", "By source")])
def test_the_page_in_each_language(signed_in, user, lang, heading):
    s = signed_in(user)
    r = s.get("/insights")
    assert r.status_code == 200
    doc = parse(r.text)
    assert doc.find("html").attrs["lang"] == lang
    assert doc.find("h2", id="h-source").text == heading
    assert doc.find("svg") is not None and doc.find("table", class_="insight-table") is not None
    first, _, _, _ = period()
    y, m, d = first.split("-")
    assert f"{d}/{m}/{y}" in r.text  # Belgian dates


def test_a_managers_figures_equal_sql_and_every_link_counts_the_same(signed_in, db_query):
    pieter = signed_in("pieter")  # manager of Gent (1) and Antwerpen (2)
    html = pieter.get("/insights").text
    _, _, start, end = period()
    total = db_query("SELECT count(*) FROM leads WHERE branch_id IN (1, 2) AND created_at >= ? AND created_at < ?", start, end)[0][0]
    assert list(column(html, "status").values()) == [total]
    by_source = dict(db_query("""SELECT s.name_nl, count(*) FROM leads l JOIN lead_sources s ON s.id = l.source_id
                                 WHERE l.branch_id IN (1, 2) AND l.created_at >= ? AND l.created_at < ? GROUP BY s.id""", start, end))
    assert column(html, "source") == by_source
    won = db_query("SELECT count(*) FROM leads WHERE branch_id IN (1, 2) AND status = 1 AND created_at >= ? AND created_at < ?", start, end)[0][0]
    assert column(html, "status", 3) == {next(iter(column(html, "status"))): won}
    assert set(column(html, "branch")) == {"Gent", "Antwerpen"}

    links = linked_numbers(html)
    assert len(links) > 30
    for n, href in links:
        assert overview_count(pieter, href) == n, href


def test_csv_export_of_a_table(signed_in):
    pieter = signed_in("pieter")
    html = pieter.get("/insights?by=month").text
    export = next(a.attrs["href"] for a in parse(html).find("section", id="insight-source").find_all("a") if a.attrs["href"].startswith("/insights/export/"))
    r = pieter.get(export)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.content.startswith(b"\xef\xbb\xbf")
    lines = r.content.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0].startswith('"Bron";"Totaal"')
    assert len(lines) - 1 == len(column(html, "source"))
    assert sum(int(line.split(";")[1].strip('"')) for line in lines[1:]) == sum(column(html, "source").values())


def test_a_salesperson_sees_her_own_figures_and_not_another_branch(signed_in, db_query, user_id):
    sofie = signed_in("sofie")
    html = sofie.get("/insights").text
    _, _, start, end = period()
    own = db_query("SELECT count(*) FROM leads WHERE responsible_id = ? AND created_at >= ? AND created_at < ?", user_id("sofie"), start, end)[0][0]
    assert list(column(html, "status").values()) == [own]
    assert list(column(html, "responsible")) == ["Sofie Peeters"]
    assert sofie.get("/insights?branch=3").status_code == 404
    assert sofie.get(f"/insights?responsible={user_id('jan')}").status_code == 404
    assert sofie.get("/insights/export/source?branch=2").status_code == 404


def test_a_manager_clicks_a_bar_and_lands_on_exactly_those_leads(browsers, base_url, signed_in):
    require_chromium()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    d = browsers()
    sign_in(d, base_url, "pieter")
    d.get(base_url + "/insights")
    # The first bar of "by source": a link inside the chart, named "<source> – <status>: <n>".
    bar = d.find_element(By.CSS_SELECTOR, "#insight-source svg a")
    name = bar.get_attribute("aria-label")
    n = int(re.search(r": ([\d.]+)$", name).group(1).replace(".", ""))
    assert n > 0
    bar.click()
    WebDriverWait(d, WAIT).until(lambda drv: "/leads?" in drv.current_url)
    count = d.find_element(By.ID, "result-count")
    assert int(count.get_attribute("data-count")) == n
    rows = d.find_elements(By.CSS_SELECTOR, "table.leads tbody tr")
    assert len(rows) == min(n, 50)
    assert "source=" in d.current_url and "from=" in d.current_url
