"""Senses that are never flagged, even in a context that would otherwise flag the word."""

from __future__ import annotations

import pytest

import termsense
from conftest import lint

RETAIL = "Shoppers pay at the checkout, the cashier prints a receipt, and refunds need the receipt. "
LEGAL = "Our attorneys hold a retainer for every matter before the court hearing. "


@pytest.mark.parametrize(
    "sentence",
    [
        "The HTTP client retries the request at the checkout service.",
        "Install the API client before the store opens.",
        "Open the email client to read the receipt.",
        "Use an SSH client to reach the till server.",
        "The client library caches product prices.",
        "Validation runs client-side before the payment form is sent.",
        "Each store has a client certificate for the payment terminal.",
        "Copy the client ID into the shop settings.",
        "The client sends a request for the basket contents.",
        "When the server fails, the client retries the request.",
    ],
)
def test_technical_client_is_never_flagged(sentence: str) -> None:
    assert lint(RETAIL + sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        'Avoid the word "customer" in engagement letters.',
        "Never write 'customer' for the people we represent.",
        "Our style guide bans “customer” in briefs.",
        "The word customer suggests a shop.",
        "The term customer is not used in court papers.",
        "This page explains client vs. customer for our paralegals.",
        "Customers and clients are different people to a lawyer.",
        "**Customer**: a person who buys goods; not what we call the people we represent.",
        "A customer is someone who buys goods, unlike the people our attorneys represent.",
    ],
)
def test_mentions_of_the_word_are_never_flagged(sentence: str) -> None:
    assert lint(LEGAL + sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Questions about parking go to customer service.",
        "Our customer support desk answers billing questions.",
        "The customer success team sends a survey after each hearing.",
        "We track customer experience scores monthly.",
        "The firm takes a customer-centric approach to billing.",
        "The records move into Customer 360 next year.",
        "Newsletters are sent with Customer.io.",
        "Our senior partner still believes the customer is always right.",
        "In this firm the customer is king, says the managing partner.",
        "Read our customer stories: three firms on how they cut billing time.",
        "The customer case studies page lists every firm that runs our practice software.",
        "Partners change billing rates under Customer Settings.",
    ],
)
def test_fixed_phrases_and_names_are_never_flagged(sentence: str) -> None:
    assert lint(LEGAL + sentence) == []


def test_attorney_client_privilege_is_never_flagged_in_a_shop() -> None:
    assert lint(RETAIL + "Advice from your lawyer is covered by attorney-client privilege.") == []


A_PROGRAM = (
    "Create a storefront client with your publishable key, then add items to the cart.",
    "Stub the carrier client in tests so checkout never calls the real shipping API.",
    "First-party clients keep the cart and the last order in a cookie between page loads.",
    "The client renders the checkout page from the cart total.",
    "Order data passed to the client is cached for a minute.",
    "The storefront sends the cart token to the client after each order.",
    "The JSON response is returned to the client with the order lines.",
    "Basket totals are computed on the client, before checkout.",
    "At checkout the browser is the client and the shop is the server.",
    "Each storefront keeps its own client, cart cookies and cache keys.",
    "The client must send the cart token in the header before checkout.",
    "If the order request times out, the client should retry with the same key.",
    "At checkout the client opens a websocket to the order service.",
    "The client sends the cart code on every request to the store API.",
    "Client requests to the cart API are throttled.",
    "The client stores the cart ID in a cookie between page loads.",
    "Prices shown by the client are never trusted at checkout.",
    "Clients may request up to 100 products per call to the store.",
    "When a shopper opens the link, the client loads the cart and applies the discount.",
    "If the order fails at checkout, the client shows an error and keeps the basket.",
    "For each paid order we post, your client should respond with a 200 within five seconds.",
    "The client passes the cart token in a header on every request to the store.",
    "Until it reloads, the client may show an old price for the order.",
    "After checkout the client then redirects the shopper to the payment page.",
    "The client receives a `checkout.completed` webhook when the order is paid.",
    "The client submits the cart to `/api/checkout` before payment.",
    "The client validates the coupon code before the order is placed.",
    "The client requests a new cart for every shop visit.",
    "When the client loses its connection, the basket stays on the shop's server.",
    "The client computes the basket total before the order is sent.",
    "The client throws an error if the cart is empty at checkout.",
    "Upgrade the storefront client to v3 before the sale starts.",
    "When an item is added, the storefront updates the cart and returns the new totals to the client.",
    "The checkout API sends the order number back to the client once the payment clears.",
)
A_PERSON = (
    "Savings on the order are passed on to the client at checkout.",
    "The invoice for the order is sent to the client by post.",
    "The fitting ran on the client's premises after the order was paid.",
    "Checkout runs on the client project's own shop servers.",
    "The client renovates the shop before the order arrives.",
    "The client must send the signed order form before we ship.",
    "The client makes a reservation for twelve at the restaurant.",
    "The client calls the shop every Monday about the order.",
    "The client opens an account at the store.",
    "Clients upload their receipts to the shop's portal.",
    "I saw clients request refunds at the checkout.",
    "Client sessions are paid for at the till after each visit.",
    "Print the client address on every parcel before it ships.",
    "Local clients collect their orders at the shop counter.",
    "Trusted clients may pay for their order at the till next week.",
    "The client keeps the receipt for every order.",
    "The client shows the cashier a receipt for the refund.",
    "The client should respond within a week to the order we sent.",
    "The client passes the signed order form to the shop manager.",
    "The client may show the cashier a receipt for the refund.",
    "The client validates our shop plan with her board before the order.",
    "The client requests a refund for the order at the till.",
    "The client lost the receipt for the order.",
    "The client throws a launch party at the shop after the order arrives.",
    "Our service sends the signed order back to the client at the shop.",
    "The shop returns the faulty order to the client with a refund.",
)


