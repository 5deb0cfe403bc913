"""The demo passes its own audit, and `seed_demo --with-faults` plants faults found there and nowhere else."""

import pytest
from wagtail.models import Site

from audits.demo import FAULTS, audit_in_process, plant_faults
from audits.enums import CheckCode

pytestmark = pytest.mark.django_db

PLANTED_CODES = {code for _fault, codes, _plant in FAULTS.values() for code in codes}


def found_codes(run) -> dict[str, set[str]]:
    return {
        assessment.site.hostname.split(".")[0]: set(
            assessment.findings.filter(check_code__in=PLANTED_CODES).values_list("check_code", flat=True)
        )
        for assessment in run.assessments.select_related("site")
    }


def test_demo__every_site_passes_its_own_audit_without_the_planted_kinds_of_fault():
    run = audit_in_process(list(Site.objects.select_related("root_page").order_by("pk")))
    assert run.assessments.count() == Site.objects.count()
    assert not run.assessments.filter(vetoed=True).exists()
    assert {label: codes for label, codes in found_codes(run).items() if codes} == {}


def test_with_faults__each_fault_is_found_on_its_site_and_nowhere_else(settings):
    settings.AUDITS_AUDIT_ON_SEED = True
    run = plant_faults(list(Site.objects.select_related("root_page").order_by("pk")))
    found = found_codes(run)
    for label, (fault, codes, _plant) in FAULTS.items():
        assert found.pop(label) == codes, fault
    assert {label: codes for label, codes in found.items() if codes} == {}
    assert not run.assessments.filter(vetoed=True).exists()
    assert CheckCode.DEAD_LINK in found_codes(run)["www"]
