from django.urls import path

from interviews.consumers import ConsoleConsumer, InterviewConsumer

websocket_urlpatterns = [
    path("ws/interviews/<int:interview_id>/", InterviewConsumer.as_asgi()),
    path("ws/interviews/<int:interview_id>/console/", ConsoleConsumer.as_asgi()),
]
