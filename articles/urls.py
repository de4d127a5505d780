from django.urls import path

from articles import views

app_name = "articles"
urlpatterns = [
    path("", views.event_list, name="events"),
    path("search/", views.search, name="search"),
    path("events/<slug:slug>/", views.event_detail, name="event"),
    path("events/<slug:slug>/quotes/", views.event_quotes, name="event_quotes"),
    path("events/<slug:slug>/quotes/<int:pk>/", views.quote_group, name="quote_group"),
    path("events/<slug:slug>/compare/", views.compare, name="compare"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet"),
    path("people/", views.person_list, name="people"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
