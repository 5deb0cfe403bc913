"""nginx in front of the app, as docker-compose.yml runs it: its config checked by nginx -t, then served.

The config is a template the nginx image renders with envsubst from the variables docker-compose.yml
sets; here it is rendered the same way with this machine's ports and folders, and run by Debian's nginx.
"""

import io
import os
import re
import shutil
import ssl
import subprocess
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

import httpx
import pytest
import yaml
from django.conf import settings
from django.db import connection
from PIL import Image

from tests.servers import (
    ROOT,
    admin_login,
    free_port,
    make_run_server_command,
    running,
    server_environment,
    shared_database_url,
)

TEMPLATE = ROOT / "deploy" / "nginx" / "cluster.conf.template"
COMPOSE = ROOT / "docker-compose.yml"
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
OPENSSL = shutil.which("openssl")
HOST = "www.localhost"
WEBSOCKET_HANDSHAKE = {
    "Upgrade": "websocket",
    "Connection": "Upgrade",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version": "13",
}

needs_nginx = pytest.mark.skipif(
    NGINX is None or OPENSSL is None,
    reason="nginx or openssl is not installed (apt-get install nginx-light openssl); .ci/run installs them.",
)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 32), "#1f4e9c").save(buffer, format="PNG")
    return buffer.getvalue()


def template_variables(text: str) -> set[str]:
    return set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)\}", text))


def envsubst(text: str, variables: dict[str, str]) -> str:
    """What the nginx image's envsubst does: replace $NAME and ${NAME} of the given variables only."""
    for name, value in variables.items():
        text = re.sub(rf"\$(?:\{{{name}\}}|{name}(?![A-Za-z0-9_]))", lambda _match, value=value: value, text)
    return text


