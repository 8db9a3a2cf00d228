from __future__ import annotations

import pytest

from proxy.detection.recognizers.crypto_wallet import CryptoWalletRecognizer, base58check_valid, bech32_valid
from tests.recognizer_spans import assert_finds

WALLETS = CryptoWalletRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("btc: 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", [("CRYPTO", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")]),
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy.", [("CRYPTO", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")]),
        ("send to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq pls", [("CRYPTO", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")]),
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", [("CRYPTO", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4")]),
        (
            "taproot bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
            [("CRYPTO", "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297")],
        ),
        ("eth 0x71C7656EC7ab88b098defB751B7401B5f6d8976F", [("CRYPTO", "0x71C7656EC7ab88b098defB751B7401B5f6d8976F")]),
    ],
)
def test_wallet_addresses_are_found(text, expected):
    assert_finds(WALLETS, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",  # base58check checksum fails
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx",  # bech32 checksum fails
        "bc1qAR0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",  # mixed case is invalid bech32
        "tx 0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060",  # a hash, not an address
        "commit 3f2a9c1b7e4d5a6b8c9d0e1f2a3b4c5d6e7f8a9b",
        "ThisIsALongCamelCaseIdentifierName123",
    ],
)
def test_look_alikes_failing_the_checksum_are_not_wallets(text):
    assert_finds(WALLETS, text, [])


def test_checksum_functions():
    assert base58check_valid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")
    assert not base58check_valid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0")
    assert bech32_valid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
    assert not bech32_valid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdd")
