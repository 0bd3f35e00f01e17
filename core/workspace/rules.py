"""What a team list may hold: lengths, the statuses per gemeente, and cleaning of typed text."""

from __future__ import annotations

import re
import unicodedata

NAME_MAX = 80  # characters of a list's name
DESCRIPTION_MAX = 500  # characters of a list's description
NOTE_MAX = 500  # characters of the note per gemeente
CODES_MAX = 400  # gemeenten in one list (there are 342)

# Status per gemeente, in the order of the campaign's work; the first is where every gemeente
# starts. Keys are stored, labels are shown.
STATUSES = {
    "nog_niet_benaderd": "nog niet benaderd",
    "benaderd": "benaderd",
    "afspraak_gepland": "afspraak gepland",
    "actief": "actief",
}
FIRST_STATUS = "nog_niet_benaderd"

# Control characters (C0, DEL, C1) and the Unicode line/paragraph separators and bidi overrides:
# in a name they are invisible or rearrange what others read.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_KEEP_NEWLINE = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_SPACES = re.compile(r"[ \t\u00a0]+")


class Invalid(ValueError):
    """Typed text that cannot be stored; the message says in Dutch what to change."""


def clean_line(text: object) -> str:
    """One line of text: control characters become spaces, runs of spaces one, ends trimmed."""
    text = unicodedata.normalize("NFC", str(text or ""))
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def clean_block(text: object) -> str:
    """Text that may hold line breaks (descriptions, notes): other control characters removed."""
    text = unicodedata.normalize("NFC", str(text or "")).replace("\r\n", "\n").replace("\r", "\n")
    lines = [
        _SPACES.sub(" ", line).strip() for line in _CONTROL_KEEP_NEWLINE.sub(" ", text).split("\n")
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def name(text: object) -> str:
    """A list's name, cleaned; Invalid when empty or too long."""
    cleaned = clean_line(text)
    if not cleaned:
        raise Invalid("Geef de lijst een naam.")
    if len(cleaned) > NAME_MAX:
        raise Invalid(
            f"De naam is {len(cleaned)} tekens lang; maak hem korter (hoogstens {NAME_MAX})."
        )
    return cleaned


def name_key(text: str) -> str:
    """What makes two names the same list: case and accents aside ('Brabant' = 'brabant ')."""
    folded = unicodedata.normalize("NFKD", clean_line(text).casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))[: NAME_MAX * 2]


def description(text: object) -> str:
    cleaned = clean_block(text)
    if len(cleaned) > DESCRIPTION_MAX:
        raise Invalid(
            f"De beschrijving is {len(cleaned)} tekens lang; maak haar korter "
            f"(hoogstens {DESCRIPTION_MAX})."
        )
    return cleaned


def note(text: object) -> str:
    cleaned = clean_block(text)
    if len(cleaned) > NOTE_MAX:
        raise Invalid(
            f"De notitie is {len(cleaned)} tekens lang; maak haar korter (hoogstens {NOTE_MAX})."
        )
    return cleaned


def status(key: object) -> str:
    if key not in STATUSES:
        raise Invalid("Kies een status uit de lijst: " + ", ".join(STATUSES.values()) + ".")
    return str(key)


def codes(values: list[str], known: set[str] | None = None) -> list[str]:
    """Gemeente codes in order, each once; Invalid for an unknown code or too many."""
    seen: list[str] = []
    for code in values:
        code = str(code).strip().upper()
        if known is not None and code not in known:
            raise Invalid(f"Onbekende gemeentecode: {clean_line(code)[:20]}.")
        if not re.fullmatch(r"GM\d{4}", code):
            raise Invalid(f"Geen gemeentecode: {clean_line(code)[:20]}.")
        if code not in seen:
            seen.append(code)
    if len(seen) > CODES_MAX:
        raise Invalid(f"Een lijst kan hoogstens {CODES_MAX} gemeenten bevatten.")
    return seen
