"""The verdict model: party evidence, second parties, the gates no weight can pass, and the
pack's [model] table."""

from pathlib import Path

import pytest

import termsense
from termsense.config import Settings
from termsense.context import ATTACHED, Scores
from termsense.document import Source
from termsense.engine import packs_for
from termsense.errors import PackError
from termsense.findings import Evidence
from termsense.logistic import FEATURES
from termsense.packs import builtin_path, load_pack
from termsense.parties import MAIN, segments
from termsense.pipeline import examine

ANY = Settings(min_confidence=0.0)


def _features(text: str) -> list[tuple[str, str, dict[str, float]]]:
    pack = packs_for(Settings())[0]
    seen = examine(pack, Source.from_text(text))
    return [(j.occurrence.text, j.party, f) for j, f in zip(seen.judged, seen.features, strict=True)]


def test_every_feature_has_a_fitted_weight() -> None:
    pack = packs_for(Settings())[0]
    assert set(pack.model.weights) == set(FEATURES)


def test_a_party_named_once_each_way_pools_the_evidence_of_both_mentions() -> None:
    [(_, _, customer), (_, _, client)] = _features(
        "The solicitor reviews the customer file.\n\nEach client receives a summary.\n"
    )
    assert customer["party_share"] == client["party_share"] == 0.5
    assert client["party_domain_against"] > 0  # the solicitor, seen from the other mention
    assert client["near_domain_against"] == 0


def test_a_page_with_code_and_programs_reads_into_the_words_a_software_class_sets_aside() -> None:
    """One sense per page: "client" beside code and beside a client read as a program leans to
    a program; "customer", which no software class sets aside, does not."""
    text = (
        "Call `createCart()` from the storefront. The HTTP client retries the request.\n\n"
        "The client opens the cart page, and the customer pays at checkout.\n"
    )
    by_word = {word: f for word, _, f in _features(text)}
    assert by_word["client"]["code_document"] > 0 and by_word["client"]["technical_uses"] > 0
    assert by_word["customer"]["code_document"] == 0 and by_word["customer"]["technical_uses"] == 0
    assert _features(text.replace("`", "").replace("HTTP client", "courier"))[0][2]["code_document"] == 0


@pytest.mark.parametrize("break_", ["\n", "\n\n"])
def test_uses_beside_a_program_s_words_are_a_party_of_their_own(break_: str) -> None:
    """Uses of "client" with a server in their clause, which nothing set aside, do not outvote a
    "customer" in an analogy, nor it them: the page may speak of a program, not of one party."""
    text = (
        "With a streaming upload, the client writes many chunks to the server over one stream. Once the "
        "client has written the last chunk, the server answers with one reply." + break_ +
        "Picture it as a customer feeding coins into a counting machine.\n"
    )
    shares = {word: f["party_share"] for word, _, f in _features(text)}
    assert shares == {"client": 0.0, "customer": 0.0}
    assert termsense.lint_text(text, config=ANY) == []


def test_customers_of_our_clients_are_set_aside_as_their_own_party() -> None:
    """The customers of the house's clients have their setting from the clients' trade, which
    the agency's words around them do not name: never a finding."""
    text = "Our agency runs campaigns for clients. We grow the customers of our clients every month.\n"
    _, usages = termsense.survey_text(text)
    assert [(u.matched, u.sense) for u in usages] == [("clients", "party"), ("customers", "second-party"), ("clients", "fixed")]


@pytest.mark.parametrize("text", [
    "As a marketing consultancy, we help our clients reach more customers through email.\n",
    "Our consultants help each client understand what their customers want.\n",
])
def test_the_house_s_trade_says_nothing_of_its_clients_customers(text: str) -> None:
    assert termsense.lint_text(text, config=ANY) == []


