"""Real servers for tests: the app under uvicorn as `make run` starts it, in other processes, on the test database."""

import contextlib
import os
import re
import shlex
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 120.0
STOP_TIMEOUT = 10.0


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_run_server_command(port: int) -> list[str]:
    """The uvicorn command line of `make run`, as make itself expands it, without its settings variable."""
    try:
        dry_run = subprocess.run(  # noqa: S603 (fixed arguments)
            ["make", "--no-print-directory", "-n", "run", f"PORT={port}"],  # noqa: S607 (make from PATH)
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except FileNotFoundError:
        pytest.skip("make is not installed; `make run` is the documented way to serve the app.")
    lines = [line for line in dry_run.stdout.splitlines() if "cms.asgi:application" in line]
    assert len(lines) == 1, dry_run.stdout
    # The line also starts the scheduler and sets the settings variable: from the server's own word on.
    words = shlex.split(lines[0])
    start = next(index for index, word in enumerate(words) if Path(word).name == "uvicorn")
    return words[start:]


def shared_database_url(connection) -> str:
    """A DATABASE_URL under which another process shares the test database, as the test run named it.

    The test settings keep SQLite's test database in a file for this.
    """
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    credentials = quote(params["USER"] or "", safe="")
    if params["PASSWORD"]:
        credentials += f":{quote(params['PASSWORD'], safe='')}"
    return f"postgres://{credentials}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{params['NAME']}"


def server_environment(database_url: str, **variables: str) -> dict[str, str]:
    """Test settings on the given database; the rest of this process's environment (REDIS_URL too)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=database_url,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        **variables,
    )
    return env


@contextlib.contextmanager
def running(command: list[str], env: dict[str, str], log: Path, ready_url: str, **request) -> Iterator[None]:
    """Run `command` until the block ends; ready once `ready_url` answers at all."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        _wait_until_ready(process, ready_url, log, **request)
        yield
    finally:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(process: subprocess.Popen, url: str, log: Path, **request) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    with httpx.Client(trust_env=False, timeout=5, **request) as http:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"{shlex.join(process.args)} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
            with contextlib.suppress(httpx.TransportError):
                http.get(url)
                return
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text()[-3000:]}")


def admin_login(http: httpx.Client, password: str, forwarded_for: str) -> httpx.Response:
    """Log in to the admin as xinzhou_editor over real HTTP, claiming to be `forwarded_for`."""
    form = http.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    return http.post(
        "/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": "xinzhou_editor", "password": password},
        headers={"X-Forwarded-For": forwarded_for},
    )
