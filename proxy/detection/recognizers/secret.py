"""Secrets pasted into a chat: API keys, tokens, private-key blocks, and passwords after a cue.

Provider keys are found by their published prefixes and shapes (OpenAI `sk-`, Anthropic
`sk-ant-`, AWS `AKIA`, GitHub `ghp_`, Slack `xox…`, Stripe `sk_live_`, Google `AIza`, …), a
PEM private key as the whole block so no line of it survives, and a password only as the word
after a cue ("my wifi password is hunter2", "pw: …", "PIN is 4821") — and not when that word is
ordinary language ("my password is wrong", "the pin is in the drawer").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from proxy.detection.recognizers.span_recognizer import Span, SpanRecognizer, overlaps

_TOKEN_END = r"(?![A-Za-z0-9_\-])"
_PROVIDER_KEYS = re.compile(
    r"(?<![A-Za-z0-9_\-])(?:"
    r"sk-ant-(?:api|admin|sid)\d{2}-[A-Za-z0-9_\-]{20,}"  # Anthropic
    r"|sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\-]{20,}"  # OpenAI (and DeepSeek etc. which copy it)
    r"|(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|ANPA|AGPA)[0-9A-Z]{16}"  # AWS access key IDs
    r"|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}"  # GitHub
    r"|glpat-[A-Za-z0-9_\-]{20,}"  # GitLab
    r"|xox[abposre]-[A-Za-z0-9\-]{10,}|xapp-\d-[A-Za-z0-9\-]{10,}"  # Slack
    r"|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{20,}"  # Stripe secret/restricted/webhook
    r"|AIza[0-9A-Za-z_\-]{35}"  # Google API keys
    r"|ya29\.[0-9A-Za-z_\-]{20,}"  # Google OAuth access tokens
    r"|hf_[A-Za-z0-9]{30,}"  # Hugging Face
    r"|gsk_[A-Za-z0-9]{40,}|xai-[A-Za-z0-9]{40,}|pplx-[A-Za-z0-9]{40,}|r8_[A-Za-z0-9]{30,}"  # Groq, xAI, Perplexity, Replicate
    r"|npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_\-]{50,}"  # package registries
    r"|SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}"  # SendGrid
    r"|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"  # Shopify
    r"|dop_v1_[a-f0-9]{64}"  # DigitalOcean
    r"|AC[a-f0-9]{32}|SK[a-f0-9]{32}"  # Twilio account SID / API key
    r"|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"  # JSON Web Tokens
    r"|\d{8,10}:AA[A-Za-z0-9_\-]{33}"  # Telegram bot tokens
    rf"){_TOKEN_END}"
)
_SLACK_WEBHOOK = re.compile(
    r"https://(?:hooks\.slack\.com/services/[A-Za-z0-9/]{20,}"
    r"|(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d+/[A-Za-z0-9_\-]{20,})"
)
_PRIVATE_KEY_BLOCK = re.compile(
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
    r"(?:.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s:,\-]*)",
    re.DOTALL,
)
# user:password@host in a connection string or URL: the password part.
_URL_PASSWORD = re.compile(r"\b[a-z][a-z0-9+.\-]{0,30}://[^\s:/@]+:(?P<value>[^\s@/]{3,})@[\w.\-]+", re.IGNORECASE)
# key = value assignments of credentials in config files and code.
_ASSIGNMENT = re.compile(
    # Bounded name parts: an unbounded `[\w.-]*` before the keyword rescans long runs of
    # digits and dots at every position (quadratic on "1.1.1.1…").
    r"\b[A-Za-z0-9_.\-]{0,40}?(?:api[_\-]?key|apikey|secret|access[_\-]?token|auth[_\-]?token|refresh[_\-]?token|"
    # whsec: a webhook signing secret's usual name ("whsec=…") when it is not in Stripe's
    # "whsec_" form; hmac/signing keys sign requests like any other secret.
    r"bearer|private[_\-]?key|password|passwd|pwd|token|credentials?|whsec|hmac|signing[_\-]?key)[A-Za-z0-9_.\-]{0,40}?"
    r"[\"']?\s*(?:[:=]|=>)\s*[\"']?(?P<value>[A-Za-z0-9_\-./+=~!@#$%^&*]{8,})",
    re.IGNORECASE,
)
# "my api key is abc123…", "token: …" in prose: a value with letters and digits, 12+ long.
_KEY_IN_PROSE = re.compile(
    # "secret is …" alone too: AWS calls the second half of a key pair just "secret".
    r"\b(?:(?:api|secret|access|auth|bearer|private|personal\s+access|app|client)[\s_\-]?(?:key|token|secret)s?|secret)"
    r"\s*(?:is|was|:|=|->)\s*[\"'`]?(?P<value>[A-Za-z0-9_\-./+=]{12,200})",
    re.IGNORECASE,
)
_BEARER = re.compile(r"\bBearer\s+(?P<value>[A-Za-z0-9_\-.=+/~]{20,})")

_PASSWORD_CUE = re.compile(
    r"\b(?:(?:wi-?fi|wlan|router|network|admin|root|login|account|email|e-mail|netflix|bank|"
    r"laptop|computer|phone|alarm|door|gate|locker|safe|vault|master)\s+)?"
    r"(?:password|passwort|passwd|pass\s?word|passcode|pass\s?phrase|pwd|pw|pass|pin(?:\s?code)?|"
    r"wifi\s+key|network\s+key|wpa\s+key|security\s+key|unlock\s+code|door\s+code|gate\s+code|"
    r"alarm\s+code|access\s+code|mot\s+de\s+passe|contraseña|wachtwoord)"
    r"(?:\s+(?:for|to|of|on)(?:\s+[\w.\-']+){1,4}?)?"
    r"\s*(?:(?:is\s+now|is\s+still|is\s+just|was\s+changed\s+to|changed\s+to|set\s+to|would\s+be|is|was|est|es|ist|er)\b"
    r"\s*[:=\-–]?\s*|[:=\-–]\s*|->\s*)"
    r"(?P<value>\"[^\"\n]{1,64}\"|'[^'\n]{1,64}'|“[^”\n]{1,64}”|`[^`\n]{1,64}`|\S{1,64})",
    re.IGNORECASE,
)
# "password Kx7#mPq2!vLs", "pass P@ssw0rd-Spring24": no "is" or colon, so only a value that
# looks like a password (letters with digits or symbols) counts.
_BARE_PASSWORD = re.compile(
    r"\b(?:password|passwd|passwort|pwd|pw|pass|passphrase|mot\s+de\s+passe|contraseña|wachtwoord)\s+(?P<value>\S{6,64})",
    re.IGNORECASE,
)
_PIN_CUE = re.compile(r"\bpin(?:\s?code|\s?number|\s?#)?$", re.IGNORECASE)
# "PIN 4821", "passcode: 4821", "door code 1234#": digits straight after the cue.
_DIGIT_CODE = re.compile(
    r"\b(?:pin(?:\s?code|\s?number)?|passcode|(?:door|gate|garage|alarm|unlock|access|lockbox|key\s?box|building|entry|safe)\s+code|"
    r"code\s+(?:for|to|of)\s+(?:the\s+|my\s+|our\s+)?(?:front\s+|back\s+)?(?:door|gate|garage|alarm|lockbox|key\s?box|safe|building|house|apartment|flat))"
    r"\s*(?:#|no\.?)?\s*(?:is\s+|[:=]\s*)?(?P<value>\d{4,8})(?![\d.,/:]\d|\d)",
    re.IGNORECASE,
)
# Short cue words that are also ordinary words ("boarding pass is ready") need ":" or "=".
_AMBIGUOUS_CUE = re.compile(r"\b(?:pass|pw)\s*(?:is|was)\b", re.IGNORECASE)
# "my password is wrong/too short/the same": what follows the cue is language, not a secret.
_NOT_A_PASSWORD = frozenset(
    """a an the my your his her our their its this that it is was be been being not no none nothing
    same different wrong right correct incorrect invalid valid expired weak strong too very so really
    long short simple easy hard complex required needed missing empty blank changed reset saved stored
    written somewhere there here in on at on for of to with and or but also just still now again what
    which who why how where when secret private protected encrypted hidden asterisks dots stars
    case-sensitive sensitive something anything everything whatever different? different. yours mine
    please unknown forgotten lost compromised leaked hacked working broken locked set ok okay fine good
    bad great weird strange annoying unique generic default temporary temp new old same. written. like
    literally basically probably definitely actually incorrect. wrong. too, expired. required. one
    ready available visible shown displayed printed attached below above following as protection""".split()
)
# Placeholders in pasted code are not secrets.
_PLACEHOLDER = re.compile(r"^(?:os\.|process\.env|getenv|\$\{|\{\{|<|\*{3,}|x{3,}|\.{3}|env\[|config\.|settings\.|input\(|None$|null$|true$|false$|undefined$)", re.IGNORECASE)


class SecretRecognizer(SpanRecognizer):
    ENTITIES = ("SECRET",)

    def spans(self, text: str) -> Iterator[Span]:
        found: list[Span] = []
        for m in _PRIVATE_KEY_BLOCK.finditer(text):
            found.append(Span("SECRET", m.start(), m.end(), 1.0))
        for pattern in (_PROVIDER_KEYS, _SLACK_WEBHOOK):
            for m in pattern.finditer(text):
                if not overlaps(m.start(), m.end(), found):
                    found.append(Span("SECRET", m.start(), m.end(), 0.95))
        for pattern, score in ((_URL_PASSWORD, 0.9), (_BEARER, 0.9), (_ASSIGNMENT, 0.8), (_KEY_IN_PROSE, 0.85)):
            for m in pattern.finditer(text):
                value = _strip_value(m.group("value"))
                if pattern is _KEY_IN_PROSE and not (re.search(r"\d", value) and re.search(r"[A-Za-z]", value)):
                    continue
                start = m.start("value") + (len(m.group("value")) - len(m.group("value").lstrip("\"'")))
                if _code_not_secret(text, start, value):
                    continue
                if _plausible_secret(value) and not overlaps(start, start + len(value), found):
                    found.append(Span("SECRET", start, start + len(value), score))
        for m in _BARE_PASSWORD.finditer(text):
            value = _strip_value(m.group("value"))
            start = m.start("value")
            # "pass"/"pw" are also verbs and abbreviations ("pass self.value_1 to it"): after
            # them, only a value with three kinds of character counts.
            needed = 3 if m.group().split()[0].lower() in ("pass", "pw") else 2
            strong = len(value) >= 6 and _character_classes(value) >= needed and not _code_not_secret(text, start, value)
            if strong and not _PLACEHOLDER.match(value) and not overlaps(start, start + len(value), found):
                found.append(Span("SECRET", start, start + len(value), 0.8))
        for m in _DIGIT_CODE.finditer(text):
            if not overlaps(m.start("value"), m.end("value"), found):
                found.append(Span("SECRET", m.start("value"), m.end("value"), 0.85))
        for m in _PASSWORD_CUE.finditer(text):
            if _AMBIGUOUS_CUE.search(text, m.start(), m.start("value")) and not re.search(
                r"\b(?:my|our|the|your)\s+(?:\w+\s+)?(?:pass|pw)\b", text[max(0, m.start() - 12) : m.start("value")], re.IGNORECASE
            ):
                continue
            raw = m.group("value")
            quoted = raw[:1] in "\"'“`" and len(raw) > 2
            value = raw[1:-1] if quoted else _strip_value(raw)
            start = m.start("value") + (1 if quoted else 0)
            is_pin = _PIN_CUE.search(text, m.start(), m.start("value")) is not None or re.search(
                r"\bpin\b", text[m.start() : m.start("value")], re.IGNORECASE
            )
            if is_pin and not re.fullmatch(r"\d{4,8}", value):
                continue
            # Only an assignment ("password = user_password") makes a snake_case word code;
            # "my wifi password is blue_sky" is a password.
            assignment = "=" in text[m.start() : m.start("value")]
            if not quoted and (not _plausible_password(value) or _code_not_secret(text, start, value, assignment)):
                continue
            if value and not overlaps(start, start + len(value), found):
                found.append(Span("SECRET", start, start + len(value), 0.9 if quoted or _looks_random(value) else 0.75))
        return iter(found)


def _strip_value(value: str) -> str:
    # "!" stays: "Summer2024!" is a password, and redacting a "!" too costs nothing.
    return value.strip("\"'“”`").rstrip(".,;?)]}\"'")


def _plausible_secret(value: str) -> bool:
    return len(value) >= 8 and not _PLACEHOLDER.match(value) and value.lower() not in _NOT_A_PASSWORD


def _plausible_password(value: str) -> bool:
    if not value or _PLACEHOLDER.match(value) or value.lower() in _NOT_A_PASSWORD:
        return False
    return len(value) >= 3 or value.isdigit()


def _character_classes(value: str) -> int:
    # "_" and "." are left out: identifiers and file names have them, passwords rarely need them.
    return sum(bool(re.search(p, value)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9_.]"))


_IDENTIFIER_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|[a-z]+(?:_[a-z]+)+")


def _code_not_secret(text: str, start: int, value: str, snake_case_is_code: bool = True) -> bool:
    """`token = tokenizer.encode(text)`, `password = user_password`: code, not a credential."""
    after = text[start + len(value) : start + len(value) + 1]
    if after in ("(", "[") or "(" in value:
        return True
    match = _IDENTIFIER_PATH.fullmatch(value)
    return match is not None and ("." in value or snake_case_is_code)


def _looks_random(value: str) -> bool:
    classes = sum(bool(re.search(p, value)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]"))
    return classes >= 2