def test_the_customers_of_a_business_named_by_its_trade_are_judged_by_its_trade() -> None:
    parties = {word: party for word, party, _ in _features(
        "Dealerships lend a car to their clients while the old one is in the garage.\n"
    )}
    assert parties == {"clients": "second"}


@pytest.mark.parametrize("text", [
    "Learn the client's business first: who buys from it, and how its customers pay at the till.\n",
    "Our studio helps each client win and keep their customers with loyalty cards and coupons.\n",
])
def test_the_people_of_a_business_the_other_term_names_are_a_second_party(text: str) -> None:
    """Its customers are a second party; the client, whose customers they are, is the house's word."""
    _, usages = termsense.survey_text(text)
    assert [(u.term, u.sense) for u in usages] == [("client", "fixed"), ("customer", "second-party")]


def test_a_party_named_as_an_organisation_is_set_aside() -> None:
    text = "When a merchant client asks for a loyalty program, we build the checkout and the cart rules.\n"
    _, usages = termsense.survey_text(text)
    assert [(u.matched, u.sense) for u in usages] == [("client", "fixed")]
    assert termsense.lint_text(text.replace("merchant client", "client"), config=ANY) != []


def test_know_your_customer_is_a_fixed_phrase() -> None:
    _, usages = termsense.survey_text("Our advisers run Know Your Customer checks for every client.\n")
    assert [(u.matched, u.sense) for u in usages] == [("Customer", "fixed"), ("client", "party")]


def test_a_tie_with_no_evidence_is_never_a_finding() -> None:
    assert termsense.lint_text("Our clients love the new app. Customers say the same.", config=ANY) == []


def test_an_article_about_the_words_needs_a_domain_cue_in_the_clause() -> None:
    text = "What is the difference between a customer and a client?\n\nClients buy advice. Customers buy goods.\n"
    assert termsense.lint_text(text, config=ANY) == []


def test_second_party_mentions_show_in_the_survey() -> None:
    _, usages = termsense.survey_text("Our clients' customers shop online. Our clients get a monthly report.\n")
    assert [(u.matched, u.sense) for u in usages] == [
        ("clients'", "fixed"), ("customers", "second-party"), ("clients", "party"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Our agency runs campaigns for shops. The client's customers buy shoes online and pay at checkout.\n",
        "We run the online shop and its checkout for clients and their customers, who buy shoes with a card.\n",
        "The customers of our clients buy shoes online, pay at checkout and get a receipt by email.\n",
        "The agency designs loyalty schemes for coffee chains. Every client wants their customers to come back "
        "for a latte each morning.\n",
        "Our accountants look after two hundred restaurants, and we show each client which dishes their "
        "customers order most.\n",
    ],
)
def test_the_party_whose_customers_they_are_is_not_read_by_their_trade(text: str) -> None:
    """The words around "the client's customers" describe the customers' buying: the client
    is the agency's party, named by the house's word, never changed to "customer"."""
    assert termsense.lint_text(text, config=ANY) == []


@pytest.mark.parametrize(
    "text",
    [
        "Our clients are merchants of every size. When a customer pays at checkout, the merchant's account is "
        "credited and the client receives the funds the next working day.\n",
        "For one client, a bakery chain, we rebuilt the shop. A customer now reorders at checkout in two taps, "
        "and the client renewed the retainer.\n",
        "The client runs forty supermarkets. A customer can now order online and collect in store, "
        "and the client extended the retainer.\n",
        "A coffee chain asked us to rebuild its loyalty app. A customer now collects a stamp with every drink. "
        "We ran workshops with the client's baristas and shipped the app in three months.\n",
        "For a fashion retailer we audited twelve stores and trained staff to greet every customer. "
        "Our client's sales per square foot rose 9%.\n",
        "We cut the checkout to two taps and every customer now pays by phone. "
        "The client saw mobile orders double within a quarter.\n",
        "We build online shops for furniture makers: a customer finds the sofa, pays at checkout and "
        "tracks the delivery, and every client store we launch loads in under a second.\n",
        "Our agency runs paid social for restaurant groups, and we report how many customers each client "
        "gains from a campaign.\n",
        "Bloom Bakery, a client of the agency since 2019, asked us to rebuild its online shop so a customer "
        "can order cakes for collection.\n",
        "For Harbour Coffee, one of our clients, we built a loyalty app: a customer collects a stamp with "
        "every latte.\n",
        "Our clients are independent pharmacies, and we help them serve a customer faster at the counter.\n",
    ],
)
def test_a_party_said_to_be_businesses_makes_the_other_word_their_own_party(text: str) -> None:
    findings, usages = termsense.survey_text(text)
    assert [u.sense for u in usages if u.term == "customer"] == ["second-party"]
    assert {u.sense for u in usages if u.term == "client"} == {"fixed"}
    assert findings == []


