"""Elasticsearch in docker-compose.yml: one private node every application process reaches as settings read it.

Docker is not needed: the file is read as compose reads it, and the settings are loaded in another
process with the environment compose gives the application.
"""

import json
import re
import subprocess
import sys
from urllib.parse import urlsplit

import elasticsearch
import yaml

from tests.servers import ROOT

COMPOSE = ROOT / "docker-compose.yml"
APPLICATION_PROCESSES = ("app", "scheduler", "audits")
READER = re.compile(r"env_(?:str|bool|int|float|list|required)\(\s*\"([A-Z][A-Z0-9_]*)\"")
SIZE = re.compile(r"^(\d+)([kmg])$", re.IGNORECASE)


def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def megabytes(size: str) -> int:
    number, unit = SIZE.match(str(size)).groups()
    return int(number) * {"k": 1 / 1024, "m": 1, "g": 1024}[unit.lower()]


def java_option(options: str, prefix: str) -> str:
    (value,) = [option.removeprefix(prefix) for option in options.split() if option.startswith(prefix)]
    return value


def settings_read_under(environment: dict[str, str]) -> dict:
    """The search settings the production settings read from `environment` (and nothing else)."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({name: getattr(settings, name) for name in "
        "('SEARCH_ELASTICSEARCH_URL', 'SEARCH_ELASTICSEARCH_INDEX', 'SEARCH_ELASTICSEARCH_REPLICAS')}))"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "PYTHONPATH": str(ROOT),
        **{name: str(value) for name, value in environment.items()},
    }
    result = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_compose__elasticsearch_is_one_private_node_with_its_own_volume_and_memory():
    node = services()["elasticsearch"]
    image, tag = node["image"].rsplit(":", 1)
    assert image == "docker.elastic.co/elasticsearch/elasticsearch"
    # The client speaks to a server of its own major version, of its minor version or later.
    client_major, client_minor = elasticsearch.__versionstr__.split(".")[:2]
    major, minor = tag.split(".")[:2]
    assert major == client_major
    assert int(minor) >= int(client_minor)

    environment = node["environment"]
    assert environment["discovery.type"] == "single-node"
    # Reached only over the project's network: published nowhere, so no TLS or passwords between containers.
    assert "ports" not in node
    assert environment["xpack.security.enabled"] == "false"
    assert environment["ingest.geoip.downloader.enabled"] == "false"

    assert node["volumes"] == ["elasticsearch-data:/usr/share/elasticsearch/data"]
    assert "elasticsearch-data" in yaml.safe_load(COMPOSE.read_text())["volumes"]

    # A fixed heap, locked in memory, at most half of the container's limit (Lucene needs the file cache).
    heap = java_option(environment["ES_JAVA_OPTS"], "-Xmx")
    assert java_option(environment["ES_JAVA_OPTS"], "-Xms") == heap
    assert megabytes(heap) * 2 <= megabytes(node["mem_limit"])
    assert environment["bootstrap.memory_lock"] == "true"
    assert node["ulimits"]["memlock"] == {"soft": -1, "hard": -1}

    check = node["healthcheck"]
    assert check["test"][0] == "CMD"
    assert "http://127.0.0.1:9200/_cluster/health" in " ".join(check["test"])


def test_compose__every_application_process_searches_the_elasticsearch_service_as_settings_read_it():
    compose = services()
    environments = [compose[name]["environment"] for name in APPLICATION_PROCESSES]
    url = environments[0]["ELASTICSEARCH_URL"]
    assert all(environment["ELASTICSEARCH_URL"] == url for environment in environments)
    address = urlsplit(url)
    assert address.scheme == "http"
    assert address.hostname == "elasticsearch"
    assert address.hostname in compose
    assert address.port == 9200
    assert compose["app"]["depends_on"]["elasticsearch"] == {"condition": "service_healthy"}

    # Every variable the shared block names is one the settings read: a misspelt name would be ignored.
    read = set()
    for settings_file in (ROOT / "cms" / "settings").glob("*.py"):
        read |= set(READER.findall(settings_file.read_text()))
    assert {name for name in environments[0] if name.startswith("ELASTICSEARCH_")} <= read

    app = {name: value for name, value in environments[0].items() if name.startswith("ELASTICSEARCH_")}
    read_settings = settings_read_under({"SECRET_KEY": "compose-test", "ALLOWED_HOSTS": "localhost", **app})
    assert read_settings["SEARCH_ELASTICSEARCH_URL"] == url
    # A single node cannot place a replica: with one asked for, every index would stay yellow.
    assert read_settings["SEARCH_ELASTICSEARCH_REPLICAS"] == 0
