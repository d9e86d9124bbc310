"""Languages residents can choose, by their English names, as stored codes (ISO 639).

The list covers the languages most spoken in UK social housing communities (2021 Census
main languages) plus British Sign Language; "other" asks the resident to say more in
their support needs, so the list never has to be complete.
"""

from __future__ import annotations

LANGUAGES: list[tuple[str, str]] = [
    ("en", "English"),
    ("sq", "Albanian"),
    ("am", "Amharic"),
    ("ar", "Arabic"),
    ("bn", "Bengali (including Sylheti)"),
    ("bfi", "British Sign Language (BSL)"),
    ("bg", "Bulgarian"),
    ("yue", "Chinese: Cantonese"),
    ("zh", "Chinese: Mandarin"),
    ("cs", "Czech"),
    ("fa", "Farsi (Persian)"),
    ("fr", "French"),
    ("gd", "Gaelic (Scottish)"),
    ("de", "German"),
    ("el", "Greek"),
    ("gu", "Gujarati"),
    ("hi", "Hindi"),
    ("hu", "Hungarian"),
    ("ga", "Irish"),
    ("it", "Italian"),
    ("ku", "Kurdish"),
    ("lv", "Latvian"),
    ("lt", "Lithuanian"),
    ("ml", "Malayalam"),
    ("ne", "Nepali"),
    ("pa", "Panjabi (Punjabi)"),
    ("ps", "Pashto"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("sk", "Slovak"),
    ("so", "Somali"),
    ("es", "Spanish"),
    ("sw", "Swahili"),
    ("tl", "Tagalog (Filipino)"),
    ("ta", "Tamil"),
    ("ti", "Tigrinya"),
    ("tr", "Turkish"),
    ("tw", "Twi"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
    ("vi", "Vietnamese"),
    ("cy", "Welsh"),
    ("yo", "Yoruba"),
    ("other", "Another language (tell us which in your support needs below)"),
]

_NAMES = dict(LANGUAGES)


def language_name(code: str) -> str:
    """The English name of a stored code; an unknown code (from an import) is shown as it is."""
    return _NAMES.get(code, code or "Not given")


def language_choices(current: str = "") -> list[tuple[str, str]]:
    """The choices, keeping an imported code that is not in the list so saving never loses it."""
    if current and current not in _NAMES:
        return [(current, f"{current} (as recorded by us)"), *LANGUAGES]
    return list(LANGUAGES)
