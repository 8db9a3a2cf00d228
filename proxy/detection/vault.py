"""The personal vault: the user's own identifiers, always redacted, stored only as keyed hashes.

`chatveil vault add "Jake Morrison" --type PERSON` must make ChatVeil catch "jake  morrison",
"JAKE MORRISON" and "Jaké Morrison," whether or not a model would find them, without the
name ever being written to disk. So each entry keeps HMACs (with the local secret of
`KeyedHasher`) of its normalised forms and their *shape* — how many words, or how many digits —
and matching hashes every window of the text with a stored shape: n consecutive words for
each stored word count, runs of digits across separators for each stored digit count. No clear
value is needed at match time, and the file alone reveals only types, masked hints and dates.

Normal forms:
- words: case-, diacritic- and punctuation-insensitive word tokens ("O'Brien" = "o brien");
  multi-word values also match written as one word ("JakeMorrison");
- digits: only the digits, for values that are numbers ("4111-1111-1111-1111" = "4111111111111111");
  a phone also matches without its country code or trunk 0;
- alnum: letters and digits run together, for IBANs, NINOs and other codes ("GB82 WEST …").
"""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from proxy.masking import KeyedHasher, mask
from proxy.paths import data_dir, private_file

# The recognizer name on vault findings; the decision stage redacts them whatever the policy says.
RECOGNIZER_NAME = "PersonalVault"
ENTITY_TYPE = re.compile(r"[A-Z][A-Z0-9_]*")
_WORD = re.compile(r"[^\W_]+")
_DIGIT_RUN = re.compile(r"\d+")
# Digit runs of one number: joined by spaces, dashes, dots, slashes or brackets, not by words.
_DIGIT_JOIN = re.compile(r"[\s\-./()+\u00a0]{0,3}")
_ALNUM_TYPES = frozenset({"IBAN_CODE", "UK_NINO", "CRYPTO", "SECRET", "PAYMENT_HANDLE"})


class VaultError(ValueError):
    """A vault operation the user asked for that cannot be done; shown as one line."""


@dataclass(frozen=True)
class Shape:
    """One normal form of an entry: how it is cut out of a text, and its keyed hash."""

    form: str  # words | digits | alnum
    size: int  # words in the window, or digits/characters
    # Characters of the normal form: lets matching skip most windows without hashing them.
    # It reveals no more than the masked hint already does.
    chars: int
    digest: str


@dataclass(frozen=True)
class VaultEntry:
    id: str
    entity_type: str
    hint: str
    added: str
    shapes: tuple[Shape, ...] = field(default=())


@dataclass(frozen=True)
class VaultMatch:
    entity_type: str
    start: int
    end: int
    entry_id: str


# Words people write either way, stored and matched in one form: "42 Willow Creek Road" in the
# vault matches "42 willow creek rd apt 3b" in a message (the window ends before "apt").
_CANONICAL_WORDS = {
    "street": "st", "str": "st", "road": "rd", "avenue": "ave", "av": "ave", "lane": "ln", "drive": "dr",
    "court": "ct", "boulevard": "blvd", "place": "pl", "terrace": "ter", "crescent": "cres", "highway": "hwy",
    "parkway": "pkwy", "square": "sq", "circle": "cir", "close": "cl", "apartment": "apt", "suite": "ste",
    "building": "bldg", "floor": "fl", "mount": "mt", "saint": "st", "north": "n", "south": "s", "east": "e",
    "west": "w", "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
    "strasse": "st", "number": "no", "nr": "no", "num": "no",
}


def canonical_word(word: str) -> str:
    return _CANONICAL_WORDS.get(word, word)


def fold(value: str) -> str:
    value = unicodedata.normalize("NFKD", value)
    return "".join(c for c in value if not unicodedata.combining(c)).casefold()


