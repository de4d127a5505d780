from django.urls import path

from claims import views

app_name = "claims"
urlpatterns = [
    path("<int:pk>/", views.claim_detail, name="claim"),
    path("events/<slug:slug>/", views.event_claims, name="event_claims"),
]
