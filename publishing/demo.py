"""Demo secrecy reviewers (`<site>_secrecy`) beside the demo editors and reviewers; only what is missing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Site

from publishing.workflows import secrecy_group_of
from sites.demo.seed import DEMO_ACCOUNT_SITES, DEMO_PASSWORD
from sites.models import SiteProfile


def seed_demo(sites: list[Site]) -> None:
    if not settings.DEMO_USERS_ALLOWED:
        return
    user_model = get_user_model()
    for label, code in DEMO_ACCOUNT_SITES:
        profile = SiteProfile.objects.filter(organisation__code=code).select_related("site").order_by("pk").first()
        group = secrecy_group_of(profile.site) if profile else None
        username = f"{label}_secrecy"
        if group is None or user_model.objects.filter(username=username).exists():
            continue
        user = user_model(username=username, first_name=f"{profile.site.site_name}保密审查")
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(group)