def shapes_of(value: str, entity_type: str, hasher: KeyedHasher) -> tuple[Shape, ...]:
    """The normal forms an entry is matched by, hashed."""
    folded = fold(value)
    digits = "".join(_DIGIT_RUN.findall(folded))
    letters = re.sub(r"[^a-z]", "", folded)
    words = _WORD.findall(folded)
    if not words:
        raise VaultError("the value has no letters or digits to match")
    forms: list[tuple[str, int, str]] = []  # (form, size, normal form)
    if len(digits) >= 4 and not letters:
        forms.append(("digits", len(digits), digits))
        if entity_type == "PHONE_NUMBER" or value.strip().startswith("+"):
            for national in (_national_number(value), digits.lstrip("0")):
                if national and len(national) >= 6:
                    forms.append(("digits", len(national), national))
    elif entity_type in _ALNUM_TYPES or (digits and letters and len(value.split()) == 1):
        compact = "".join(words)
        forms.append(("alnum", len(compact), compact))
    else:
        words = [canonical_word(w) for w in words]
        forms.append(("words", len(words), " ".join(words)))
        if len(words) > 1:
            forms.append(("words", 1, "".join(words)))
    return tuple(Shape(form, size, len(normal), _digest(hasher, normal)) for form, size, normal in dict.fromkeys(forms))


def _digest(hasher: KeyedHasher, normal: str) -> str:
    # The value is already normalised here; `digest` with no type only casefolds and collapses
    # non-word characters, which leaves these forms unchanged.
    return hasher.digest(normal)


def _national_number(value: str) -> str | None:
    import phonenumbers

    for region in (None, "US", "GB"):
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        return str(number.national_number)
    return None


