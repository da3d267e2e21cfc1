"""The Vietnamese catalogs are complete: every entry translated, none fuzzy, all compiled."""

import re
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted(p for p in ROOT.glob("**/locale/vi/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_it_has_catalogs() -> None:
    assert CATALOGS, "no Vietnamese catalog found"


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_translates_every_entry(po: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_it_marks_no_template_string_outside_the_catalogs() -> None:
    """Every {% translate %} string in the templates is somewhere in a catalog."""
    msgids: set[str] = set()
    for po in CATALOGS:
        # makemessages wraps long entries: msgid "" followed by "…" continuation lines.
        for block in re.findall(r'^msgid ((?:".*"\n)+)', po.read_text(), flags=re.M):
            msgids.add("".join(re.findall(r'"(.*)"', block)).replace('\\"', '"'))
    missing = set()
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        for text in re.findall(r'{% translate "([^"]+)"', template.read_text()):
            if text not in msgids:
                missing.add(f"{template.relative_to(ROOT)}: {text}")
    assert not missing, "Run scripts/makemessages.sh and translate:\n" + "\n".join(sorted(missing))


def test_it_speaks_vietnamese_by_default(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/accounts/login/")
    assert "Đăng nhập" in response.content.decode()
    assert translation.get_language() in ("vi", None)