@pytest.mark.parametrize(
    ("sentence", "sense"), [*((s, "technical") for s in A_PROGRAM), *((s, "party") for s in A_PERSON)]
)
def test_a_client_next_to_shop_words_is_read_by_what_it_does(sentence: str, sense: str) -> None:
    """A program next to cart and checkout words is technical; a person near program words is not."""
    _, usages = termsense.survey_text(sentence)
    assert [u.sense for u in usages] == [sense]


NAMED = (
    "Here the people we represent are called clients.",
    "In retail they are known as customers.",
    "We say client, never patron.",
)
NOT_NAMED = (
    "Let's say a client pays the retainer late.",  # a supposition, not a name
    "This morning I called a customer about her refund.",  # a phone call
    "- Reference client development",  # a client who vouches for us, not a reference implementation
)


@pytest.mark.parametrize(
    ("sentence", "sense"), [*((s, "mention") for s in NAMED), *((s, "party") for s in NOT_NAMED)]
)
def test_naming_a_party_is_a_mention_and_supposing_or_phoning_one_is_not(sentence: str, sense: str) -> None:
    _, usages = termsense.survey_text(sentence)
    assert [u.sense for u in usages] == [sense]


def test_a_long_document_reads_every_sense_as_a_short_one_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """From GUARDED_FROM occurrences on, the patterns' guards turn occurrences away before the
    patterns run: every use is read the same with them and without them."""
    from termsense import senses

    threshold = senses.GUARDED_FROM
    sentences = [
        "The HTTP client retries the request.", 'Avoid the word "customer" in letters.', "Our client\u2019s file is ready.",
        "Create a storefront client with your key.", "Questions go to customer service.", "Customers and clients differ.",
        "Any employee, contractor, vendor, customer, or visitor signs in.", "Our clients' customers pay at the till.",
        "The records move into Customer 360.", "Each client gets a retainer letter.", "A customer is someone who buys goods.",
        "The customer is always right, they say.", "Stub the carrier client in tests.", "**Client**: the party we act for.",
    ]
    text = "\n\n".join(" ".join(sentences[(i + k) % len(sentences)] for k in range(3)) for i in range(60))

    def senses_read(guarded_from: int) -> list[tuple[int, int, str]]:
        monkeypatch.setattr(senses, "GUARDED_FROM", guarded_from)
        return [(u.line, u.column, u.sense) for u in termsense.survey_text(text)[1]]

    guarded, plain = senses_read(0), senses_read(10**9)
    assert guarded == plain
    assert len(guarded) > threshold and len({sense for _, _, sense in guarded}) >= 4