@dataclass
class Nginx:
    """A private nginx on loopback ports, with its files, logs and pid under `prefix`."""

    prefix: Path
    http_port: int
    https_port: int
    static_root: Path
    media_root: Path
    certificate: Path
    pages_root: Path

    @classmethod
    def create(cls, prefix: Path) -> "Nginx":
        prefix.mkdir(parents=True, exist_ok=True)
        certificate, key = prefix / "fullchain.pem", prefix / "privkey.pem"
        subprocess.run(  # noqa: S603 (fixed arguments)
            [
                OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
                "-keyout", str(key), "-out", str(certificate),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
        nginx = cls(
            prefix, free_port(), free_port(), prefix / "static", prefix / "media", certificate, prefix / "pages"
        )
        nginx.static_root.mkdir()
        nginx.media_root.mkdir()
        nginx.pages_root.mkdir()
        return nginx

    def configure(self, app_port: int) -> Path:
        """The image's nginx.conf, moved under `prefix`, including the template rendered for this machine."""
        variables = {
            "APP_UPSTREAM": f"127.0.0.1:{app_port}",
            "STATIC_ROOT": str(self.static_root),
            "MEDIA_ROOT": str(self.media_root),
            "STATIC_PAGES_ROOT": str(self.pages_root),
            "HTTP_PORT": f"127.0.0.1:{self.http_port}",
            "HTTPS_PORT": f"127.0.0.1:{self.https_port}",
            "TLS_CERTIFICATE": str(self.certificate),
            "TLS_CERTIFICATE_KEY": str(self.prefix / "privkey.pem"),
        }
        site = self.prefix / "cluster.conf"
        site.write_text(envsubst(TEMPLATE.read_text(), variables))
        # As root, nginx would run its workers as "nobody", who cannot read the private temporary folder.
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp_paths = "".join(
            f"    {kind}_temp_path {self.prefix / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        main = self.prefix / "nginx.conf"
        main.write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {self.prefix / 'nginx.pid'};\n"
            f"error_log {self.prefix / 'error.log'} warn;\nevents {{ worker_connections 64; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    access_log {self.prefix / 'access.log'};\n{temp_paths}    include {site};\n}}\n"
        )
        return main

    def command(self, main: Path, *options: str) -> list[str]:
        return [NGINX, *options, "-p", str(self.prefix), "-c", str(main), "-e", str(self.prefix / "error.log")]

    def https(self) -> httpx.Client:
        trusted = ssl.create_default_context(cafile=str(self.certificate))
        return httpx.Client(
            base_url=f"https://127.0.0.1:{self.https_port}",
            headers={"Host": HOST},
            verify=trusted,
            trust_env=False,
            timeout=30,
        )


@needs_nginx
def test_nginx_config__passes_nginx_t(tmp_path):
    nginx = Nginx.create(tmp_path / "nginx")
    main = nginx.configure(app_port=free_port())
    assert not template_variables((nginx.prefix / "cluster.conf").read_text())  # nginx's own ${uri} stays
    result = subprocess.run(nginx.command(main, "-t"), capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_compose__gives_nginx_every_variable_and_the_app_its_proxy():
    compose = yaml.safe_load(COMPOSE.read_text())["services"]
    nginx, app = compose["nginx"], compose["app"]
    assert template_variables(TEMPLATE.read_text()) == set(nginx["environment"])
    assert "./deploy/nginx/cluster.conf.template:/etc/nginx/templates/default.conf.template:ro" in nginx["volumes"]
    assert str(app["environment"]["TRUSTED_PROXY_COUNT"]) == "1"
    assert "ports" not in app  # reached only through nginx, which writes the X-Forwarded-For entry it trusts
    # The same volumes: the app fills them at its MEDIA_ROOT and STATIC_ROOT, nginx reads them at its own.
    assert {"media:/app/media", "static:/app/static_collected"} <= set(app["volumes"])
    assert f"media:{nginx['environment']['MEDIA_ROOT']}:ro" in nginx["volumes"]
    assert f"static:{nginx['environment']['STATIC_ROOT']}:ro" in nginx["volumes"]
    # Published pages: written and removed by every process that publishes, read by nginx.
    pages = app["environment"]["STATIC_PAGES_ROOT"]
    for service in ("app", "scheduler"):
        assert f"published-pages:{pages}" in compose[service]["volumes"]
    assert f"published-pages:{nginx['environment']['STATIC_PAGES_ROOT']}:ro" in nginx["volumes"]


@needs_nginx
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nginx__serves_media_and_static_and_proxies_the_app(tmp_path):
    nginx = Nginx.create(tmp_path / "nginx")
    png = png_bytes()
    (nginx.media_root / "original_images").mkdir()
    (nginx.media_root / "original_images" / "xinzhou.png").write_bytes(png)
    (nginx.media_root / "documents").mkdir()
    (nginx.media_root / "documents" / "private.pdf").write_bytes(b"%PDF-1.4 private")
    (nginx.static_root / "probe.css").write_text(":root { --probe: 1; }")
    app_port = free_port()
    # The app's own media folder stays empty: whatever /media/ answers comes from nginx.
    env = server_environment(
        shared_database_url(connection),
        TRUSTED_PROXY_COUNT="1",
        MEDIA_ROOT=str(tmp_path / "app-media"),
        ALLOWED_HOSTS=".localhost,127.0.0.1",
    )
    main = nginx.configure(app_port)
    app_url = f"http://127.0.0.1:{app_port}"
    with (
        running(
            make_run_server_command(app_port), env, tmp_path / "uvicorn.log", f"{app_url}/", headers={"Host": HOST}
        ),
        running(nginx.command(main), env, tmp_path / "nginx.log", f"http://127.0.0.1:{nginx.http_port}/"),
        nginx.https() as http,
        httpx.Client(base_url=app_url, headers={"Host": HOST}, trust_env=False, timeout=30) as app,
    ):
        image = http.get("/media/original_images/xinzhou.png")
        assert image.status_code == HTTPStatus.OK
        assert image.content == png
        assert image.headers["content-type"] == "image/png"
        assert image.headers["x-content-type-options"] == "nosniff"
        assert app.get("/media/original_images/xinzhou.png").status_code == HTTPStatus.NOT_FOUND

        stylesheet = http.get("/static/probe.css")
        assert stylesheet.text == ":root { --probe: 1; }"
        assert stylesheet.headers["x-content-type-options"] == "nosniff"

        # Documents are served by the app, which checks their collection's privacy; never straight from disk.
        assert http.get("/media/documents/private.pdf").status_code == HTTPStatus.NOT_FOUND

        home = http.get("/")
        assert home.status_code == HTTPStatus.OK
        assert '<meta name="SiteName" content="上饶市人民政府门户网站">' in home.text

        plain = httpx.get(f"http://127.0.0.1:{nginx.http_port}/xxfb/", headers={"Host": HOST}, trust_env=False)
        assert plain.status_code == HTTPStatus.MOVED_PERMANENTLY
        assert plain.headers["location"] == "https://www.localhost/xxfb/"

        # A WebSocket handshake reaches the app's WebSocket stack, whose origin check refuses a foreign page;
        # had nginx dropped the upgrade, Django would have answered a plain GET with its 404 page.
        handshake = http.get("/ws/probe/", headers={**WEBSOCKET_HANDSHAKE, "Origin": "https://evil.example"})
        assert handshake.status_code == HTTPStatus.FORBIDDEN
        assert handshake.content == b""
        assert http.get("/ws/probe/").status_code == HTTPStatus.NOT_FOUND

        # nginx appends the address it saw, so a forged X-Forwarded-For does not make a new client.
        for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert admin_login(http, "wrong", f"198.51.100.{attempt}").status_code == HTTPStatus.OK
        assert admin_login(http, "wrong", "198.51.100.100").status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_compose__every_application_process_reaches_the_same_engines():
    compose = yaml.safe_load(COMPOSE.read_text())["services"]
    engines = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL")
    app = {name: compose["app"]["environment"][name] for name in engines}
    assert all(app.values())
    for service in ("scheduler", "audits"):
        assert {name: compose[service]["environment"][name] for name in engines} == app
