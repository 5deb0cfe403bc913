from wagtail.admin.viewsets.model import ModelViewSet

from interviews.models import SensitiveWord


class SensitiveWordViewSet(ModelViewSet):
    """The sensitive-word list cluster administrators keep for citizens' questions."""

    model = SensitiveWord
    icon = "warning"
    menu_label = "敏感词"
    add_to_settings_menu = True
    form_fields = ["word"]
    list_display = ["word"]
    search_fields = ["word"]


sensitive_word_viewset = SensitiveWordViewSet("sensitive_words")
