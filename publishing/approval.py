"""What an approved workflow does: publish. Imported by `wagtail.models` itself (through the
`WAGTAIL_FINISH_WORKFLOW_ACTION` setting), so this module imports no models."""


def publish_approved(workflow_state, user=None) -> None:
    """Publish the revision every task of the site's workflow approved.

    The approved workflow is the authority to publish: its last approver, the secrecy reviewer,
    needs no publish permission of their own, so giving them none keeps them from publishing
    anything outside the workflow. A word listed as blocked stops it here too, whichever
    workflow led to it, and so does an image without alternative text (its description may have
    been cleared in the image library since the page was submitted).
    """
    from django.core.exceptions import PermissionDenied

    from cms.alt_text import page_missing_alt_text
    from publishing.words import check_texts, page_texts

    revision = workflow_state.content_object.get_latest_revision()
    page = revision.as_object()
    words = check_texts(page_texts(page))
    if words.blocked:
        # The approval this finishes is rolled back with it: nothing is half-done.
        raise PermissionDenied(words.refusal())
    if problems := page_missing_alt_text(page):
        raise PermissionDenied("".join(problems))
    revision.publish(user=user, skip_permission_checks=True)
