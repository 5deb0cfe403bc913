"""No 500 for any input: hostile strings into every public URL, query string, form and JSON API.

Strings are percent-encoded from arbitrary bytes (so invalid UTF-8, NUL and lone surrogates reach
the server as a browser or a scanner would send them), besides a list of known troublemakers.
"""

import json
import re
from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.documents import get_document_model
from wagtail.models import Site

from disclosure.models import DisclosurePage
from interviews.models import InterviewPage
from sites.models import ArticlePage, ColumnPage

pytestmark = pytest.mark.django_db
HOST = "www.localhost"

TROUBLEMAKERS = [
    "\x00", "\ud800", "\udfff", "%", "%00", "%ff%fe", "%c0%af", "..", "../../etc/passwd", "//", "\\", "\r\n",
    "²", "¹²", "١٢", "１２", "-1", "0", "9" * 40, "1e309", "NaN", "Infinity", "0x10", " 3", "3 ", "+3",
    "<script>alert(1)</script>", "' OR 1=1--", "{{7*7}}", "${jndi:ldap://x}", "\u202e", "\ufeff", "😀",
    "a" * 70_000, "上饶" * 5_000, "[]", "{}", "null", "true",
]  # fmt: skip

# Text with every code point, surrogates included, and raw bytes read as Latin-1.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)
hostile_text = st.one_of(
    st.sampled_from(TROUBLEMAKERS), any_text, st.binary(max_size=200).map(lambda raw: raw.decode("latin-1"))
)
hostile_bytes = st.one_of(
    hostile_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
)
PARAMETER_NAMES = [
    "page", "after", "before", "limit", "q", "asked", "id", "next", "format", "lang", "site", "scope", "kind",
    "org", "year", "column_type", "sort", "genre", "theme", "validity", "print", "set",
]  # fmt: skip

fuzz = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def encoded(raw: bytes) -> str:
    return quote(raw, safe="")


def query_string(pairs: list[tuple[str, bytes]]) -> str:
    return "&".join(f"{encoded(name.encode())}={encoded(value)}" for name, value in pairs)


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what} answered {response.status_code}"


@pytest.fixture
def public_paths(settings, tmp_path) -> list[str]:
    settings.MEDIA_ROOT = tmp_path
    site = Site.objects.get(is_default_site=True)
    article, column, interview = (
        model.objects.live().descendant_of(site.root_page).first() for model in (ArticlePage, ColumnPage, InterviewPage)
    )
    document = get_document_model().objects.create(title="公告", file=ContentFile(b"%PDF-1.4", name="notice.pdf"))
    paths = [
        "/",
        article.relative_url(site),
        column.relative_url(site),
        "/robots.txt",
        "/sitemap.xml",
        "/site.css",
        document.url,
    ]
    if interview is not None:
        paths += [
            interview.relative_url(site),
            reverse("interviews:events", args=[interview.pk]),
            reverse("interviews:messages", args=[interview.pk]),
        ]
    paths += ["/search/", "/api/search/", "/api/search/suggest/", "/api/disclosure/entries/", "/feeds/"]
    paths.append(f"/feeds/{column.pk}/")
    disclosure = DisclosurePage.objects.live().descendant_of(site.root_page).first()
    if disclosure is not None:
        root = disclosure.relative_url(site)
        paths += [root, f"{root}guide/", f"{root}reports/", f"{root}apply/", f"{root}status/"]
    return [path for path in paths if path]


@pytest.fixture
def http():
    # Exceptions surface as test errors with their traceback, as a 500 would hide them.
    return Client(HTTP_HOST=HOST)


@fuzz
@given(data=st.data())
def test_public_urls__hostile_query_strings_never_answer_500(http, public_paths, data):
    path = data.draw(st.sampled_from(public_paths))
    names = st.one_of(st.sampled_from(PARAMETER_NAMES), hostile_text)
    pairs = data.draw(st.lists(st.tuples(names, hostile_bytes), min_size=1, max_size=4))
    pairs = [(name.encode("utf-8", "surrogatepass").decode("latin-1"), value) for name, value in pairs]
    url = f"{path}?{query_string(pairs)}"
    assert_no_server_error(http.get(url), url)


@fuzz
@given(data=st.data())
def test_public_urls__hostile_paths_never_answer_500(http, public_paths, data):
    base = data.draw(st.sampled_from(public_paths))
    segments = data.draw(st.lists(hostile_bytes, min_size=1, max_size=3))
    url = base.rstrip("/") + "/" + "/".join(encoded(segment) for segment in segments) + "/"
    assert_no_server_error(http.get(url), url)


@fuzz
@given(host=hostile_text)
def test_any_host_header__never_answers_500(http, host):
    response = http.get("/", HTTP_HOST=host.encode("utf-8", "surrogatepass").decode("latin-1"))
    assert_no_server_error(response, repr(host))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(hostile_text, children, max_size=3),
    max_leaves=8,
)


