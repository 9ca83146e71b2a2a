"""Trade-ins (issue 11, item 1) through nginx, the FastCGI socket and the responder: a
salesperson records the customer's car from the lead's Overname button, a manager approves
it, a refused one shows who refused it and why, a wrong amount comes back beside its field,
and another branch's trade-in is not found. Works on trade-ins it records itself."""
import re

from helpers import form_fields, parse


def post_form(html, action):
    for form in parse(html).find_all("form", action=action):
        if form.attrs.get("method") == "post":
            return form
    raise AssertionError(f"no POST form for {action}")


def text_of(html):
    return " ".join(parse(html).find("main").text.split())


TYPED = {"make": "Peugeot", "model": "308", "model_version": "1.2 PureTech Allure", "vin": "vf3 lb hnzh ks000123", "plate": "2-xyz-789",
         "first_registration": "2020-04-15", "odometer_km": "64.500", "fuel": "petrol", "colour": "Grijs",
         "condition_notes": "Goede staat", "damage": "Steenslag voorruit", "repair_cost": "350", "outstanding_finance": "",
         "estimated_value": "15.500", "offered_price": "14.250,50"}


def record(session, lead, **changes):
    """Opens the lead, follows its Overname button, fills the form; returns (answer, form fields sent)."""
    page = session.get(f"/leads/{lead}").text
    button = next(a for a in parse(page).find_all("a") if a.attrs.get("href") == f"/leads/{lead}/tradeins/new")
    form = post_form(session.get(button.attrs["href"]).text, f"/leads/{lead}/tradeins")
    typed = dict(TYPED, **changes)
    fields = [(k, v) for k, v in form_fields(form) if k not in typed] + list(typed.items())
    return session.post(f"/leads/{lead}/tradeins", data=fields, allow_redirects=False), fields


def own_lead(session):
    return int(re.search(r'href="/leads/(\d+)"', session.get("/leads?status=in-progress").text).group(1))


def test_record_then_a_manager_approves_and_a_refusal_shows_its_reason(signed_in):
    sofie = signed_in("sofie")  # salesperson, Gent
    lead = own_lead(sofie)
    before = int(re.search(r"<strong>(\d+)</strong> Overnames", sofie.get(f"/leads/{lead}").text).group(1))

    # A wrong amount first: back with the error beside the field and the input kept.
    r, _ = record(sofie, lead, offered_price="veertien")
    assert r.status_code == 422
    again = post_form(r.text, f"/leads/{lead}/tradeins")
    assert again.find("input", name="offered_price").attrs["value"] == "veertien"
    assert again.find("input", name="plate").attrs["value"] == "2-xyz-789"
    assert parse(r.text).find("p", id="e-offered_price") is not None

    r, _ = record(sofie, lead)
    assert r.status_code == 303, r.text[:500]
    approved_id = int(re.match(r"/tradeins/(\d+)\?done=created", r.headers["Location"]).group(1))
    page = text_of(sofie.get(f"/tradeins/{approved_id}").text)
    assert "VF3LBHNZHKS000123" in page and "2-XYZ-789" in page and "€ 14.250,50" in page and "64.500 km" in page and "15/04/2020" in page
    assert "Voorgesteld" in page
    assert f'action="/tradeins/{approved_id}/decision"' not in sofie.get(f"/tradeins/{approved_id}").text
    r, _ = record(sofie, lead, offered_price="18.000")
    refused_id = int(re.match(r"/tradeins/(\d+)", r.headers["Location"]).group(1))
    lead_page = sofie.get(f"/leads/{lead}").text
    assert f"<strong>{before + 2}</strong> Overnames" in lead_page

    # The branch's manager approves one and refuses the other with a reason.
    pieter = signed_in("pieter")
    decision = post_form(pieter.get(f"/tradeins/{approved_id}").text, f"/tradeins/{approved_id}/decision")
    r = pieter.post(f"/tradeins/{approved_id}/decision", data=form_fields(decision) + [("decision", "approve")], allow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    decision = post_form(pieter.get(f"/tradeins/{refused_id}").text, f"/tradeins/{refused_id}/decision")
    no_reason = pieter.post(f"/tradeins/{refused_id}/decision", data=form_fields(decision) + [("decision", "refuse")], allow_redirects=False)
    assert no_reason.status_code == 422 and parse(no_reason.text).find("p", id="e-reason") is not None
    fields = [(k, v) for k, v in form_fields(decision) if k != "reason"] + [("reason", "Boven de marktwaarde"), ("decision", "refuse")]
    assert pieter.post(f"/tradeins/{refused_id}/decision", data=fields, allow_redirects=False).status_code == 303

    # The salesperson sees who decided and why, and the timeline links to both.
    approved = text_of(sofie.get(f"/tradeins/{approved_id}").text)
    assert "Goedgekeurd door Pieter Van Damme" in approved
    refused = text_of(sofie.get(f"/tradeins/{refused_id}").text)
    assert "Geweigerd door Pieter Van Damme" in refused and "Boven de marktwaarde" in refused
    details = sofie.get(f"/leads/{lead}").text
    assert details.count(f'href="/tradeins/{refused_id}"') >= 2 and details.count(f'href="/tradeins/{approved_id}"') >= 2

    # A salesperson cannot decide.
    token = post_form(details, f"/leads/{lead}/comments").find("input", name="_csrf").attrs["value"]
    assert sofie.post(f"/tradeins/{refused_id}/decision", data={"_csrf": token, "version": "1", "decision": "approve"},
                      allow_redirects=False).status_code == 403


def test_another_branchs_trade_in_is_not_found(signed_in):
    nathalie = signed_in("nathalie")  # Brussel, Namur, Liège
    lead = own_lead(nathalie)
    r, _ = record(nathalie, lead)
    assert r.status_code == 303, r.text[:300]
    tradein = int(re.match(r"/tradeins/(\d+)", r.headers["Location"]).group(1))
    pieter = signed_in("pieter")  # Gent, Antwerpen
    assert pieter.get(f"/tradeins/{tradein}").status_code == 404
    assert pieter.get(f"/tradeins/{tradein}/edit").status_code == 404
    token = post_form(pieter.get("/vehicles/new").text, "/vehicles/new").find("input", name="_csrf").attrs["value"]
    assert pieter.post(f"/tradeins/{tradein}/decision", data={"_csrf": token, "version": "1", "decision": "approve"},
                       allow_redirects=False).status_code == 404
    assert nathalie.get(f"/tradeins/{tradein}").status_code == 200
