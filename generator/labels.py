"""The words pages print where data is missing: no outlet, no date, no speaker.

Python uses these names and templates get them as Jinja globals (`{{ UNDATED }}`), so each word is
written once. Two theme templates print two of them too (site_overrides/partials/briefing-panel.html:
UNDATED and PANEL_UNKNOWN_OUTLET); MkDocs renders those without this module, and tests/test_paths.py
checks they agree. Below the stages: it imports none of them.
"""
from __future__ import annotations

from generator.plaintext import flatten

UNKNOWN_OUTLET = "Unknown outlet"  # an article whose outlet is not known (lists, tables, "Reported by")
PANEL_UNKNOWN_OUTLET = "Unknown"  # the same, in the "Outlet" row of an article's briefing panel
UNDATED = "Undated"  # a date, heading or year page with no date ("Undated", archive/actors/x/undated.md)
UNDATED_SHORT = "undated"  # the same in a table cell or a "last seen" (short dates: "3 Nov 2023"), and in the CLI
DATE_UNKNOWN = "Date unknown"  # a statement none of whose reports is dated
UNKNOWN_DATE = "an unknown date"  # "Unknown outlet; published on an unknown date." under an article
NOT_LOCATED = "No place stated"  # an event whose reports name no base (a statement, a claim)
NOT_STATED = "Not stated"  # casualties no report numbers
UNATTRIBUTED = "Unattributed"  # a quote no one is named for: its speaker, and its group on the Quotes page
OTHER_SPEAKERS = "Other"  # the undated quotes of speakers whose name begins with no letter A-Z (their page's link)
UNATTRIBUTED_SHORT = "unattributed"  # the same after a quote in an article's text, and in the CLI


def is_unknown_outlet(name: str | None) -> bool:
    """No outlet, a blank one, or one that reads as the placeholder itself: never a page of its own."""
    flat = flatten(name or "")
    return not flat or flat.casefold() == UNKNOWN_OUTLET.casefold()


# Every label, by the name templates know it under.
GLOBALS = {name: value for name, value in globals().items() if name.isupper() and isinstance(value, str)}
