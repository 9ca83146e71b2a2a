"""Who sees which lead: changing a number in the address never reaches a lead outside one's
scope (404, the same answer as a lead that does not exist), and admin pages need users.manage."""
import pytest

from helpers import LEAD_CODE, lead_rows, nav_links, parse

TABS = ["", "/follow-up", "/contacts", "/status", "/tasks/new"]


@pytest.fixture(scope="module")
def leads(db_query, user_id):
    """Lead ids and codes by situation, from the demo database."""
    sofie, jan = user_id("sofie"), user_id("jan")

    def one(sql, *args):
        rows = db_query(sql + " ORDER BY id LIMIT 1", *args)
        assert rows, sql
        return rows[0]

    return {
        "sofie_own": one("SELECT id, code FROM leads WHERE responsible_id = ?", sofie),
        "branch1_not_sofie": one("SELECT id, code FROM leads WHERE branch_id = 1 AND responsible_id = ?", jan),
        "branch2": one("SELECT id, code FROM leads WHERE branch_id = 2"),
        "branch3": one("SELECT id, code FROM leads WHERE branch_id = 3"),
        "branch5": one("SELECT id, code FROM leads WHERE branch_id = 5"),
        "max_id": db_query("SELECT max(id) FROM leads")[0][0],
    }


def assert_not_found(r, code):
    assert r.status_code == 404
    assert code not in r.text
    assert parse(r.text).find("p", class_="error-code").text == "404"


@pytest.mark.parametrize("tab", TABS)
def test_salesperson_opens_her_own_lead(signed_in, leads, tab):
    lead_id, code = leads["sofie_own"]
    r = signed_in("sofie").get(f"/leads/{lead_id}{tab}")
    assert r.status_code == 200
    assert code in r.text


@pytest.mark.parametrize("tab", TABS)
def test_salesperson_gets_404_for_another_branchs_lead(signed_in, leads, tab):
    lead_id, code = leads["branch3"]
    assert_not_found(signed_in("sofie").get(f"/leads/{lead_id}{tab}"), code)


@pytest.mark.parametrize("tab", TABS)
def test_salesperson_gets_404_for_a_colleagues_lead_of_her_branch(signed_in, leads, tab):
    lead_id, code = leads["branch1_not_sofie"]
    assert_not_found(signed_in("sofie").get(f"/leads/{lead_id}{tab}"), code)


def test_foreign_lead_answers_exactly_like_a_missing_one(signed_in, leads):
    s = signed_in("sofie")
    foreign = s.get(f"/leads/{leads['branch3'][0]}")
    missing = s.get(f"/leads/{leads['max_id'] + 1000}")
    assert foreign.status_code == missing.status_code == 404
    assert parse(foreign.text).find("main").text == parse(missing.text).find("main").text


def test_salesperson_overview_lists_only_her_leads(signed_in):
    r = signed_in("sofie").get("/leads")
    rows = lead_rows(r.text)
    assert rows, "sofie has leads in the demo data"
    responsible = next(k for k in rows[0] if k in ("Verantwoordelijke", "Responsable", "Responsible"))
    assert {row[responsible] for row in rows} == {"Sofie Peeters"}


@pytest.mark.parametrize("situation,status", [("branch1_not_sofie", 200), ("sofie_own", 200), ("branch2", 200), ("branch3", 404),
                                              ("branch5", 404)])
def test_manager_sees_the_leads_of_his_branches_only(signed_in, leads, situation, status):
    lead_id, code = leads[situation]
    r = signed_in("pieter").get(f"/leads/{lead_id}")
    assert r.status_code == status
    assert (code in r.text) == (status == 200)


def test_manager_overview_lists_only_his_branches(signed_in):
    rows = lead_rows(signed_in("pieter").get("/leads").text)
    assert rows
    branch = next(k for k in rows[0] if k in ("Vestiging", "Site", "Branch"))
    assert {row[branch] for row in rows} <= {"Gent", "Antwerpen"}


def test_other_manager_sees_branch_3_but_not_branch_1(signed_in, leads):
    s = signed_in("nathalie")
    assert s.get(f"/leads/{leads['branch3'][0]}").status_code == 200
    assert_not_found(s.get(f"/leads/{leads['sofie_own'][0]}"), leads["sofie_own"][1])


def test_admin_sees_every_branch(signed_in, leads):
    s = signed_in("admin")
    for situation in ("sofie_own", "branch3", "branch5"):
        assert s.get(f"/leads/{leads[situation][0]}").status_code == 200


@pytest.mark.parametrize("path", ["/admin/users", "/admin/users/1", "/admin/users/1/access", "/admin/permissions", "/admin/branches"])
def test_salesperson_is_refused_admin_pages_with_403(signed_in, path):
    r = signed_in("jan").get(path)
    assert r.status_code == 403
    assert parse(r.text).find("p", class_="error-code").text == "403"


def test_salesperson_cannot_post_to_admin_even_with_her_own_token(signed_in, user_id):
    s = signed_in("jan")
    token = s.csrf(action="/logout")
    r = s.post(f"/admin/users/{user_id('jan')}/active", data={"_csrf": token, "active": "0"}, allow_redirects=False)
    assert r.status_code == 403
    assert s.get("/leads").status_code == 200  # still active


def test_navigation_shows_only_what_the_user_may_use(signed_in):
    sales = {href for href, _ in nav_links(signed_in("jan").get("/leads").text)}
    admin = {href for href, _ in nav_links(signed_in("admin").get("/leads").text)}
    assert "/leads" in sales
    assert not {h for h in sales if h.startswith("/admin/") or h == "/settings"}
    assert {"/leads", "/admin/users", "/admin/permissions"} <= admin


@pytest.mark.parametrize("path", ["/leads", "/leads/1"])
def test_salesperson_without_branches_sees_no_leads_instead_of_an_error(signed_in, create_user, path):
    username, password = create_user("nobranch")  # `showroom user create` gives the first profile and no branch
    r = signed_in(username, password).get(path)
    assert r.status_code == (200 if path == "/leads" else 404)
    assert not LEAD_CODE.search(r.text)


def test_comment_on_another_branchs_lead_is_refused_and_not_written(signed_in, leads, db_query):
    lead_id, _ = leads["branch3"]
    before = db_query("SELECT count(*) FROM comments WHERE lead_id = ?", lead_id)[0][0]
    s = signed_in("sofie")
    token = s.csrf(action="/logout")
    r = s.post(f"/leads/{lead_id}/comments", data={"_csrf": token, "body": "sneaky comment"}, allow_redirects=False)
    assert r.status_code == 404
    assert db_query("SELECT count(*) FROM comments WHERE lead_id = ?", lead_id)[0][0] == before


def test_comment_on_her_own_lead_is_written(signed_in, leads, db_query):
    # The positive control of the test above: same request, her own lead.
    lead_id, _ = leads["sofie_own"]
    before = db_query("SELECT count(*) FROM comments WHERE lead_id = ?", lead_id)[0][0]
    s = signed_in("sofie")
    token = s.csrf(f"/leads/{lead_id}", f"/leads/{lead_id}/comments")
    r = s.post(f"/leads/{lead_id}/comments", data={"_csrf": token, "body": "Called back, wants a test drive"}, allow_redirects=False)
    assert r.status_code == 303
    assert db_query("SELECT count(*) FROM comments WHERE lead_id = ?", lead_id)[0][0] == before + 1
    assert "Called back, wants a test drive" in s.get(f"/leads/{lead_id}").text