@fuzz
@given(
    body=st.one_of(
        st.dictionaries(st.sampled_from(["nickname", "text", "contact", "extra"]), hostile_text, max_size=4).map(
            lambda data: json.dumps(data).encode()
        ),
        JSON_VALUES.map(lambda value: json.dumps(value).encode()),
        hostile_bytes,
    ),
    content_type=st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded", "😀/x"]),
)
def test_question_api__hostile_bodies_never_answer_500(http, body, content_type):
    interview = InterviewPage.objects.live().descendant_of(Site.objects.get(is_default_site=True).root_page).first()
    if interview is None:
        pytest.skip("the demo has no live interview")
    response = http.post(reverse("interviews:questions", args=[interview.pk]), body, content_type=content_type)
    assert_no_server_error(response, repr(body[:80]))


@fuzz
@given(username=hostile_text, password=hostile_text, token=hostile_text)
def test_admin_login__hostile_fields_never_answer_500(http, username, password, token):
    def clean(text: str) -> str:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")

    body = query_string([("username", username.encode("utf-8", "surrogatepass")),
                         ("password", password.encode("utf-8", "surrogatepass")),
                         ("otp_token", token.encode("utf-8", "surrogatepass"))])  # fmt: skip
    response = http.post(reverse("wagtailadmin_login"), body, content_type="application/x-www-form-urlencoded")
    assert_no_server_error(response, repr((clean(username)[:40], clean(password)[:40])))


def test_error_pages__are_chinese(http, settings):
    settings.DEBUG = False
    missing = http.get("/no-such-page-xyz/")
    assert missing.status_code == 404
    assert "您访问的页面不存在" in missing.content.decode()
    bad = http.get("/", HTTP_HOST="bad host\x00")
    assert bad.status_code == 400
    assert "请求无效" in bad.content.decode()
    server_error = defaults.server_error(RequestFactory().get("/"))
    assert "服务暂时不可用" in server_error.content.decode()
    forbidden = defaults.permission_denied(RequestFactory().get("/"), PermissionDenied())
    assert "无权访问" in forbidden.content.decode()


def test_a_form_posted_without_its_csrf_cookie__answers_a_chinese_403():
    interview = InterviewPage.objects.live().descendant_of(Site.objects.get(is_default_site=True).root_page).first()
    strict = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    response = strict.post(interview.relative_url(Site.objects.get(is_default_site=True)), {"text": "你好"})
    assert response.status_code == 403
    assert "页面已过期，请刷新后重新提交" in response.content.decode()


@pytest.mark.parametrize("value", TROUBLEMAKERS, ids=range(len(TROUBLEMAKERS)))
def test_public_urls__every_known_troublemaker_in_every_parameter_answers_below_500(http, public_paths, value):
    raw = value.encode("utf-8", "surrogatepass")
    for path in public_paths:
        url = f"{path}?{query_string([(name, raw) for name in PARAMETER_NAMES])}"
        assert_no_server_error(http.get(url), url)
        url = f"{path.rstrip('/')}/{encoded(raw)}/"
        assert_no_server_error(http.get(url), url)


def test_public_urls__ids_no_row_can_have_answer_404(http, public_paths):
    with_ids = [path for path in public_paths if re.search(r"/\d+/", path)]
    assert with_ids  # feeds, documents and the interview API take ids
    for path in with_ids:
        for impossible in ("0", "2147483648", "9" * 40):
            url = re.sub(r"/\d+/", f"/{impossible}/", path, count=1)
            assert http.get(url).status_code == 404, url


@fuzz
@given(fields=st.dictionaries(st.sampled_from(["nickname", "text", "contact", "csrfmiddlewaretoken"]), hostile_bytes))
def test_interview_page_question_form__hostile_fields_never_answer_500(http, public_paths, fields):
    site = Site.objects.get(is_default_site=True)
    interview = InterviewPage.objects.live().descendant_of(site.root_page).first()
    if interview is None:
        pytest.skip("the demo has no live interview on the city portal")
    body = query_string(list(fields.items()))
    response = http.post(interview.relative_url(site), body, content_type="application/x-www-form-urlencoded")
    assert_no_server_error(response, body[:200])


@fuzz
@given(data=st.data())
def test_public_urls__hostile_post_bodies_never_answer_500(http, public_paths, data):
    path = data.draw(st.sampled_from(public_paths))
    body = data.draw(hostile_bytes)
    content_type = data.draw(st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data", "text/xml"]))
    assert_no_server_error(http.post(path, body, content_type=content_type), f"POST {path}")


DISCLOSURE_FIELDS = [
    "organisation", "applicant_type", "name", "contact_person", "id_type", "id_number", "phone", "email",
    "address", "description", "delivery", "token", "tracking_code",
]  # fmt: skip


@fuzz
@given(
    form=st.sampled_from(["apply/", "status/"]),
    fields=st.dictionaries(st.sampled_from(DISCLOSURE_FIELDS), hostile_bytes, max_size=len(DISCLOSURE_FIELDS)),
)
def test_disclosure_forms__hostile_fields_never_answer_500(http, form, fields):
    site = Site.objects.get(is_default_site=True)
    disclosure = DisclosurePage.objects.live().descendant_of(site.root_page).first()
    if disclosure is None:
        pytest.skip("the demo has no 政府信息公开 page on the city portal")
    body = query_string(list(fields.items()))
    url = f"{disclosure.relative_url(site)}{form}"
    response = http.post(url, body, content_type="application/x-www-form-urlencoded")
    assert_no_server_error(response, f"POST {url} {body[:200]}")
