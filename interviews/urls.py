from django.urls import path

from interviews import views

app_name = "interviews"
urlpatterns = [
    path("api/interviews/<int:interview_id>/events/", views.events, name="events"),
    path("api/interviews/<int:interview_id>/messages/", views.messages, name="messages"),
    path("api/interviews/<int:interview_id>/questions/", views.questions, name="questions"),
]
