"""The admin forms of the cluster's page types, beyond what every page's form checks."""

from django.db.models import Q

from cms.forms import BasePageForm
from sites.permissions import is_cluster_admin

OTHER_PUBLISHER_REFUSAL = "发布机构只能是本网站的主办机构或其下属机构。"


class ArticlePageForm(BasePageForm):
    """An article is published by its site's organisation or one under it; cluster admins may name any."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("organisation")
        if field is None or self.for_user is None or is_cluster_admin(self.for_user):
            return
        site = self.parent_page.get_site() if self.parent_page else None
        publishers = Q(pk__in=self.instance.publishers_on(site))
        # The publisher the article already names stays, whoever chose it.
        if self.initial.get("organisation") is not None:
            publishers |= Q(pk=self.initial["organisation"])
        field.queryset = field.queryset.filter(publishers)
        field.error_messages["invalid_choice"] = OTHER_PUBLISHER_REFUSAL
