from __future__ import annotations

import pytest

from proxy.detection.recognizers.payment_handle import PaymentHandleRecognizer
from tests.recognizer_spans import assert_finds

HANDLES = PaymentHandleRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("pay me at paypal.me/jakemorrison", [("PAYMENT_HANDLE", "paypal.me/jakemorrison")]),
        ("https://www.paypal.me/JakeM22/25 thx", [("PAYMENT_HANDLE", "https://www.paypal.me/JakeM22")]),
        ("venmo me @jake-morrison-4 for the tickets", [("PAYMENT_HANDLE", "@jake-morrison-4")]),
        ("send it to @Priya_S on venmo", [("PAYMENT_HANDLE", "@Priya_S")]),
        ("venmo.com/u/priya-shah-7", [("PAYMENT_HANDLE", "venmo.com/u/priya-shah-7")]),
        ("my venmo is jakem22", [("PAYMENT_HANDLE", "jakem22")]),
        ("cash app $JakeM22 please, it's $20", [("PAYMENT_HANDLE", "$JakeM22")]),
        ("my cashtag is $priya4u", [("PAYMENT_HANDLE", "$priya4u")]),
        ("cash.app/$JakeM22", [("PAYMENT_HANDLE", "cash.app/$JakeM22")]),
        ("revolut.me/jakem", [("PAYMENT_HANDLE", "revolut.me/jakem")]),
        ("my revolut is @annakowal send it there", [("PAYMENT_HANDLE", "@annakowal")]),
        ("just venmo me jakem22 tonight", [("PAYMENT_HANDLE", "jakem22")]),
        ("upi id rohit.sharma@okaxis pe bhej de", [("PAYMENT_HANDLE", "rohit.sharma@okaxis")]),
        ("gpay karo: priya99@ybl", [("PAYMENT_HANDLE", "priya99@ybl")]),
        ("lmao pay up $bigdawg_jr u owe me 20", [("PAYMENT_HANDLE", "$bigdawg_jr")]),
        ("Venmo @PTA-Lincoln-Elem? No wait, that's the school's. Mine is @jen-walsh-14.", [("PAYMENT_HANDLE", "@PTA-Lincoln-Elem"), ("PAYMENT_HANDLE", "@jen-walsh-14")]),
    ],
)
def test_payment_handles_are_found(text, expected):
    assert_finds(HANDLES, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "it costs $20, or $5.99 on sale, $1,200 for the pro plan",
        "I bought $AAPL and $TSLA yesterday",  # tickers, no Cash App cue
        "echo $HOME and $PATH",
        "ping @jake on slack",  # a mention, not a Venmo handle
        "cash app sent me $20",  # a price even next to the cue
        "is venmo down today?",
        "paypal is easier than venmo",
        "venmo me later, and venmo to pay-per-view? no",
        "my $cashtag on cash app is shown below",
        "Cash App charges a fee; $AMZN went up",  # a ticker, even with the cue in the sentence
        "ssh root@server and git@github",  # user@host, not a UPI id
        "mail jake@example.com about the invoice",
        "pay attention to $HOME and $i in the loop",
    ],
)
def test_prices_tickers_and_mentions_are_not_handles(text):
    assert_finds(HANDLES, text, [])
