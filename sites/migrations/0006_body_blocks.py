import json
import re
import uuid

import wagtail.fields
from django.db import migrations

MODELS = ("articlepage", "columnpage", "topicpage")
BLOCKS = [("rich_text", 0), ("table", 1), ("legacy_html", 2)]
BLOCK_LOOKUP = {
    0: ("cms.blocks.rich_text.SanitizedRichTextBlock", (), {}),
    1: ("cms.blocks.table.GovernmentTableBlock", (), {}),
    2: ("cms.blocks.legacy_html.LegacyHTMLBlock", (), {}),
}
FIELD_OPTIONS = {
    "articlepage": {"help_text": "文章正文：文字、表格，或从旧网站导入的原有格式内容。", "verbose_name": "正文"},
    "columnpage": {
        "blank": True,
        "help_text": "概况信息、机构职能等以正文为主的栏目在此填写；列表类栏目可不填。",
        "verbose_name": "栏目正文",
    },
    "topicpage": {"blank": True, "help_text": "专题的背景介绍，可不填。", "verbose_name": "专题正文"},
}
# Markup the rich-text editor would flatten goes to the legacy block unchanged.
EDITOR_CANNOT_HOLD = re.compile(r"<(table|div|span)\b|\sstyle=", re.IGNORECASE)


def stream_from_html(html):
    if not html:
        return []
    block_type = "legacy_html" if EDITOR_CANNOT_HOLD.search(html) else "rich_text"
    return [{"type": block_type, "value": html, "id": str(uuid.uuid4())}]


def convert(apps, schema_editor):
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model_name in MODELS:
        model = apps.get_model("sites", model_name)
        for page in model.objects.all().only("pk", "old_body"):
            model.objects.filter(pk=page.pk).update(body=json.dumps(stream_from_html(page.old_body)))
        content_type = ContentType.objects.filter(app_label="sites", model=model_name).first()
        if content_type is None:
            continue
        for revision in Revision.objects.filter(content_type=content_type).iterator():
            body = revision.content.get("body")
            if isinstance(body, str) and not body.lstrip().startswith("["):
                revision.content["body"] = json.dumps(stream_from_html(body))
                revision.save(update_fields=["content"])


def operations():
    ops = []
    for model_name in MODELS:
        ops += [
            migrations.RenameField(model_name=model_name, old_name="body", new_name="old_body"),
            migrations.AddField(
                model_name=model_name,
                name="body",
                field=wagtail.fields.StreamField(BLOCKS, block_lookup=BLOCK_LOOKUP, null=True, blank=True),
            ),
        ]
    ops.append(migrations.RunPython(convert, migrations.RunPython.noop))
    for model_name in MODELS:
        ops += [
            migrations.RemoveField(model_name=model_name, name="old_body"),
            migrations.AlterField(
                model_name=model_name,
                name="body",
                field=wagtail.fields.StreamField(BLOCKS, block_lookup=BLOCK_LOOKUP, **FIELD_OPTIONS[model_name]),
            ),
        ]
    return ops


class Migration(migrations.Migration):
    dependencies = [
        ("sites", "0005_site_cache_versions"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = operations()
