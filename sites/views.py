from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from sites.blueprints import provision_site
from sites.forms import ProvisionSiteForm


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt for whichever site answers: crawl the public pages, not the admin; here is the sitemap."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in settings.ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class ProvisionSiteView(WagtailAdminTemplateMixin, FormView):
    """开设网站: the admin form over `provision_site`, for those who may add sites."""

    form_class = ProvisionSiteForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = "开设网站"
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailcore.add_site"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("sites_provision")
        context["submit_button_label"] = "开设网站"
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        report = provision_site(
            data["organisation"],
            data["hostname"],
            data["blueprint"] or None,
            port=data["port"],
            site_name=data["site_name"] or None,
        )
        verb = "已开设" if report.created_site else "已存在，已补齐栏目、用户组和审核流程"
        messages.success(self.request, f"{report.site.site_name}（{report.site.root_url}）{verb}。")
        return redirect("wagtailadmin_explore", report.site.root_page_id)
