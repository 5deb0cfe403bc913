"""The 2019 national indicator set and the 网站考核员 group (assessors: every site's results, read only)."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

from audits import defaults

ASSESSOR_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("audits", "view_all_sites"),
    ("audits", "view_auditrun"),
    ("audits", "view_siteassessment"),
    ("audits", "view_finding"),
    ("audits", "add_dismissal"),
    ("audits", "view_dismissal"),
    ("audits", "add_indicatorset"),
    ("audits", "change_indicatorset"),
    ("audits", "view_indicatorset"),
    ("audits", "add_assessorscore"),
    ("audits", "view_assessorscore"),
)


def install_defaults(apps, schema_editor):
    IndicatorSet = apps.get_model("audits", "IndicatorSet")
    ColumnRule = apps.get_model("audits", "ColumnRule")
    Indicator = apps.get_model("audits", "Indicator")
    if not IndicatorSet.objects.filter(name=defaults.NAME).exists():
        indicator_set = IndicatorSet.objects.create(
            name=defaults.NAME,
            description=defaults.DESCRIPTION,
            is_default=True,
            home_stale_working_days=defaults.HOME_STALE_WORKING_DAYS,
        )
        for column_type, stale_after, may_be_blank in defaults.COLUMN_RULES:
            ColumnRule.objects.create(
                indicator_set=indicator_set,
                column_type=column_type, stale_after_working_days=stale_after, may_be_blank=may_be_blank
            )
        for order, (code, name, kind, check_codes, threshold, per_finding, max_points, rule) in enumerate(
            defaults.INDICATORS
        ):
            Indicator.objects.create(
                indicator_set=indicator_set,
                code=code,
                name=name,
                kind=kind,
                check_codes=check_codes,
                threshold=threshold,
                points_per_finding=defaults.as_decimal(per_finding),
                max_points=defaults.as_decimal(max_points),
                rule=rule,
                sort_order=order,
            )
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=settings.AUDITS_ASSESSOR_GROUP_NAME)
    group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in ASSESSOR_PERMISSIONS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    # Going back keeps the rows: runs and assessors' scores refer to them.
    operations = [migrations.RunPython(install_defaults, migrations.RunPython.noop)]
