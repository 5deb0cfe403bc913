from wagtail import hooks

from publishing.editing import refuse_unconfirmed_secrecy_approval
from publishing.workflows import site_review_tasks

hooks.register("site_review_tasks", site_review_tasks)
hooks.register("before_edit_page", refuse_unconfirmed_secrecy_approval)
