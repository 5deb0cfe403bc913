"""Demo data of 信息报送 and 错敏词, and demo secrecy reviewers (`<site>_secrecy`) beside the demo
editors and reviewers. Only what is missing is added."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from publishing.enums import SubmissionStatus, WordLevel
from publishing.models import Submission, WordRule
from publishing.workflows import secrecy_group_of
from sites.demo.seed import DEMO_ACCOUNT_SITES, DEMO_PASSWORD
from sites.enums import ColumnType
from sites.models import ArticlePage, ColumnPage, SiteProfile

# Examples of what administrators list: outdated names of bodies and a wrong form of a title.
WORD_RULES = (
    ("农业局", WordLevel.WARN, "农业农村局"),
    ("国土资源局", WordLevel.WARN, "自然资源局"),
    ("县委付书记", WordLevel.BLOCK, "县委副书记"),
)
CITY_CODE = "361100"
# County portals whose latest news the city portal's 区县动态 took.
DEMO_SUBMITTING_CODES = ("361102", "361103")
COUNTY_NEWS_COLUMN_SLUG = "qxdt"


def seed_demo(sites: list[Site]) -> None:
    for word, level, suggestion in WORD_RULES:
        WordRule.objects.get_or_create(word=word, defaults={"level": level, "suggestion": suggestion})
    city = _profile(CITY_CODE)
    column = _county_news_column(city) if city else None
    for code in DEMO_SUBMITTING_CODES if column else ():
        _seed_submission(code, city, column)
    if settings.DEMO_USERS_ALLOWED:
        _seed_secrecy_reviewers()


def _profile(code: str) -> SiteProfile | None:
    return SiteProfile.objects.filter(organisation__code=code).select_related("site__root_page").order_by("pk").first()


def _county_news_column(city: SiteProfile) -> ColumnPage | None:
    """区县动态, the city blueprint's column for what the counties submit."""
    return ColumnPage.objects.live().descendant_of(city.site.root_page).filter(slug=COUNTY_NEWS_COLUMN_SLUG).first()


def _seed_submission(origin_code: str, target: SiteProfile, column: ColumnPage) -> None:
    origin = _profile(origin_code)
    if origin is None:
        return
    article = (
        ArticlePage.objects.live()
        .descendant_of(origin.site.root_page)
        .filter(column_type=ColumnType.NEWS)
        .order_by("-pub_date")
        .first()
    )
    if article is None or Submission.objects.filter(article=article).exists():
        return
    Submission.objects.create(
        article=article,
        column=column,
        origin_site=origin.site,
        target_site=target.site,
        organisation=article.organisation or origin.organisation,
        status=SubmissionStatus.ACCEPTED,
        decided_at=timezone.now(),
    )


def _seed_secrecy_reviewers() -> None:
    user_model = get_user_model()
    for label, code in DEMO_ACCOUNT_SITES:
        profile = _profile(code)
        group = secrecy_group_of(profile.site) if profile else None
        username = f"{label}_secrecy"
        if group is None or user_model.objects.filter(username=username).exists():
            continue
        user = user_model(username=username, first_name=f"{profile.site.site_name}保密审查")
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(group)
