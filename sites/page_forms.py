"""The admin forms of the cluster's page types, beyond what every page's form checks."""

from django.db.models import Q

from cms.forms import BasePageForm
from sites.enums import ColumnType
from sites.permissions import interpretable_sites, is_cluster_admin

OTHER_PUBLISHER_REFUSAL = "发布机构只能是本网站的主办机构或其下属机构。"
OTHER_POLICY_FILE_REFUSAL = "只能选择本网站或上级单位网站“政策文件”栏目中已发布的文件。"
NOT_AN_INTERPRETATION = "只有“政策解读”栏目中的文章才能选择解读的文件。"


class ArticlePageForm(BasePageForm):
    """An article is published by its site's organisation or one under it; cluster admins may name any.

    A 政策解读 names the policy file it interprets: a live article of a 政策文件 column on one of
    `sites.permissions.interpretable_sites` of the editor.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_interprets()
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

    def _limit_interprets(self) -> None:
        field = self.fields.get("interprets")
        if field is None or self.for_user is None:
            return
        within = Q(pk__in=[])
        for site in interpretable_sites(self.for_user):
            within |= Q(path__startswith=site.root_page.path)
        allowed = Q(within, live=True, column_type=ColumnType.POLICY_FILES)
        # The file the article already names stays, whoever chose it.
        if self.initial.get("interprets") is not None:
            allowed |= Q(pk=self.initial["interprets"])
        field.queryset = field.queryset.filter(allowed).order_by("-pub_date")
        field.label_from_instance = _policy_file_label
        field.empty_label = "（不是政策解读）"
        field.error_messages["invalid_choice"] = OTHER_POLICY_FILE_REFUSAL

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("interprets") is not None and self._column_type() != ColumnType.POLICY_INTERPRETATION:
            self.add_error("interprets", NOT_AN_INTERPRETATION)
        return cleaned_data

    def _column_type(self) -> str:
        if self.instance.pk:
            column = self.instance.get_column()
        else:
            column = self.parent_page.specific.get_column() if self.parent_page else None
        return column.column_type if column else ""


def _policy_file_label(page) -> str:
    return f"{page.title}（{page.document_number}）" if page.document_number else page.title
