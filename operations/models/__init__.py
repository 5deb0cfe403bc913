from operations.models.security_events import SecurityEvent

__all__ = ["SecurityEvent"]
