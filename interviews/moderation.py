"""Citizens' questions: asked, checked for sensitive words, moderated, merged and answered.

A question is public only once a moderator approves it; its contact never is. Staff see every
step of every moderator live on the console stream.
"""

from django.db import transaction
from django.utils import timezone

from interviews.broadcasting import broadcast_of, post_message
from interviews.enums import BroadcastStatus, MessageKind, QuestionStatus, Stream
from interviews.errors import InterviewError
from interviews.events import record_event, rewrite_history
from interviews.models import InterviewGuest, InterviewPage, Message, Question
from interviews.payloads import console_question, display_name, public_question
from interviews.sensitive_words import flagged_words
from interviews.text import clean_text

OPEN_FOR_QUESTIONS = (BroadcastStatus.SCHEDULED, BroadcastStatus.LIVE)


def _tell_staff(question: Question, action: str, actor=None) -> None:
    payload = {**console_question(question), "action": action, "actor": display_name(actor)}
    record_event(question.interview_id, Stream.CONSOLE, "question.updated", payload, question=question)


@transaction.atomic
def ask_question(interview: InterviewPage, nickname: str, text: str, contact: str = "", address: str = "") -> Question:
    """Store a citizen's question for moderation, made plain and safe, flagging its sensitive words."""
    nickname, contact = clean_text(nickname, single_line=True), clean_text(contact, single_line=True)
    text = clean_text(text)
    if not nickname or not text:
        raise InterviewError("请填写昵称和问题内容。", status=400)
    broadcast = broadcast_of(interview)
    if not interview.live or broadcast.status not in OPEN_FOR_QUESTIONS:
        raise InterviewError("本期访谈已结束，不再接受提问。", status=403)
    question = Question.objects.create(
        interview=interview,
        nickname=nickname,
        text=text,
        contact=contact,
        flagged_words=flagged_words(f"{nickname}\n{text}"),
        client_address=address or None,
    )
    payload = {**console_question(question, duplicates=0), "action": "asked", "actor": question.nickname}
    record_event(interview.pk, Stream.CONSOLE, "question.created", payload, question=question)
    return question


def _question(interview: InterviewPage, question_id: int) -> Question:
    question = Question.objects.select_for_update().filter(interview=interview, pk=question_id).first()
    if question is None:
        raise InterviewError("问题不存在。", status=404)
    return question


def _moderated(question: Question, status: QuestionStatus, actor) -> None:
    question.status, question.moderated_by, question.moderated_at = status, actor, timezone.now()
    question.save(update_fields=["status", "moderated_by", "moderated_at", "merged_into"])


@transaction.atomic
def approve_question(interview: InterviewPage, question_id: int, actor) -> Question:
    question = _question(interview, question_id)
    if question.status != QuestionStatus.PENDING:
        raise InterviewError(f"该问题{question.get_status_display()}，不能再审核通过。")
    _moderated(question, QuestionStatus.APPROVED, actor)
    record_event(interview.pk, Stream.PUBLIC, "question.published", public_question(question), question=question)
    _tell_staff(question, "approved", actor)
    return question


@transaction.atomic
def reject_question(interview: InterviewPage, question_id: int, actor) -> Question:
    question = _question(interview, question_id)
    if question.status not in (QuestionStatus.PENDING, QuestionStatus.APPROVED):
        raise InterviewError(f"该问题{question.get_status_display()}，不能设为未通过。")
    _withdraw_if_public(question)
    _moderated(question, QuestionStatus.REJECTED, actor)
    _tell_staff(question, "rejected", actor)
    return question


@transaction.atomic
def merge_question(interview: InterviewPage, question_id: int, into_id: int, actor) -> Question:
    """Fold a duplicate into the question that stands for it; the answer to that one answers both."""
    question = _question(interview, question_id)
    target = _question(interview, into_id)
    if question.pk == target.pk:
        raise InterviewError("不能把问题合并到它自己。", status=400)
    if question.status not in (QuestionStatus.PENDING, QuestionStatus.APPROVED):
        raise InterviewError(f"该问题{question.get_status_display()}，不能合并。")
    if target.status in (QuestionStatus.REJECTED, QuestionStatus.MERGED):
        raise InterviewError(f"目标问题{target.get_status_display()}，请合并到有效的问题。")
    _withdraw_if_public(question)
    question.merged_into = target
    _moderated(question, QuestionStatus.MERGED, actor)
    _tell_staff(question, "merged", actor)
    _tell_staff(target, "duplicate_added", actor)
    return question


@transaction.atomic
def answer_question(interview: InterviewPage, question_id: int, guest: InterviewGuest, text: str, actor) -> Message:
    """A guest's answer, shown with the question; answering a pending question also approves it."""
    question = _question(interview, question_id)
    if question.status not in (QuestionStatus.PENDING, QuestionStatus.APPROVED):
        raise InterviewError(f"该问题{question.get_status_display()}，不能答复。")
    message = post_message(interview, actor, MessageKind.ANSWER, text, guest=guest, question=question)
    _moderated(question, QuestionStatus.ANSWERED, actor)
    _tell_staff(question, "answered", actor)
    return message


def reopen_answered_question(question: Question) -> None:
    """An answer was deleted: its question waits for an answer again, publicly listed."""
    if question.status != QuestionStatus.ANSWERED:
        return
    question.status = QuestionStatus.APPROVED
    question.save(update_fields=["status"])
    record_event(
        question.interview_id, Stream.PUBLIC, "question.published", public_question(question), question=question
    )
    _tell_staff(question, "reopened")


def _withdraw_if_public(question: Question) -> None:
    if question.status == QuestionStatus.APPROVED:
        payload = {"id": question.pk, "withdrawn": True}
        rewrite_history(payload, question=question)
        record_event(question.interview_id, Stream.PUBLIC, "question.withdrawn", payload, question=question)
