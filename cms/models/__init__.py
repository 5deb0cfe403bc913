from .base import BasePage

__all__ = ["BasePage"]
