"""What the loaded store says: the documents' key facts are all there, with the right values."""

from model import queries

TABLE_1 = {
    # name: (start year or None, organiser, financier) as in Table 1 of report 2019:3 (§ 8.1)
    "BeBo": (1989, "Byggherrarna/WSP", "Energimyndigheten"),
    "Belok": (2001, "Byggherrarna/CIT", "Energimyndigheten"),
    "4S Ledningsnät": (2012, "Stockholm Vatten", "Medlemsavgifter"),
    "Välfärdsteknik": (2016, "SKL", "Vinnova"),
    "Konstgräs": (2017, "Sveriges kultur- och fritidschefsförening", "Naturvårdsverket"),
    "A Challenge from Sweden": (2018, "Energimyndigheten", "Energimyndigheten"),
    "Renare mark och vatten": (2018, "SGU", "SGU/Naturvårdsverket"),
    "Digitala tjänster inom socialtjänsten": (2018, "SKL", "Vinnova"),
    "Avancerad rening av avloppsvatten": (2018, "Svenskt vatten", "Naturvårdsverket"),
    "Räddningstjänst": (None, "WinGuard", "MSB"),
}

HUBS = {
    "ostlandet": {"NO-03", "NO-02", "NO-01", "NO-04", "NO-05", "NO-08", "NO-07", "NO-06"},
    "midt-nord": {"NO-20", "NO-19", "NO-18", "NO-17", "NO-16", "NO-15"},
    "sor-vest": {"NO-14", "NO-12", "NO-11", "NO-10", "NO-09"},
}


def test_all_ten_swedish_networks_have_the_reports_year_organiser_and_financier(engine):
    networks = queries.buyer_networks(engine)
    assert len(networks) == 10
    for row in networks.to_dict("records"):
        year, organiser, financier = TABLE_1[row["name"]]
        assert (row["start_year"] if row["start_year"] == row["start_year"] else None) == year, row["name"]
        assert row["organiser"] == organiser
        assert row["financier"] == financier
    assert networks.set_index("name").loc["Räddningstjänst", "start_status"] == "Under uppstart"


def test_the_three_lup_hubs_cover_the_2015_2019_counties(engine):
    counties = queries.hub_counties(engine)
    for hub, codes in HUBS.items():
        assert set(counties.loc[counties["hub_id"] == hub, "county_code"]) == codes
    hubs = queries.lup_hubs(engine).set_index("hub_id")
    assert hubs.loc["sor-vest", "start_year"] == 2017


def test_every_numbered_result_target_is_there_with_its_number(engine):
    targets = queries.result_targets(engine)
    numbers = targets["target_id"].str.removesuffix("a").str.removesuffix("b")  # 3.5's two numbers are two rows, 3.5a and 3.5b
    per_goal = numbers.groupby(targets["goal_id"]).nunique().to_dict()
    assert per_goal == {"sub1": 7, "sub2": 3, "sub3": 7}
    assert targets["target_id"].is_unique
    numbered = targets.dropna(subset=["target_value"])
    assert {60.0, 10.0, 3.0} <= set(numbered["target_value"])


def test_the_summit_participants_are_listed_by_country(engine):
    participants = queries.organisations_with_role("summit_participant", engine=engine)
    names = set(participants["name"])
    for expected in ["NHO", "KS", "KL", "Danske Regioner", "SKI", "Gate 21", "Dansk Industri", "Innovationsfonden"]:
        assert any(expected in n for n in names), expected
    assert set(participants["country"]) == {"NO", "DK"}


def test_headline_figures_keep_their_units_and_are_never_targets(engine):
    facts = queries.facts(engine=engine).set_index("fact_id")
    values = set(zip(facts["value"], facts["unit"], strict=True))
    assert (234.0, "count") in values
    assert (334_000_000.0, "NOK") in values
    assert (683_000_000_000.0, "SEK") in values


def test_every_cited_row_has_a_citation(engine):
    for frame in [
        queries.facts(engine=engine),
        queries.buyer_networks(engine),
        queries.result_targets(engine),
        queries.statements(engine=engine),
    ]:
        assert frame["quote"].notna().all()
        assert frame["source"].notna().all()


def test_every_summit_participants_quote_says_it_takes_part(engine):
    """A participant's quote names it and says it takes part ('deltager i mødet', 'deltagerne i topmødet'), not only lists it."""
    participants = queries.organisations_with_role("summit_participant", engine=engine)
    silent = [r["org_id"] for r in participants.to_dict("records") if "deltager" not in r["quote"]]
    assert silent == []


def test_4s_funding_by_membership_fees_is_quoted_from_its_own_row_of_table_1(engine):
    facts = queries.network_facts(engine=engine)
    funding = facts[(facts["network_id"] == "4s-ledningsnat") & (facts["attribute"] == "funding")].iloc[0]
    assert "4S Ledningsnät" in funding["quote"] and "Medlemsavgifter" in funding["quote"]
