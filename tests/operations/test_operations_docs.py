"""docs/operations.md lists every environment variable the settings read."""

import re

from tests.servers import ROOT

READER = re.compile(r"env_(?:str|bool|int|float|list|required)\(\s*\"([A-Z][A-Z0-9_]*)\"")


def test_operations_doc__lists_every_environment_variable_the_settings_read():
    read = set()
    for settings_file in (ROOT / "cms" / "settings").glob("*.py"):
        read |= set(READER.findall(settings_file.read_text()))
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= read  # the pattern finds them at all
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", (ROOT / "docs" / "operations.md").read_text(), re.M))
    assert read - documented == set(), "add these to the table in docs/operations.md"
