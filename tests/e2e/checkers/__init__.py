"""The W3C Nu HTML checker and axe-core, installed from npm (package.json here) by `npm ci`.

The set-up installs them when they are missing; where npm or a Java runtime is not available the
tests that need them skip with the reason.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

FOLDER = Path(__file__).parent
NODE_MODULES = FOLDER / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
# The success criteria of WCAG 2.0 and 2.1 at levels A and AA (GB/T 37668-2019 follows them).
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def install_checkers() -> None:
    """Runs `npm ci` once if the pinned checkers are missing; skips the test if that cannot be done."""
    if VNU_JAR.exists() and AXE_SCRIPT.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed (apt-get install npm); the accessibility checkers come from npm.")
    # --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's is used.
    result = subprocess.run(  # noqa: S603
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=FOLDER,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not (VNU_JAR.exists() and AXE_SCRIPT.exists()):
        pytest.skip(f"npm ci could not install vnu-jar and axe-core: {result.stderr.strip()[-500:]}")


def html_errors(documents: dict[str, str], folder: Path) -> list[str]:
    """The Nu checker's errors for each named HTML document, as `name: line N: message`."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("No Java runtime for the Nu HTML checker (apt-get install default-jre-headless).")
    names = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"document-{number}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    result = subprocess.run(  # noqa: S603
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, folder.glob("document-*.html"))],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = []
    for message in messages:
        document = names.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
        errors.append(f"{document}: line {message.get('lastLine')}: {message['message']}")
    return errors


def wcag_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations in the page open in a Playwright `page`."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(
            node["target"][0] if len(node["target"]) == 1 else str(node["target"]) for node in violation["nodes"][:3]
        )
        + (f" (+{len(violation['nodes']) - 3})" if len(violation["nodes"]) > 3 else "")
        for violation in results["violations"]
    ]