SEGMENTS = (
    "Our retail customers open current accounts in any branch and pay no monthly fee. Our private banking "
    "clients have a relationship manager who builds a long-term plan with them.\n\n"
    "Customers can withdraw cash at any of our machines. Clients of the wealth team meet their adviser every quarter.\n"
)


def test_two_words_each_with_a_setting_of_its_own_name_two_segments() -> None:
    assert termsense.lint_text(SEGMENTS, config=ANY) == []


def _attached(*cues: tuple[str, str]) -> Scores:
    return Scores({}, tuple(Evidence(cue, supports, "", ATTACHED, 2.0, 2.0) for cue, supports in cues))


@pytest.mark.parametrize(
    ("client_cue", "customer_cue", "split"),
    [
        ("client", "customer", True),  # each word beside its own setting: "private clients", "retail customers"
        ("customer", "client", True),  # each beside the other's: two parties, each misnamed
        ("client", "client", False),  # one setting for both: one party, one word a slip
    ],
)
def test_two_segments_are_two_settings_attached_to_the_two_words(client_cue: str, customer_cue: str, split: bool) -> None:
    """Each word's attached domain cues name one setting and the two differ: two segments,
    each judged on its own, not one party whose evidence cancels out."""
    scores = [_attached(("cue-a", client_cue)), _attached(("cue-b", customer_cue))]
    names = segments([MAIN, MAIN], ["client", "customer"], scores, domain_weight=1.5)
    assert (names[0] != names[1]) == split


def test_a_slip_beside_a_cue_for_itself_is_still_one_party() -> None:
    """Only a cue attached to each word makes two segments: a refund a few words on does not."""
    text = (
        "The client agrees to attend the coaching sessions they book, and clients may reschedule twice.\n\n"
        "All fees are payable in advance. A customer who ends the programme early is refunded for unused sessions.\n"
    )
    assert [(f.rule, f.matched) for f in termsense.lint_text(text, config=ANY)] == [("CC001", "customer")]


def test_after_the_clients_business_the_other_word_names_its_own_customers() -> None:
    """A second party answers to its own blocks: the retainer on the page is the first party's."""
    text = (
        "Understand the client's business first. Who are their rivals, and how do they win customers? "
        "What do those customers value most?\n\nEvery client signs a retainer before the kickoff.\n"
    )
    findings, usages = termsense.survey_text(text)
    assert [(u.matched, u.sense) for u in usages] == [
        ("client's", "party"), ("customers", "second-party"), ("customers", "second-party"), ("client", "party"),
    ]
    assert findings == []


