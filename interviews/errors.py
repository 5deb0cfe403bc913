"""What an interview action refuses, in words for the person who asked for it."""

from http import HTTPStatus


class InterviewError(Exception):
    """An action the interview's state or the input does not allow; `status` is the HTTP answer."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.CONFLICT):
        super().__init__(message)
        self.message = message
        self.status = status
