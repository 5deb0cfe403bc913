"""The sensitive words citizens' questions are checked against (see interviews/sensitive_words.py)."""

from django.db import models

__all__ = ["SensitiveWord"]


class SensitiveWord(models.Model):
    word = models.CharField("敏感词", max_length=40, unique=True, help_text="网友提问含有此词时，提醒审核员注意。")

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word