OWN_PARTIES = (
    # the reader is the house's customer, a firm whose own clients the accounting words describe
    ("As a Ledgerly customer, you can invite each of your clients to upload bank statements before their tax "
     "return is due.\n", [("customer", "fixed"), ("client", "second-party")]),
    # businesses, then "their" clients
    ("Day passes are sold at the front desk; customers who buy ten passes get the eleventh free.\n\n"
     "Firms that rent a private office can bring their clients to the meeting rooms.\n",
     [("customer", "party"), ("client", "second-party")]),
    ("Day passes are sold at the front desk; customers who buy ten passes get the eleventh free.\n\n"
     "Platform providers support their clients from the first day.\n", [("customer", "party"), ("client", "second-party")]),
    # a business named by what it is, then its own customers
    ("Merchants receive payouts every two days. A merchant's customers pay by card at checkout, and refunds come "
     "out of the next payout. Our account team supports each client through onboarding.\n",
     [("customer", "second-party"), ("client", "party")]),
    # a business named as the party, then a trade's own customers
    ("We design shop fronts. The bakery owner is our client; the bakery's customers buy bread at the counter.\n",
     [("client", "fixed"), ("customer", "second-party")]),
    # no business here: a shop's own customer
    ("As a customer, you can return any item with its receipt at the till.\n", [("customer", "party")]),
)


@pytest.mark.parametrize(("text", "senses"), OWN_PARTIES)
def test_a_business_s_own_clients_or_customers_are_a_party_of_their_own(text: str, senses: list[tuple[str, str]]) -> None:
    findings, usages = termsense.survey_text(text)
    assert [(u.term, u.sense) for u in usages] == senses
    assert findings == []


def test_a_word_said_to_be_businesses_with_no_other_party_is_judged_as_any_other() -> None:
    text = "Both customers own a business, and our accountants prepare their tax returns and annual accounts.\n"
    findings = termsense.lint_text(text, config=ANY)
    assert [(f.rule, f.matched) for f in findings] == [("CC001", "customers")]


def test_people_who_buy_are_not_businesses() -> None:
    _, usages = termsense.survey_text("Our clients are the buyers who hire us. A customer pays a fee at checkout.\n")
    assert [u.sense for u in usages] == ["party", "party"]


def test_a_pack_model_with_an_unknown_feature_names_file_and_line(tmp_path: Path) -> None:
    text = builtin_path().read_text(encoding="utf-8").replace("weights = { ", "weights = { shoe_size = 1.0, ", 1)
    pack = tmp_path / "pack.toml"
    pack.write_text(text, encoding="utf-8")
    with pytest.raises(PackError, match=r"pack\.toml:\d+: unknown feature 'shoe_size' in 'model.weights'"):
        load_pack(str(pack))


def test_a_bold_title_case_label_is_a_name_not_a_party() -> None:
    text = "Open **Client Settings** to change the checkout page, the cart and the order emails.\n"
    _, usages = termsense.survey_text(text)
    assert [(u.matched, u.sense) for u in usages] == [("Client", "name")]


def test_a_short_table_cell_is_a_value_not_a_party() -> None:
    text = "| span | kind |\n|---|---|\n| cart checkout payment | internal / client |\n"
    _, usages = termsense.survey_text(text)
    assert [(u.line, u.column, u.sense) for u in usages] == [(3, 38, "name")]


def test_a_term_in_a_long_table_cell_is_still_judged() -> None:
    text = "| step | note |\n|---|---|\n| 1 | the attorney sends each customer the retainer letter |\n"
    findings, usages = termsense.survey_text(text, config=ANY)
    assert [u.sense for u in usages] == ["party"]
    assert [f.rule for f in findings] == ["CC001"]


def test_a_list_naming_both_words_names_two_parties() -> None:
    text = "Our solicitors tell customers, clients, or vendors about the new office.\n"
    assert termsense.lint_text(text, config=ANY) == []


