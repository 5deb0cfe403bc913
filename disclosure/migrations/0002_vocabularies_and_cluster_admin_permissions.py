"""The 主题分类 and 体裁分类 vocabularies the catalogue starts with, and the cluster admins' rights over it."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

# The State Council's document subject classification (国务院公文主题词表 一级类目).
THEMES = (
    "综合政务", "国民经济管理", "财政、金融、审计", "国土资源、能源", "农业、林业、水利", "工业、交通",
    "商贸、海关、旅游", "市场监管、安全生产监管", "城乡建设、环境保护", "科技、教育", "文化、广电、新闻出版",
    "卫生、体育", "人口与计划生育、妇女儿童工作", "劳动、人事、监察", "公安、安全、司法", "民政、扶贫、救灾",
    "民族、宗教", "对外事务", "港澳台侨工作", "国防", "其他",
)  # fmt: skip
GENRES = (
    "法规", "规章", "规范性文件", "决定", "命令", "通知", "通告", "公告", "意见", "通报", "报告", "批复", "函",
    "规划", "计划总结", "统计数据", "其他",
)  # fmt: skip
MODELS = ("catalogueentry", "themecategory", "genrecategory", "disclosureguide", "annualreport")


def add_vocabularies_and_permissions(apps, schema_editor):
    ThemeCategory = apps.get_model("disclosure", "ThemeCategory")
    GenreCategory = apps.get_model("disclosure", "GenreCategory")
    for order, name in enumerate(THEMES, start=1):
        ThemeCategory.objects.get_or_create(name=name, defaults={"code": f"{order:02}", "sort_order": order})
    for order, name in enumerate(GENRES, start=1):
        GenreCategory.objects.get_or_create(name=name, defaults={"code": f"{order:02}", "sort_order": order})
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("disclosure")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=settings.CLUSTER_ADMIN_GROUP_NAME).first()
    if group is None:
        return
    codenames = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
    codenames.append("change_cataloguesettings")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="disclosure", codename__in=codenames))


def remove_permissions(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(content_type__app_label="disclosure").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0001_catalogue_requests_reports"),
        ("sites", "0002_cluster_admin_group"),
    ]

    operations = [migrations.RunPython(add_vocabularies_and_permissions, remove_permissions)]