class PersonalVault:
    """The vault file (`vault.json`, 0600 under the data directory) and matching against it."""

    def __init__(self, path: Path | None = None, hasher: KeyedHasher | None = None):
        self.path = path or data_dir() / "vault.json"
        self._hasher = hasher
        self._entries: tuple[VaultEntry, ...] = ()
        self._mtime: tuple[int, int, int] | None = None
        self._index: dict[tuple[str, int, int], dict[str, VaultEntry]] = {}
        self.generation = 0
        self.reload()

    @property
    def hasher(self) -> KeyedHasher:
        # Created only when needed: scanning text with an empty vault writes no secret file.
        if self._hasher is None:
            self._hasher = KeyedHasher.from_file()
        return self._hasher

    @property
    def entries(self) -> tuple[VaultEntry, ...]:
        return self._entries

    @property
    def entity_types(self) -> tuple[str, ...]:
        return tuple(sorted({e.entity_type for e in self._entries}))

    def reload(self) -> None:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            if self._mtime is not None or self._entries:
                self._set_entries(())  # the file was deleted
            self._mtime = None
            return
        # Saving replaces the file, so a new inode or size or time means new content.
        mtime = (info.st_mtime_ns, info.st_ino, info.st_size)
        if mtime == self._mtime:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            entries = tuple(
                VaultEntry(
                    id=item["id"],
                    entity_type=item["entity_type"],
                    hint=item["hint"],
                    added=item["added"],
                    shapes=tuple(Shape(**shape) for shape in item["shapes"]),
                )
                for item in data["entries"]
            )
        except (ValueError, KeyError, TypeError) as e:
            raise VaultError(f"{self.path}: the vault file is damaged ({type(e).__name__}); remove it and add the values again") from None
        self._set_entries(entries)
        self._mtime = mtime

    def add(self, value: str, entity_type: str) -> VaultEntry:
        entity_type = entity_type.strip().upper().replace("-", "_")
        if not ENTITY_TYPE.fullmatch(entity_type):
            raise VaultError(f"type {entity_type!r} must be UPPER_SNAKE_CASE, e.g. PERSON")
        if not value.strip():
            raise VaultError("the value is empty")
        shapes = shapes_of(value, entity_type, self.hasher)
        for entry in self._entries:
            if entry.entity_type == entity_type and set(entry.shapes) & set(shapes):
                raise VaultError(f"already in the vault as {entry.id}")
        entry = VaultEntry(
            id=secrets.token_hex(4),
            entity_type=entity_type,
            hint=mask(value.strip(), entity_type),
            added=datetime.date.today().isoformat(),
            shapes=shapes,
        )
        self._save(self._entries + (entry,))
        return entry

    def remove(self, entry_id: str) -> VaultEntry:
        for entry in self._entries:
            if entry.id == entry_id:
                self._save(tuple(e for e in self._entries if e.id != entry_id))
                return entry
        raise VaultError(f"no vault entry with id {entry_id!r} (see `chatveil vault list`)")

    def _save(self, entries: tuple[VaultEntry, ...]) -> None:
        data = {"version": 1, "entries": [asdict(e) for e in entries]}
        tmp = self.path.with_name(self.path.name + ".tmp")
        private_file(tmp)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1)
        os.replace(tmp, self.path)
        os.chmod(self.path, 0o600)
        self._set_entries(entries)
        info = self.path.stat()
        self._mtime = (info.st_mtime_ns, info.st_ino, info.st_size)

    def _set_entries(self, entries: tuple[VaultEntry, ...]) -> None:
        # Counts changes, so caches of earlier findings know to start again.
        self.generation += 1
        self._entries = entries
        index: dict[tuple[str, int, int], dict[str, VaultEntry]] = {}
        for entry in entries:
            for shape in entry.shapes:
                index.setdefault((shape.form, shape.size, shape.chars), {})[shape.digest] = entry
        self._index = index

    def find(self, text: str) -> list[VaultMatch]:
        """Every window of `text` whose normal form hashes to a vault entry."""
        if not self._index:
            return []
        folded = fold(text)
        # NFKD + dropping combining marks can change the length of some characters; map the
        # folded offsets back through a per-character fold when it does.
        if len(folded) != len(text):
            folded, offsets = _fold_with_offsets(text)
        else:
            offsets = None
        matches: list[VaultMatch] = []
        word_sizes = sorted({size for form, size, _ in self._index if form == "words"})
        if word_sizes:
            matches += self._match_words(folded, word_sizes)
        digit_sizes = {size for form, size, _ in self._index if form == "digits"}
        if digit_sizes:
            matches += self._match_runs(folded, _DIGIT_RUN, digit_sizes, "digits", _DIGIT_JOIN)
        alnum_sizes = {size for form, size, _ in self._index if form == "alnum"}
        if alnum_sizes:
            matches += self._match_runs(folded, _WORD, alnum_sizes, "alnum", re.compile(r"[\s\-./]{0,2}"))
        if offsets is not None:
            matches = [VaultMatch(m.entity_type, offsets[m.start], offsets[m.end - 1] + 1, m.entry_id) for m in matches]
        return matches

    def _lookup(self, form: str, size: int, normal: str) -> VaultEntry | None:
        bucket = self._index.get((form, size, len(normal)))
        return bucket.get(_digest(self.hasher, normal)) if bucket else None

    def _match_words(self, folded: str, sizes: list[int]) -> list[VaultMatch]:
        tokens = [(canonical_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(folded)]
        matches = []
        for i in range(len(tokens)):
            for n in sizes:
                if i + n > len(tokens):
                    break
                window = tokens[i : i + n]
                entry = self._lookup("words", n, " ".join(t[0] for t in window))
                if entry:
                    matches.append(VaultMatch(entry.entity_type, window[0][1], window[-1][2], entry.id))
        return matches

    def _match_runs(self, folded: str, piece: re.Pattern[str], sizes: set[int], form: str, join: re.Pattern[str]) -> list[VaultMatch]:
        pieces = [(m.group(), m.start(), m.end()) for m in piece.finditer(folded)]
        longest = max(sizes)
        matches = []
        for i in range(len(pieces)):
            normal, j = "", i
            while j < len(pieces) and len(normal.lstrip("0") if form == "digits" else normal) < longest:
                if j > i and not join.fullmatch(folded, pieces[j - 1][2], pieces[j][1]):
                    break
                normal += pieces[j][0]
                # A phone written with its trunk 0 ("07700 900123") against one stored
                # with the country code: compare the national number too.
                for candidate in (normal, normal.lstrip("0")) if form == "digits" and normal[0] == "0" else (normal,):
                    entry = self._lookup(form, len(candidate), candidate) if len(candidate) in sizes else None
                    if entry:
                        matches.append(VaultMatch(entry.entity_type, pieces[i][1], pieces[j][2], entry.id))
                        break
                j += 1
        return matches


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    out, offsets = [], []
    for i, ch in enumerate(text):
        for c in fold(ch):
            out.append(c)
            offsets.append(i)
    return "".join(out), offsets
