from __future__ import annotations

import pytest

from proxy.detection.recognizers.secret import SecretRecognizer
from tests.recognizer_spans import assert_finds

SECRETS = SecretRecognizer()

# Invented keys in each provider's shape; none of them is a real credential.
PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAexampleexampleexample\nZXhhbXBsZQ==\n-----END RSA PRIVATE KEY-----"
OPENSSH = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("key sk-proj-abcdefghijklmnopqrstuvwxyz123456 works?", [("SECRET", "sk-proj-abcdefghijklmnopqrstuvwxyz123456")]),
        ("sk-abcdefghijklmnopqrstuvwxyz0123456789ABCD", [("SECRET", "sk-abcdefghijklmnopqrstuvwxyz0123456789ABCD")]),
        ("ANTHROPIC_API_KEY=sk-ant-api03-abcdefghijklmnopqrstuvwxyz_0123456789-AA", [("SECRET", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz_0123456789-AA")]),
        ("aws AKIAIOSFODNN7EXAMPLE", [("SECRET", "AKIAIOSFODNN7EXAMPLE")]),
        ("token ghp_abcdefghijklmnopqrstuvwxyz0123456789", [("SECRET", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")]),
        ("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", [("SECRET", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ")]),
        ("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp", [("SECRET", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp")]),
        ("stripe sk_live_51Habcdefghijklmnopqrstuv", [("SECRET", "sk_live_51Habcdefghijklmnopqrstuv")]),
        ("rk_live_abcdefghijklmnop1234", [("SECRET", "rk_live_abcdefghijklmnop1234")]),
        ("AIzaSyA-abcdefghijklmnopqrstuvwxyz12345", [("SECRET", "AIzaSyA-abcdefghijklmnopqrstuvwxyz12345")]),
        ("hf_abcdefghijklmnopqrstuvwxyzABCDEFGH", [("SECRET", "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH")]),
        (
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            [("SECRET", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")],
        ),
        (f"here is my key:\n{PEM}\nwhy does ssh fail", [("SECRET", PEM)]),
        (OPENSSH, [("SECRET", OPENSSH)]),
        ("postgres://app:S3cr3tPass@db.example.com/prod", [("SECRET", "S3cr3tPass")]),
        ('client_secret = "Xy9_abcDEF123456"', [("SECRET", "Xy9_abcDEF123456")]),
        ("my wifi password is hunter2", [("SECRET", "hunter2")]),
        ("pw: Tr0ub4dor&3", [("SECRET", "Tr0ub4dor&3")]),
        ("the password for my netflix account is sunshine99.", [("SECRET", "sunshine99")]),
        ('password is "correct horse battery"', [("SECRET", "correct horse battery")]),
        ("my PIN is 4821", [("SECRET", "4821")]),
        ("passcode 0917", [("SECRET", "0917")]),
        ("door code: 1234#", [("SECRET", "1234")]),
        ("aws_secret_access_key = hNGSTBMvchKj/OiB9MMiHHL6ZQhIiYlJbAKrpi5A", [("SECRET", "hNGSTBMvchKj/OiB9MMiHHL6ZQhIiYlJbAKrpi5A")]),
        ("Password for the shared Netflix is tr0ub4dor&3x, tell them", [("SECRET", "tr0ub4dor&3x")]),
        ("router admin, password Kx7#mPq2!vLs. How do I", [("SECRET", "Kx7#mPq2!vLs")]),
        ("ssh as admin pass P@ssw0rd-Spring24 fails", [("SECRET", "P@ssw0rd-Spring24")]),
        ("login: jake / pass: Summer2024!", [("SECRET", "Summer2024!")]),
        ("my api key is abc123def456ghi789jkl, why 401?", [("SECRET", "abc123def456ghi789jkl")]),
        ("the code for the gate is 4821", [("SECRET", "4821")]),
        ("my wifi password is blue_sky", [("SECRET", "blue_sky")]),
        ("my password is: hunter2", [("SECRET", "hunter2")]),
        ("mein Passwort ist Sonnenblume7", [("SECRET", "Sonnenblume7")]),
        ("Password - BlueMoon!9", [("SECRET", "BlueMoon!9")]),
        (
            "https://discord.com/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
            [("SECRET", "https://discord.com/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")],
        ),
    ],
)
def test_keys_blocks_and_passwords_after_a_cue_are_found(text, expected):
    assert_finds(SECRETS, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "I forgot my password again",
        "my password is wrong",
        "the password is too short",
        "password: ******",
        'password = os.environ["DB_PASSWORD"]',
        "my boarding pass is ready",
        "the pin is in the drawer",
        "what's a good password manager?",
        "sk-learn is a library",  # too short for a key
        "use the skeleton key",
        "reset password required before login",
        "my api key is invalid_or_expired_now",
        "the code for the gate is broken",
        "password - reset it tomorrow",
        "is the password still valid?",
        "token = tokenizer.encode(text)",
        "password = user_password",
        "api_key: settings.OPENAI_KEY",
        "in python you pass self.value_1 to the method",
        "then pass my_callback2 as the handler",
        "I pass everything to the function",
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
    ],
)
def test_talk_about_passwords_and_placeholders_is_not_a_secret(text):
    assert_finds(SECRETS, text, [])
