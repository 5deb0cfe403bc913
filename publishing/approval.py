"""What an approved workflow does: publish. Imported by `wagtail.models` itself (through the
`WAGTAIL_FINISH_WORKFLOW_ACTION` setting), so this module imports no models."""


def publish_approved(workflow_state, user=None) -> None:
    """Publish the revision every task of the site's workflow approved.

    The approved workflow is the authority to publish: its last approver, the secrecy reviewer,
    needs no publish permission of their own, so giving them none keeps them from publishing
    anything outside the workflow.
    """
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
