"""A site's branding colours keep its header, navigation and highlights readable (WCAG 1.4.3 AA)."""

import pytest
from django.core.exceptions import ValidationError

from sites.models import SiteProfile
from sites.validators import contrast_ratio

pytestmark = pytest.mark.django_db


def test_contrast_ratio__follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    ("field", "colour", "message"),
    [("primary_colour", "#f48fb1", "主色太浅"), ("accent_colour", "#5d4037", "辅色太深")],
)
def test_profile__refuses_colours_that_make_text_unreadable(field, colour, message):
    profile = SiteProfile.objects.get(site__hostname="www.localhost")
    setattr(profile, field, colour)
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert message in refused.value.message_dict[field][0]


def test_every_demo_site__has_readable_colours():
    for profile in SiteProfile.objects.all():
        profile.full_clean()
