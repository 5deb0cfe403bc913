"""The 文字实录 in the form gov.cn uses: `[speaker] text [MM-DD HH:MM]`, questions as `[网友 昵称]`."""

from dataclasses import dataclass

from django.utils import timezone

from interviews.enums import MessageKind
from interviews.models import InterviewPage, Message


@dataclass(frozen=True)
class TranscriptLine:
    speaker: str
    text: str
    time: object
    supplement: bool = False

    def __str__(self) -> str:
        stamp = timezone.localtime(self.time).strftime("%m-%d %H:%M")
        text = f"（补录）{self.text}" if self.supplement else self.text
        return f"[{self.speaker}] {text} [{stamp}]"


def message_lines(message: Message) -> list[TranscriptLine]:
    """The lines of one message: an answer is preceded by the question it answers."""
    lines = []
    if message.kind == MessageKind.ANSWER and message.question is not None:
        question = message.question
        lines.append(TranscriptLine(f"网友 {question.nickname}", question.text, question.created_at))
    if message.kind == MessageKind.NOTICE:
        speaker = "公告"
    elif message.kind == MessageKind.HOST:
        speaker = "主持人"
    else:
        speaker = message.speaker_name
    text = message.text
    if message.image_id:
        text = f"[图片] {text}".strip()
    lines.append(TranscriptLine(speaker, text, message.created_at, message.supplement))
    return lines


def transcript_lines(interview: InterviewPage) -> list[TranscriptLine]:
    messages = (
        Message.objects.filter(interview=interview, deleted_at__isnull=True).select_related("question").order_by("id")
    )
    return [line for message in messages for line in message_lines(message)]


def transcript_text(interview: InterviewPage) -> str:
    return "\n".join(str(line) for line in transcript_lines(interview))
