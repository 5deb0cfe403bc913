"""Loading the Organisation tree from a division list and a table of departments."""

from dataclasses import dataclass

from sites.divisions import Division, current_division_code
from sites.enums import OrganisationKind
from sites.models import Organisation

DIVISION_KINDS = {
    "city": OrganisationKind.CITY,
    "district": OrganisationKind.DISTRICT,
    "county": OrganisationKind.COUNTY,
    "county-level city": OrganisationKind.COUNTY_LEVEL_CITY,
}


@dataclass(frozen=True)
class DepartmentSpec:
    name: str
    short_name: str
    slug: str
    kind: str = OrganisationKind.DEPARTMENT


def government_full_name(division: Division) -> str:
    return f"{division.name}人民政府"


def load_divisions(divisions: list[Division]) -> dict[str, Organisation]:
    """Create the government Organisation of each division that has none; returns them all by code.

    An organisation found by its code is left as it is: administrators may have renamed it since.
    """
    by_code: dict[str, Organisation] = {}
    for order, division in enumerate(divisions):
        code = current_division_code(division.code)
        organisation, _ = Organisation.objects.get_or_create(
            code=code,
            defaults={
                "name": government_full_name(division),
                "short_name": division.name,
                "kind": DIVISION_KINDS[division.kind],
                "division_code": code,
                "parent": by_code.get(current_division_code(division.parent_code)) if division.parent_code else None,
                "slug": division.slug,
                "sort_order": order,
            },
        )
        by_code[code] = organisation
    return by_code


def ensure_department(government: Organisation, spec: DepartmentSpec, sort_order: int = 0) -> Organisation:
    """Find or create a department of `government`; its code is the division code and its slug.

    A department found by its code is left as it is: administrators may have renamed it since.
    """
    organisation, _ = Organisation.objects.get_or_create(
        code=f"{government.division_code}-{spec.slug}",
        defaults={
            "name": spec.name,
            "short_name": spec.short_name,
            "kind": spec.kind,
            "division_code": government.division_code,
            "parent": government,
            "slug": spec.slug,
            "sort_order": sort_order,
        },
    )
    return organisation
