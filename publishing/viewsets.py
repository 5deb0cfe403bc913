from wagtail.admin.viewsets.model import ModelViewSet

from publishing.models import WordRule


class WordRuleViewSet(ModelViewSet):
    """The 错敏词 list that cluster administrators keep; checked on submitting and publishing."""

    model = WordRule
    icon = "warning"
    menu_label = "错敏词"
    add_to_settings_menu = True
    form_fields = ["word", "level", "suggestion"]
    list_display = ["word", "level", "suggestion"]
    list_filter = ["level"]
    search_fields = ["word"]


word_rule_viewset = WordRuleViewSet("word_rules")
