"""The admin's bulk actions (publish, delete, move… of pages, images, documents) on the user's own sites only.

Wagtail's confirmation page names every item asked for, listing those the user may not act on
by title, so ids typed into the address, or "all" of a search over the whole tree, would show
another site's drafts, images and documents. Outside the cluster administrators, ids of items the
user may not see are refused, and "all" is narrowed to the items the user may see.
"""

from django.apps import apps
from django.http import Http404
from wagtail.admin.views.bulk_action import index as wagtail_bulk_action
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from sites.choosers import _refusal
from sites.permissions import is_cluster_admin, pages_of_own_sites


def _visible(user, model):
    """The items of `model` this user may see in the admin; None where Wagtail's own checks suffice."""
    if issubclass(model, Page):
        return pages_of_own_sites(user)
    if model in (get_image_model(), get_document_model()):
        return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
            user, ["change", "delete", "choose"]
        )
    return None


def own_sites_bulk_action(request, app_label, model_name, action):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    asked = request.GET.getlist("id")
    if "all" not in asked and not all(pk.isdigit() for pk in asked):
        return _refusal(request)
    visible = None if is_cluster_admin(request.user) else _visible(request.user, model)
    if visible is None:
        return wagtail_bulk_action(request, app_label, model_name, action)
    if "all" in asked:
        listed = action_class(request, model).get_all_objects_in_listing_query(request.GET.get("childOf"))
        query = request.GET.copy()
        query.setlist(
            "id",
            [
                str(pk)
                for pk in visible.filter(pk__in=[getattr(item, "pk", item) for item in listed]).values_list(
                    "pk", flat=True
                )
            ],
        )
        request.GET = query
    elif visible.filter(pk__in=[int(pk) for pk in asked]).count() != len(set(asked)):
        return _refusal(request)
    return wagtail_bulk_action(request, app_label, model_name, action)
