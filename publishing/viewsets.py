from wagtail.admin.viewsets.model import ModelViewSet

from publishing.models import SiteMode, WordRule


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


class SiteModeViewSet(ModelViewSet):
    """Emergency notices and 全站变灰, switched on by cluster administrators for a site or all of them."""

    model = SiteMode
    icon = "warning"
    menu_label = "应急与哀悼模式"
    add_to_settings_menu = True
    form_fields = ["kind", "site", "message", "link", "starts_at", "ends_at"]
    list_display = ["__str__", "message", "starts_at", "ends_at"]
    list_filter = ["kind"]


site_mode_viewset = SiteModeViewSet("site_modes")