def test_evidence_from_another_mention_of_the_party_says_so() -> None:
    text = (
        "# Wills\n\nOur solicitor drafts each client's will and holds the retainer.\n\n"
        "# Opening hours\n\nEvery client can call us on weekdays. A customer can also visit.\n"
    )
    [finding] = termsense.lint_text(text, config=ANY)
    assert finding.matched == "customer"
    assert {(e.cue, e.where) for e in finding.evidence} >= {("solicitor", "same party"), ("retainer", "same party")}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The architect meets every customer on site to agree the brief.\n", True),
        ("Our solutions architects meet every customer each quarter to plan the upgrade.\n", False),
        ("A resident architect joins each customer for the first month of the rollout.\n", False),
        ("The kitchen stays open until ten, and every client can order from the late menu.\n", True),
        ("The builder gave the client a fixed quote for the kitchen extension, paid in three stages.\n", False),
        ("Our travel agency plans honeymoons. Every customer gets a personal itinerary.\n", True),
        ("At the garage, the mechanic shows each client the worn brake pads before replacing them.\n", True),
        ("Our lawyers explain the mechanics of the settlement to each client.\n", False),
    ],
)
def test_a_cue_word_speaks_only_in_its_own_sense(text: str, flagged: bool) -> None:
    """An architect, a kitchen, a travel agency, a mechanic name a setting; a software architect,
    a kitchen being built and the mechanics of a deal do not."""
    assert bool(termsense.lint_text(text)) is flagged


@pytest.mark.parametrize("text", [
    "Our payments platform serves salons. Each salon's clients pay by card, and the salon is our customer.\n",
    "Our CRM helps law firms keep track of clients. Each firm is a customer on a yearly licence.\n",
])
def test_a_business_named_as_the_house_s_customer_keeps_its_own_clients(text: str) -> None:
    """A software firm's customers are salons and law firms; their clients are theirs."""
    assert termsense.lint_text(text, config=ANY) == []


def test_the_customers_a_house_s_clients_own_are_set_aside_though_a_trade_is_named_between() -> None:
    """"their customers" are both the shops' and the clients': the other party's own, never
    read by the bookkeeping words around them (the house's)."""
    text = "We are a bookkeeping firm. Our clients are cafés and shops, and we never contact their customers.\n"
    assert termsense.lint_text(text, config=ANY) == []


def test_the_word_of_a_fixed_phrase_names_no_party_whose_own_people_follow() -> None:
    """"a customer service perk ... their clients": the dealerships' clients, judged by the trade."""
    text = "Dealerships offer loaner cars as a customer service perk, to spare their clients a wait during repairs.\n"
    [finding] = termsense.lint_text(text, config=ANY)
    assert finding.matched == "clients"


@pytest.mark.parametrize(
    "text",
    [
        "We help independent retailers grow online. Every client gets a dedicated strategist.\n",
        "We advise supermarkets on supply-chain risk. Our clients call us when a supplier fails.\n",
        "We design packaging for grocery brands. When a client approves the artwork, we send it to the printer.\n",
        "Our clients range from corner shops to national supermarket chains.\n",
        "Our agency's clients include three of the top five supermarkets.\n",
        "We audit the accounts of retail chains. Each client receives a management letter after the audit.\n",
        "Most of our clients run online stores, so we plan each campaign around their busiest season.\n",
        "Our studio has designed shopfronts for bakeries, florists and bookshops; every client approves a model first.\n",
    ],
)
def test_shop_words_that_say_who_the_clients_are_are_no_cues(text: str) -> None:
    """The businesses a firm serves are named by their trade: that says who its clients are,
    not that they buy in a shop."""
    assert termsense.lint_text(text, config=ANY) == []


def test_shop_words_where_the_party_buys_still_count() -> None:
    assert termsense.lint_text("We serve coffee in our cafés, and every client pays at the till.\n", config=ANY)
    assert termsense.lint_text("We supply coffee beans to cafés. Each client orders online and pays at checkout.\n", config=ANY)


def test_the_marketplace_as_the_market_is_no_online_shop() -> None:
    text = "Our PR team knows how hard it is for each client to make a splash in the marketplace.\n"
    assert termsense.lint_text(text, config=ANY) == []
    assert termsense.lint_text("Every client lists their handmade mugs on the marketplace and pays a fee per sale.\n", config=ANY)
