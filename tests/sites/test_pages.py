"""Pages as citizens get them: the right site for each Host header, its theme, footer and meta tags."""

import re
from http import HTTPStatus

import pytest
from django.core.cache import cache
from wagtail.models import Site

from sites.models import ArticlePage, ColumnPage, LeaderPage, ServiceGuidePage, SiteProfile, TopicPage

pytestmark = pytest.mark.django_db

KINDS_OF_SITE = ["www.localhost", "xinzhou.localhost", "jyj.localhost"]


def meta(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta name="([A-Za-z]+)" content="([^"]*)">', html))


def get(client, host: str, path: str = "/"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == HTTPStatus.OK, (host, path, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize(
    ("host", "site_name"),
    [
        ("www.localhost", "上饶市人民政府门户网站"),
        ("xinzhou.localhost", "信州区人民政府门户网站"),
        ("dexing.localhost", "德兴市人民政府门户网站"),
        ("jyj.localhost", "上饶市教育局"),
        ("xinzhou.localhost:8000", "信州区人民政府门户网站"),
        ("unknown.example.org", "上饶市人民政府门户网站"),
    ],
)
def test_host_header__selects_the_site(client, host, site_name):
    html = get(client, host)
    assert meta(html)["SiteName"] == site_name


def test_every_demo_site__answers_with_its_own_name_and_theme(client):
    for site in Site.objects.all():
        profile = SiteProfile.for_site(site)
        html = get(client, site.hostname)
        assert f'<span class="brand-name">{site.site_name}</span>' in html
        assert f'class="theme-{profile.theme}"' in html
        assert f"themes/css/{profile.theme}.css" in html
        colours = f"{profile.primary_colour[1:]}{profile.accent_colour[1:]}"
        assert f'<link rel="stylesheet" href="/site.css?v={colours}">' in html
        css = client.get("/site.css", HTTP_HOST=site.hostname).content.decode()
        assert f"--primary: {profile.primary_colour};" in css


@pytest.mark.parametrize("host", KINDS_OF_SITE)
def test_footer__carries_the_codes_the_rules_require(client, host):
    profile = SiteProfile.for_site(Site.objects.get(hostname=host))
    html = get(client, host)
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'alt="党政机关"' in footer
    assert "bszs.conac.cn" in footer
    assert f"网站标识码：{profile.site_code}" in footer
    assert f'href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">{profile.icp_number}</a>' in footer
    assert re.search(r"赣ICP备\d{8}号", footer)
    assert re.search(r"赣公网安备 \d{14}号", footer)
    assert f"主办单位：{profile.sponsor}" in footer
    assert profile.phone in footer


@pytest.mark.parametrize("host", KINDS_OF_SITE)
def test_meta_tags__site_column_and_article_levels(client, host):
    site = Site.objects.get(hostname=host)
    profile = SiteProfile.for_site(site)
    home_tags = meta(get(client, host))
    assert home_tags["SiteName"] == site.site_name
    assert home_tags["SiteDomain"] == host
    assert home_tags["SiteIDCode"] == profile.site_code
    assert "ColumnName" not in home_tags

    column_tags = meta(get(client, host, "/xxfb/zwdt/"))
    assert column_tags["ColumnName"] == "政务动态"
    assert column_tags["ColumnType"] == "动态要闻"

    article = ArticlePage.objects.live().descendant_of(site.root_page).filter(column_type="news").first()
    article_tags = meta(get(client, host, article.relative_url(site)))
    assert article_tags["ArticleTitle"] == article.title
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", article_tags["PubDate"])
    assert article_tags["ContentSource"] == article.source
    assert article_tags["ColumnName"] == "政务动态"


def test_pub_date__is_beijing_time(client):
    plan = ArticlePage.objects.get(document_number="饶府厅字〔2012〕39号")
    tags = meta(get(client, "www.localhost", plan.relative_url(Site.objects.get(hostname="www.localhost"))))
    assert tags["PubDate"] == "2012-03-26 09:00"


def test_navigation__lists_only_the_sites_own_columns(client):
    html = get(client, "xinzhou.localhost", "/xxfb/")
    start = html.index('<nav class="site-nav"')
    nav = html[start : html.index("</nav>", start)]
    titles = re.findall(r">([^<>]+)</a>", nav)
    # Columns, then other apps' top-level pages shown in menus (the 政府信息公开 platform).
    assert titles == [
        "首页",
        "信息发布",
        "政务公开",
        "解读回应",
        "办事服务",
        "互动交流",
        "在线访谈",
        "专题专栏",
        "政府信息公开",
    ]
    assert '<a href="/xxfb/" aria-current="page">' in nav
    assert "localhost" not in nav


def test_breadcrumbs__lead_from_home_to_the_page(client):
    site = Site.objects.get(hostname="xinzhou.localhost")
    article = ArticlePage.objects.live().descendant_of(site.root_page).filter(column_type="news").first()
    html = get(client, "xinzhou.localhost", article.relative_url(site))
    start = html.index("<ol>", html.index('<nav class="breadcrumbs'))
    crumbs = html[start : html.index("</ol>", start)]
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["首页", "信息发布", "政务动态", article.title]


def test_city_home__links_every_county_portal_and_department_site(client):
    html = get(client, "www.localhost")
    cluster = html[html.index('<section class="cluster-nav"') :]
    for site in Site.objects.exclude(hostname="www.localhost"):
        assert f'href="{site.root_url}"' in cluster, site.hostname
    assert "县（市、区）政府网站" in cluster
    assert "部门网站" in cluster


def test_county_home__links_up_to_the_city_portal(client):
    html = get(client, "xinzhou.localhost")
    cluster = html[html.index('<section class="cluster-nav"') :]
    assert "上级门户" in cluster
    assert 'href="http://www.localhost"' in cluster


@pytest.mark.parametrize("host", KINDS_OF_SITE)
def test_each_page_type__renders(client, host):
    site = Site.objects.get(hostname=host)
    for model in (ColumnPage, ArticlePage, ServiceGuidePage, LeaderPage):
        page = model.objects.live().descendant_of(site.root_page).first()
        html = get(client, host, page.relative_url(site))
        assert page.title in html


def test_topic_page__lists_its_articles(client):
    site = Site.objects.get(hostname="www.localhost")
    topic = TopicPage.objects.live().descendant_of(site.root_page).first()
    html = get(client, "www.localhost", topic.relative_url(site))
    assert topic.intro in html
    assert ArticlePage.objects.child_of(topic).first().title in html


def test_leader_page__shows_photo_cv_and_duties(client):
    site = Site.objects.get(hostname="www.localhost")
    leader = LeaderPage.objects.live().descendant_of(site.root_page).first()
    html = get(client, "www.localhost", leader.relative_url(site))
    assert "<h2>简历</h2>" in html
    assert "<h2>工作分工</h2>" in html
    assert re.search(r'<img alt="[^"]+" class="leader-photo"[^>]+src="/media/images/[^"]+\.png"', html)


def test_service_guide__shows_every_key_element(client):
    site = Site.objects.get(hostname="yushan.localhost")
    guide = ServiceGuidePage.objects.live().descendant_of(site.root_page).first()
    html = get(client, "yushan.localhost", guide.relative_url(site))
    for label in ("事项名称", "设定依据", "申请条件", "办理材料", "办理流程", "办理时限", "收费标准", "咨询电话"):
        assert f"<dt>{label}</dt>" in html


def test_column_listing__is_newest_first_and_paginated(client):
    site = Site.objects.get(hostname="www.localhost")
    html = get(client, "www.localhost", "/xxfb/zwdt/")
    dates = re.findall(r'<time datetime="[^"]+">(\d{4}-\d{2}-\d{2})</time>', html)
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == ArticlePage.objects.live().descendant_of(site.root_page).filter(column_type="news").count()
    assert get(client, "www.localhost", "/xxfb/zwdt/?page=abc")


def test_unknown_path__is_a_404_in_chinese(client):
    response = client.get("/no-such-column/", HTTP_HOST="xinzhou.localhost")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_pages__declare_chinese_and_are_responsive(client):
    html = get(client, "www.localhost")
    assert '<html lang="zh-Hans">' in html
    assert 'name="viewport"' in html


def test_routing__an_unpublished_page_is_not_served(client):
    site = Site.objects.get(hostname="xinzhou.localhost")
    article = ArticlePage.objects.live().descendant_of(site.root_page).filter(column_type="news").first()
    url = article.relative_url(site)
    assert client.get(url, HTTP_HOST="xinzhou.localhost").status_code == HTTPStatus.OK
    article.unpublish()
    assert client.get(url, HTTP_HOST="xinzhou.localhost").status_code == HTTPStatus.NOT_FOUND


def test_routing__the_same_path_on_two_sites_finds_each_sites_own_page(client):
    for host in ("xinzhou.localhost", "guangfeng.localhost"):
        html = get(client, host, "/xxfb/gkxx/")
        assert meta(html)["SiteDomain"] == host
        assert Site.objects.get(hostname=host).root_page.specific.title in html


def test_routing__reaches_an_article_inside_a_topic_inside_a_column(client):
    site = Site.objects.get(hostname="www.localhost")
    topic = TopicPage.objects.live().descendant_of(site.root_page).first()
    article = ArticlePage.objects.child_of(topic).get()
    html = get(client, "www.localhost", article.relative_url(site))
    assert meta(html)["ArticleTitle"] == article.title
    assert meta(html)["ColumnName"] == "专题专栏"


@pytest.mark.parametrize("host", KINDS_OF_SITE)
def test_query_budget__every_page_type_stays_within_20_queries(client, host, django_assert_max_num_queries):
    site = Site.objects.get(hostname=host)
    paths = ["/", "/xxfb/", "/xxfb/zwdt/", "/xxfb/fzrxx/", "/bsfw/"]
    for model in (ArticlePage, ServiceGuidePage, LeaderPage):
        paths.append(model.objects.live().descendant_of(site.root_page).first().relative_url(site))
    for path in paths:
        client.get(path, HTTP_HOST=host)  # one-off work such as image renditions is not a page's cost
        cache.clear()
        with django_assert_max_num_queries(20):
            assert client.get(path, HTTP_HOST=host).status_code == HTTPStatus.OK


def test_not_found__is_shown_inside_the_sites_own_theme(client):
    response = client.get("/no-such-page/", HTTP_HOST="xinzhou.localhost")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "您访问的页面不存在" in html
    assert '<span class="brand-name">信州区人民政府门户网站</span>' in html
    assert 'class="theme-county"' in html
    assert "网站标识码：3611020001" in html
